package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/biroadpim/pantau/analytics/documents"
	"github.com/biroadpim/pantau/analytics/emerging"
	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/analytics/internal/fixture"
	"github.com/biroadpim/pantau/analytics/internal/seed"
	"github.com/biroadpim/pantau/analytics/leaders"
	"github.com/biroadpim/pantau/analytics/releases"
	"github.com/biroadpim/pantau/analytics/spikes"
	"github.com/biroadpim/pantau/analytics/stories"
	"github.com/biroadpim/pantau/pipeline/nlp"
	"github.com/biroadpim/pantau/pipeline/store"
)

const token = "rahasia-uji-123"

var (
	// seeded is set once the fixture week is loaded: the API tests only
	// read, so they share it.
	seeded      bool
	nlpOnce     sync.Once
	nlpAnalyzer *nlp.Analyzer
	nlpErr      error
)

// newServer serves the API over the fixture week, with the real NLP analyzer
// behind /analyze.
func newServer(t *testing.T) (*httptest.Server, fixture.Corpus) {
	t.Helper()
	c := fixture.Week()
	var s *store.Store
	if seeded {
		s = chtest.Open(t)
	} else {
		s = chtest.Store(t)
		seed.Load(t, s, c)
		seeded = true
	}
	nlpOnce.Do(func() { nlpAnalyzer, nlpErr = nlp.New(nlp.Options{}) })
	if nlpErr != nil {
		t.Fatal(nlpErr)
	}
	a, err := New(Options{Conn: s.Conn(), Tokens: []string{token}, RequireAuth: true,
		Now:      func() time.Time { return c.Now },
		Analyzer: AnalyzerFunc(func(title, lead, body string) any { return nlpAnalyzer.AnalyzeDocument(title, lead, body) })})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(a.Handler())
	t.Cleanup(srv.Close)
	return srv, c
}

func get(t *testing.T, srv *httptest.Server, path string, out any) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	return do(t, req, out)
}

func do(t *testing.T, req *http.Request, out any) int {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("%s: content type %q", req.URL, res.Header.Get("Content-Type"))
	}
	if err := json.Unmarshal(body, out); err != nil {
		t.Fatalf("%s: %v in %s", req.URL, err, body)
	}
	return res.StatusCode
}

func ts(t time.Time) string { return url.QueryEscape(t.Format(time.RFC3339)) }

// TestFixtureWeek is the acceptance scenario: the injected flood burst in
// Samarinda, the syndicated release and the leaders' clash all show up.
func TestFixtureWeek(t *testing.T) {
	srv, c := newServer(t)

	t.Run("issues ranks banjir as emerging", func(t *testing.T) {
		var res struct {
			Emerging []emerging.Burst      `json:"emerging"`
			Trend    []emerging.IssueTrend `json:"trend"`
		}
		if code := get(t, srv, "/api/v1/issues", &res); code != 200 {
			t.Fatalf("status %d", code)
		}
		var firstIssue string
		for _, b := range res.Emerging {
			if b.Kind == emerging.KindIssue {
				firstIssue = b.Key
				break
			}
		}
		if firstIssue != "banjir" {
			t.Fatalf("first emerging issue %q, want banjir: %+v", firstIssue, res.Emerging)
		}
		if len(res.Trend) == 0 {
			t.Error("no trend")
		}
	})

	t.Run("spikes reports the flood spike with its articles", func(t *testing.T) {
		var rep spikes.Report
		if code := get(t, srv, "/api/v1/spikes", &rep); code != 200 {
			t.Fatalf("status %d", code)
		}
		if !rep.Overall.Firing || len(rep.Issues) == 0 || rep.Issues[0].Issue != "banjir" || !rep.Issues[0].Firing || len(rep.Issues[0].Articles) == 0 {
			t.Fatalf("spike report %+v", rep)
		}
		for _, a := range rep.Issues[0].Articles {
			if !strings.HasPrefix(a.ID, "burst-") || a.URL == "" {
				t.Errorf("spike article %+v", a)
			}
		}
	})

	t.Run("releases shows every outlet that carried the release", func(t *testing.T) {
		var res struct {
			Releases []releases.Release `json:"releases"`
			Voice    []releases.Voice   `json:"share_of_voice"`
		}
		if code := get(t, srv, "/api/v1/releases", &res); code != 200 {
			t.Fatalf("status %d", code)
		}
		if len(res.Releases) != 1 {
			t.Fatalf("releases %+v", res.Releases)
		}
		got := map[string]bool{}
		for _, cr := range res.Releases[0].Carriers {
			got[cr.ID] = true
		}
		for _, id := range c.PickupIDs {
			if !got[id] {
				t.Errorf("carrier %s missing from %v", id, got)
			}
		}
		if len(got) != len(c.PickupIDs) {
			t.Errorf("carriers %v", got)
		}
		var st stories.Story
		if code := get(t, srv, "/api/v1/stories/"+url.PathEscape(res.Releases[0].StoryID), &st); code != 200 {
			t.Fatalf("story status %d", code)
		}
		if st.First.ID != c.ReleaseID || st.Outlets != 1+len(c.PickupIDs) || st.Official != 1 {
			t.Errorf("story %+v", st)
		}
	})

	t.Run("leaders flags the governor and vice-governor", func(t *testing.T) {
		var res struct {
			Leaders         []leaders.Leader   `json:"leaders"`
			Inconsistencies []leaders.Conflict `json:"inconsistencies"`
		}
		if code := get(t, srv, "/api/v1/leaders", &res); code != 200 {
			t.Fatalf("status %d", code)
		}
		if len(res.Inconsistencies) != 1 {
			t.Fatalf("inconsistencies %+v", res.Inconsistencies)
		}
		k := res.Inconsistencies[0]
		if k.Issue != "banjir" || k.A.Speaker != fixture.Governor || k.B.Speaker != fixture.ViceGovernor {
			t.Errorf("conflict %+v", k)
		}
		var d leaders.Detail
		if code := get(t, srv, "/api/v1/leaders/"+url.PathEscape(fixture.Governor), &d); code != 200 {
			t.Fatalf("leader status %d", code)
		}
		if d.ID != fixture.Governor || d.Quotes != 2 || len(d.RecentQuotes) != 2 {
			t.Errorf("governor detail %+v", d.Leader)
		}
		var e map[string]string
		if code := get(t, srv, "/api/v1/leaders/Tidak%20Ada", &e); code != 404 || !strings.Contains(e["error"], "tidak ditemukan") {
			t.Errorf("unknown leader: %d %v", code, e)
		}
	})
}

func TestDocumentsFiltersAndPagination(t *testing.T) {
	srv, c := newServer(t)
	want := 0
	for _, d := range c.Docs {
		if d.Issues[0] == "banjir" && d.SentimentLabel == "negative" && d.PublishedAt.After(c.Now.Add(-7*24*time.Hour)) {
			want++
		}
	}
	seen := map[string]bool{}
	cursor := ""
	var last time.Time
	for pages := 0; ; pages++ {
		if pages > 20 {
			t.Fatal("pagination does not end")
		}
		var p documents.Page
		path := "/api/v1/documents?issue=banjir&sentiment=negative&limit=7"
		if cursor != "" {
			path += "&cursor=" + url.QueryEscape(cursor)
		}
		if code := get(t, srv, path, &p); code != 200 {
			t.Fatalf("status %d", code)
		}
		for _, d := range p.Documents {
			if seen[d.ID] {
				t.Fatalf("document %s on two pages", d.ID)
			}
			if !last.IsZero() && d.PublishedAt.After(last) {
				t.Fatalf("not newest first at %s", d.ID)
			}
			last = d.PublishedAt
			seen[d.ID] = true
			if d.Sentiment != "negative" || d.Issues[0] != "banjir" {
				t.Fatalf("filter not applied: %+v", d)
			}
		}
		if p.NextCursor == "" {
			break
		}
		cursor = p.NextCursor
	}
	if len(seen) != want {
		t.Errorf("%d documents over all pages, want %d", len(seen), want)
	}
	// One page across the day, week and older slices of a 8-day range.
	from := c.Now.Add(-8 * 24 * time.Hour)
	wantIKN := 0
	for _, d := range c.Docs {
		if d.Issues[0] == "ikn" && !d.PublishedAt.Before(from) && d.PublishedAt.Before(c.Now) {
			wantIKN++
		}
	}
	var all documents.Page
	get(t, srv, "/api/v1/documents?issue=ikn&limit=200&from="+ts(from), &all)
	if len(all.Documents) != wantIKN || all.NextCursor != "" {
		t.Errorf("ikn over 8 days: %d documents (next %q), want %d on one page", len(all.Documents), all.NextCursor, wantIKN)
	}
	for i := 1; i < len(all.Documents); i++ {
		if all.Documents[i].PublishedAt.After(all.Documents[i-1].PublishedAt) {
			t.Fatalf("ikn page not newest first at %d", i)
		}
	}
	// Quotes and backslashes are data, never SQL.
	for _, q := range []string{"Rudy Mas'ud", `Mas\'ud' OR 1=1 --`} {
		var pq documents.Page
		if code := get(t, srv, "/api/v1/documents?q="+url.QueryEscape(q), &pq); code != 200 {
			t.Fatalf("q=%s: status %d", q, code)
		}
		for _, d := range pq.Documents {
			// The name is in the statements' and the release's texts.
			if !strings.HasPrefix(d.ID, "stmt-gubernur") && !strings.HasPrefix(d.ID, "rel-") && !strings.HasPrefix(d.ID, "pick-") {
				t.Errorf("q=%s matched %s %q", q, d.ID, d.Title)
			}
		}
		if q == "Rudy Mas'ud" && len(pq.Documents) == 0 {
			t.Errorf("q=%s found nothing", q)
		}
		if q != "Rudy Mas'ud" && len(pq.Documents) != 0 {
			t.Errorf("q=%s found %d documents", q, len(pq.Documents))
		}
	}
	var p documents.Page
	get(t, srv, "/api/v1/documents?q=TANGGUL%20JEBOL&source=sapos", &p)
	if len(p.Documents) == 0 {
		t.Fatal("text search found nothing")
	}
	for _, d := range p.Documents {
		if d.Source != "sapos" {
			t.Errorf("source filter: %+v", d)
		}
	}
}

func TestErrorsAreJSONInBahasaIndonesia(t *testing.T) {
	srv, c := newServer(t)
	cases := []struct {
		path   string
		status int
		want   string
	}{
		{"/api/v1/documents?from=kemarin", 400, "parameter 'from' bukan tanggal RFC 3339"},
		{"/api/v1/documents?from=" + ts(c.Now) + "&to=" + ts(c.Now.Add(-time.Hour)), 400, "harus sebelum 'to'"},
		{"/api/v1/documents?from=2025-01-01&to=2026-01-01", 400, "terlalu panjang"},
		{"/api/v1/documents?limit=5000", 400, "parameter 'limit' harus bilangan bulat 1–200"},
		{"/api/v1/documents?sentiment=marah", 400, "parameter 'sentiment' harus salah satu dari"},
		{"/api/v1/documents?cursor=%21%21", 400, "parameter 'cursor' tidak dikenali"},
		{"/api/v1/spikes?window=48", 400, "parameter 'window'"},
		{"/api/v1/stories/tidak-ada", 404, "tidak ditemukan"},
		{"/api/v1/cerita", 404, "rute /api/v1/cerita tidak dikenal"},
	}
	for _, tc := range cases {
		var e map[string]string
		code := get(t, srv, tc.path, &e)
		if code != tc.status || !strings.Contains(e["error"], tc.want) {
			t.Errorf("%s: %d %q, want %d containing %q", tc.path, code, e["error"], tc.status, tc.want)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/documents", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	var e405 map[string]string
	if code := do(t, req, &e405); code != 405 || !strings.Contains(e405["error"], "pakai GET") {
		t.Errorf("POST documents: %d %v", code, e405)
	}
	for _, auth := range []string{"", "Bearer salah", "Basic " + token} {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/api/v1/sources", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		var e map[string]string
		if code := do(t, req, &e); code != 401 || !strings.Contains(e["error"], "Authorization: Bearer") {
			t.Errorf("auth %q: %d %v", auth, code, e)
		}
	}
}

func TestAnalyzeAndSources(t *testing.T) {
	srv, _ := newServer(t)
	body := `{"id":"x1","title":"Banjir rendam Samarinda","body":"Gubernur Kalimantan Timur Rudy Mas'ud meninjau banjir di Samarinda. Warga kecewa karena bantuan terlambat."}`
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/v1/analyze", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	var res nlp.Result
	if code := do(t, req, &res); code != 200 {
		t.Fatalf("analyze status %d", code)
	}
	if res.ID != "x1" || res.Sentiment.Label == "" || len(res.Entities) == 0 {
		t.Errorf("analysis %+v", res)
	}
	req, _ = http.NewRequest(http.MethodPost, srv.URL+"/api/v1/analyze", strings.NewReader(`{"teks":"x"}`))
	req.Header.Set("Authorization", "Bearer "+token)
	var e map[string]string
	if code := do(t, req, &e); code != 400 || !strings.Contains(e["error"], "bukan JSON yang sah") {
		t.Errorf("bad analyze body: %d %v", code, e)
	}
	var spec map[string]any
	req, _ = http.NewRequest(http.MethodGet, srv.URL+"/api/v1/openapi.json", nil)
	if code := do(t, req, &spec); code != 200 || spec["openapi"] != "3.0.3" {
		t.Errorf("openapi.json without a token: %d %v", code, spec["openapi"])
	}
	var src struct {
		Sources []struct {
			Source   string `json:"source"`
			Official bool   `json:"official"`
			Last24h  int    `json:"last_24h"`
			Stale    bool   `json:"stale"`
		} `json:"sources"`
	}
	if code := get(t, srv, "/api/v1/sources", &src); code != 200 {
		t.Fatalf("sources status %d", code)
	}
	if len(src.Sources) != len(fixture.Media)+1 {
		t.Errorf("%d sources, want %d", len(src.Sources), len(fixture.Media)+1)
	}
	for _, s := range src.Sources {
		// One release a week: two days of silence is its rhythm, not staleness.
		if s.Source == fixture.OfficialSource && (!s.Official || s.Last24h != 0 || s.Stale) {
			t.Errorf("official source: %+v", s)
		}
		if s.Source == "sapos" && (s.Stale || s.Last24h == 0) {
			t.Errorf("sapos is fresh: %+v", s)
		}
	}
}

func TestAuthConfiguration(t *testing.T) {
	for addr, want := range map[string]bool{"127.0.0.1:8080": false, "localhost:8080": false, "[::1]:80": false, ":8080": true, "0.0.0.0:8080": true, "10.0.0.5:80": true} {
		if got := RequiresAuth(addr); got != want {
			t.Errorf("RequiresAuth(%q) = %v", addr, got)
		}
	}
	if _, err := New(Options{Conn: fakeConn{}, RequireAuth: true}); err == nil || !strings.Contains(err.Error(), "bearer token") {
		t.Errorf("non-loopback without tokens: %v", err)
	}
	if _, err := New(Options{Conn: fakeConn{}, TokenHashes: []string{"abc"}}); err == nil {
		t.Error("bad hash accepted")
	}
	a, err := New(Options{Conn: fakeConn{}, TokenHashes: []string{HashToken("t1")}, Tokens: []string{"t2"}})
	if err != nil {
		t.Fatal(err)
	}
	for tok, want := range map[string]bool{"t1": true, "t2": true, "t3": false, "": false} {
		r := httptest.NewRequest(http.MethodGet, "/api/v1/sources", nil)
		r.Header.Set("Authorization", "bearer "+tok)
		if got := a.authorized(r); got != want {
			t.Errorf("token %q authorized = %v", tok, got)
		}
	}
}

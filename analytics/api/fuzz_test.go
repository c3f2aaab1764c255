package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
)

// FuzzQueryParameters sends arbitrary query strings to every GET endpoint
// against the real engine: the answer is valid JSON, an analyst's 4xx with
// an "error" message or a 200, never a 5xx (which would mean the input
// reached SQL in a way the engine rejected).
func FuzzQueryParameters(f *testing.F) {
	for _, seed := range []string{
		"q=banjir&issue=banjir&sentiment=negative&from=2026-11-01&to=2026-11-20",
		"limit=0", "limit=-1", "limit=99999999999999999999", "from=2026-11-20&to=2026-11-01",
		"q=%27%3B+DROP+TABLE+pantau.documents--", "q=%5C%27%7B%7D", "entity=Rudy+Mas%27ud", "cursor=abc",
		"source=%00%ff", "from=0000-01-01T00:00:00Z", "official=maybe", "window=9999",
	} {
		f.Add("documents", seed)
	}
	f.Add("issues", "from=2026-11-01")
	f.Add("spikes", "at=2026-11-20T10:00:00+08:00")
	f.Add("leaders", "from=2026-11-01&to=2026-11-02")
	f.Add("releases", "limit=5")
	f.Add("sources", "")
	f.Add("stories/x", "")
	f.Add("leaders/rudy-masud", "q=x")
	s := chtest.Open(f)
	a, err := New(Options{Conn: s.Conn(), Now: func() time.Time { return time.Date(2026, 11, 20, 12, 0, 0, 0, wita) }, RatePerSecond: 1e9, Burst: 1 << 30})
	if err != nil {
		f.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	f.Fuzz(func(t *testing.T, path, query string) {
		if strings.ContainsAny(path, "?#% \t\r\n") || strings.Contains(path, "..") {
			return
		}
		r, err := http.NewRequest(http.MethodGet, "/api/v1/"+path+"?"+query, nil)
		if err != nil {
			return
		}
		r.RemoteAddr = "127.0.0.1:1"
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, r)
		if w.Code >= 500 && w.Code != http.StatusGatewayTimeout {
			t.Fatalf("GET %s?%s: status %d: %s", path, query, w.Code, w.Body.String())
		}
		if w.Code == http.StatusMovedPermanently || w.Code == http.StatusTemporaryRedirect || w.Code == http.StatusPermanentRedirect {
			return // the mux cleaning the path
		}
		var body map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil {
			t.Fatalf("GET %s?%s: status %d, body is not JSON: %q", path, query, w.Code, w.Body.String())
		}
		if w.Code >= 400 {
			if msg, _ := body["error"].(string); msg == "" {
				t.Fatalf("GET %s?%s: status %d without an error message", path, query, w.Code)
			}
		}
	})
}

package collector

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"google.golang.org/protobuf/proto"

	"github.com/biroadpim/pantau/collectors/portaltest"
	"github.com/biroadpim/pantau/collectors/seen"
	"github.com/biroadpim/pantau/collectors/sources"
	"github.com/biroadpim/pantau/pipeline/bus"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// startBus runs a real embedded NATS server with JetStream, the Pantau
// streams and the seen bucket.
func startBus(t *testing.T) (jetstream.JetStream, jetstream.KeyValue) {
	t.Helper()
	s, err := bus.StartEmbedded(bus.ServerOptions{StoreDir: t.TempDir(), Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(); s.WaitForShutdown() })
	nc, err := nats.Connect(s.ClientURL())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := bus.EnsureStreams(ctx, js, bus.StreamConfig{}); err != nil {
		t.Fatal(err)
	}
	kv, err := bus.EnsureSeenBucket(ctx, js, 1)
	if err != nil {
		t.Fatal(err)
	}
	return js, kv
}

// published returns every document in the raw stream, in order.
func published(t *testing.T, js jetstream.JetStream) []*pantauv1.Document {
	t.Helper()
	ctx := context.Background()
	st, err := js.Stream(ctx, bus.RawStream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []*pantauv1.Document
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && info.State.Msgs > 0; seq++ {
		m, err := st.GetMsg(ctx, seq)
		if err != nil {
			t.Fatal(err)
		}
		var d pantauv1.Document
		if err := proto.Unmarshal(m.Data, &d); err != nil {
			t.Fatal(err)
		}
		if m.Subject != bus.RawPrefix+d.GetSource() {
			t.Errorf("document %s on subject %s", d.GetId(), m.Subject)
		}
		if got, want := m.Header.Get(jetstream.MsgIDHeader), bus.MsgID(d.GetId(), d.GetVersion()); got != want {
			t.Errorf("Nats-Msg-Id %q, want %q", got, want)
		}
		out = append(out, &d)
	}
	return out
}

func portalSource(t *testing.T, p *portaltest.Portal) sources.Source {
	t.Helper()
	yml := fmt.Sprintf(`sources:
  - name: portal-uji
    kind: news
    official: true
    feeds: [%[1]s/rss.xml, %[1]s/sitemap_index.xml]
    start: [%[1]s/indeks]
    article_pattern: '%[2]s'
    allow_private: true
    max_pages: 3
`, p.Server.URL, portaltest.ArticlePattern)
	list, err := sources.Parse([]byte(yml), "portal.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return list[0]
}

func testConfig() Config {
	return Config{
		Delay:         time.Millisecond,
		Parallelism:   2,
		Timeout:       400 * time.Millisecond,
		MaxBodyBytes:  256 << 10,
		MaxRedirects:  4,
		Retries:       1,
		Backoff:       20 * time.Millisecond,
		MaxRetryAfter: 3 * time.Second,
	}
}

func TestCollectPortal(t *testing.T) {
	portal := portaltest.New(12)
	portal.SlowDelay = 2 * time.Second
	defer portal.Close()
	js, kv := startBus(t)
	src := portalSource(t, portal)
	reg := prometheus.NewPedanticRegistry()
	store := seen.NewKV(kv)
	newCollector := func(r prometheus.Registerer) *Collector {
		c, err := New(Options{Sources: []sources.Source{src}, Publisher: bus.NewPublisher(js), Seen: store, Registerer: r, Config: testConfig()})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c := newCollector(reg)
	ctx := context.Background()

	if err := c.RunOnce(ctx); err != nil {
		t.Fatalf("first pass: %v", err)
	}
	docs := published(t, js)
	want := portal.Articles()
	if len(docs) != len(want) {
		var got []string
		for _, d := range docs {
			got = append(got, d.GetUrl())
		}
		t.Fatalf("published %d documents, want %d:\n%s", len(docs), len(want), strings.Join(got, "\n"))
	}
	byPath := map[string]*pantauv1.Document{}
	for _, d := range docs {
		u, _ := url.Parse(d.GetCanonicalUrl())
		byPath[u.Path] = d
	}
	for _, a := range want {
		d, ok := byPath[a.Path()]
		if !ok {
			t.Errorf("article %s (style %d) not published", a.Path(), a.Style)
			continue
		}
		checkDocument(t, a, d, portal.URL(a.Path()))
	}

	// Never requested: robots-disallowed paths, the listing page beyond
	// the depth limit and what only it links to, anything off-site.
	for _, p := range []string{portaltest.PathDisallowed, "/rahasia/catatan", "/indeks?page=4", portaltest.PathBeyondDepth, "/cari?q=kaltim", "/tag/banjir"} {
		if n := portal.Hits(p); n != 0 {
			t.Errorf("%s requested %d times, want never", p, n)
		}
	}
	if n := portal.Hits("/robots.txt"); n != 1 {
		t.Errorf("robots.txt fetched %d times in one pass, want 1", n)
	}
	if n := portal.Hits(portaltest.PathServerError); n != 2 {
		t.Errorf("500 page requested %d times, want 2 (one retry)", n)
	}
	if n := portal.Hits(portaltest.PathRateLimited); n != 2 {
		t.Errorf("429 page requested %d times, want 2 (retry after Retry-After)", n)
	}
	if n := portal.Hits(portaltest.PathLoopA) + portal.Hits(portaltest.PathLoopB); n == 0 || n > testConfig().MaxRedirects {
		t.Errorf("redirect loop requested %d times, want 1..%d (bounded, not retried)", n, testConfig().MaxRedirects)
	}

	for kind, min := range map[string]float64{"status_5xx": 1, "timeout": 1, "redirects": 1, "too_large": 1, "forbidden_domain": 1, "extract": 1, "robots": 1} {
		if v := testutil.ToFloat64(c.m.errors.WithLabelValues("portal-uji", kind)); v < min {
			t.Errorf("errors_total{kind=%q} = %v, want ≥ %v", kind, v, min)
		}
	}
	if v := testutil.ToFloat64(c.m.robots.WithLabelValues("portal-uji")); v < 1 {
		t.Errorf("robots refusals = %v, want ≥ 1", v)
	}
	if v := testutil.ToFloat64(c.m.published.WithLabelValues("portal-uji")); v != float64(len(want)) {
		t.Errorf("documents_published_total = %v, want %d", v, len(want))
	}
	if v := testutil.ToFloat64(c.m.lastSuccess.WithLabelValues("portal-uji")); v == 0 {
		t.Error("last success time not set")
	}
	if n, err := testutil.GatherAndCount(reg, "pantau_collector_newest_document_age_seconds"); err != nil || n != 1 {
		t.Errorf("freshness series: %d, %v", n, err)
	}

	// Second pass: nothing new is published and no article is fetched again.
	portal.ResetRequests()
	if err := c.RunOnce(ctx); err != nil {
		t.Fatalf("second pass: %v", err)
	}
	if got := len(published(t, js)); got != len(want) {
		t.Fatalf("second pass published %d new documents, want 0", got-len(want))
	}
	for _, a := range want {
		if n := portal.Hits(a.Path()); n != 0 {
			t.Errorf("second pass fetched unchanged article %s", a.Path())
		}
	}

	// A restarted collector (fresh process, same bucket) publishes nothing.
	c2 := newCollector(prometheus.NewRegistry())
	if err := c2.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if got := len(published(t, js)); got != len(want) {
		t.Fatalf("restart published %d documents, want 0", got-len(want))
	}

	// An edited article (new lastmod in the sitemap, new content) is
	// published again as version 2.
	edited := want[2] // a Kaltim Today-like page
	add := "Pembaruan: pemerintah daerah menambah dua posko pengaduan di kelurahan terdampak."
	portal.Edit(edited.ID, add, portaltest.Base.Add(2*time.Hour))
	if err := c2.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	docs = published(t, js)
	if len(docs) != len(want)+1 {
		t.Fatalf("after an edit %d documents, want %d", len(docs), len(want)+1)
	}
	last := docs[len(docs)-1]
	if last.GetVersion() != 2 || !strings.Contains(last.GetBody(), add) || last.GetId() != byPath[edited.Path()].GetId() {
		t.Errorf("edited article published as version %d, id %s (want 2, %s), body has edit: %v",
			last.GetVersion(), last.GetId(), byPath[edited.Path()].GetId(), strings.Contains(last.GetBody(), add))
	}
}

func checkDocument(t *testing.T, a portaltest.Article, d *pantauv1.Document, pageURL string) {
	t.Helper()
	if d.GetTitle() != a.Title {
		t.Errorf("%s: title %q, want %q", a.Path(), d.GetTitle(), a.Title)
	}
	if !d.GetPublishedAt().AsTime().Equal(a.Published) {
		t.Errorf("%s (style %d): published %s, want %s", a.Path(), a.Style, d.GetPublishedAt().AsTime(), a.Published)
	}
	if d.GetAuthor() != a.Author {
		t.Errorf("%s (style %d): author %q, want %q", a.Path(), a.Style, d.GetAuthor(), a.Author)
	}
	for _, p := range a.Paragraphs {
		if !strings.Contains(d.GetBody(), p) {
			t.Errorf("%s (style %d): body lacks %q\nbody:\n%s", a.Path(), a.Style, p, d.GetBody())
		}
	}
	for _, junk := range []string{"Baca juga", "WhatsApp", "Disclaimer", "Copyright", "Hak Cipta", "Editor", "Berita Terkait", "Halaman 1/2", "Terpopuler", "Share:", "Bagikan", "Related", "tanggung jawab"} {
		if strings.Contains(d.GetBody(), junk) {
			t.Errorf("%s (style %d): body keeps boilerplate %q\nbody:\n%s", a.Path(), a.Style, junk, d.GetBody())
		}
	}
	canon, _ := bus.CanonicalURL(pageURL)
	if d.GetCanonicalUrl() != canon || d.GetId() != bus.DocumentID(canon) {
		t.Errorf("%s: canonical %s id %s, want %s %s", a.Path(), d.GetCanonicalUrl(), d.GetId(), canon, bus.DocumentID(canon))
	}
	if d.GetKind() != pantauv1.Kind_KIND_ARTICLE || d.GetSource() != "portal-uji" || !d.GetOfficial() || d.GetVersion() != 1 ||
		d.GetLanguageHint() != "id" || d.GetContentHash() == "" || d.GetCollectedAt() == nil {
		t.Errorf("%s: fields kind=%v source=%q official=%v version=%d lang=%q hash=%q", a.Path(), d.GetKind(), d.GetSource(), d.GetOfficial(), d.GetVersion(), d.GetLanguageHint(), d.GetContentHash())
	}
	if slices.Contains([]string{"", "http"}, d.GetUrl()) {
		t.Errorf("%s: empty url", a.Path())
	}
}

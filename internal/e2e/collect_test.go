package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/biroadpim/pantau/collectors/portaltest"
)

// TestRunCollectsLocalPortal: `pantau run --sources FILE` against a local
// portal of N articles stores exactly N clean documents, analysed, and a
// restart publishes nothing new.
func TestRunCollectsLocalPortal(t *testing.T) {
	requireEngine(t)
	portal := portaltest.New(8)
	portal.SlowDelay = 1500 * time.Millisecond
	defer portal.Close()
	bin := pantauBinary(t)
	dir := t.TempDir()
	srcFile := filepath.Join(dir, "sources.yaml")
	yml := fmt.Sprintf(`sources:
  - name: portal-uji
    kind: news
    feeds: [%[1]s/rss.xml, %[1]s/sitemap_index.xml]
    start: [%[1]s/indeks]
    article_pattern: '%[2]s'
    allow_private: true
    max_pages: 3
    interval: 1h
`, portal.Server.URL, portaltest.ArticlePattern)
	if err := os.WriteFile(srcFile, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"PANTAU_SOURCES_FILE=" + srcFile,
		"PANTAU_COLLECTOR_DELAY=1ms", "PANTAU_COLLECTOR_RANDOM_DELAY=0s", "PANTAU_COLLECTOR_TIMEOUT=800ms",
		"PANTAU_COLLECTOR_RETRIES=1", "PANTAU_COLLECTOR_BACKOFF=20ms", "PANTAU_COLLECTOR_MAX_RETRY_AFTER=3s",
	}
	data := filepath.Join(dir, "data")
	hp, np, cp := freePort(t), freePort(t), freePort(t)
	s := startServerRoles(t, bin, data, "collect,process,serve", hp, np, cp, env...)
	want := uint64(len(portal.Articles()))
	got := waitCount(t, func(contextT) (uint64, error) { return s.count() }, want, 120*time.Second)
	time.Sleep(2 * time.Second)
	got, _ = s.count()
	if got != want {
		s.stop()
		t.Fatalf("stored %d documents from the portal, want exactly %d\n%s", got, want, s.log.String())
	}
	for _, a := range portal.Articles() {
		out, err := s.queryParams("SELECT title, toString(published_at), length(body) > 200, sentiment_label != '' FROM pantau.documents FINAL WHERE endsWith(url, {path:String})",
			map[string]string{"path": a.Path()})
		if err != nil {
			t.Fatal(err)
		}
		fields := strings.Split(out, "\t")
		if len(fields) != 4 {
			t.Errorf("article %s not stored: %q", a.Path(), out)
			continue
		}
		if fields[0] != a.Title {
			t.Errorf("title %q, want %q", fields[0], a.Title)
		}
		wantTime := a.Published.In(time.FixedZone("WITA", 8*3600)).Format("2006-01-02 15:04:05")
		if !strings.HasPrefix(fields[1], wantTime) {
			t.Errorf("%s published_at %s, want %s WITA", a.Path(), fields[1], wantTime)
		}
		if fields[2] != "1" || fields[3] != "1" {
			t.Errorf("%s: body too short or not analysed: %q", a.Path(), out)
		}
	}
	if n := portal.Hits(portaltest.PathDisallowed); n != 0 {
		t.Errorf("robots-disallowed page requested %d times", n)
	}
	s.stop()

	// A restart (collectors run again at start) publishes nothing new.
	portal.ResetRequests()
	s = startServerRoles(t, bin, data, "collect,process,serve", hp, np, cp, env...)
	defer s.stop()
	time.Sleep(5 * time.Second)
	if got, err := s.count(); err != nil || got != want {
		t.Fatalf("after restart: %d documents (%v), want %d", got, err, want)
	}
	raw, err := s.query("SELECT count() FROM pantau.documents")
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := strconv.Atoi(raw); n > int(want) {
		t.Errorf("restart re-published: %d rows for %d documents", n, want)
	}
}

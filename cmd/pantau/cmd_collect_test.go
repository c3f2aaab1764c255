package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/biroadpim/pantau/collectors/portaltest"
	"github.com/biroadpim/pantau/pipeline/bus"
)

// TestCollectOnceLocalPortal is the acceptance check of the collector:
// against a local portal with N articles, `pantau collect --once` publishes
// exactly N documents, a second run publishes none, and robots-disallowed
// pages are never requested.
func TestCollectOnceLocalPortal(t *testing.T) {
	portal := portaltest.New(8)
	portal.SlowDelay = 50 * time.Millisecond
	defer portal.Close()
	srv, err := bus.StartEmbedded(bus.ServerOptions{StoreDir: t.TempDir(), Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { srv.Shutdown(); srv.WaitForShutdown() }()

	file := filepath.Join(t.TempDir(), "sources.yaml")
	yml := fmt.Sprintf(`sources:
  - name: portal-lokal
    kind: news
    feeds: [%[1]s/rss.xml, %[1]s/sitemap_index.xml]
    start: [%[1]s/indeks]
    article_pattern: '%[2]s'
    allow_private: true
`, portal.Server.URL, portaltest.ArticlePattern)
	if err := os.WriteFile(file, []byte(yml), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"collect", "--once", "--sources", file, "--nats-url", srv.ClientURL(), "--delay", "1ms", "--retries", "1", "--log-level", "warn"}
	run := func() string {
		var out, errb bytes.Buffer
		if code := dispatch(context.Background(), &cmdEnv{stdout: &out, stderr: &errb}, args); code != 0 {
			t.Fatalf("pantau collect exit %d:\n%s", code, errb.String())
		}
		return errb.String()
	}
	n := len(portal.Articles())
	msg := run()
	if got := streamMsgs(t, srv.ClientURL()); got != uint64(n) {
		t.Fatalf("first run: %d documents in %s, want %d\n%s", got, bus.RawStream, n, msg)
	}
	if !strings.Contains(msg, fmt.Sprintf("selesai: %d dokumen terkirim", n)) {
		t.Errorf("summary line missing or wrong:\n%s", msg)
	}
	msg = run()
	if got := streamMsgs(t, srv.ClientURL()); got != uint64(n) {
		t.Fatalf("second run published %d more documents, want 0", got-uint64(n))
	}
	if !strings.Contains(msg, "selesai: 0 dokumen terkirim") {
		t.Errorf("second summary:\n%s", msg)
	}
	for _, p := range []string{portaltest.PathDisallowed, "/rahasia/catatan"} {
		if h := portal.Hits(p); h != 0 {
			t.Errorf("robots-disallowed %s requested %d times", p, h)
		}
	}
}

func streamMsgs(t *testing.T, url string) uint64 {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, _ := jetstream.New(nc)
	st, err := js.Stream(context.Background(), bus.RawStream)
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

func TestCollectBadSources(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(file, []byte("sources:\n  - name: x\n    kind: news\n    feeds: [https://x.example/feed]\n    article_pattern: '('\n"), 0o644)
	var out, errb bytes.Buffer
	code := dispatch(context.Background(), &cmdEnv{stdout: &out, stderr: &errb}, []string{"collect", "--once", "--sources", file})
	if code != 2 || !strings.Contains(errb.String(), "bad.yaml:2") || !strings.Contains(errb.String(), "article_pattern") {
		t.Fatalf("exit %d, stderr:\n%s", code, errb.String())
	}
}

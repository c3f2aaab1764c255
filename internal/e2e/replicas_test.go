package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/biroadpim/pantau/collectors/collector"
	"github.com/biroadpim/pantau/collectors/portaltest"
	"github.com/biroadpim/pantau/collectors/seen"
	"github.com/biroadpim/pantau/collectors/sources"
	"github.com/biroadpim/pantau/internal/app"
	"github.com/biroadpim/pantau/internal/config"
	"github.com/biroadpim/pantau/internal/ingest"
	"github.com/biroadpim/pantau/pipeline/bus"
	"github.com/biroadpim/pantau/pipeline/process"
)

// TestTwoProcessReplicasShareOneConsumer: two pipeline replicas on one
// durable consumer and one collector, against one embedded NATS server and
// the embedded engine: every document is stored exactly once and both
// replicas do part of the work.
func TestTwoProcessReplicasShareOneConsumer(t *testing.T) {
	requireEngine(t)
	dir := t.TempDir()
	a, stop := startApp(t, testConfig(filepath.Join(dir, "data"), config.RoleServe), app.Options{})
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	portal := portaltest.New(6)
	portal.SlowDelay = 1500 * time.Millisecond
	defer portal.Close()
	list, err := sources.Parse([]byte(fmt.Sprintf(`sources:
  - name: portal-uji
    kind: news
    feeds: [%[1]s/rss.xml]
    start: [%[1]s/indeks]
    article_pattern: '%[2]s'
    allow_private: true
    max_pages: 3
`, portal.Server.URL, portaltest.ArticlePattern)), "replicas.yaml")
	if err != nil {
		t.Fatal(err)
	}
	kv, err := bus.EnsureSeenBucket(ctx, a.JS, 1)
	if err != nil {
		t.Fatal(err)
	}
	col, err := collector.New(collector.Options{
		Sources: list, Publisher: bus.NewPublisher(a.JS), Seen: seen.NewKV(kv),
		Config: collector.Config{Delay: time.Millisecond, Timeout: 800 * time.Millisecond, Retries: 1, Backoff: 20 * time.Millisecond, MaxRetryAfter: 3 * time.Second},
	})
	if err != nil {
		t.Fatal(err)
	}

	cfg := a.Cfg.Pipeline
	cfg.BatchSize = 25
	var rowsA, rowsB atomic.Int64
	var wg sync.WaitGroup
	pctx, pstop := context.WithCancel(ctx)
	var procs []*process.Processor
	for _, rows := range []*atomic.Int64{&rowsA, &rowsB} {
		p, err := process.New(process.Options{Config: cfg, JS: a.JS, Sink: countingSink{st: a.Store, rows: rows}, DeadLetters: bus.NewDeadLetters(a.JS)})
		if err != nil {
			t.Fatal(err)
		}
		procs = append(procs, p)
		wg.Add(1)
		go func() { defer wg.Done(); _ = p.Run(pctx) }()
	}

	// The collector and a bulk ingest publish at the same time.
	const bulk = 2000
	file := filepath.Join(dir, "bulk.jsonl")
	corpus(t, file, bulk, 100)
	var cwg sync.WaitGroup
	cwg.Add(1)
	go func() {
		defer cwg.Done()
		if err := col.RunOnce(ctx); err != nil {
			t.Errorf("collector: %v", err)
		}
	}()
	f := openFile(t, file)
	st, err := ingest.Publish(ctx, a.JS, ingest.NewReader(f), 512, func(err error) { t.Error(err) }, nil)
	if err != nil || st.Published != bulk {
		t.Fatalf("ingest: %+v %v", st, err)
	}
	cwg.Wait()
	want := uint64(bulk + len(portal.Articles()))
	waitCount(t, a.Store.CountDocuments, want, 2*time.Minute)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if n, err := procs[0].Pending(ctx); err == nil && n == 0 {
			break
		}
	}
	pstop()
	wg.Wait()
	got, err := a.Store.CountDocuments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("stored %d documents, want exactly %d", got, want)
	}
	if rowsA.Load() == 0 || rowsB.Load() == 0 {
		t.Fatalf("work not shared: replica A stored %d, replica B %d", rowsA.Load(), rowsB.Load())
	}
	if total := rowsA.Load() + rowsB.Load(); total != int64(want) {
		t.Errorf("replicas wrote %d rows for %d documents: a message was processed twice", total, want)
	}
	t.Logf("replica A stored %d, replica B %d", rowsA.Load(), rowsB.Load())
}

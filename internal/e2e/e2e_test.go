package e2e

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/biroadpim/pantau/internal/app"
	"github.com/biroadpim/pantau/internal/config"
	"github.com/biroadpim/pantau/internal/ingest"
	"github.com/biroadpim/pantau/pipeline/bus"
	"github.com/biroadpim/pantau/pipeline/process"
	"github.com/biroadpim/pantau/pipeline/store"
)

// crashSink stores batches like the real store, but on batch crashAt it
// stores the batch and then "dies" before the processor can acknowledge:
// it cancels the processor's context and reports an error, so the batch is
// redelivered to the next consumer although its rows are already stored.
type crashSink struct {
	st       *store.Store
	crashAt  int
	batches  atomic.Int64
	rows     *atomic.Int64
	kill     context.CancelFunc
	crashed  atomic.Bool
	crashLen atomic.Int64
}

func (c *crashSink) InsertDocuments(ctx context.Context, rows []store.Document) error {
	if c.crashed.Load() {
		return errors.New("consumer is dead")
	}
	if err := c.st.InsertDocuments(ctx, rows); err != nil {
		return err
	}
	c.rows.Add(int64(len(rows)))
	if int(c.batches.Add(1)) == c.crashAt {
		c.crashed.Store(true)
		c.crashLen.Store(int64(len(rows)))
		c.kill()
		return errors.New("killed after store, before ack")
	}
	return nil
}

// countingSink counts what it stores.
type countingSink struct {
	st   *store.Store
	rows *atomic.Int64
}

func (c countingSink) InsertDocuments(ctx context.Context, rows []store.Document) error {
	if err := c.st.InsertDocuments(ctx, rows); err != nil {
		return err
	}
	c.rows.Add(int64(len(rows)))
	return nil
}

func TestIngestDuplicatesAndRedeliveryStoreEachDocumentOnce(t *testing.T) {
	requireEngine(t)
	dir := t.TempDir()
	// No pipeline in the app: this test runs its own consumers.
	a, stop := startApp(t, testConfig(filepath.Join(dir, "data"), config.RoleServe), app.Options{})
	defer stop()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	const unique, dups = 1000, 150
	file := filepath.Join(dir, "docs.jsonl")
	corpus(t, file, unique, dups)
	publish := func() ingest.Stats {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		st, err := ingest.Publish(ctx, a.JS, ingest.NewReader(f), 256, func(err error) { t.Errorf("ingest: %v", err) }, nil)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	st := publish()
	if st.Published != unique || st.Duplicates != dups || st.Failed != 0 {
		t.Fatalf("first ingest: %+v, want %d published and %d duplicates", st, unique, dups)
	}

	cfg := a.Cfg.Pipeline
	var rows atomic.Int64
	// Consumer A dies after storing its third batch, before acknowledging it.
	actx, akill := context.WithCancel(ctx)
	sinkA := &crashSink{st: a.Store, crashAt: 3, rows: &rows, kill: akill}
	pa, err := process.New(process.Options{Config: cfg, JS: a.JS, Sink: sinkA, DeadLetters: bus.NewDeadLetters(a.JS)})
	if err != nil {
		t.Fatal(err)
	}
	if err := pa.Run(actx); err != nil {
		t.Fatalf("consumer A: %v", err)
	}
	if !sinkA.crashed.Load() {
		t.Fatal("consumer A never reached its crash point")
	}
	// Consumer B (same durable consumer) takes over, including the redelivered batch.
	bctx, bstop := context.WithCancel(ctx)
	pb, err := process.New(process.Options{Config: cfg, JS: a.JS, Sink: countingSink{st: a.Store, rows: &rows}, DeadLetters: bus.NewDeadLetters(a.JS)})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = pb.Run(bctx) }()
	got := waitCount(t, a.Store.CountDocuments, unique, 90*time.Second)
	// Let any stray redelivery land before asserting exactness.
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if n, err := pb.Pending(ctx); err == nil && n == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	bstop()
	wg.Wait()
	got, err = a.Store.CountDocuments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != unique {
		t.Fatalf("documents visible = %d, want exactly %d", got, unique)
	}
	if stored := rows.Load(); stored < unique+sinkA.crashLen.Load() {
		t.Fatalf("rows written = %d: the crashed batch of %d was not redelivered", stored, sinkA.crashLen.Load())
	}
	var distinct uint64
	if err := a.Store.Conn().QueryRow(ctx, "SELECT uniqExact(id) FROM pantau.documents").Scan(&distinct); err != nil {
		t.Fatal(err)
	}
	if distinct != unique {
		t.Fatalf("distinct ids = %d, want %d", distinct, unique)
	}

	// A second ingest of the same file adds nothing.
	st2 := publish()
	if st2.Published != 0 || st2.Duplicates != unique+dups {
		t.Fatalf("second ingest: %+v, want 0 published and %d duplicates", st2, unique+dups)
	}
}

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/biroadpim/pantau/internal/app"
	"github.com/biroadpim/pantau/internal/config"
	"github.com/biroadpim/pantau/internal/ingest"
)

// BenchmarkIngestToStored measures `pantau ingest` → stored: documents
// published from a JSON-lines file until every one is visible in
// pantau.documents, with the full pipeline (NLP included) in between.
// Run: go test -run '^$' -bench IngestToStored -benchtime 1x ./internal/e2e/
func BenchmarkIngestToStored(b *testing.B) {
	requireEngine(b)
	for _, n := range []int{5000, 20000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				dir := b.TempDir()
				file := filepath.Join(dir, "docs.jsonl")
				corpus(b, file, n, 0)
				cfg := testConfig(filepath.Join(dir, "data"), config.RoleProcess, config.RoleServe)
				cfg.Pipeline.BatchSize = 1000
				opts, err := app.DefaultOptions(cfg)
				if err != nil {
					b.Fatal(err)
				}
				a, stop := startApp(b, cfg, opts)
				f, err := os.Open(file)
				if err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				start := time.Now()
				st, err := ingest.Publish(context.Background(), a.JS, ingest.NewReader(f), 1024, func(err error) { b.Error(err) }, nil)
				f.Close()
				if err != nil || st.Published != n {
					b.Fatalf("publish: %+v %v", st, err)
				}
				published := time.Since(start)
				got := waitCount(b, a.Store.CountDocuments, uint64(n), 5*time.Minute)
				elapsed := time.Since(start)
				b.StopTimer()
				if got != uint64(n) {
					b.Fatalf("stored %d of %d", got, n)
				}
				b.ReportMetric(float64(n)/elapsed.Seconds(), "docs/s")
				b.ReportMetric(float64(n)/published.Seconds(), "published_docs/s")
				stop()
			}
		})
	}
}

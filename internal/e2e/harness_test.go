package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/biroadpim/pantau/internal/app"
	"github.com/biroadpim/pantau/internal/config"
	"github.com/biroadpim/pantau/pipeline/chdb"
)

// requireEngine skips when the embedded engine is not installed, except in
// CI where a missing engine is a failure.
func requireEngine(tb testing.TB) {
	tb.Helper()
	if _, err := chdb.LibraryPath(); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("embedded ClickHouse engine missing in CI: %v", err)
		}
		tb.Skipf("embedded ClickHouse engine not installed (%v); run make libchdb", err)
	}
}

// testConfig is a configuration on random ports under dir.
func testConfig(dir string, roles ...string) config.Config {
	c := config.Default()
	c.DataDir = dir
	c.HTTPAddr = "127.0.0.1:0"
	c.NATS.Port = -1
	c.ClickHouse.HTTPAddr = "127.0.0.1:0"
	c.ClickHouse.MaxMemoryBytes = 2 << 30
	c.Pipeline.BatchSize = 100
	c.Pipeline.BatchWait = 100 * time.Millisecond
	c.Pipeline.Consumer.AckWait = 3 * time.Second
	c.LogLevel = "warn"
	if len(roles) > 0 {
		c.Roles = roles
	}
	return c
}

func testLogger(tb testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{tb}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ tb testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// corpus writes n unique documents plus dups repeated lines as JSON lines.
func corpus(tb testing.TB, path string, n, dups int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	base := time.Date(2026, 11, 20, 6, 0, 0, 0, time.FixedZone("WITA", 8*3600))
	sources := []string{"tribun-kaltim", "kaltim-post", "antara-kaltim", "prokal", "kaltim-today"}
	line := func(i int) map[string]any {
		return map[string]any{
			"url":          fmt.Sprintf("https://%s.example.id/berita/%d/banjir-samarinda-%d", sources[i%len(sources)], i, i),
			"source":       sources[i%len(sources)],
			"kind":         "article",
			"title":        fmt.Sprintf("%s di %s (%d)", topics[i%len(topics)], places[(i/len(topics))%len(places)], i),
			"body":         body(i),
			"published_at": base.Add(time.Duration(i) * time.Minute).Format(time.RFC3339),
			"author":       "Redaksi",
		}
	}
	for i := 0; i < n; i++ {
		if err := enc.Encode(line(i)); err != nil {
			tb.Fatal(err)
		}
	}
	for i := 0; i < dups; i++ {
		if err := enc.Encode(line(i * 7 % n)); err != nil {
			tb.Fatal(err)
		}
	}
}

var (
	topics = []string{"Banjir rendam rumah warga", "Jalan poros rusak parah", "Harga cabai naik", "Tambang ilegal ditertibkan",
		"Festival budaya digelar", "Listrik padam bergilir", "Stunting turun", "PPDB dikeluhkan orang tua", "Karhutla meluas", "Investasi baru masuk", "Air bersih tersendat"}
	places = []string{"Samarinda", "Balikpapan", "Tenggarong", "Bontang", "Sangatta", "Tanjung Redeb", "Tanah Grogot", "Penajam", "Sendawar", "Melak", "Malinau"}
	words  = strings.Fields("warga pemerintah provinsi kabupaten kota dinas kepala gubernur wakil sekda anggaran proyek jalan sungai hujan deras pasar harga pedagang petani nelayan sekolah guru murid rumah sakit pasien dokter listrik air pipa tambang batu bara hutan lahan api asap pelabuhan kapal bandara pesawat festival budaya tari perahu investor pabrik pekerja upah bantuan sosial posko relawan laporan keluhan rapat dewan komisi")
)

// body writes a ~2 KB article whose wording differs from document to
// document (as real articles do), so that near-duplicate detection does not
// see one huge story.
func body(i int) string {
	var b strings.Builder
	x := uint32(i*2654435761 + 12345)
	next := func() int { x ^= x << 13; x ^= x >> 17; x ^= x << 5; return int(x % uint32(len(words))) }
	fmt.Fprintf(&b, "%s - %s.", strings.ToUpper(places[i%len(places)]), topics[i%len(topics)])
	for p := 0; p < 5; p++ {
		b.WriteString("\n\n")
		for w := 0; w < 50; w++ {
			b.WriteString(words[next()])
			if w%12 == 11 {
				b.WriteString(". ")
			} else {
				b.WriteByte(' ')
			}
		}
	}
	fmt.Fprintf(&b, "\n\n\"Kami minta pemerintah bertindak,\" kata warga %s.", places[(i+3)%len(places)])
	return b.String()
}

// startApp starts the application in-process and runs it until the test ends.
func startApp(tb testing.TB, cfg config.Config, opts app.Options) (*app.App, func()) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	a, err := app.Start(ctx, cfg, testLogger(tb), opts)
	if err != nil {
		cancel()
		tb.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	stop := func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				tb.Errorf("app run: %v", err)
			}
		case <-time.After(60 * time.Second):
			tb.Error("app did not stop within 60s")
		}
	}
	return a, stop
}

// waitCount polls until the store shows want documents or the deadline passes.
func waitCount(tb testing.TB, count func(context.Context) (uint64, error), want uint64, within time.Duration) uint64 {
	tb.Helper()
	deadline := time.Now().Add(within)
	var got uint64
	for time.Now().Before(deadline) {
		n, err := count(context.Background())
		if err == nil {
			got = n
			if n >= want {
				return n
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return got
}

// buildBinary builds bin/pantau into a temp dir once per test binary.
var builtBinary string

func pantauBinary(tb testing.TB) string {
	tb.Helper()
	if builtBinary != "" {
		return builtBinary
	}
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	out := filepath.Join(os.TempDir(), fmt.Sprintf("pantau-e2e-%d", os.Getpid()))
	cmd := exec.Command("go", "build", "-o", out, "./cmd/pantau")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("build pantau: %v\n%s", err, b)
	}
	builtBinary = out
	return out
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBinary != "" {
		os.Remove(builtBinary)
	}
	os.Exit(code)
}

func openFile(tb testing.TB, path string) *os.File {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	return f
}

package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/pipeline/bus"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// TestSoak is the load test of issue #9, outside make test: `make soak`
// (PANTAU_TEST_SOAK=1). It publishes PANTAU_TEST_SOAK_RATE documents per second
// (default 500) of ~2 KB for PANTAU_TEST_SOAK_DURATION (default 10m) into a
// `pantau run` process, then reports throughput, p99 ingest→stored latency
// and the process's peak RSS, and checks that every document was stored once.
func TestSoak(t *testing.T) {
	if os.Getenv("PANTAU_TEST_SOAK") != "1" {
		t.Skip("load test: run with make soak (PANTAU_TEST_SOAK=1)")
	}
	requireEngine(t)
	rate := envInt("PANTAU_TEST_SOAK_RATE", 500)
	dur, err := time.ParseDuration(envStr("PANTAU_TEST_SOAK_DURATION", "10m"))
	if err != nil {
		t.Fatal(err)
	}
	bin := pantauBinary(t)
	dir := t.TempDir()
	hp, np, cp := freePort(t), freePort(t), freePort(t)
	s := startServer(t, bin, filepath.Join(dir, "data"), hp, np, cp)
	defer s.stop()

	nc, err := nats.Connect(fmt.Sprintf("nats://127.0.0.1:%d", np))
	if err != nil {
		t.Fatal(err)
	}
	defer nc.Close()
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(4096))
	if err != nil {
		t.Fatal(err)
	}
	pub := bus.NewPublisher(js)
	para := strings.Repeat("Pemerintah Provinsi Kalimantan Timur meninjau banjir yang merendam permukiman warga di Samarinda. ", 20)
	start := time.Now()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	sent := 0
	var peak uint64
	lastRSS := time.Now()
	for time.Since(start) < dur {
		<-tick.C
		// Keep the average rate exact even when a tick is late.
		due := int(time.Since(start).Seconds()*float64(rate)) - sent
		for i := 0; i < due; i++ {
			d := &pantauv1.Document{
				Source: "soak-" + strconv.Itoa(sent%20), Url: fmt.Sprintf("https://soak.example.id/berita/%d", sent),
				Title: fmt.Sprintf("Banjir di Samarinda, laporan %d", sent), Body: para,
				PublishedAt: timestamppb.Now(), CollectedAt: timestamppb.Now(),
			}
			if _, err := pub.PublishAsync(d); err != nil {
				t.Fatalf("publish %d: %v", sent, err)
			}
			sent++
		}
		if time.Since(lastRSS) > 5*time.Second {
			peak = max(peak, peakRSS(s.cmd.Process.Pid))
			lastRSS = time.Now()
		}
	}
	select {
	case <-js.PublishAsyncComplete():
	case <-time.After(time.Minute):
		t.Fatal("publish acknowledgements did not complete")
	}
	elapsed := time.Since(start)
	got := waitCount(t, func(context.Context) (uint64, error) { return s.count() }, uint64(sent), 5*time.Minute)
	drained := time.Since(start)
	peak = max(peak, peakRSS(s.cmd.Process.Pid))
	p99, err := s.query("SELECT quantile(0.99)(dateDiff('millisecond', collected_at, processed_at)) FROM pantau.documents FINAL")
	if err != nil {
		t.Fatal(err)
	}
	p50, _ := s.query("SELECT quantile(0.5)(dateDiff('millisecond', collected_at, processed_at)) FROM pantau.documents FINAL")
	t.Logf("soak: %d documents at %d/s target for %s; all stored after %s; throughput %.0f docs/s; latency p50 %s ms, p99 %s ms; peak RSS %d MiB",
		sent, rate, elapsed.Round(time.Second), drained.Round(time.Second), float64(got)/drained.Seconds(), p50, p99, peak>>20)
	if got != uint64(sent) {
		t.Fatalf("stored %d of %d", got, sent)
	}
}

// peakRSS reads the process's peak resident set size (VmHWM) in bytes.
func peakRSS(pid int) uint64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				kb, _ := strconv.ParseUint(f[1], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

func envStr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

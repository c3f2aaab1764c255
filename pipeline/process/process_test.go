package process

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/pipeline/bus"
	"github.com/biroadpim/pantau/pipeline/store"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

func testConfig() Config {
	c := DefaultConfig()
	c.BatchSize = 50
	c.BatchWait = 50 * time.Millisecond
	c.RetryBackoff = 50 * time.Millisecond
	c.MaxRetryBackoff = 200 * time.Millisecond
	c.Consumer.AckWait = 2 * time.Second
	return c
}

func doc(i int) *pantauv1.Document {
	return &pantauv1.Document{
		Source: "kaltim-today", Url: fmt.Sprintf("https://kaltimtoday.co/berita/%d", i),
		Title: fmt.Sprintf("Berita %d", i), Body: "Isi berita tentang banjir di Samarinda.",
		PublishedAt: timestamppb.New(time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute)),
	}
}

func publish(t *testing.T, js jetstream.JetStream, docs ...*pantauv1.Document) {
	t.Helper()
	p := bus.NewPublisher(js)
	for _, d := range docs {
		if err := p.Publish(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
}

func publishRaw(t *testing.T, js jetstream.JetStream, id string, data []byte) {
	t.Helper()
	m := &nats.Msg{Subject: bus.RawPrefix + "kaltim-today", Data: data, Header: nats.Header{}}
	m.Header.Set(jetstream.MsgIDHeader, id)
	if _, err := js.PublishMsg(context.Background(), m); err != nil {
		t.Fatal(err)
	}
}

// failOn is a stage that fails (or panics) on chosen titles: the "document
// that makes a stage fail" of the poison-message tests.
type failOn struct {
	mu    sync.Mutex
	panic map[string]bool
	err   map[string]bool
}

func (f *failOn) Name() string { return "analyze" }
func (f *failOn) Process(_ context.Context, it *Item) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.panic[it.Doc.GetTitle()] {
		panic("model crashed on this document")
	}
	if f.err[it.Doc.GetTitle()] {
		return fmt.Errorf("%w: cannot analyse", ErrRejected)
	}
	return nil
}

func runProcessor(t *testing.T, o Options) (stop func(), p *Processor) {
	t.Helper()
	p, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- p.Run(ctx) }()
	return func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("processor: %v", err)
		}
	}, p
}

func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("timed out after %s waiting for %s", within, what)
}

func count(t *testing.T, st *store.Store) uint64 {
	t.Helper()
	n, err := st.CountDocuments(context.Background())
	if err != nil {
		return 0
	}
	return n
}

func TestPoisonMessagesAreDeadLetteredAndDoNotBlock(t *testing.T) {
	st := openStore(t, engineAddr)
	nf := startNATS(t)
	cfg := testConfig()
	cfg.MaxBodyBytes = 64 << 10
	bad := &failOn{panic: map[string]bool{"Berita 3": true}, err: map[string]bool{"Berita 7": true}}
	stages := []Stage{Normalize{MaxBodyBytes: cfg.MaxBodyBytes}, Stories{}, bad}

	for i := 0; i < 10; i++ {
		publish(t, nf.js, doc(i))
	}
	publishRaw(t, nf.js, "garbage", []byte{0xff, 0xfe, 0x01, 0x02, 0x03})
	// A document whose title is not valid UTF-8 (hand-encoded: Go refuses to marshal it).
	var raw []byte
	raw = protowire.AppendTag(raw, 1, protowire.BytesType)
	raw = protowire.AppendString(raw, "bad-utf8")
	raw = protowire.AppendTag(raw, 2, protowire.BytesType)
	raw = protowire.AppendString(raw, "kaltim-today")
	raw = protowire.AppendTag(raw, 6, protowire.BytesType)
	raw = protowire.AppendBytes(raw, []byte{'B', 0xc3, 0x28})
	publishRaw(t, nf.js, "bad-utf8", raw)
	big := doc(100)
	big.Body = strings.Repeat("banjir ", 20000)
	publish(t, nf.js, big)
	for i := 10; i < 20; i++ {
		publish(t, nf.js, doc(i))
	}

	stop, p := runProcessor(t, Options{Config: cfg, JS: nf.js, Sink: st, DeadLetters: bus.NewDeadLetters(nf.js), Stages: stages})
	waitFor(t, "18 good documents stored", 30*time.Second, func() bool { return count(t, st) == 18 })
	waitFor(t, "consumer drained", 30*time.Second, func() bool { n, err := p.Pending(context.Background()); return err == nil && n == 0 })
	stop()

	letters, err := bus.ListDeadLetters(context.Background(), nf.js, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range letters {
		key := l.Letter.GetStage()
		if l.Doc != nil {
			key += ":" + l.Doc.GetTitle()
		}
		got[key] = l.Letter.GetReason()
	}
	want := map[string]string{
		"decode":               "cannot decode document",
		"normalize:Berita 100": "exceeds max_body_bytes",
		"analyze:Berita 3":     "panicked",
		"analyze:Berita 7":     "cannot analyse",
	}
	if len(letters) != 5 {
		t.Errorf("dead letters: %d, want 5 (garbage, invalid UTF-8, oversized, panic, failure): %v", len(letters), got)
	}
	for k, frag := range want {
		if !strings.Contains(got[k], frag) {
			t.Errorf("dead letter %s: reason %q, want it to contain %q (all: %v)", k, got[k], frag, got)
		}
	}
	utf8Found := false
	for _, l := range letters {
		if l.Letter.GetStage() == "decode" && strings.Contains(l.Letter.GetReason(), "UTF-8") {
			utf8Found = true
		}
	}
	if !utf8Found {
		t.Errorf("invalid UTF-8 not dead-lettered with a UTF-8 reason: %v", got)
	}

	// Fix the cause and replay: the failed document is stored once.
	bad.mu.Lock()
	bad.err = nil
	bad.mu.Unlock()
	for _, l := range letters {
		if l.Doc != nil && l.Doc.GetTitle() == "Berita 7" {
			if _, err := bus.ReplayDeadLetter(context.Background(), nf.js, l.Seq, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	stop, _ = runProcessor(t, Options{Config: cfg, JS: nf.js, Sink: st, DeadLetters: bus.NewDeadLetters(nf.js), Stages: stages})
	waitFor(t, "replayed document stored", 30*time.Second, func() bool { return count(t, st) == 19 })
	stop()
	if left, _ := bus.ListDeadLetters(context.Background(), nf.js, "", 0); len(left) != 4 {
		t.Errorf("after replay %d dead letters remain, want 4", len(left))
	}
}

func TestClickHouseOutageHoldsTheBatchAndLosesNothing(t *testing.T) {
	px := newProxy(t, engineAddr)
	st := openStore(t, px.addr)
	nf := startNATS(t)
	cfg := testConfig()
	stop, p := runProcessor(t, Options{Config: cfg, JS: nf.js, Sink: st, DeadLetters: bus.NewDeadLetters(nf.js)})
	defer stop()
	for i := 0; i < 100; i++ {
		publish(t, nf.js, doc(i))
	}
	waitFor(t, "first 100 stored", 30*time.Second, func() bool { return count(t, st) == 100 })

	px.down()
	for i := 100; i < 400; i++ {
		publish(t, nf.js, doc(i))
	}
	waitFor(t, "readiness to report the outage", 10*time.Second, func() bool {
		err := p.Ready()
		return err != nil && strings.Contains(err.Error(), "store unavailable")
	})
	// During the outage nothing is acknowledged, and only one batch is held.
	time.Sleep(cfg.Consumer.AckWait + time.Second)
	info, err := p.cons.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.NumAckPending > cfg.BatchSize {
		t.Errorf("%d messages in flight during the outage, want at most one batch (%d)", info.NumAckPending, cfg.BatchSize)
	}
	if info.NumPending+uint64(info.NumAckPending) != 300 {
		t.Errorf("unacknowledged during outage = %d, want 300", info.NumPending+uint64(info.NumAckPending))
	}

	px.up(t)
	waitFor(t, "all 400 stored after the outage", 60*time.Second, func() bool { return count(t, st) == 400 })
	waitFor(t, "ready again", 10*time.Second, func() bool { return p.Ready() == nil })
	waitFor(t, "consumer drained", 30*time.Second, func() bool { n, err := p.Pending(context.Background()); return err == nil && n == 0 })
	if n := count(t, st); n != 400 {
		t.Fatalf("%d documents after recovery, want exactly 400", n)
	}
}

func TestNATSRestartLosesNothing(t *testing.T) {
	st := openStore(t, engineAddr)
	nf := startNATS(t)
	stop, p := runProcessor(t, Options{Config: testConfig(), JS: nf.js, Sink: st, DeadLetters: bus.NewDeadLetters(nf.js)})
	defer stop()
	for i := 0; i < 200; i++ {
		publish(t, nf.js, doc(i))
	}
	nf.restart(t)
	waitFor(t, "client reconnected", 20*time.Second, func() bool { return nf.nc.Status() == nats.CONNECTED })
	for i := 200; i < 400; i++ {
		publish(t, nf.js, doc(i))
	}
	waitFor(t, "all 400 stored across the restart", 60*time.Second, func() bool { return count(t, st) == 400 })
	waitFor(t, "consumer drained", 30*time.Second, func() bool { n, err := p.Pending(context.Background()); return err == nil && n == 0 })
	if n := count(t, st); n != 400 {
		t.Fatalf("%d documents, want exactly 400", n)
	}
}

func TestGracefulShutdownFinishesTheBatchInFlight(t *testing.T) {
	st := openStore(t, engineAddr)
	nf := startNATS(t)
	for i := 0; i < 300; i++ {
		publish(t, nf.js, doc(i))
	}
	cfg := testConfig()
	stop, _ := runProcessor(t, Options{Config: cfg, JS: nf.js, Sink: st, DeadLetters: bus.NewDeadLetters(nf.js)})
	waitFor(t, "some stored", 30*time.Second, func() bool { return count(t, st) > 0 })
	stop() // returns only after the batch in flight is stored and acknowledged
	stored := count(t, st)
	stop, p := runProcessor(t, Options{Config: cfg, JS: nf.js, Sink: st, DeadLetters: bus.NewDeadLetters(nf.js)})
	defer stop()
	waitFor(t, "the rest stored", 30*time.Second, func() bool { return count(t, st) == 300 })
	waitFor(t, "consumer drained", 30*time.Second, func() bool { n, err := p.Pending(context.Background()); return err == nil && n == 0 })
	if n := count(t, st); n != 300 {
		t.Fatalf("%d documents after shutdown at %d and restart, want exactly 300", n, stored)
	}
}

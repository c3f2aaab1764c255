package brief

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/biroadpim/pantau/analytics/brief/deliver"
	"github.com/biroadpim/pantau/analytics/brief/internal/corpus"
	"github.com/biroadpim/pantau/pipeline/store"
)

// fakeClock is a settable clock; After fires when Set passes its deadline.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
}

type waiter struct {
	at time.Time
	ch chan time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.waiters = append(c.waiters, waiter{c.now.Add(d), ch})
	return ch
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if !w.at.After(t) {
			w.ch <- t
			continue
		}
		kept = append(kept, w)
	}
	c.waiters = kept
}

// hookServer is the webhook receiving deliveries; fail makes it answer 503.
type hookServer struct {
	mu    sync.Mutex
	dates []string
	fail  bool
	srv   *httptest.Server
}

func newHook(t *testing.T) *hookServer {
	h := &hookServer{}
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.fail {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		var b Brief
		if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		h.dates = append(h.dates, b.Date)
	}))
	t.Cleanup(h.srv.Close)
	return h
}

func (h *hookServer) got() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strings.Join(h.dates, ",")
}

func newTestService(t *testing.T, s *store.Store, clock Clock, hook *hookServer) *Service {
	t.Helper()
	cfg := testConfig()
	cfg.Enabled = true
	cfg.Webhook.URL = hook.srv.URL
	cfg.Retry = deliver.RetryConfig{Attempts: 2, Backoff: time.Millisecond, MaxBackoff: time.Millisecond, Timeout: 10 * time.Second}
	svc, err := New(Options{Config: cfg, Conn: s.Conn(), Outlets: corpus.Outlets, Clock: clock,
		PDF: &PDFRenderer{Chromium: "/nonexistent/chromium"}}) // PDF rendering is tested on its own
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

func at(day, hour, minute int) time.Time { return time.Date(2026, 11, day, hour, minute, 0, 0, WITA) }

func TestScheduleDeliversOncePerDay(t *testing.T) {
	s := loadDay(t, corpus.Options{})
	ctx := context.Background()
	hook := newHook(t)
	clock := &fakeClock{now: at(20, 5, 30)}
	svc := newTestService(t, s, clock, hook)

	// 05:30: the brief of the 19th is 23.5 hours late: archived, not sent.
	svc.tick(ctx)
	if got := hook.got(); got != "" {
		t.Fatalf("before 06:00 delivered %q", got)
	}
	clock.Set(at(20, 6, 0))
	svc.tick(ctx)
	clock.Set(at(20, 6, 30))
	svc.tick(ctx)
	if got := hook.got(); got != "2026-11-20" {
		t.Fatalf("deliveries %q after two passes on the 20th, want the 20th once", got)
	}
	// A restart the same morning does not send it again.
	svc2 := newTestService(t, s, clock, hook)
	clock.Set(at(20, 7, 0))
	svc2.tick(ctx)
	if got := hook.got(); got != "2026-11-20" {
		t.Fatalf("deliveries %q after a restart", got)
	}
	// Down at 06:00 on the 21st, back at 09:00: caught up once.
	clock.Set(at(21, 9, 0))
	svc3 := newTestService(t, s, clock, hook)
	svc3.tick(ctx)
	svc3.tick(ctx)
	if got := hook.got(); got != "2026-11-20,2026-11-21" {
		t.Fatalf("deliveries %q after downtime, want the 21st caught up once", got)
	}
	// Down two days: only the latest brief is sent, the missed one archived.
	clock.Set(at(23, 8, 0))
	svc3.tick(ctx)
	if got := hook.got(); got != "2026-11-20,2026-11-21,2026-11-23" {
		t.Fatalf("deliveries %q after two days down", got)
	}
	es, err := svc3.list(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var dates []string
	for _, e := range es {
		dates = append(dates, e.Date.Format("2006-01-02"))
	}
	if strings.Join(dates, ",") != "2026-11-23,2026-11-22,2026-11-21,2026-11-20,2026-11-19,2026-11-18,2026-11-17" {
		t.Fatalf("archive %v", dates)
	}
}

func TestFailedDeliveryIsRetriedNotRepeated(t *testing.T) {
	s := loadDay(t, corpus.Options{})
	ctx := context.Background()
	hook := newHook(t)
	hook.fail = true
	clock := &fakeClock{now: at(20, 6, 0)}
	svc := newTestService(t, s, clock, hook)
	if svc.tick(ctx) {
		t.Fatal("tick reported success while the webhook fails")
	}
	st, _ := svc.delivered(ctx, "2026-11-20")
	if st["webhook"] != StatusFailed {
		t.Fatalf("delivery status %v, want failed recorded", st)
	}
	hook.mu.Lock()
	hook.fail = false
	hook.mu.Unlock()
	clock.Set(at(20, 6, 5))
	if !svc.tick(ctx) {
		t.Fatal("second pass failed")
	}
	clock.Set(at(20, 6, 10))
	svc.tick(ctx)
	if got := hook.got(); got != "2026-11-20" {
		t.Fatalf("deliveries %q, want one after the retry", got)
	}
}

func TestRunStopsAndWakesAtSchedule(t *testing.T) {
	s := loadDay(t, corpus.Options{})
	hook := newHook(t)
	clock := &fakeClock{now: at(20, 5, 0)}
	svc := newTestService(t, s, clock, hook)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- svc.Run(ctx) }()
	waitFor(t, func() bool { clock.mu.Lock(); defer clock.mu.Unlock(); return len(clock.waiters) == 1 })
	if hook.got() != "" {
		t.Fatal("delivered before 06:00")
	}
	clock.Set(at(20, 6, 0))
	waitFor(t, func() bool { return hook.got() == "2026-11-20" })
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run returned %v on shutdown, want nil", err)
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 60s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestArchiveHTTP(t *testing.T) {
	s := loadDay(t, corpus.Options{})
	hook := newHook(t)
	clock := &fakeClock{now: at(20, 6, 0)}
	svc := newTestService(t, s, clock, hook)
	svc.tick(context.Background())
	mux := http.NewServeMux()
	svc.Register(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	get := func(path string) (int, string, string) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Content-Type"), string(b)
	}
	stored, err := svc.load(context.Background(), "2026-11-20")
	if err != nil || stored == nil {
		t.Fatalf("archived brief: %v", err)
	}
	tests := []struct {
		path, ctype, contains string
		code                  int
	}{
		{"/briefs/", "text/html", "Jumat, 20 November 2026", 200},
		{"/briefs/?format=json", "application/json", `"documents":69`, 200},
		{"/briefs/2026-11-20", "text/html", "<h1>Brief Isu Pagi</h1>", 200},
		{"/briefs/2026-11-20?format=md", "text/markdown", "*BRIEF ISU PAGI*", 200},
		{"/briefs/2026-11-20?format=json", "application/json", `"date": "2026-11-20"`, 200},
		{"/briefs/2026-11-15?format=json", "application/json", `"date": "2026-11-15"`, 200}, // generated on request
		{"/briefs/2026-11-21", "text/plain", "belum tersedia", 404},
		{"/briefs/20-11-2026", "text/plain", "YYYY-MM-DD", 400},
		{"/briefs/2026-11-20?format=docx", "text/plain", "format \"docx\" tidak dikenal", 400},
	}
	for _, tc := range tests {
		t.Run(tc.path, func(t *testing.T) {
			code, ctype, body := get(tc.path)
			if code != tc.code || !strings.HasPrefix(ctype, tc.ctype) || !strings.Contains(body, tc.contains) {
				t.Fatalf("%d %s %.200q; want %d %s containing %q", code, ctype, body, tc.code, tc.ctype, tc.contains)
			}
		})
	}
	if _, _, md := get("/briefs/2026-11-20?format=md"); md != string(stored.Markdown) {
		t.Fatal("archive serves a Markdown different from the one delivered")
	}
}

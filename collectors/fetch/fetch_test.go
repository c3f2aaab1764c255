package fetch

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func newTest(t *testing.T, o Options) *Fetcher {
	t.Helper()
	if o.AllowedDomains == nil {
		o.AllowedDomains = []string{"127.0.0.1"}
	}
	if o.Delay == 0 {
		o.Delay = time.Millisecond
	}
	f, err := New(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestPrivateAddressRefused(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	f := newTest(t, Options{AllowPrivate: false, Retries: 2, Backoff: time.Millisecond})
	_, err := f.Get(context.Background(), srv.URL+"/berita/1/x", Validators{})
	if !errors.Is(err, ErrPrivateAddress) || ErrorKind(err) != "private_address" {
		t.Fatalf("want ErrPrivateAddress, got %v", err)
	}
	if hits.Load() != 0 {
		t.Errorf("server reached %d times", hits.Load())
	}
	// A public name resolving to loopback is refused the same way.
	f2 := newTest(t, Options{AllowedDomains: []string{"localhost"}})
	if _, err := f2.Get(context.Background(), strings.Replace(srv.URL, "127.0.0.1", "localhost", 1), Validators{}); !errors.Is(err, ErrPrivateAddress) {
		t.Fatalf("localhost: want ErrPrivateAddress, got %v", err)
	}
}

func TestPublicIP(t *testing.T) {
	for ip, want := range map[string]bool{"8.8.8.8": true, "103.10.1.1": true, "127.0.0.1": false, "10.1.2.3": false, "192.168.1.1": false,
		"172.16.0.1": false, "169.254.169.254": false, "100.64.0.1": false, "0.0.0.0": false, "::1": false, "fe80::1": false, "fc00::1": false, "2001:4860:4860::8888": true} {
		if got := PublicIP(net.ParseIP(ip)); got != want {
			t.Errorf("PublicIP(%s) = %v, want %v", ip, got, want)
		}
	}
}

func TestForbiddenDomainAndRedirect(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://elsewhere.example/x", http.StatusFound)
	}))
	defer srv.Close()
	f := newTest(t, Options{AllowPrivate: true, IgnoreRobots: true})
	if _, err := f.Get(context.Background(), "http://other.example/x", Validators{}); !errors.Is(err, ErrForbiddenDomain) {
		t.Errorf("other domain: %v", err)
	}
	if _, err := f.Get(context.Background(), srv.URL+"/r", Validators{}); !errors.Is(err, ErrForbiddenDomain) {
		t.Errorf("redirect off-domain: %v", err)
	}
}

func TestConditionalGetAndUserAgent(t *testing.T) {
	var ua string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		ua = r.Header.Get("User-Agent")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Fri, 31 May 2024 06:05:00 GMT")
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Write([]byte("<rss></rss>"))
	}))
	defer srv.Close()
	f := newTest(t, Options{AllowPrivate: true})
	p, err := f.Get(context.Background(), srv.URL+"/rss.xml", Validators{})
	if err != nil || p.NotModified || p.Validators.ETag != `"v1"` || p.Validators.LastModified == "" {
		t.Fatalf("first get: %+v %v", p, err)
	}
	if !strings.HasPrefix(ua, "PantauBot/1.0 (+Biro Adpim Kaltim;") {
		t.Errorf("User-Agent %q", ua)
	}
	p, err = f.Get(context.Background(), srv.URL+"/rss.xml", p.Validators)
	if err != nil || !p.NotModified || len(p.Body) != 0 {
		t.Fatalf("conditional get: %+v %v", p, err)
	}
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		retryAfter string
		retries    int
		wantHits   int32
		wantKind   string
	}{
		{"500 retried", 500, "", 2, 3, "status_5xx"},
		{"404 not retried", 404, "", 2, 1, "status_4xx"},
		{"429 retry-after too long", 429, "3600", 2, 1, "status_429"},
		{"429 retried", 429, "0", 1, 2, "status_429"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/robots.txt" {
					http.NotFound(w, r)
					return
				}
				hits.Add(1)
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
			}))
			defer srv.Close()
			f := newTest(t, Options{AllowPrivate: true, Retries: tt.retries, Backoff: time.Millisecond, MaxRetryAfter: time.Minute})
			_, err := f.Get(context.Background(), srv.URL+"/a", Validators{})
			if ErrorKind(err) != tt.wantKind {
				t.Errorf("kind %q (%v), want %q", ErrorKind(err), err, tt.wantKind)
			}
			if hits.Load() != tt.wantHits {
				t.Errorf("hits %d, want %d", hits.Load(), tt.wantHits)
			}
		})
	}
}

func TestBodyLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/declared" {
			w.Header().Set("Content-Length", "5000")
			w.Write(make([]byte, 5000))
			return
		}
		// Streamed without a length.
		fl := w.(http.Flusher)
		for range 10 {
			w.Write(make([]byte, 1000))
			fl.Flush()
		}
	}))
	defer srv.Close()
	f := newTest(t, Options{AllowPrivate: true, IgnoreRobots: true, MaxBodyBytes: 2048, Retries: 3})
	for _, p := range []string{"/declared", "/streamed"} {
		if _, err := f.Get(context.Background(), srv.URL+p, Validators{}); !errors.Is(err, ErrBodyTooLarge) {
			t.Errorf("%s: want ErrBodyTooLarge, got %v", p, err)
		}
	}
}

func TestRetryAfterParse(t *testing.T) {
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	if d := retryAfter("120", now); d != 2*time.Minute {
		t.Errorf("seconds: %s", d)
	}
	if d := retryAfter("Sat, 01 Jun 2024 00:01:00 GMT", now); d != time.Minute {
		t.Errorf("date: %s", d)
	}
	if d := retryAfter("soon", now); d != 0 {
		t.Errorf("garbage: %s", d)
	}
}

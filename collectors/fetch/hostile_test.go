package fetch

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// hostile is a test server whose handlers misbehave; it counts bytes
// written per path so tests can assert that the client stopped reading.
type hostile struct {
	srv     *httptest.Server
	mu      sync.Mutex
	hits    map[string]int
	written map[string]int64
}

func newHostile(t *testing.T, h func(hs *hostile, w http.ResponseWriter, r *http.Request)) *hostile {
	t.Helper()
	hs := &hostile{hits: map[string]int{}, written: map[string]int64{}}
	hs.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hs.mu.Lock()
		hs.hits[r.URL.Path]++
		hs.mu.Unlock()
		h(hs, &countingWriter{ResponseWriter: w, hs: hs, path: r.URL.Path}, r)
	}))
	t.Cleanup(hs.srv.Close)
	return hs
}

func (hs *hostile) Hits(p string) int {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	return hs.hits[p]
}

func (hs *hostile) Written(p string) int64 {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	return hs.written[p]
}

// addrPort is the server's listening address, exempted from the private
// address check in the SSRF tests.
func (hs *hostile) addrPort() netip.AddrPort {
	return netip.MustParseAddrPort(hs.srv.Listener.Addr().String())
}

type countingWriter struct {
	http.ResponseWriter
	hs   *hostile
	path string
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.ResponseWriter.Write(b)
	c.hs.mu.Lock()
	c.hs.written[c.path] += int64(n)
	c.hs.mu.Unlock()
	return n, err
}

func (c *countingWriter) Flush() { c.ResponseWriter.(http.Flusher).Flush() }

func (c *countingWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	return c.ResponseWriter.(http.Hijacker).Hijack()
}

// gzipMember is one gzip member of 16 MiB of zeros (about 16 KiB).
// Concatenated members form one valid multi-member gzip stream, so a few
// megabytes on the wire inflate to gigabytes.
var gzipMember = sync.OnceValue(func() []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(make([]byte, 16<<20))
	zw.Close()
	return b.Bytes()
})

// writeBomb writes up to 256 members (4 GiB inflated) until the client
// goes away.
func writeBomb(w http.ResponseWriter) {
	m := gzipMember()
	for range 256 {
		if _, err := w.Write(m); err != nil {
			return
		}
	}
}

const limit = 1 << 20 // MaxBodyBytes in these tests

func TestGzipBomb(t *testing.T) {
	hs := newHostile(t, func(_ *hostile, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/encoding":
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case "/type":
			w.Header().Set("Content-Type", "application/x-gzip")
		case "/sitemap.xml.gz":
			w.Header().Set("Content-Type", "application/octet-stream")
		case "/double/sitemap.xml.gz":
			// gzip inside gzip: the transport inflates the outer layer,
			// the .gz path asks for the inner one.
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			defer zw.Close()
			for range 64 {
				if _, err := zw.Write(gzipMember()); err != nil {
					return
				}
			}
			return
		}
		writeBomb(w)
	})
	f := newTest(t, Options{AllowPrivate: true, IgnoreRobots: true, MaxBodyBytes: limit, Retries: 2, Backoff: time.Millisecond})
	for _, p := range []string{"/encoding", "/type", "/sitemap.xml.gz", "/double/sitemap.xml.gz"} {
		t.Run(strings.Trim(p, "/"), func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := f.Get(context.Background(), hs.srv.URL+p, Validators{})
			runtime.ReadMemStats(&after)
			if !errors.Is(err, ErrBodyTooLarge) {
				t.Fatalf("want ErrBodyTooLarge, got %v", err)
			}
			if hs.Hits(p) != 1 {
				t.Errorf("%d requests: a too large body must not be retried", hs.Hits(p))
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("allocated %d MiB for a %d MiB limit", alloc>>20, limit>>20)
			}
			// The prefix mode hands back exactly the limit, inflated.
			pg, err := f.GetPrefix(context.Background(), hs.srv.URL+p, Validators{})
			if err != nil {
				t.Fatal(err)
			}
			if !pg.Truncated || len(pg.Body) != limit || pg.Body[0] != 0 || pg.Header.Get(hdrTruncated) != "" {
				t.Errorf("prefix: truncated=%v len=%d", pg.Truncated, len(pg.Body))
			}
		})
	}
}

func TestGzipNotReallyGzip(t *testing.T) {
	// Many servers inflate .xml.gz themselves: a plain body under a .gz
	// name is read as is.
	hs := newHostile(t, func(_ *hostile, w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`<?xml version="1.0"?><urlset></urlset>`))
	})
	f := newTest(t, Options{AllowPrivate: true, IgnoreRobots: true, MaxBodyBytes: limit})
	p, err := f.Get(context.Background(), hs.srv.URL+"/sitemap.xml.gz", Validators{})
	if err != nil || !bytes.HasPrefix(p.Body, []byte("<?xml")) {
		t.Fatalf("%v %+v", err, p)
	}
}

func TestHugeAndEndlessBodies(t *testing.T) {
	chunk := bytes.Repeat([]byte("<p>isi yang tidak pernah selesai</p>\n"), 1000)
	hs := newHostile(t, func(_ *hostile, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/declared":
			w.Header().Set("Content-Length", fmt.Sprint(100<<20))
			for n := 0; n < 100<<20; n += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/streamed": // 100 MB, chunked
			for n := 0; n < 100<<20; n += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/endless": // an infinite chunked stream
			for {
				if _, err := w.Write(chunk); err != nil {
					return
				}
				w.(http.Flusher).Flush()
			}
		case "/exact":
			w.Write(bytes.Repeat([]byte("a"), limit))
		}
	})
	f := newTest(t, Options{AllowPrivate: true, IgnoreRobots: true, MaxBodyBytes: limit, Retries: 2, Backoff: time.Millisecond})
	for _, p := range []string{"/declared", "/streamed", "/endless"} {
		t.Run(strings.Trim(p, "/"), func(t *testing.T) {
			_, err := f.Get(context.Background(), hs.srv.URL+p, Validators{})
			if !errors.Is(err, ErrBodyTooLarge) || ErrorKind(err) != "too_large" {
				t.Fatalf("want ErrBodyTooLarge, got %v", err)
			}
			pg, err := f.GetPrefix(context.Background(), hs.srv.URL+p, Validators{})
			if err != nil || !pg.Truncated || len(pg.Body) != limit {
				t.Fatalf("prefix: %v, truncated=%v len=%d", err, pg != nil && pg.Truncated, len(pg.Body))
			}
			// The stream was cut: what the server managed to write is the
			// limit plus socket buffers, never the 100 MB (or infinity).
			time.Sleep(50 * time.Millisecond)
			if w := hs.Written(p); w > 40<<20 {
				t.Errorf("server wrote %d MiB for two requests", w>>20)
			}
		})
	}
	pg, err := f.GetPrefix(context.Background(), hs.srv.URL+"/exact", Validators{})
	if err != nil || pg.Truncated || len(pg.Body) != limit {
		t.Fatalf("a body of exactly the limit: %v truncated=%v len=%d", err, pg.Truncated, len(pg.Body))
	}
	if _, err := f.Get(context.Background(), hs.srv.URL+"/exact", Validators{}); err != nil {
		t.Fatalf("a body of exactly the limit is accepted: %v", err)
	}
}

func TestEndlessRedirects(t *testing.T) {
	var n atomic.Int32
	hs := newHostile(t, func(_ *hostile, w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, fmt.Sprintf("/r/%d", n.Add(1)), http.StatusFound)
	})
	f := newTest(t, Options{AllowPrivate: true, IgnoreRobots: true, MaxRedirects: 5, Retries: 2, Backoff: time.Millisecond})
	_, err := f.Get(context.Background(), hs.srv.URL+"/r/0", Validators{})
	if !errors.Is(err, ErrTooManyRedirects) || ErrorKind(err) != "redirects" {
		t.Fatalf("want ErrTooManyRedirects, got %v", err)
	}
	if got := n.Load(); got != 5 {
		t.Errorf("%d redirects served, want 5 (the limit) and no retry", got)
	}
}

func TestSlowloris(t *testing.T) {
	// Both servers send a byte every 50 ms, far quicker than any idle
	// timeout would notice: only a deadline for the whole request ends it.
	trickle := func(w interface{ Write([]byte) (int, error) }, flush func(), s string, stop <-chan struct{}) {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
			if _, err := w.Write([]byte{s[i%len(s)]}); err != nil {
				return
			}
			flush()
		}
	}
	stop := make(chan struct{})
	hs := newHostile(t, func(_ *hostile, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/headers":
			conn, bw, err := w.(*countingWriter).Hijack()
			if err != nil {
				return
			}
			defer conn.Close()
			trickle(bw, func() { bw.Flush() }, "HTTP/1.1 200 OK\r\nX-Lambat: "+strings.Repeat("a", 10000), stop)
		case "/body":
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusOK)
			trickle(w, w.(http.Flusher).Flush, "<p>pelan sekali</p>", stop)
		}
	})
	defer close(stop)
	timeout := 700 * time.Millisecond
	f := newTest(t, Options{AllowPrivate: true, IgnoreRobots: true, Timeout: timeout, Retries: 1, Backoff: time.Millisecond})
	for _, p := range []string{"/headers", "/body"} {
		t.Run(strings.Trim(p, "/"), func(t *testing.T) {
			start := time.Now()
			_, err := f.Get(context.Background(), hs.srv.URL+p, Validators{})
			took := time.Since(start)
			if err == nil || ErrorKind(err) != "timeout" {
				t.Fatalf("want a timeout, got %v", err)
			}
			// Two attempts of at most one deadline each, plus slack.
			if took > 2*timeout+2*time.Second {
				t.Errorf("took %s with a %s deadline and one retry", took, timeout)
			}
			if hs.Hits(p) != 2 {
				t.Errorf("%d attempts, want 2", hs.Hits(p))
			}
		})
	}
}

func TestSSRFRedirects(t *testing.T) {
	// The test server is on loopback; treatPublic exempts exactly its
	// address, so it stands for a public portal while every other private
	// address stays refused. resolve stands in for DNS answers.
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("<p>server lain di loopback</p>"))
	}))
	defer other.Close()
	var hs *hostile
	hs = newHostile(t, func(_ *hostile, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/ok":
			w.Write([]byte("<p>aman</p>"))
		default:
			port := hs.addrPort().Port()
			targets := map[string]string{
				"/metadata":     "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
				"/ipv6-loop":    fmt.Sprintf("http://[::1]:%d/ok", port),
				"/loopback":     fmt.Sprintf("http://127.0.0.2:%d/ok", port),
				"/mapped":       "http://[::ffff:169.254.169.254]/",
				"/other-port":   other.URL + "/ok",
				"/unspecified":  fmt.Sprintf("http://0.0.0.0:%d/ok", port),
				"/cgnat":        "http://100.64.0.1/",
				"/ula":          "http://[fd00::1]/",
				"/name-meta":    "http://meta.portal.test/latest/meta-data/",
				"/name-private": "http://intranet.portal.test/admin",
				"/name-nat64":   "http://nat64.portal.test/",
			}
			http.Redirect(w, r, targets[r.URL.Path], http.StatusFound)
		}
	})
	allowed := []string{"127.0.0.1", "127.0.0.2", "169.254.169.254", "::1", "::ffff:169.254.169.254", "0.0.0.0", "100.64.0.1", "fd00::1", "portal.test"}
	opts := Options{
		AllowedDomains: allowed,
		Retries:        2,
		Backoff:        time.Millisecond,
		resolve:        map[string]string{"meta.portal.test": "169.254.169.254", "intranet.portal.test": "10.20.30.40", "nat64.portal.test": "64:ff9b::a9fe:a9fe"},
		treatPublic:    func(ap netip.AddrPort) bool { return ap == hs.addrPort() },
	}
	f := newTest(t, opts)
	if _, err := f.Get(context.Background(), hs.srv.URL+"/ok", Validators{}); err != nil {
		t.Fatalf("the exempted server itself: %v", err)
	}
	for _, p := range []string{"/metadata", "/ipv6-loop", "/loopback", "/other-port", "/mapped", "/unspecified", "/cgnat", "/ula", "/name-meta", "/name-private", "/name-nat64"} {
		t.Run(strings.Trim(p, "/"), func(t *testing.T) {
			start := time.Now()
			_, err := f.Get(context.Background(), hs.srv.URL+p, Validators{})
			if !errors.Is(err, ErrPrivateAddress) || ErrorKind(err) != "private_address" {
				t.Fatalf("want ErrPrivateAddress, got %v", err)
			}
			if hs.Hits(p) != 1 {
				t.Errorf("%d requests, a refused address is not retried", hs.Hits(p))
			}
			// Refused before connecting: no connect timeout was waited for.
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %s", d)
			}
		})
	}
	if n := hs.Hits("/ok"); n != 1 {
		t.Errorf("/ok reached %d times through a private address", n)
	}
	// allow_private lets the same redirect through.
	opts.AllowPrivate = true
	f = newTest(t, opts)
	if _, err := f.Get(context.Background(), hs.srv.URL+"/other-port", Validators{}); err != nil {
		t.Fatalf("allow_private: %v", err)
	}
}

func TestPublicAddr(t *testing.T) {
	tests := map[string]bool{
		"8.8.8.8": true, "103.10.1.1": true, "2001:4860:4860::8888": true, "2400:cb00::1": true,
		"::ffff:8.8.8.8": true, "64:ff9b::808:808": true, "2002:808:808::1": true,
		"127.0.0.1": false, "127.255.0.9": false, "10.1.2.3": false, "172.16.0.1": false, "172.31.255.255": false,
		"192.168.1.1": false, "169.254.169.254": false, "169.254.0.1": false, "100.64.0.1": false,
		"100.127.255.254": false, "0.0.0.0": false, "0.1.2.3": false, "255.255.255.255": false,
		"224.0.0.1": false, "240.0.0.1": false, "192.0.0.170": false, "198.18.0.1": false,
		"::": false, "::1": false, "::127.0.0.1": false, "fe80::1": false, "fe80::1%eth0": false,
		"fc00::1": false, "fd12:3456::1": false, "fec0::1": false, "ff02::1": false,
		"::ffff:127.0.0.1": false, "::ffff:169.254.169.254": false, "::ffff:10.0.0.1": false,
		"64:ff9b::a9fe:a9fe": false, "64:ff9b::7f00:1": false, "2002:7f00:1::1": false, "2002:a9fe:a9fe::": false,
		"2001::1": false, "2001:db8::1": false,
	}
	for s, want := range tests {
		if got := PublicAddr(netip.MustParseAddr(s)); got != want {
			t.Errorf("PublicAddr(%s) = %v, want %v", s, got, want)
		}
		if ip := net.ParseIP(strings.Split(s, "%")[0]); ip != nil && PublicIP(ip) != want {
			t.Errorf("PublicIP(%s) = %v, want %v", s, !want, want)
		}
	}
}

package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestRobotsPolicy(t *testing.T) {
	huge := strings.Repeat("Disallow: /arsip-lama-yang-tidak-relevan/\n", MaxRobotsBytes/40) + "Disallow: /berita/\n"
	tests := []struct {
		name    string
		serve   func(w http.ResponseWriter, r *http.Request)
		allowed bool // whether /berita/1/x is fetched
		// private is checked too for parsed files
		private bool
	}{
		{"rules", func(w http.ResponseWriter, r *http.Request) {
			// PantauBot's own group wins over "*".
			w.Write([]byte("User-agent: *\nDisallow: /berita/\n\nUser-agent: PantauBot\nDisallow: /private/\n"))
		}, true, true},
		{"garbage", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("\x00\xff\xfe{{{ ::: \n\x1f\x8bzz")) }, true, false},
		{"html page", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("<!doctype html><html><body><h1>Halaman tidak ditemukan</h1><a href='/'>Beranda</a></body></html>"))
		}, true, false},
		{"rules before user-agent", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("Crawl-delay: banyak\nDisallow: /private/\nHost: portal\n"))
		}, true, true},
		{"everything disallowed", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("User-agent: *\r\nDisallow: /\r\n"))
		}, false, true},
		{"huge file, rules past the limit ignored", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("User-agent: *\nDisallow: /private/\n" + huge))
		}, true, true},
		{"404 allows all", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }, true, false},
		{"403 allows all", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "forbidden", 403) }, true, false},
		{"500 disallows all", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "galat", 500) }, false, false},
		{"503 disallows all", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "sibuk", 503) }, false, false},
		{"429 disallows all", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "pelan", 429) }, false, false},
		{"redirect loop disallows all", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/robots.txt", http.StatusFound)
		}, false, false},
		{"timeout disallows all", func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-time.After(3 * time.Second):
			case <-r.Context().Done():
			}
		}, false, false},
		{"redirected to another path", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/robots-asli.txt", http.StatusMovedPermanently)
		}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hs := newHostile(t, func(_ *hostile, w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/robots.txt":
					tt.serve(w, r)
				case "/robots-asli.txt":
					w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
				default:
					w.Write([]byte("<p>isi</p>"))
				}
			})
			f := newTest(t, Options{AllowPrivate: true, Timeout: 500 * time.Millisecond, Retries: 1, Backoff: time.Millisecond})
			for range 3 {
				_, err := f.Get(context.Background(), hs.srv.URL+"/berita/1/x", Validators{})
				if tt.allowed && err != nil {
					t.Fatalf("want allowed, got %v", err)
				}
				if !tt.allowed && (!errors.Is(err, ErrRobotsDisallowed) || ErrorKind(err) != "robots") {
					t.Fatalf("want ErrRobotsDisallowed, got %v", err)
				}
			}
			if tt.private {
				_, err := f.Get(context.Background(), hs.srv.URL+"/private/doc", Validators{})
				if !errors.Is(err, ErrRobotsDisallowed) {
					t.Errorf("/private/: want ErrRobotsDisallowed, got %v", err)
				}
				if hs.Hits("/private/doc") != 0 {
					t.Error("/private/ fetched")
				}
			}
			if !tt.allowed && hs.Hits("/berita/1/x") != 0 {
				t.Error("page fetched while robots.txt disallows it")
			}
			// One decision per host and pass, whatever the answer.
			if n := hs.Hits("/robots.txt"); n < 1 || (n > 1 && !strings.Contains(tt.name, "redirect loop")) {
				t.Errorf("robots.txt requested %d times", n)
			}
		})
	}
}

func TestRobotsOnRedirectTarget(t *testing.T) {
	// The first URL is allowed; it redirects into a disallowed path, and
	// into another host of the source whose robots.txt disallows the page.
	var hs *hostile
	hs = newHostile(t, func(_ *hostile, w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/robots.txt" && r.Host == "m.portal.test:"+portOf(hs):
			w.Write([]byte("User-agent: PantauBot\nDisallow: /berita/\n"))
		case r.URL.Path == "/robots.txt":
			w.Write([]byte("User-agent: *\nDisallow: /rahasia/\n"))
		case r.URL.Path == "/pendek/1":
			http.Redirect(w, r, "/rahasia/dokumen", http.StatusFound)
		case r.URL.Path == "/pendek/2":
			http.Redirect(w, r, "http://m.portal.test:"+portOf(hs)+"/berita/2/x", http.StatusFound)
		default:
			w.Write([]byte("<p>isi</p>"))
		}
	})
	f := newTest(t, Options{
		AllowedDomains: []string{"portal.test", "127.0.0.1"},
		AllowPrivate:   true,
		resolve:        map[string]string{"m.portal.test": "127.0.0.1"},
	})
	for _, p := range []string{"/pendek/1", "/pendek/2"} {
		_, err := f.Get(context.Background(), hs.srv.URL+p, Validators{})
		if !errors.Is(err, ErrRobotsDisallowed) || ErrorKind(err) != "robots" {
			t.Errorf("%s: want ErrRobotsDisallowed, got %v", p, err)
		}
	}
	if hs.Hits("/rahasia/dokumen") != 0 || hs.Hits("/berita/2/x") != 0 {
		t.Errorf("a disallowed redirect target was fetched: %d %d", hs.Hits("/rahasia/dokumen"), hs.Hits("/berita/2/x"))
	}
	if hs.Hits("/robots.txt") != 2 {
		t.Errorf("robots.txt fetched %d times, want once per host", hs.Hits("/robots.txt"))
	}
}

func portOf(hs *hostile) string {
	u, _ := url.Parse(hs.srv.URL)
	return u.Port()
}

// FuzzParseRobots: any robots.txt parses (never an error, never a panic),
// and the decisions are total and deterministic: a file that disallows a
// path for PantauBot keeps disallowing it when garbage lines are added.
func FuzzParseRobots(f *testing.F) {
	for _, s := range []string{
		"User-agent: *\nDisallow: /private/\n",
		"User-agent: PantauBot\nAllow: /berita/\nDisallow: /\n\nUser-agent: GPTBot\nDisallow: /\n",
		"Disallow: /cari\nCrawl-delay: 10\nSitemap: https://portal.example/sitemap.xml\n",
		"User-agent: *\r\nDisallow: /*.pdf$\r\nAllow: /*?page=\r\n",
		"<html><body>404</body></html>",
		"User-agent:\nDisallow: /x\n# comment\n",
		"\xef\xbb\xbfUser-agent: *\nDisallow: /\n",
	} {
		f.Add([]byte(s), "/berita/1/judul?page=2")
	}
	f.Fuzz(func(t *testing.T, body []byte, path string) {
		d := ParseRobots(body)
		if d == nil {
			t.Fatal("nil rules")
		}
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		u := &url.URL{Scheme: "https", Host: "portal.example", Path: path}
		r := robotsRules{data: d}
		first := r.allows(u, DefaultUserAgent) == nil
		if again := (robotsRules{data: ParseRobots(body)}).allows(u, DefaultUserAgent) == nil; again != first {
			t.Fatal("robots decision not deterministic")
		}
		if len(body) < MaxRobotsBytes/2 && !first {
			if (robotsRules{data: ParseRobots(append(append([]byte(nil), body...), "\n<p>sampah</p>\n"...))}).allows(u, DefaultUserAgent) == nil {
				t.Fatalf("appending a garbage line turned a disallow into an allow")
			}
		}
	})
}

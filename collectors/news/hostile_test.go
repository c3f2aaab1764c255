package news

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/biroadpim/pantau/collectors/fetch"
	"github.com/biroadpim/pantau/collectors/sources"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// memTracker keeps published documents in memory. It stands in for the
// collector's seen store and JetStream publisher, which are tested with a
// real NATS server in package collector; here the subject is the crawl.
type memTracker struct {
	mu   sync.Mutex
	docs map[string]*pantauv1.Document
}

func (m *memTracker) Unchanged(context.Context, string, time.Time) (bool, error) { return false, nil }

func (m *memTracker) Emit(_ context.Context, canon string, d *pantauv1.Document) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.docs[canon] = d
	return nil
}

var goodParas = []string{
	"Pemerintah Provinsi Kalimantan Timur menyalurkan bantuan kepada warga terdampak banjir di Samarinda sejak Senin pagi.",
	"Bantuan berupa beras, air bersih, selimut dan obat-obatan dibagikan melalui posko di kelurahan yang paling parah terdampak.",
	"Warga berharap pemerintah segera memperbaiki drainase agar banjir serupa tidak terulang saat musim hujan berikutnya.",
}

func goodArticle(w http.ResponseWriter, title string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="id"><head><title>%s</title><meta property="og:title" content="%s"></head>
<body><article><h1>%s</h1><time datetime="2024-06-12T09:00:00+08:00">Rabu, 12 Juni 2024 09:00 WITA</time>
<div class="content"><p>%s</p><p>%s</p><p>%s</p></div></article></body></html>`, title, title, title, goodParas[0], goodParas[1], goodParas[2])
}

// TestPassSurvivesHostilePortal: a portal whose sitemap index loops, whose
// sitemap is 200k URLs, and whose newest articles are a gzip bomb, an
// endless stream, a trickling body and a redirect loop. The pass must end
// within its bounds and still publish the good articles behind them.
func TestPassSurvivesHostilePortal(t *testing.T) {
	var (
		srv     *httptest.Server
		mu      sync.Mutex
		hits    = map[string]int{}
		hugeOut atomic.Int64
	)
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zw.Write(make([]byte, 64<<20))
	zw.Close()
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		switch p := r.URL.Path; {
		case p == "/robots.txt":
			http.NotFound(w, r)
		case p == "/sitemap_index.xml":
			fmt.Fprintf(w, `<sitemapindex><sitemap><loc>%[1]s/sitemap_index.xml</loc></sitemap><sitemap><loc>%[1]s/loop.xml</loc></sitemap>
<sitemap><loc>%[1]s/huge.xml</loc></sitemap><sitemap><loc>%[1]s/news.xml</loc></sitemap></sitemapindex>`, srv.URL)
		case p == "/loop.xml":
			fmt.Fprintf(w, `<sitemapindex><sitemap><loc>%[1]s/sitemap_index.xml</loc></sitemap><sitemap><loc>%[1]s/loop.xml</loc></sitemap></sitemapindex>`, srv.URL)
		case p == "/huge.xml":
			w.Write([]byte(`<?xml version="1.0"?><urlset>`))
			for i := range 200000 {
				n, err := fmt.Fprintf(w, "<url><loc>%s/arsip/%d/halaman-arsip-lama-yang-tidak-pernah-dibaca</loc></url>\n", srv.URL, i)
				hugeOut.Add(int64(n))
				if err != nil {
					return
				}
			}
			w.Write([]byte(`</urlset>`))
		case p == "/news.xml":
			w.Write([]byte(`<urlset xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`))
			for i, a := range []string{"1/bom-gzip", "2/aliran-tanpa-akhir", "3/server-lambat-sekali", "4/pengalihan-berputar", "10/banjir-samarinda", "11/bantuan-banjir", "12/drainase-kota"} {
				// The hostile ones are the newest, so they are fetched first.
				fmt.Fprintf(w, "<url><loc>%s/berita/%s</loc><news:news><news:publication_date>2024-06-12T%02d:00:00+08:00</news:publication_date></news:news></url>\n", srv.URL, a, 20-i)
			}
			w.Write([]byte(`</urlset>`))
		case strings.HasPrefix(p, "/berita/1/"):
			w.Header().Set("Content-Encoding", "gzip")
			w.Header().Set("Content-Type", "text/html")
			for range 64 { // 4 GiB inflated
				if _, err := w.Write(bomb.Bytes()); err != nil {
					return
				}
			}
		case strings.HasPrefix(p, "/berita/2/"):
			w.Header().Set("Content-Type", "text/html")
			for {
				if _, err := w.Write([]byte(strings.Repeat("<p>tanpa akhir</p>", 1000))); err != nil {
					return
				}
			}
		case strings.HasPrefix(p, "/berita/3/"):
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(http.StatusOK)
			for {
				select {
				case <-r.Context().Done():
					return
				case <-time.After(50 * time.Millisecond):
				}
				if _, err := w.Write([]byte("<")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
			}
		case strings.HasPrefix(p, "/berita/4/"):
			http.Redirect(w, r, p+"x", http.StatusFound)
		case strings.HasPrefix(p, "/berita/1"):
			goodArticle(w, "Berita Baik "+p)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	yml := fmt.Sprintf("sources:\n  - name: portal-jahat\n    kind: news\n    feeds: [%s/sitemap_index.xml]\n    article_pattern: '/berita/\\d+/'\n    allow_private: true\n    max_articles: 20\n", srv.URL)
	list, err := sources.Parse([]byte(yml), "jahat.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := list[0]
	timeout := 700 * time.Millisecond
	f, err := fetch.New(context.Background(), fetch.Options{
		AllowedDomains: src.Allow, AllowPrivate: true, Delay: time.Millisecond, Parallelism: 4,
		Timeout: timeout, MaxBodyBytes: 2 << 20, MaxRedirects: 4, Retries: 1, Backoff: 10 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	var kinds sync.Map
	cr := New(src, Options{
		MaxSitemaps: 10, Workers: 2,
		Now:     func() time.Time { return time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC) },
		OnError: func(kind, u string, _ error) { kinds.Store(u[len(srv.URL):], kind) },
	})
	tr := &memTracker{docs: map[string]*pantauv1.Document{}}
	start := time.Now()
	st, err := cr.Pass(context.Background(), f, tr)
	took := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if st.Emitted != 3 || st.Failed != 4 || len(tr.docs) != 3 {
		t.Fatalf("stats %+v, %d documents; want the 3 good articles published and the 4 hostile ones failed", st, len(tr.docs))
	}
	for _, id := range []string{"10/banjir-samarinda", "11/bantuan-banjir", "12/drainase-kota"} {
		d := tr.docs[srv.URL+"/berita/"+id]
		if d == nil || !strings.Contains(d.Body, "drainase") {
			t.Errorf("%s not published intact: %v", id, d)
		}
	}
	want := map[string]string{"/berita/1/bom-gzip": "too_large", "/berita/2/aliran-tanpa-akhir": "too_large",
		"/berita/3/server-lambat-sekali": "timeout", "/berita/4/pengalihan-berputar": "redirects"}
	for p, k := range want {
		if got, _ := kinds.Load(p); got != k {
			t.Errorf("%s failed as %v, want %s", p, got, k)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	// Each sitemap once, whatever the index loop says.
	for _, p := range []string{"/sitemap_index.xml", "/loop.xml", "/huge.xml", "/news.xml"} {
		if hits[p] != 1 {
			t.Errorf("%s fetched %d times, want once", p, hits[p])
		}
	}
	// The 30 MB sitemap was cut at the 2 MiB limit.
	time.Sleep(20 * time.Millisecond)
	if n := hugeOut.Load(); n > 12<<20 {
		t.Errorf("server wrote %d MiB of the huge sitemap", n>>20)
	}
	// Bound: the slow article costs at most two deadlines; the rest is quick.
	if took > 2*timeout+5*time.Second {
		t.Errorf("pass took %s", took)
	}
}

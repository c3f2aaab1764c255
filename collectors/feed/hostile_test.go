package feed

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"
	"time"
)

func hugeSitemap(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i := range n {
		fmt.Fprintf(&b, "<url><loc>https://portal.example/berita/%d/judul-berita-yang-cukup-panjang-untuk-ukuran-nyata</loc><lastmod>2024-06-12T10:00:00+08:00</lastmod></url>\n", i)
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

func TestHugeSitemap(t *testing.T) {
	now := time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC)
	body := hugeSitemap(200000) // 200k URLs, about 30 MB
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := Parse(body, "https://portal.example/sitemap.xml", now)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != MaxEntries || !res.Truncated {
		t.Fatalf("%d entries, truncated=%v; want %d and truncated", len(res.Entries), res.Truncated, MaxEntries)
	}
	if res.Entries[0].URL != "https://portal.example/berita/0/judul-berita-yang-cukup-panjang-untuk-ukuran-nyata" {
		t.Errorf("first entry %s", res.Entries[0].URL)
	}
	// Live heap after parsing holds the entries, not the whole document
	// tree: well under the 30 MB input on top of the input itself.
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 64<<20 {
		t.Errorf("heap grew by %d MiB", grown>>20)
	}
}

func TestSitemapCutAtLimit(t *testing.T) {
	now := time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC)
	body := hugeSitemap(1000)
	cut := body[:len(body)/2]
	res, err := Parse(cut, "https://portal.example/sitemap.xml", now)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Truncated || len(res.Entries) < 450 || len(res.Entries) > 500 {
		t.Fatalf("%d entries, truncated=%v", len(res.Entries), res.Truncated)
	}
	full, _ := Parse(body, "https://portal.example/sitemap.xml", now)
	if full.Truncated || len(full.Entries) != 1000 {
		t.Fatalf("whole sitemap: %d entries, truncated=%v", len(full.Entries), full.Truncated)
	}
}

func TestSitemapIndexDeduplicatesAndDropsJunk(t *testing.T) {
	body := []byte(`<sitemapindex><sitemap><loc>/a.xml</loc></sitemap><sitemap><loc>https://portal.example/a.xml</loc></sitemap>
<sitemap><loc>file:///etc/passwd</loc></sitemap><sitemap><loc>gopher://x/</loc></sitemap><sitemap><loc>b.xml#frag</loc></sitemap></sitemapindex>`)
	res, err := Parse(body, "https://portal.example/sitemap_index.xml", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://portal.example/a.xml", "https://portal.example/b.xml"}
	if fmt.Sprint(res.Sitemaps) != fmt.Sprint(want) {
		t.Fatalf("sitemaps %v, want %v", res.Sitemaps, want)
	}
}

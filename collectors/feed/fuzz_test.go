package feed

import (
	"net/url"
	"os"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bytes as a feed or sitemap: parsing must not
// panic, must stay within MaxEntries, and everything it returns must be
// usable: absolute http(s) URLs with a host and no fragment, sane dates,
// valid UTF-8 titles.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"antara.rss", "atom.xml", "index.xml", "news.xml"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)*2/3]) // cut at the size limit
	}
	f.Add([]byte(`<?xml version="1.0" encoding="windows-1252"?><rss><channel><item><title>caf\xe9</title><link>/berita/1</link><pubDate>Fri, 31 Dec 9999 23:59:59 GMT</pubDate></item></channel></rss>`))
	f.Add([]byte(`<urlset><url><loc>javascript:alert(1)</loc></url><url><loc>//evil.example/x</loc></url><url><loc>http:///nohost</loc><lastmod>0001-01-01</lastmod></url></urlset>`))
	f.Add([]byte(`<sitemapindex><sitemap><loc>sitemap_index.xml</loc></sitemap><sitemap><loc>sitemap_index.xml</loc></sitemap></sitemapindex>`))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><link>https://x.example/a</link></item></rdf:RDF>`))
	now := time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, body []byte) {
		res, err := Parse(body, "https://portal.example/sitemap.xml", now)
		if err != nil {
			if res != nil {
				t.Fatal("result with an error")
			}
			return
		}
		if len(res.Entries) > MaxEntries || len(res.Sitemaps) > MaxEntries {
			t.Fatalf("%d entries, %d sitemaps", len(res.Entries), len(res.Sitemaps))
		}
		check := func(raw string) {
			u, err := url.Parse(raw)
			if err != nil || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
				t.Fatalf("unusable URL %q", raw)
			}
		}
		for _, s := range res.Sitemaps {
			check(s)
		}
		for _, e := range res.Entries {
			check(e.URL)
			if !utf8.ValidString(e.Title) {
				t.Fatalf("invalid UTF-8 title %q", e.Title)
			}
			for _, d := range []time.Time{e.Published, e.Modified} {
				if !d.IsZero() && (d.Year() < 1990 || d.After(now.Add(48*time.Hour))) {
					t.Fatalf("insane date %s", d)
				}
			}
		}
	})
}

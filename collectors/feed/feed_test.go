package feed

import (
	"errors"
	"os"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	now := time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		file, base    string
		urls          []string
		sitemaps      int
		firstPub      string
		firstModified string
		firstTitle    string
	}{
		{"antara.rss", "https://kaltim.antaranews.com/rss/terkini.xml",
			[]string{"https://kaltim.antaranews.com/berita/230001/pemprov-kaltim-salurkan-bantuan-banjir", "https://kaltim.antaranews.com/berita/230002/harga-tbs-sawit-naik"},
			0, "2024-05-31T06:05:00Z", "", "Pemprov Kaltim salurkan bantuan banjir"},
		{"atom.xml", "https://kaltimkece.id/feed", []string{"https://kaltimkece.id/warta/2024/05/sejarah-samarinda"}, 0, "2024-05-30T00:00:00Z", "2024-05-31T01:00:00Z", "Sejarah Samarinda"},
		{"index.xml", "https://kaltimtoday.co/sitemap_index.xml", nil, 2, "", "", ""},
		{"news.xml", "https://kaltimtoday.co/news-sitemap.xml", []string{"https://kaltimtoday.co/harga-cabai-di-pasar-segiri-naik-jelang-iduladha"}, 0,
			"2024-06-12T02:15:00Z", "2024-06-12T03:02:00Z", "Harga Cabai di Pasar Segiri Naik Jelang Iduladha"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, _ := os.ReadFile("testdata/" + tt.file)
			res, err := Parse(body, tt.base, now)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Entries) != len(tt.urls) || len(res.Sitemaps) != tt.sitemaps {
				t.Fatalf("got %d entries %d sitemaps, want %d %d: %+v", len(res.Entries), len(res.Sitemaps), len(tt.urls), tt.sitemaps, res)
			}
			for i, u := range tt.urls {
				if res.Entries[i].URL != u {
					t.Errorf("entry %d: %s, want %s", i, res.Entries[i].URL, u)
				}
			}
			if len(tt.urls) == 0 {
				return
			}
			e := res.Entries[0]
			if e.Title != tt.firstTitle || e.Published.UTC().Format(time.RFC3339) != tt.firstPub {
				t.Errorf("first entry %+v", e)
			}
			if tt.firstModified != "" && e.Modified.UTC().Format(time.RFC3339) != tt.firstModified {
				t.Errorf("modified %s, want %s", e.Modified.UTC().Format(time.RFC3339), tt.firstModified)
			}
		})
	}
}

func TestParseRejectsHTML(t *testing.T) {
	if _, err := Parse([]byte("<html><body>bukan feed</body></html>"), "https://x.example/", time.Now()); !errors.Is(err, ErrNotFeed) {
		t.Fatalf("want ErrNotFeed, got %v", err)
	}
}

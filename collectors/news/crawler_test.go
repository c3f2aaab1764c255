package news

import (
	"net/url"
	"testing"
)

func TestIsPageLink(t *testing.T) {
	base, _ := url.Parse("https://kaltimtoday.co/kategori/samarinda")
	tests := map[string]bool{
		"https://kaltimtoday.co/kategori/samarinda?page=2":     true,
		"https://kaltimtoday.co/kategori/samarinda/page/3":     true,
		"https://kaltimtoday.co/kategori/samarinda/page/3/":    true,
		"https://kaltimtoday.co/kategori/balikpapan?page=2":    false,
		"https://kaltimtoday.co/kategori/samarinda?page=all":   false,
		"https://other.example/kategori/samarinda?page=2":      false,
		"https://kaltimtoday.co/harga-cabai-naik-di-samarinda": false,
	}
	for raw, want := range tests {
		u, _ := url.Parse(raw)
		if got := isPageLink(u, base); got != want {
			t.Errorf("isPageLink(%s) = %v, want %v", raw, got, want)
		}
	}
}

func TestCanonicalArticleURL(t *testing.T) {
	tests := map[string]string{
		"https://Kaltim.Tribunnews.com/samarinda/1130001/banjir?page=all&utm_source=wa#x": "https://kaltim.tribunnews.com/samarinda/1130001/banjir",
		"https://kaltim.tribunnews.com/samarinda/1130001/banjir?page=2":                   "https://kaltim.tribunnews.com/samarinda/1130001/banjir",
		"https://www.samarindakota.go.id/berita/detail?id=12":                             "https://www.samarindakota.go.id/berita/detail?id=12",
	}
	for in, want := range tests {
		got, err := canonicalArticleURL(in)
		if err != nil || got != want {
			t.Errorf("canonicalArticleURL(%s) = %s, %v; want %s", in, got, err, want)
		}
	}
}

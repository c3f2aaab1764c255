package extract

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/biroadpim/pantau/collectors/dates"
)

var testNow = time.Date(2024, 6, 16, 12, 0, 0, 0, dates.WITA)

func TestExtractFixtures(t *testing.T) {
	tests := []struct {
		file, url, ctype                              string
		title, published, author, site, section, lang string
		contains                                      []string
		absent                                        []string
		allPages                                      string
	}{
		{
			file: "tribun_like.html", url: "https://kaltim.tribunnews.com/samarinda/1130001/gubernur-kaltim-tinjau-banjir-di-samarinda-utara",
			title: "Gubernur Kaltim Tinjau Banjir di Samarinda Utara, Minta Drainase Dinormalisasi", published: "2024-05-31T14:05:00+08:00",
			author: "Rina Kartika", site: "Tribunkaltim.co", section: "Samarinda", lang: "id",
			contains: []string{"meninjau sejumlah titik banjir", "Drainase di kawasan ini harus segera dinormalisasi", "bantuan logistik berupa beras"},
			absent:   []string{"Baca juga", "BPBD Samarinda Siagakan Perahu", "Saluran WhatsApp", "Artikel ini telah tayang", "Halaman 1/2", "Disclaimer", "Copyright", "Berita Terkait", "Facebook", "IKLAN", "figcaption", "BANJIR - Warga"},
			allPages: "https://kaltim.tribunnews.com/samarinda/1130001/gubernur-kaltim-tinjau-banjir-di-samarinda-utara?page=all",
		},
		{
			file: "prokal_like.html", url: "https://prokal.co/kalimantan-timur/774411/dprd-kaltim-soroti-jalan-rusak-di-kutai-barat",
			title: "DPRD Kaltim Soroti Jalan Rusak di Kutai Barat", published: "2024-06-11T09:45:00+08:00",
			author: "Andi Pratama", site: "PROKAL.CO", lang: "id",
			contains: []string{"Kerusakan jalan provinsi", "Truk pengangkut sawit bisa tertahan", "penimbunan batu"},
			absent:   []string{"Share:", "Terpopuler", "Harga Sawit Naik", "© 2024", "Beranda"},
		},
		{
			file: "kaltimtoday_like.html", url: "https://kaltimtoday.co/harga-cabai-di-pasar-segiri-naik-jelang-iduladha",
			title: "Harga Cabai di Pasar Segiri Naik Jelang Iduladha", published: "2024-06-12T10:15:00+08:00",
			author: "Nur Aini", site: "Kaltim Today", section: "Ekonomi", lang: "id",
			contains: []string{"Harga cabai rawit di Pasar Segiri", "“Pembeli sekarang kurangi jumlah belanja.", "harga daging sapi relatif stabil"},
			absent:   []string{"Baca juga", "Operasi Pasar Murah Digelar", "WhatsApp", "Google News", "Editor:", "tanggung jawab", "Hak Cipta", "Related", "Harga Beras Stabil"},
		},
		{
			file: "win1252.html", url: "https://example.co.id/berita/cafe", ctype: "text/html",
			title: "Café Tepian Mahakam Ramai Dikunjungi Wisatawan", published: "2024-06-01T19:30:00+07:00",
			contains: []string{"Kawasan “café” di tepian Sungai Mahakam", "akhir pekan – terutama"},
		},
		{
			file: "broken.html", url: "https://bontangpost.example/berita/pantai",
			title: "Warga Bontang Gotong Royong Bersihkan Pantai", published: "2024-06-16T10:00:00+08:00",
			contains: []string{"Ratusan warga Kelurahan Tanjung Laut Indah", "tanpa bantuan alat berat", "tidak lagi membuang sampah"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			body, err := os.ReadFile("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Extract(body, tt.ctype, tt.url, Options{Now: testNow})
			if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if a.Title != tt.title {
				t.Errorf("title = %q, want %q", a.Title, tt.title)
			}
			if got := a.Published.Format(time.RFC3339); got != tt.published {
				t.Errorf("published = %s, want %s", got, tt.published)
			}
			if a.Author != tt.author {
				t.Errorf("author = %q, want %q", a.Author, tt.author)
			}
			if tt.site != "" && a.SiteName != tt.site {
				t.Errorf("site = %q, want %q", a.SiteName, tt.site)
			}
			if tt.section != "" && a.Section != tt.section {
				t.Errorf("section = %q, want %q", a.Section, tt.section)
			}
			if tt.lang != "" && a.Language != tt.lang {
				t.Errorf("language = %q, want %q", a.Language, tt.lang)
			}
			for _, c := range tt.contains {
				if !strings.Contains(a.Body, c) {
					t.Errorf("body lacks %q\nbody:\n%s", c, a.Body)
				}
			}
			for _, c := range tt.absent {
				if strings.Contains(a.Body, c) {
					t.Errorf("body keeps boilerplate %q\nbody:\n%s", c, a.Body)
				}
			}
			if a.AllPagesURL != tt.allPages {
				t.Errorf("all pages URL = %q, want %q", a.AllPagesURL, tt.allPages)
			}
		})
	}
}

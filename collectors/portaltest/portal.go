// Package portaltest serves a local news portal that behaves like the
// East Kalimantan sites Pantau collects: an RSS feed, a sitemap index with a
// news sitemap, a paginated listing, articles in three site styles (a
// Tribun-like page with JSON-LD, a Prokal-like page without, a Kaltim
// Today-like WordPress page full of "Baca juga" and WhatsApp boilerplate),
// an article split over two pages, one with a ?page=all view, a
// windows-1252 page, and misbehaving URLs: robots-disallowed paths, 429 with
// Retry-After, 500, a slow page, a redirect loop, an oversized page, an
// off-site redirect and a page without content. It records every request so
// tests can assert what was and was not fetched.
package portaltest

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// Style is the page template of an article.
type Style int

// Article styles.
const (
	Tribun Style = iota
	Prokal
	KaltimToday
	SplitPages   // ?page=2 continuation, no single-page view
	PageAll      // split, with a ?page=all single-page view
	Windows1252  // legacy charset, date in WIB
	numGoodStyle = 6
)

// Article is a good article the portal serves; tests compare published
// documents against these fields.
type Article struct {
	ID        int
	Slug      string
	Title     string
	Author    string
	Published time.Time
	Style     Style
	// Paragraphs are the article text, in order, as it should be extracted.
	Paragraphs []string
	// Edited is set by Edit: the article then carries one more paragraph
	// and a later modification time.
	Edited time.Time
}

// Path is the article's path.
func (a Article) Path() string { return fmt.Sprintf("/berita/%d/%s", a.ID, a.Slug) }

// Paths of the misbehaving URLs. All match the article pattern.
const (
	PathDisallowed  = "/berita/666/dokumen-rahasia-dilarang-robots"
	PathServerError = "/berita/900/galat-server-internal-portal"
	PathSlow        = "/berita/901/halaman-sangat-lambat-dimuat"
	PathLoopA       = "/berita/902/pengalihan-berputar-tanpa-akhir"
	PathLoopB       = "/berita/903/pengalihan-berputar-kembali-lagi"
	PathHuge        = "/berita/904/halaman-raksasa-melebihi-batas"
	PathOffsite     = "/berita/905/dialihkan-ke-situs-luar-negeri"
	PathEmpty       = "/berita/906/halaman-tanpa-isi-berita"
	PathBeyondDepth = "/berita/907/artikel-di-halaman-indeks-keempat"
	PathRateLimited = "/berita/908/terlalu-sering-diminta-pengunjung"
)

// ArticlePattern matches the portal's article URLs.
const ArticlePattern = `/berita/\d+/[a-z0-9-]+`

// Portal is a running local portal.
type Portal struct {
	Server *httptest.Server
	// SlowDelay is how long PathSlow takes to answer.
	SlowDelay time.Duration
	// HugeBytes is the size of PathHuge.
	HugeBytes int

	mu       sync.Mutex
	articles []Article
	requests []string
	hits     map[string]int
	// RateLimitedOK is the article served at PathRateLimited after one 429.
	rateLimited Article
}

var topics = []struct {
	title, official, quote string
	paras                  []string
}{
	{"Pemprov Kaltim Percepat Perbaikan Jalan Poros", "Kepala Dinas PUPR Kaltim",
		"Kami targetkan perbaikan rampung sebelum musim hujan puncak.",
		[]string{"Pemerintah Provinsi Kalimantan Timur mempercepat perbaikan jalan poros di wilayah %s yang rusak akibat angkutan batu bara dan hujan deras dalam beberapa pekan terakhir.",
			"Perbaikan dilakukan bertahap, dimulai dari titik-titik yang paling sering dikeluhkan warga dan pengemudi angkutan barang.",
			"Warga berharap perbaikan tidak hanya tambal sulam, tetapi juga memperhatikan saluran air di kiri dan kanan jalan."}},
	{"Harga Bahan Pokok Naik Jelang Hari Raya", "Kepala Dinas Perindustrian dan Perdagangan",
		"Stok aman, masyarakat tidak perlu membeli berlebihan.",
		[]string{"Harga sejumlah bahan pokok di pasar tradisional %s naik menjelang hari raya, terutama cabai rawit, bawang merah dan telur ayam.",
			"Pedagang menyebut pasokan dari luar daerah berkurang karena gelombang tinggi mengganggu pelayaran kapal barang.",
			"Pemerintah daerah bersama Bulog berencana menggelar operasi pasar di beberapa kecamatan hingga akhir bulan."}},
	{"Banjir Rendam Ratusan Rumah Warga", "Kepala BPBD",
		"Tim kami siaga penuh dan dapur umum sudah dibuka.",
		[]string{"Banjir merendam ratusan rumah warga di %s setelah hujan deras mengguyur sejak malam hingga pagi hari.",
			"Petugas gabungan mengevakuasi warga lanjut usia dan anak-anak ke masjid serta sekolah terdekat menggunakan perahu karet.",
			"Warga meminta pemerintah segera menormalisasi sungai dan drainase yang dangkal karena sedimentasi."}},
	{"Ribuan Pelajar Ikuti Vaksinasi Gratis", "Kepala Dinas Kesehatan",
		"Vaksinasi ini penting untuk melindungi anak-anak kita.",
		[]string{"Ribuan pelajar sekolah dasar di %s mengikuti program vaksinasi gratis yang digelar dinas kesehatan bersama puskesmas setempat.",
			"Petugas mendatangi sekolah satu per satu agar orang tua tidak perlu membawa anaknya ke fasilitas kesehatan.",
			"Orang tua murid menyambut baik program tersebut dan berharap jangkauannya diperluas hingga ke desa-desa terpencil."}},
	{"DPRD Soroti Serapan Anggaran yang Rendah", "Ketua Komisi II DPRD",
		"Anggaran harus segera dibelanjakan agar manfaatnya dirasakan warga.",
		[]string{"Dewan Perwakilan Rakyat Daerah menyoroti rendahnya serapan anggaran sejumlah organisasi perangkat daerah di %s hingga pertengahan tahun.",
			"Dalam rapat dengar pendapat, anggota dewan meminta penjelasan mengenai proyek yang belum dilelang meski anggarannya sudah tersedia.",
			"Pemerintah daerah berjanji mempercepat proses lelang dan memperbaiki perencanaan kegiatan pada tahun berikutnya."}},
	{"Festival Budaya Dayak Digelar di Tepian Mahakam", "Kepala Dinas Pariwisata",
		"Festival ini menjadi etalase budaya sekaligus penggerak ekonomi warga.",
		[]string{"Festival budaya Dayak digelar selama tiga hari di tepian Sungai Mahakam, %s, dan menarik ribuan pengunjung dari berbagai daerah.",
			"Pengunjung dapat menyaksikan tari tradisional, lomba perahu naga dan pameran kerajinan manik-manik khas pedalaman Kalimantan.",
			"Pelaku usaha kecil mengaku omzet mereka naik berlipat selama festival berlangsung."}},
}

var places = []string{"Samarinda", "Balikpapan", "Tenggarong", "Bontang", "Sangatta", "Tanjung Redeb", "Tanah Grogot", "Penajam", "Sendawar", "Melak"}

var authors = []string{"Rina Kartika", "Andi Pratama", "Nur Aini", "Muhammad Rizal", "Siti Rahmawati", "Yusuf Hidayat"}

var slugger = strings.NewReplacer(" ", "-", ",", "", ".", "")

// Base is the reference time of the portal's articles.
var Base = time.Date(2024, 6, 14, 16, 0, 0, 0, time.FixedZone("WITA", 8*3600))

// New starts a portal with n good articles (n ≥ 6 covers every style).
func New(n int) *Portal {
	p := &Portal{SlowDelay: 3 * time.Second, HugeBytes: 2 << 20, hits: map[string]int{}}
	for i := 1; i <= n; i++ {
		t := topics[(i-1)%len(topics)]
		place := places[(i-1)%len(places)]
		title := fmt.Sprintf("%s di %s", t.title, place)
		a := Article{
			ID:        100 + i,
			Title:     title,
			Slug:      strings.ToLower(slugger.Replace(title)),
			Author:    authors[(i-1)%len(authors)],
			Published: Base.Add(-time.Duration(i) * 3 * time.Hour),
			Style:     Style((i - 1) % numGoodStyle),
		}
		a.Paragraphs = []string{
			fmt.Sprintf(t.paras[0], place),
			t.paras[1],
			fmt.Sprintf("“%s” kata %s %s saat ditemui wartawan, %s.", t.quote, t.official, place, indoDate(a.Published)),
			t.paras[2],
			fmt.Sprintf("Hingga berita ini diturunkan, tercatat %d laporan warga masuk ke posko pengaduan yang dibuka sejak awal pekan.", 10*i+7),
		}
		if a.Style == Windows1252 {
			a.Paragraphs[1] += " Kafe di tepi sungai – yang biasa disebut “café” oleh warga – ikut ramai."
		}
		p.articles = append(p.articles, a)
	}
	p.rateLimited = Article{
		ID: 908, Slug: "terlalu-sering-diminta-pengunjung", Title: "Pelabuhan Semayang Balikpapan Padat Pemudik",
		Author: "Yusuf Hidayat", Published: Base.Add(-90 * time.Minute), Style: Tribun,
		Paragraphs: []string{
			"Ribuan pemudik memadati Pelabuhan Semayang, Balikpapan, sejak subuh untuk menaiki kapal tujuan Parepare dan Surabaya.",
			"Petugas pelabuhan menambah loket dan membuka ruang tunggu tambahan agar penumpang tidak berdesakan di dermaga.",
			"Otoritas pelabuhan mengimbau pemudik membeli tiket secara daring dan datang paling lambat dua jam sebelum keberangkatan.",
		},
	}
	p.Server = httptest.NewServer(http.HandlerFunc(p.serve))
	return p
}

// Close stops the portal.
func (p *Portal) Close() { p.Server.Close() }

// URL returns an absolute URL on the portal.
func (p *Portal) URL(path string) string { return p.Server.URL + path }

// Articles returns the good articles reachable through feeds and listings,
// including the one behind a 429.
func (p *Portal) Articles() []Article {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := append([]Article(nil), p.articles...)
	return append(out, p.rateLimited)
}

// Edit changes article id: one more paragraph and a new modification time.
func (p *Portal) Edit(id int, paragraph string, at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := range p.articles {
		if p.articles[i].ID == id {
			p.articles[i].Paragraphs = append(p.articles[i].Paragraphs, paragraph)
			p.articles[i].Edited = at
		}
	}
}

// Requests returns every path (with query) requested so far, in order.
func (p *Portal) Requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.requests...)
}

// Hits returns how often path (with query) was requested.
func (p *Portal) Hits(path string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits[path]
}

// ResetRequests forgets the recorded requests.
func (p *Portal) ResetRequests() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests = nil
	p.hits = map[string]int{}
}

func (p *Portal) record(r *http.Request) {
	key := r.URL.Path
	if r.URL.RawQuery != "" {
		key += "?" + r.URL.RawQuery
	}
	p.mu.Lock()
	p.requests = append(p.requests, key)
	p.hits[key]++
	p.mu.Unlock()
}

func (p *Portal) serve(w http.ResponseWriter, r *http.Request) {
	p.record(r)
	path := r.URL.Path
	switch {
	case path == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /rahasia/\nDisallow: /berita/666/\nDisallow: /cari\n\nUser-agent: GPTBot\nDisallow: /\n")
	case path == "/rss.xml":
		p.serveRSS(w, r)
	case path == "/sitemap_index.xml":
		w.Header().Set("Content-Type", "application/xml")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>%s/sitemap-news.xml</loc><lastmod>%s</lastmod></sitemap>
</sitemapindex>`, p.Server.URL, Base.Format(time.RFC3339))
	case path == "/sitemap-news.xml":
		p.serveNewsSitemap(w)
	case path == "/indeks":
		p.serveListing(w, r)
	case path == PathServerError:
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
	case path == PathSlow:
		select {
		case <-time.After(p.SlowDelay):
		case <-r.Context().Done():
			return
		}
		fmt.Fprint(w, "<html><body><p>terlambat</p></body></html>")
	case path == PathLoopA:
		http.Redirect(w, r, PathLoopB, http.StatusFound)
	case path == PathLoopB:
		http.Redirect(w, r, PathLoopA, http.StatusFound)
	case path == PathOffsite:
		http.Redirect(w, r, "http://situs-luar.example/berita/1/palsu", http.StatusMovedPermanently)
	case path == PathHuge:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		chunk := strings.Repeat("<p>isi sangat panjang yang tidak berguna sama sekali untuk pembaca</p>\n", 100)
		for n := 0; n < p.HugeBytes; n += len(chunk) {
			if _, err := w.Write([]byte(chunk)); err != nil {
				return
			}
		}
	case path == PathEmpty:
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<html><head><title>Portal</title></head><body><nav><a href="/">Beranda</a></nav><div class="content"></div><footer>© Portal</footer></body></html>`)
	case path == PathRateLimited:
		p.mu.Lock()
		n := p.hits[path]
		p.mu.Unlock()
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			http.Error(w, "Too Many Requests", http.StatusTooManyRequests)
			return
		}
		p.serveArticle(w, r, p.rateLimited)
	case strings.HasPrefix(path, "/berita/"):
		p.mu.Lock()
		var found *Article
		for i := range p.articles {
			if p.articles[i].Path() == path {
				a := p.articles[i]
				a.Paragraphs = append([]string(nil), a.Paragraphs...)
				found = &a
			}
		}
		p.mu.Unlock()
		if found == nil {
			http.NotFound(w, r)
			return
		}
		p.serveArticle(w, r, *found)
	default:
		http.NotFound(w, r)
	}
}

func (p *Portal) serveRSS(w http.ResponseWriter, r *http.Request) {
	etag := `"rss-` + strconv.Itoa(p.version()) + `"`
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Portal Uji Kaltim</title><link>%s</link><description>Berita terkini</description>
`, p.Server.URL)
	for i, a := range p.Articles() {
		if i%2 == 1 && a.ID != 908 {
			continue // odd ones are found through the sitemap and the listing
		}
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s?utm_source=rss&amp;utm_medium=feed</link><pubDate>%s</pubDate></item>\n",
			html.EscapeString(a.Title), p.Server.URL, a.Path(), a.Published.Format(time.RFC1123Z))
	}
	fmt.Fprintf(&b, "<item><title>Dokumen rahasia</title><link>%s%s</link><pubDate>%s</pubDate></item>\n", p.Server.URL, PathDisallowed, Base.Format(time.RFC1123Z))
	b.WriteString("</channel></rss>")
	fmt.Fprint(w, b.String())
}

func (p *Portal) version() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	v := 0
	for _, a := range p.articles {
		if !a.Edited.IsZero() {
			v++
		}
	}
	return v
}

func (p *Portal) serveNewsSitemap(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
`)
	for _, a := range p.Articles() {
		mod := a.Published
		if !a.Edited.IsZero() {
			mod = a.Edited
		}
		fmt.Fprintf(&b, "<url><loc>%s%s</loc><lastmod>%s</lastmod><news:news><news:publication><news:name>Portal Uji</news:name><news:language>id</news:language></news:publication><news:publication_date>%s</news:publication_date><news:title>%s</news:title></news:news></url>\n",
			p.Server.URL, a.Path(), mod.Format(time.RFC3339), a.Published.Format(time.RFC3339), html.EscapeString(a.Title))
	}
	b.WriteString("</urlset>")
	fmt.Fprint(w, b.String())
}

// serveListing serves /indeks?page=1..4: every article and misbehaving URL
// is linked from pages 1-3; page 4 (beyond the crawl depth) links one more.
func (p *Portal) serveListing(w http.ResponseWriter, r *http.Request) {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	if page < 1 {
		page = 1
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var links []string
	arts := p.Articles()
	for i, a := range arts {
		if i%3 == page-1 {
			links = append(links, fmt.Sprintf(`<article class="list-item"><h2><a href="%s">%s</a></h2><span class="date">%s</span></article>`, a.Path(), html.EscapeString(a.Title), indoDate(a.Published)))
		}
	}
	bad := [][]string{{PathServerError, PathSlow, PathLoopA}, {PathHuge, PathOffsite, PathEmpty}, {PathDisallowed, "http://situs-luar.example/berita/77/bukan-milik-portal", "/rahasia/catatan"}}
	if page <= 3 {
		for _, b := range bad[page-1] {
			links = append(links, fmt.Sprintf(`<article class="list-item"><h2><a href="%s">Tautan %s</a></h2></article>`, b, html.EscapeString(b)))
		}
	} else {
		links = append(links, fmt.Sprintf(`<article class="list-item"><h2><a href="%s">Artikel lama</a></h2></article>`, PathBeyondDepth))
	}
	sort.Strings(links)
	next := ""
	if page < 4 {
		next = fmt.Sprintf(`<a class="next" rel="next" href="/indeks?page=%d">Selanjutnya »</a>`, page+1)
	}
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Indeks Berita - Portal Uji</title></head>
<body><header><nav><a href="/">Beranda</a> <a href="/tag/banjir">Banjir</a> <a href="/cari?q=kaltim">Cari</a></nav></header>
<main><h1>Indeks Berita</h1>%s<div class="pagination">%s</div></main><footer>© 2024 Portal Uji</footer></body></html>`, strings.Join(links, "\n"), next)
}

func (p *Portal) serveArticle(w http.ResponseWriter, r *http.Request, a Article) {
	switch a.Style {
	case Tribun:
		p.tribun(w, a, a.Paragraphs, "")
	case Prokal:
		prokal(w, a)
	case KaltimToday:
		kaltimToday(w, a)
	case SplitPages:
		half := (len(a.Paragraphs) + 1) / 2
		if r.URL.Query().Get("page") == "2" {
			p.tribun(w, a, a.Paragraphs[half:], `<div class="paging"><span>Halaman 2/2</span> <a href="?page=1">1</a> <a href="?page=2">2</a></div>`)
			return
		}
		p.tribun(w, a, a.Paragraphs[:half], `<div class="paging"><span>Halaman 1/2</span> <a href="?page=1">1</a> <a href="?page=2">2</a> <a href="?page=2">Selanjutnya</a></div>`)
	case PageAll:
		if r.URL.Query().Get("page") == "all" {
			p.tribun(w, a, a.Paragraphs, "")
			return
		}
		half := (len(a.Paragraphs) + 1) / 2
		p.tribun(w, a, a.Paragraphs[:half], fmt.Sprintf(`<div class="paging"><span>Halaman 1/2</span> <a href="%s?page=2">2</a> <a href="%s?page=all">Tampilkan semua</a></div>`, a.Path(), a.Path()))
	case Windows1252:
		win1252(w, a)
	}
}

var (
	hari  = []string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
	bulan = []string{"", "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
)

func indoDate(t time.Time) string {
	return fmt.Sprintf("%s, %d %s %d %02d:%02d WITA", hari[t.Weekday()], t.Day(), bulan[t.Month()], t.Year(), t.Hour(), t.Minute())
}

func paras(ps []string) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "<p>%s</p>\n", html.EscapeString(p))
	}
	return b.String()
}

func (p *Portal) tribun(w http.ResponseWriter, a Article, ps []string, paging string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	mod := a.Published
	if !a.Edited.IsZero() {
		mod = a.Edited
	}
	lead := "<p><strong>TRIBUNKALTIM.CO</strong> - " + html.EscapeString(ps[0]) + "</p>"
	if strings.Contains(paging, "Halaman 2/2") {
		lead = paras(ps[:1]) // the dateline is only on the first page
	}
	rest := `<p>Baca juga: <a href="/berita/1/berita-lain-yang-tidak-ada">Berita Lain yang Menarik</a></p>` + "\n" + paras(ps[1:])
	fmt.Fprintf(w, `<!DOCTYPE html>
<html lang="id-ID"><head><meta charset="utf-8">
<title>%[1]s - Tribunkaltim.co</title>
<meta property="og:title" content="%[1]s">
<meta property="og:site_name" content="Tribunkaltim.co">
<link rel="canonical" href="%[2]s%[3]s">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Tribunkaltim.co"},{"@type":"NewsArticle","headline":%[4]q,"datePublished":%[5]q,"dateModified":%[6]q,"author":{"@type":"Person","name":%[7]q},"publisher":{"@type":"Organization","name":"Tribunkaltim.co"},"inLanguage":"id"}]}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/indeks">Indeks</a></nav></header>
<div class="share-bar">Bagikan: <a href="https://wa.me/?text=x">WhatsApp</a> <a href="https://facebook.com/sharer">Facebook</a></div>
<h1>%[1]s</h1><div class="credit">Penulis: %[7]s | Editor: Redaksi</div><time>%[8]s</time>
<div class="txt-article">
%[9]s
%[10]s<p><strong>Ikuti Saluran WhatsApp Tribun Kaltim untuk berita terkini</strong></p>
</div>
%[11]s
<div class="related-news"><h3>Berita Terkait</h3><ul><li><a href="/berita/2/lain">Berita lain</a></li></ul></div>
<div id="comments"><p>Disclaimer: Komentar yang tampil sepenuhnya menjadi tanggung jawab pengirim.</p></div>
<footer>Copyright © 2024 Tribunnews.com</footer>
</body></html>`, html.EscapeString(a.Title), p.Server.URL, a.Path(), a.Title, a.Published.Format(time.RFC3339), mod.Format(time.RFC3339),
		a.Author, indoDate(a.Published), lead, rest, paging)
}

func prokal(w http.ResponseWriter, a Article) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	t := a.Published
	fmt.Fprintf(w, `<!doctype html><html lang="id"><head><meta charset="UTF-8"><title>%[1]s | PROKAL.CO</title>
<meta property="og:title" content="%[1]s"><meta property="og:site_name" content="PROKAL.CO"></head>
<body><div class="topbar"><ul class="menu"><li><a href="/">Beranda</a></li><li><a href="/indeks">Indeks</a></li></ul></div>
<div class="container"><div class="col-md-8"><div class="detail"><h1 class="detail-title">%[1]s</h1>
<div class="detail-info"><span class="author">Oleh: %[2]s</span> <span class="date">%[3]s (%02[4]d/%02[5]d/%[6]d) - %02[7]d:%02[8]d WITA</span></div>
<div class="detail-content">%[9]s<p>(dra/k8)</p></div>
<div class="share"><span>Share:</span> <a href="#">FB</a></div></div></div>
<div class="col-md-4 sidebar"><div class="widget"><h4>Terpopuler</h4><ol><li><a href="/x">Berita populer lain</a></li></ol></div></div></div>
<div class="footer">© 2024 PROKAL.CO</div></body></html>`, html.EscapeString(a.Title), a.Author, hari[t.Weekday()], t.Day(), int(t.Month()), t.Year(), t.Hour(), t.Minute(), paras(a.Paragraphs))
}

func kaltimToday(w http.ResponseWriter, a Article) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	mod := ""
	if !a.Edited.IsZero() {
		mod = fmt.Sprintf(`<meta property="article:modified_time" content="%s" />`, a.Edited.Format(time.RFC3339))
	}
	ps := a.Paragraphs
	body := paras(ps[:2]) + `<p><strong>Baca juga:</strong></p><ul class="baca-juga-list"><li><a href="/berita/3/lain">Operasi Pasar Digelar</a></li></ul>` +
		`<div class="ads-inline"><ins class="adsbygoogle"></ins></div>` + paras(ps[2:]) +
		`<p>Ikuti berita terkini Kaltim Today di Google News dan saluran WhatsApp kami.</p><p><em>Editor: Devi</em></p>`
	fmt.Fprintf(w, `<!DOCTYPE html><html lang="id-ID"><head><meta charset="UTF-8" /><title>%[1]s &#8211; Kaltim Today</title>
<meta property="og:title" content="%[1]s" /><meta property="og:site_name" content="Kaltim Today" />
<meta property="article:published_time" content="%[2]s" />%[3]s<meta name="author" content="%[4]s" /></head>
<body><div class="wa-channel-banner">Ikuti Saluran WhatsApp Kaltim Today</div><main id="main"><article class="post">
<header class="entry-header"><h1 class="entry-title">%[1]s</h1></header>
<div class="entry-content">%[5]s</div><div class="jp-relatedposts"><h3>Related</h3><p><a href="/a">Lain</a></p></div></article>
<div id="comments" class="comments-area"><p>Komentar yang ditampilkan menjadi tanggung jawab sepenuhnya pembaca.</p></div></main>
<footer class="site-footer">Hak Cipta 2024 Kaltim Today</footer></body></html>`, html.EscapeString(a.Title), a.Published.Format(time.RFC3339), mod, a.Author, body)
}

func win1252(w http.ResponseWriter, a Article) {
	// No charset in the header: the page declares it in a meta tag. The
	// date is printed in WIB (one hour behind WITA).
	w.Header().Set("Content-Type", "text/html")
	t := a.Published.In(time.FixedZone("WIB", 7*3600))
	page := fmt.Sprintf(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>%[1]s</title></head>
<body><div id="isi"><h1>%[1]s</h1><p class="penulis">Penulis: %[2]s</p><p class="tanggal">%[3]s, %[4]d %[5]s %[6]d | %02[7]d.%02[8]d WIB</p>%[9]s</div></body></html>`,
		html.EscapeString(a.Title), a.Author, hari[t.Weekday()], t.Day(), bulan[t.Month()], t.Year(), t.Hour(), t.Minute(), paras(a.Paragraphs))
	enc, err := charmap.Windows1252.NewEncoder().String(page)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	fmt.Fprint(w, enc)
}

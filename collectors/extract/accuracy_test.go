package extract

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"unicode"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"

	"github.com/biroadpim/pantau/collectors/portaltest"
)

// page is a realistic page with the article text a reader would keep.
type page struct {
	name, url, ctype string
	html             []byte
	gold             string
}

// corpus returns the static fixtures and one page of every portaltest
// style (fetched from a local portal), each with its gold text.
func corpus(tb testing.TB) []page {
	tb.Helper()
	var out []page
	for _, f := range []struct{ name, url string }{
		{"tribun_like", "https://kaltim.tribunnews.com/samarinda/1130001/gubernur-kaltim-tinjau-banjir-di-samarinda-utara"},
		{"prokal_like", "https://prokal.co/kalimantan-timur/774411/dprd-kaltim-soroti-jalan-rusak-di-kutai-barat"},
		{"kaltimtoday_like", "https://kaltimtoday.co/harga-cabai-di-pasar-segiri-naik-jelang-iduladha"},
		{"win1252", "https://example.co.id/berita/cafe"},
		{"broken", "https://bontangpost.example/berita/pantai"},
	} {
		h, err := os.ReadFile("testdata/" + f.name + ".html")
		if err != nil {
			tb.Fatal(err)
		}
		g, err := os.ReadFile("testdata/" + f.name + ".gold.txt")
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, page{name: f.name, url: f.url, html: h, gold: string(g)})
	}
	p := portaltest.New(6)
	defer p.Close()
	for _, a := range p.Articles()[:6] {
		if a.Style == portaltest.SplitPages || a.Style == portaltest.PageAll {
			continue // only half the text is on the first page
		}
		resp, err := http.Get(p.URL(a.Path()))
		if err != nil {
			tb.Fatal(err)
		}
		h, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		out = append(out, page{name: fmt.Sprintf("portal_style%d", a.Style), url: p.URL(a.Path()), ctype: resp.Header.Get("Content-Type"), html: h, gold: strings.Join(a.Paragraphs, "\n")})
	}
	return out
}

// tokens splits text into lower-case words without surrounding punctuation.
func tokens(s string) map[string]int {
	m := map[string]int{}
	for _, w := range strings.Fields(strings.ToLower(s)) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w != "" {
			m[w]++
		}
	}
	return m
}

// score is token precision, recall and F1 of got against gold.
func score(got, gold string) (p, r, f float64) {
	g, w := tokens(got), tokens(gold)
	var overlap, ng, nw int
	for t, c := range g {
		ng += c
		overlap += min(c, w[t])
	}
	for _, c := range w {
		nw += c
	}
	if ng == 0 || nw == 0 {
		return 0, 0, 0
	}
	p, r = float64(overlap)/float64(ng), float64(overlap)/float64(nw)
	if p+r == 0 {
		return p, r, 0
	}
	return p, r, 2 * p * r / (p + r)
}

// methods are the extractors compared: Pantau's pipeline with either
// fallback, and the two libraries on the raw page.
var methods = []struct {
	name string
	run  func(pg page) string
}{
	{"pantau+trafilatura", func(pg page) string {
		a, _ := Extract(pg.html, pg.ctype, pg.url, Options{Now: testNow, Fallback: FallbackTrafilatura})
		return body(a)
	}},
	{"pantau+readability", func(pg page) string {
		a, _ := Extract(pg.html, pg.ctype, pg.url, Options{Now: testNow, Fallback: FallbackReadability})
		return body(a)
	}},
	{"trafilatura (raw)", func(pg page) string {
		h, _ := toUTF8(pg.html, pg.ctype)
		u, _ := url.Parse(pg.url)
		res, err := trafilatura.Extract(bytes.NewReader(h), trafilatura.Options{OriginalURL: u, ExcludeComments: true, HtmlDateMode: trafilatura.Disabled})
		if err != nil || res == nil {
			return ""
		}
		return res.ContentText
	}},
	{"readability (raw)", func(pg page) string {
		h, _ := toUTF8(pg.html, pg.ctype)
		u, _ := url.Parse(pg.url)
		art, err := readability.FromReader(bytes.NewReader(h), u)
		if err != nil || art.Node == nil {
			return ""
		}
		var b strings.Builder
		art.RenderText(&b)
		return b.String()
	}},
}

func body(a *Article) string {
	if a == nil {
		return ""
	}
	return a.Body
}

// TestAccuracy compares the extractors on the corpus (run with -v for
// the table). Pantau's pipeline (either fallback) must reach F1 ≥ 0.95 on
// every page, and with the default fallback beat both raw libraries on
// average.
func TestAccuracy(t *testing.T) {
	pages := corpus(t)
	mean := map[string][3]float64{}
	for _, m := range methods {
		var sp, sr, sf float64
		for _, pg := range pages {
			p, r, f := score(m.run(pg), pg.gold)
			sp, sr, sf = sp+p, sr+r, sf+f
			t.Logf("%-20s %-18s P=%.3f R=%.3f F1=%.3f", m.name, pg.name, p, r, f)
			if strings.HasPrefix(m.name, "pantau+") && f < 0.95 {
				t.Errorf("%s on %s: F1 %.3f < 0.95", m.name, pg.name, f)
			}
		}
		n := float64(len(pages))
		mean[m.name] = [3]float64{sp / n, sr / n, sf / n}
	}
	for _, m := range methods {
		v := mean[m.name]
		t.Logf("MEAN %-20s P=%.3f R=%.3f F1=%.3f (%d pages)", m.name, v[0], v[1], v[2], len(pages))
	}
	best := mean["pantau+readability"][2] // the default
	for _, other := range []string{"trafilatura (raw)", "readability (raw)"} {
		if mean[other][2] > best {
			t.Errorf("%s mean F1 %.3f beats the pipeline's %.3f", other, mean[other][2], best)
		}
	}
}

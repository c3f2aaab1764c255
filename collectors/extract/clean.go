package extract

import (
	"regexp"
	"strings"
	"time"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/biroadpim/pantau/collectors/dates"
)

// noiseSelectors are removed from the page before the main content is
// looked for: scripts, navigation, share bars, related lists, ads,
// comments and newsletter or channel promotions.
var noiseSelectors = strings.Join([]string{
	"script", "style", "noscript", "template", "iframe", "form", "button", "input", "select", "svg", "canvas",
	"nav", "header", "footer", "aside", "figcaption",
	`[role="navigation"]`, `[role="banner"]`, `[role="contentinfo"]`, `[aria-hidden="true"]`,
	`[class*="share"]`, `[id*="share"]`, `[class*="social"]`, `[class*="sosmed"]`,
	`[class*="related"]`, `[class*="terkait"]`, `[class*="baca-juga"]`, `[class*="bacajuga"]`, `[class*="read-also"]`,
	`[class*="recommend"]`, `[class*="populer"]`, `[class*="popular"]`, `[class*="trending"]`, `[class*="terpopuler"]`,
	`[class~="ads"]`, `[class*="ads-"]`, `[class*="-ads"]`, `[class*="_ads"]`, `[class*="advert"]`, `[id*="advert"]`,
	`[class*="iklan"]`, `[id*="iklan"]`, `ins.adsbygoogle`, `[id^="div-gpt-ad"]`, `[class*="banner"]`,
	`[class*="comment"]`, `[id*="comment"]`, `[id*="disqus"]`, `[class*="disclaimer"]`,
	`[class*="newsletter"]`, `[class*="whatsapp"]`, `[class*="wa-channel"]`, `[class*="google-news"]`,
	`[class*="breadcrumb"]`, `[class~="tags"]`, `[class*="tag-list"]`, `[class*="pagination"]`, `[class*="paging"]`,
	`[class*="author-box"]`, `[class*="sidebar"]`, `[id*="sidebar"]`, `[class*="widget"]`,
}, ", ")

// boilerplate matches a whole line (or a short element) that is not part of
// the article: reading suggestions, channel promotions, bylines, paging,
// comment disclaimers and copyright notices.
var boilerplate = regexp.MustCompile(`(?i)^\s*(?:` + strings.Join([]string{
	`baca\s+(?:juga|pula|selengkapnya|berita\s+lainnya|artikel\s+lainnya)\b`,
	`(?:simak|lihat|tonton|saksikan)\s+(?:juga|video)\b`,
	`(?:ikuti|follow|gabung|join|klik|subscribe|langganan)\b.{0,80}\b(?:whatsapp|wa\s+channel|saluran|telegram|google\s+news|instagram|tiktok|youtube|twitter|facebook|x\.com)`,
	`(?:dapatkan|update)\s+(?:berita|informasi|update|kabar)\b.{0,80}\b(?:whatsapp|telegram|google\s+news|setiap\s+hari|terkini)`,
	`(?:artikel|berita|tulisan)\s+ini\s+(?:telah|sudah)\s+(?:tayang|terbit|dimuat|tayang)`,
	`halaman\s+\d+\s*(?:/|dari)\s*\d+\s*$`,
	`(?:halaman\s+)?(?:selanjutnya|berikutnya|sebelumnya|next|prev)\s*[»›>]*\s*$`,
	`(?:tampilkan|lihat|baca)\s+semua(?:\s+halaman)?\s*$`,
	`[\d\s»«›‹|/]+$`,
	`(?:disclaimer|perhatian)\s*:.{0,200}(?:komentar|tanggung\s+jawab)`,
	`komentar\s+(?:yang|anda|pembaca)\b.{0,200}tanggung\s+jawab`,
	`\(?(?:editor|penulis|pewarta|reporter|redaktur|penyunting|penyunting\s+bahasa|sumber)\s*:[^.]{0,80}\)?\s*$`,
	`(?:share|bagikan|bagikan\s+artikel)\s*:?\s*$`,
	`(?:tags?|topik|kata\s+kunci|label)\s*:`,
	`(?:advertisement|iklan|ads|sponsored|scroll\s+(?:to|untuk)\s+(?:continue|lanjut)[a-z\s]*)\s*$`,
	`(?:copyright|hak\s+cipta)\b`,
	`©`,
	`dilarang\s+(?:mengutip|menyalin|mengambil|memproduksi)`,
}, "|") + `)`)

// isBoilerplate reports whether a line or short block is boilerplate.
func isBoilerplate(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	return boilerplate.MatchString(s)
}

// removeNoise strips non-content elements and short boilerplate blocks from
// the document in place.
func removeNoise(doc *goquery.Document) {
	doc.Find(noiseSelectors).Each(func(_ int, s *goquery.Selection) {
		// Never remove the whole document body or an article container
		// because of a loose class match.
		if goquery.NodeName(s) == "body" || goquery.NodeName(s) == "html" || goquery.NodeName(s) == "article" || goquery.NodeName(s) == "main" {
			return
		}
		s.Remove()
	})
	doc.Find("p, div, li, h2, h3, h4, h5, h6, strong, b, em, span, blockquote, section").Each(func(_ int, s *goquery.Selection) {
		t := strings.TrimSpace(s.Text())
		if len(t) > 300 {
			return
		}
		if t != "" && boilerplate.MatchString(t) {
			s.Remove()
		}
	})
}

var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true, "li": true, "ul": true, "ol": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "blockquote": true, "pre": true,
	"table": true, "tr": true, "dd": true, "dt": true, "dl": true, "figure": true, "header": true, "footer": true,
	"address": true, "hr": true, "center": true,
}

// blockText renders a node as plain text: one paragraph per block element,
// separated by blank lines, whitespace collapsed.
func blockText(n *html.Node) string {
	var paras []string
	var cur strings.Builder
	flush := func() {
		t := collapse(cur.String())
		if t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template", "iframe", "svg":
				return
			case "br":
				flush()
				return
			}
		}
		block := n.Type == html.ElementNode && blockTags[n.Data]
		if block {
			flush()
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		}
	}
	walk(n)
	flush()
	return strings.Join(paras, "\n\n")
}

// collapse folds runs of white space (including no-break spaces) into one
// space and trims.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' || r == '\ufeff' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// cleanBody removes boilerplate paragraphs, "Baca juga" tails glued to a
// paragraph, and repeated paragraphs.
func cleanBody(text string) string {
	paras := splitParas(text)
	out := paras[:0]
	seen := map[string]bool{}
	for _, p := range paras {
		p = stripInline(p)
		if p == "" || isBoilerplate(p) || seen[p] || isDateLine(p) {
			continue
		}
		seen[p] = true
		out = append(out, p)
	}
	return strings.Join(out, "\n\n")
}

// isDateLine reports a short paragraph that is only a printed date
// ("Sabtu, 1 Juni 2024 | 19.30 WIB", "Selasa (11/06/2024) - 09:45 WITA"):
// page metadata, not article text.
func isDateLine(p string) bool {
	if len(p) > 80 {
		return false
	}
	if _, err := dates.Parse(p, time.Time{}, nil); err != nil {
		return false
	}
	other := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(p), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(",|()-–/:.", r)
	}) {
		if dateWord.MatchString(w) {
			continue
		}
		other++
	}
	return other == 0
}

var dateWord = regexp.MustCompile(`^(?:\d+|senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|okt|nov|des|wib|wita|wit|pukul|diperbarui|dipublikasikan|terbit|updated|published)$`)

var inlineReadAlso = regexp.MustCompile(`(?i)\s*\b(?:baca\s+juga|simak\s+juga|baca\s+selengkapnya)\s*:.*$`)

// stripInline cuts a "Baca juga: ..." tail that a site glued onto a
// paragraph of real text.
func stripInline(p string) string {
	p = collapse(p)
	if loc := inlineReadAlso.FindStringIndex(p); loc != nil && loc[0] > 0 {
		p = strings.TrimSpace(p[:loc[0]])
	}
	return p
}

func splitParas(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	raw := strings.Split(text, "\n")
	out := make([]string, 0, len(raw))
	for _, l := range raw {
		if l = collapse(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

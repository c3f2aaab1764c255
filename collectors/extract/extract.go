package extract

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/biroadpim/pantau/collectors/dates"
	"github.com/biroadpim/pantau/collectors/sources"
)

// ErrNoContent is returned when a page has no article text.
var ErrNoContent = errors.New("no article content found")

// MinBodyRunes is the shortest body accepted as an article.
const MinBodyRunes = 80

// Fallback names the library used for the generic main-content fallback.
type Fallback string

// Fallback libraries. Readability is the default: on Pantau's realistic
// portal pages (TestAccuracy) it is more precise than trafilatura on raw
// pages (mean token F1 0.938 vs 0.927), ties with it after Pantau's own
// de-noising (0.995 both), and is 1.5-2.8x faster (BenchmarkExtract).
const (
	FallbackTrafilatura Fallback = "trafilatura"
	FallbackReadability Fallback = "readability"
	// FallbackNone skips the library; only selectors and JSON-LD are used.
	FallbackNone Fallback = "none"
)

// Options tune extraction.
type Options struct {
	// Selectors override extraction for one site.
	Selectors sources.Selectors
	// Now is the reference for relative dates ("2 jam lalu"); zero means time.Now.
	Now time.Time
	// Location is the zone of dates printed without one; nil means WITA.
	Location *time.Location
	// Fallback picks the main-content library; empty means readability.
	Fallback Fallback
}

// Article is an extracted news article.
type Article struct {
	URL          string    `json:"url"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	Title        string    `json:"title"`
	Lead         string    `json:"lead,omitempty"`
	Body         string    `json:"body"`
	Author       string    `json:"author,omitempty"`
	Section      string    `json:"section,omitempty"`
	SiteName     string    `json:"site_name,omitempty"`
	Language     string    `json:"language,omitempty"`
	Published    time.Time `json:"published_at"`
	Modified     time.Time `json:"modified_at"`
	// AllPagesURL is the single-page view of an article split over pages.
	AllPagesURL string `json:"all_pages_url,omitempty"`
	// NextPages are the further pages of a split article, in order.
	NextPages []string `json:"next_pages,omitempty"`
	// Method says where the body came from: selector, fallback library or json-ld.
	Method string `json:"method,omitempty"`
}

// Extract reads an article from an HTML page. contentType is the response
// Content-Type (it may name the charset); pageURL resolves relative links.
func Extract(body []byte, contentType, pageURL string, o Options) (*Article, error) {
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	if o.Location == nil {
		o.Location = dates.WITA
	}
	if o.Fallback == "" {
		o.Fallback = FallbackReadability
	}
	utf, err := toUTF8(body, contentType)
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", pageURL, err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(utf))
	if err != nil {
		return nil, fmt.Errorf("extract %s: parse html: %w", pageURL, err)
	}
	base, _ := url.Parse(pageURL)
	a := &Article{URL: pageURL}
	ld := jsonLD(doc)
	meta := readMeta(doc)

	// Title.
	switch {
	case o.Selectors.Title != "" && text(doc.Find(o.Selectors.Title).First()) != "":
		a.Title = text(doc.Find(o.Selectors.Title).First())
	case ld != nil && ld.Headline != "":
		a.Title = ld.Headline
	case meta["og:title"] != "":
		a.Title = meta["og:title"]
	case text(doc.Find("h1").First()) != "":
		a.Title = text(doc.Find("h1").First())
	default:
		a.Title = text(doc.Find("title").First())
	}
	a.SiteName = first(meta["og:site_name"], ldField(ld, func(l *ldArticle) string { return l.Publisher }))
	a.Title = cleanTitle(html.UnescapeString(a.Title), a.SiteName, base)

	a.Lead = first(meta["description"], meta["og:description"], ldField(ld, func(l *ldArticle) string { return l.Description }))
	a.Section = first(ldField(ld, func(l *ldArticle) string { return l.Section }), meta["article:section"])
	a.Language = language(first(attr(doc.Find("html"), "lang"), ldField(ld, func(l *ldArticle) string { return l.Language }), meta["og:locale"], meta["content-language"]))

	// Author.
	var author string
	switch {
	case o.Selectors.Author != "":
		author = text(doc.Find(o.Selectors.Author).First())
	}
	if author == "" && ld != nil && len(ld.Authors) > 0 {
		author = strings.Join(dedupe(ld.Authors), ", ")
	}
	if author == "" {
		for _, k := range []string{"author", "article:author", "content_author", "dc.creator"} {
			if v := meta[k]; v != "" && !strings.HasPrefix(v, "http") {
				author = v
				break
			}
		}
	}
	if author == "" {
		author = text(doc.Find(`[rel="author"], .author, .penulis, .byline, [itemprop="author"]`).First())
	}
	a.Author = cleanAuthor(author)

	// Dates.
	a.Published = firstDate(o, ldField(ld, func(l *ldArticle) string { return l.DatePublished }),
		meta["article:published_time"], meta["og:published_time"], meta["datepublished"], meta["pubdate"],
		meta["publishdate"], meta["publish-date"], meta["content_publisheddate"], meta["dc.date"], meta["date"])
	if a.Published.IsZero() && o.Selectors.Date != "" {
		sel := doc.Find(o.Selectors.Date).First()
		a.Published = firstDate(o, attr(sel, "datetime"), attr(sel, "content"), text(sel))
	}
	if a.Published.IsZero() {
		a.Published = domDate(doc, o)
	}
	a.Modified = firstDate(o, ldField(ld, func(l *ldArticle) string { return l.DateModified }),
		meta["article:modified_time"], meta["og:updated_time"], meta["datemodified"], meta["last-modified"])

	// Canonical URL and pagination, read before the noise is removed.
	a.CanonicalURL = canonical(doc, base, meta)
	a.AllPagesURL, a.NextPages = pagination(doc, base)

	// Body.
	removeNoise(doc)
	var bodyText string
	if o.Selectors.Body != "" {
		if sel := doc.Find(o.Selectors.Body); sel.Length() > 0 {
			var parts []string
			sel.Each(func(_ int, s *goquery.Selection) {
				parts = append(parts, blockText(s.Get(0)))
			})
			bodyText = cleanBody(strings.Join(parts, "\n\n"))
			a.Method = "selector"
		}
	}
	if bodyText == "" {
		bodyText = cleanBody(fallbackText(doc, base, o.Fallback))
		a.Method = "fallback:" + string(o.Fallback)
		if ld != nil && ld.Body != "" {
			ldBody := cleanBody(html.UnescapeString(ld.Body))
			if utf8.RuneCountInString(bodyText) < utf8.RuneCountInString(ldBody)*6/10 {
				bodyText, a.Method = ldBody, "json-ld"
			}
		}
	}
	bodyText = dropLeadingTitle(bodyText, a.Title)
	a.Body = bodyText
	if utf8.RuneCountInString(a.Body) < MinBodyRunes {
		return a, fmt.Errorf("extract %s: %w (%d characters of text)", pageURL, ErrNoContent, utf8.RuneCountInString(a.Body))
	}
	if a.Title == "" {
		return a, fmt.Errorf("extract %s: %w: no title", pageURL, ErrNoContent)
	}
	return a, nil
}

// DecodeHTML returns an HTML page as UTF-8, decoding it as toUTF8 does.
func DecodeHTML(body []byte, contentType string) ([]byte, error) { return toUTF8(body, contentType) }

// toUTF8 decodes the page using the BOM, the Content-Type charset, a <meta>
// charset, or UTF-8/windows-1252 detection, in that order.
func toUTF8(body []byte, contentType string) ([]byte, error) {
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if name == "utf-8" || enc == nil || (!certain && name == "windows-1252" && utf8.Valid(body)) {
		// An undeclared page that is valid UTF-8 is UTF-8: the detector
		// only looks at the first kilobyte.
		return body, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", name, err)
	}
	return out, nil
}

func readMeta(doc *goquery.Document) map[string]string {
	m := map[string]string{}
	doc.Find("meta").Each(func(_ int, s *goquery.Selection) {
		key := strings.ToLower(first(attr(s, "property"), attr(s, "name"), attr(s, "itemprop"), attr(s, "http-equiv")))
		val := strings.TrimSpace(first(attr(s, "content"), attr(s, "datetime")))
		if key == "" || val == "" {
			return
		}
		if _, ok := m[key]; !ok {
			m[key] = html.UnescapeString(val)
		}
	})
	doc.Find(`[itemprop="datePublished"], [itemprop="dateModified"]`).Each(func(_ int, s *goquery.Selection) {
		key := strings.ToLower(attr(s, "itemprop"))
		if _, ok := m[key]; !ok {
			if v := first(attr(s, "content"), attr(s, "datetime"), text(s)); v != "" {
				m[key] = v
			}
		}
	})
	return m
}

func attr(s *goquery.Selection, name string) string {
	v, _ := s.Attr(name)
	return strings.TrimSpace(v)
}

func text(s *goquery.Selection) string {
	if s.Length() == 0 {
		return ""
	}
	return collapse(s.Text())
}

// ownText is the text of s's direct text children only.
func ownText(s *goquery.Selection) string {
	var b strings.Builder
	for c := s.Get(0).FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return collapse(b.String())
}

func first(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func ldField(ld *ldArticle, f func(*ldArticle) string) string {
	if ld == nil {
		return ""
	}
	return f(ld)
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func firstDate(o Options, vals ...string) time.Time {
	for _, v := range vals {
		if v == "" {
			continue
		}
		if t, err := dates.Parse(v, o.Now, o.Location); err == nil {
			return t
		}
	}
	return time.Time{}
}

// domDate looks for a printed date in the usual places: <time datetime>,
// then elements whose class names a date.
func domDate(doc *goquery.Document, o Options) time.Time {
	var t time.Time
	doc.Find("time").EachWithBreak(func(_ int, s *goquery.Selection) bool {
		t = firstDate(o, attr(s, "datetime"), text(s))
		return t.IsZero()
	})
	if !t.IsZero() {
		return t
	}
	doc.Find(`[class*="date"], [class*="time"], [class*="tanggal"], [class*="waktu"], [class*="publish"], [class*="meta"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		txt := text(s)
		if len(txt) > 200 {
			// An unclosed element swallows what follows; use its own text.
			txt = ownText(s)
		}
		if txt == "" || len(txt) > 200 {
			return true
		}
		t = firstDate(o, txt)
		return t.IsZero()
	})
	return t
}

var titleSep = regexp.MustCompile(`\s+[|\-–—:]\s+`)

// cleanTitle drops a trailing " - Site Name" or " | Site" suffix.
func cleanTitle(t, site string, base *url.URL) string {
	t = collapse(t)
	locs := titleSep.FindAllStringIndex(t, -1)
	if len(locs) == 0 {
		return t
	}
	last := locs[len(locs)-1]
	tail := strings.ToLower(strings.TrimSpace(t[last[1]:]))
	host := ""
	if base != nil {
		host = strings.TrimPrefix(strings.ToLower(base.Hostname()), "www.")
	}
	siteLow := strings.ToLower(site)
	isSite := tail != "" && (siteLow != "" && (strings.Contains(tail, siteLow) || strings.Contains(siteLow, tail)) ||
		host != "" && (strings.Contains(host, strings.ReplaceAll(tail, " ", "")) || strings.Contains(tail, host)) ||
		strings.Contains(tail, ".co") || strings.Contains(tail, ".id") || strings.Contains(tail, ".com"))
	if isSite && last[0] > 10 {
		return strings.TrimSpace(t[:last[0]])
	}
	return t
}

var authorPrefix = regexp.MustCompile(`(?i)^(?:oleh|penulis|reporter|pewarta|by|ditulis oleh)\s*:?\s*`)

// cleanAuthor turns "Penulis: Rina | Editor: Budi" into "Rina".
func cleanAuthor(a string) string {
	a = collapse(a)
	a = authorPrefix.ReplaceAllString(a, "")
	if i := strings.IndexAny(a, "|"); i >= 0 {
		a = strings.TrimSpace(a[:i])
	}
	if i := strings.Index(strings.ToLower(a), "editor"); i > 0 {
		a = strings.TrimSpace(strings.TrimRight(a[:i], " ,-–"))
	}
	if len(a) > 120 {
		a = a[:120]
	}
	return a
}

func language(v string) string {
	v = strings.ToLower(strings.TrimSpace(v))
	if v == "" {
		return ""
	}
	if i := strings.IndexAny(v, "-_"); i > 0 {
		v = v[:i]
	}
	if v == "in" { // the old ISO code for Indonesian
		v = "id"
	}
	return v
}

func canonical(doc *goquery.Document, base *url.URL, meta map[string]string) string {
	for _, c := range []string{attr(doc.Find(`link[rel="canonical"]`).First(), "href"), meta["og:url"]} {
		if c == "" || base == nil {
			continue
		}
		u, err := base.Parse(c)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			continue
		}
		// A canonical pointing at the home page is a site misconfiguration.
		if (u.Path == "" || u.Path == "/") && base.Path != "" && base.Path != "/" {
			continue
		}
		return u.String()
	}
	if base != nil {
		return base.String()
	}
	return ""
}

// dropLeadingTitle removes the headline when the body starts with it.
func dropLeadingTitle(body, title string) string {
	if title == "" {
		return body
	}
	if rest, ok := strings.CutPrefix(body, title); ok && (rest == "" || strings.HasPrefix(rest, "\n")) {
		return strings.TrimSpace(rest)
	}
	return body
}

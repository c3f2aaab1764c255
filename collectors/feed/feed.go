package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html/charset"

	"github.com/biroadpim/pantau/collectors/dates"
)

// ErrNotFeed is returned for a document that is neither a feed nor a sitemap.
var ErrNotFeed = errors.New("not an RSS/Atom feed or XML sitemap")

// Entry is one discovered article.
type Entry struct {
	URL   string
	Title string
	// Published and Modified are zero when the feed does not say.
	Published time.Time
	Modified  time.Time
}

// MaxEntries bounds the entries (and child sitemaps) taken from one
// document: the sitemap protocol's own limit of 50,000 URLs per file.
const MaxEntries = 50000

// Result is what one feed or sitemap lists.
type Result struct {
	Entries []Entry
	// Sitemaps are child sitemaps of a sitemap index, to be fetched next.
	Sitemaps []string
	// Truncated is set when the document ended early (it was cut at the
	// fetch size limit) or listed more than MaxEntries items; what was read
	// before that is kept.
	Truncated bool
}

// Parse reads a feed or sitemap fetched from base. Relative links are
// resolved against base; dates without a zone are read in WITA. Every
// returned URL is absolute http(s) with a host, every date is zero or
// between 1990 and two days after now, and every title is valid UTF-8.
//
// Sitemaps are read as a stream: a sitemap cut short (by the fetch size
// limit) yields the entries before the cut, with Truncated set.
func Parse(body []byte, base string, now time.Time) (*Result, error) {
	root := rootElement(body)
	switch root {
	case "urlset":
		return parseURLSet(body, base, now)
	case "sitemapindex":
		return parseIndex(body, base, now)
	case "rss", "feed", "RDF", "rdf":
		return parseFeed(body, base, now)
	}
	return nil, fmt.Errorf("%s: %w (root element %q)", base, ErrNotFeed, root)
}

// rootElement returns the local name of the first XML element.
func rootElement(body []byte) string {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	for i := 0; i < 64; i++ {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se.Name.Local
		}
	}
	return ""
}

func parseFeed(body []byte, base string, now time.Time) (*Result, error) {
	f, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		return nil, fmt.Errorf("parse feed %s: %w", base, err)
	}
	res := &Result{}
	for _, it := range f.Items {
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		if link == "" && it.GUID != "" && strings.HasPrefix(it.GUID, "http") {
			link = it.GUID
		}
		u := resolve(base, link)
		if u == "" {
			continue
		}
		if len(res.Entries) >= MaxEntries {
			res.Truncated = true
			break
		}
		e := Entry{URL: u, Title: cleanTitle(it.Title)}
		switch {
		case it.PublishedParsed != nil:
			e.Published = *it.PublishedParsed
		case it.Published != "":
			e.Published, _ = dates.Parse(it.Published, now, nil)
		}
		switch {
		case it.UpdatedParsed != nil:
			e.Modified = *it.UpdatedParsed
		case it.Updated != "":
			e.Modified, _ = dates.Parse(it.Updated, now, nil)
		}
		e.Published, e.Modified = sane(e.Published, now), sane(e.Modified, now)
		res.Entries = append(res.Entries, e)
	}
	return res, nil
}

// sane drops dates no news article can have: before 1990 or more than two
// days ahead of now (a wrong zone is hours, not days).
func sane(t, now time.Time) time.Time {
	if t.IsZero() || t.Year() < 1990 || t.After(now.Add(48*time.Hour)) {
		return time.Time{}
	}
	return t
}

func cleanTitle(s string) string {
	return strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
	News    struct {
		Title           string `xml:"title"`
		PublicationDate string `xml:"publication_date"`
	} `xml:"news"`
}

type sitemapRef struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

// eachElement decodes every element named name, wherever it is, into a
// fresh value passed to fn, until the document ends, fn returns false, or
// the XML breaks off. It reports whether the document broke off early.
func eachElement[T any](body []byte, name string, fn func(*T) bool) (broken bool) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	for {
		tok, err := d.Token()
		if err != nil {
			return err != io.EOF
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != name {
			continue
		}
		v := new(T)
		if err := d.DecodeElement(v, &se); err != nil {
			return true
		}
		if !fn(v) {
			return false
		}
	}
}

func parseURLSet(body []byte, base string, now time.Time) (*Result, error) {
	res := &Result{}
	res.Truncated = eachElement(body, "url", func(x *sitemapURL) bool {
		if len(res.Entries) >= MaxEntries {
			res.Truncated = true
			return false
		}
		u := resolve(base, x.Loc)
		if u == "" {
			return true
		}
		e := Entry{URL: u, Title: cleanTitle(x.News.Title)}
		if x.News.PublicationDate != "" {
			e.Published, _ = dates.Parse(x.News.PublicationDate, now, nil)
		}
		if x.LastMod != "" {
			e.Modified, _ = dates.Parse(x.LastMod, now, nil)
		}
		e.Published, e.Modified = sane(e.Published, now), sane(e.Modified, now)
		res.Entries = append(res.Entries, e)
		return true
	}) || res.Truncated
	return res, nil
}

func parseIndex(body []byte, base string, _ time.Time) (*Result, error) {
	res := &Result{}
	seen := map[string]bool{}
	res.Truncated = eachElement(body, "sitemap", func(s *sitemapRef) bool {
		if len(res.Sitemaps) >= MaxEntries {
			res.Truncated = true
			return false
		}
		if u := resolve(base, s.Loc); u != "" && !seen[u] {
			seen[u] = true
			res.Sitemaps = append(res.Sitemaps, u)
		}
		return true
	}) || res.Truncated
	return res, nil
}

// resolve makes ref absolute against base; it returns "" for anything that
// is not an http(s) URL.
func resolve(base, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if b, err := url.Parse(base); err == nil {
		r = b.ResolveReference(r)
	}
	if (r.Scheme != "http" && r.Scheme != "https") || r.Host == "" || r.Opaque != "" {
		return ""
	}
	r.Fragment = ""
	return r.String()
}

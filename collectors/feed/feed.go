package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
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

// Result is what one feed or sitemap lists.
type Result struct {
	Entries []Entry
	// Sitemaps are child sitemaps of a sitemap index, to be fetched next.
	Sitemaps []string
}

// Parse reads a feed or sitemap fetched from base. Relative links are
// resolved against base; dates without a zone are read in WITA.
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
		e := Entry{URL: u, Title: strings.TrimSpace(it.Title)}
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
		res.Entries = append(res.Entries, e)
	}
	return res, nil
}

type urlset struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		News    struct {
			Title           string `xml:"title"`
			PublicationDate string `xml:"publication_date"`
		} `xml:"news"`
	} `xml:"url"`
}

type sitemapIndex struct {
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

func decodeXML(body []byte, v any) error {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = charset.NewReaderLabel
	return d.Decode(v)
}

func parseURLSet(body []byte, base string, now time.Time) (*Result, error) {
	var us urlset
	if err := decodeXML(body, &us); err != nil {
		return nil, fmt.Errorf("parse sitemap %s: %w", base, err)
	}
	res := &Result{}
	for _, x := range us.URLs {
		u := resolve(base, x.Loc)
		if u == "" {
			continue
		}
		e := Entry{URL: u, Title: strings.TrimSpace(x.News.Title)}
		if x.News.PublicationDate != "" {
			e.Published, _ = dates.Parse(x.News.PublicationDate, now, nil)
		}
		if x.LastMod != "" {
			e.Modified, _ = dates.Parse(x.LastMod, now, nil)
		}
		res.Entries = append(res.Entries, e)
	}
	return res, nil
}

func parseIndex(body []byte, base string, _ time.Time) (*Result, error) {
	var si sitemapIndex
	if err := decodeXML(body, &si); err != nil {
		return nil, fmt.Errorf("parse sitemap index %s: %w", base, err)
	}
	res := &Result{}
	for _, s := range si.Sitemaps {
		if u := resolve(base, s.Loc); u != "" {
			res.Sitemaps = append(res.Sitemaps, u)
		}
	}
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
	if r.Scheme != "http" && r.Scheme != "https" {
		return ""
	}
	r.Fragment = ""
	return r.String()
}

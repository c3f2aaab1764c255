package ingest

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/biroadpim/pantau/collectors/csvimport"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// CSV yields the documents of a CSV export (from another social-listening
// tool), with its bad rows as *LineError in line order.
type CSV struct {
	items []csvItem
	i     int
	line  int
}

type csvItem struct {
	line int
	doc  *pantauv1.Document
	err  error
}

// ParseHeaderMap reads "column=field,column=field" (fields: url, source,
// kind, title, body, author, published_at, id, lang, ...).
func ParseHeaderMap(s string) (map[string]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	m := map[string]string{}
	for _, pair := range strings.Split(s, ",") {
		col, field, ok := strings.Cut(pair, "=")
		if !ok || strings.TrimSpace(col) == "" || strings.TrimSpace(field) == "" {
			return nil, fmt.Errorf("peta kolom %q: tiap pasangan harus berbentuk kolom=bidang, mis. \"Judul=title,Isi=body\"", pair)
		}
		m[strings.TrimSpace(col)] = strings.TrimSpace(field)
	}
	return m, nil
}

// NewCSV reads a whole CSV export; source names rows that carry none.
func NewCSV(r io.Reader, headerMap map[string]string, source string) (*CSV, error) {
	docs, rowErrs, err := csvimport.ReadCSV(r, headerMap, csvimport.Options{Source: source})
	if err != nil {
		return nil, err
	}
	c := &CSV{}
	// Bad rows keep their CSV line; ReadCSV does not number good rows, so
	// their (rare) publish errors name the record instead.
	for _, e := range rowErrs {
		c.items = append(c.items, csvItem{line: e.Line, err: e.Err})
	}
	for i, d := range docs {
		if err := prepareCSV(d); err != nil {
			c.items = append(c.items, csvItem{line: i + 1, err: err})
			continue
		}
		c.items = append(c.items, csvItem{line: i + 1, doc: d})
	}
	return c, nil
}

func prepareCSV(d *pantauv1.Document) error {
	for _, f := range []string{d.GetTitle(), d.GetBody(), d.GetLead(), d.GetAuthor(), d.GetUrl(), d.GetSection()} {
		if !utf8.ValidString(f) {
			return fmt.Errorf("teks bukan UTF-8 yang sah: simpan ulang ekspor CSV sebagai UTF-8")
		}
	}
	for k, v := range d.GetMetadata() {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			return fmt.Errorf("kolom tambahan bukan UTF-8 yang sah: simpan ulang ekspor CSV sebagai UTF-8")
		}
	}
	if d.GetContentHash() == "" {
		d.ContentHash = ContentHash(d.GetTitle(), d.GetBody())
	}
	return nil
}

// Next implements Documents.
func (c *CSV) Next() (*pantauv1.Document, error) {
	if c.i >= len(c.items) {
		return nil, io.EOF
	}
	it := c.items[c.i]
	c.i++
	c.line = it.line
	if it.err != nil {
		return nil, &LineError{Line: it.line, Err: it.err}
	}
	return it.doc, nil
}

// Line implements Documents.
func (c *CSV) Line() int { return c.line }

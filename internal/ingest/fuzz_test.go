package ingest

import (
	"bytes"
	"errors"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/biroadpim/pantau/pipeline/bus"
)

var fixedNow = time.Date(2026, 11, 23, 6, 0, 0, 0, time.UTC)

// FuzzParseLine: any input line either yields a document that the pipeline
// can identify, or an error; it never panics.
func FuzzParseLine(f *testing.F) {
	f.Add([]byte(`{"url":"https://kaltimpost.id/a","source":"kaltim-post","title":"Banjir","published_at":"2024-05-31T14:05:00+08:00"}`))
	f.Add([]byte(`{"id":"x","source":"s","kind":"post","body":"b","published_at":"2024-05-31T14:05:00Z"}`))
	f.Add([]byte(`{"url":"http://%zz","source":"s","title":"t","published_at":"2024-05-31T14:05:00Z"}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, line []byte) {
		d, err := ParseLine(line, fixedNow)
		if err != nil {
			return
		}
		if d.GetId() == "" || d.GetSource() == "" || d.GetPublishedAt() == nil {
			t.Fatalf("accepted an unidentifiable document: %v", d)
		}
		if !utf8.ValidString(d.GetTitle()) {
			t.Fatalf("accepted invalid UTF-8")
		}
	})
}

// FuzzCSV: any CSV export yields identifiable documents or line errors,
// never a panic.
func FuzzCSV(f *testing.F) {
	f.Add([]byte("title,body,url,published_at,source\nBanjir,Air naik,https://kaltimpost.id/a,2024-05-31T14:05:00+08:00,kaltim-post\n"))
	f.Add([]byte("Judul;Isi\n\"a\"\"b\";c\n"))
	f.Add([]byte("\xff\xfe,\n,,,\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := NewCSV(bytes.NewReader(data), nil, "csv-impor")
		if err != nil {
			return
		}
		for {
			d, err := c.Next()
			if err != nil {
				var le *LineError
				if errors.As(err, &le) {
					continue
				}
				return
			}
			if d.GetId() == "" || !bus.ValidSourceName(d.GetSource()) {
				t.Fatalf("unidentifiable document from CSV: %v", d)
			}
			if !utf8.ValidString(d.GetTitle()) || !utf8.ValidString(d.GetBody()) {
				t.Fatalf("invalid UTF-8 from CSV: %q", d.GetTitle())
			}
		}
	})
}

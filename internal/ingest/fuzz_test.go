package ingest

import (
	"testing"
	"time"
	"unicode/utf8"
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

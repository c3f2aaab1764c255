package nlp

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// FuzzAnalyze checks that any input analyses without panicking, that
// offsets point into the text and that the result encodes as JSON.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{
		"", " ", "\"", "“”", "\"\"\"", "...", "Gubernur", "kata", "\"Ya,\" kata", "ujarnya.",
		"Menurut , ", "X mengatakan,", "\xff\xfe invalid", "a\r\nb\r\n\r\nc", "😡😡😡",
		`"Kami siap," kata Gubernur Kaltim Rudy Mas'ud. "Tentu," tegasnya.`,
		"Pj Gubernur Akmal Malik Lantik Pejabat\n\nAcara berlangsung lancar.",
	} {
		f.Add(s)
	}
	a := newAnalyzer(f)
	f.Fuzz(func(t *testing.T, text string) {
		r := a.Analyze(text)
		for _, e := range r.Entities {
			if e.Start < 0 || e.End > len(text) || e.Start >= e.End || text[e.Start:e.End] != e.Text {
				t.Fatalf("entity %+v has bad offsets for %q", e, text)
			}
		}
		if r.Sentiment.Score < -1 || r.Sentiment.Score > 1 {
			t.Fatalf("score %v", r.Sentiment.Score)
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
		if utf8.ValidString(text) {
			for _, q := range r.Quotes {
				if !utf8.ValidString(q.Text) {
					t.Fatalf("quote %q is not valid UTF-8", q.Text)
				}
			}
		}
	})
}

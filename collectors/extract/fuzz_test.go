package extract

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzExtract feeds arbitrary bytes as a page: extraction must not panic,
// must return valid UTF-8 without boilerplate lines, and must either
// succeed with a title and a long enough body or say why not.
func FuzzExtract(f *testing.F) {
	for _, name := range []string{"tribun_like", "prokal_like", "kaltimtoday_like", "win1252", "broken"} {
		b, err := os.ReadFile("testdata/" + name + ".html")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "")
	}
	f.Add([]byte(`<script type="application/ld+json">{"@graph":[{"@type":["NewsArticle"],"headline":"x","articleBody":"y"}]}</script>`), "text/html; charset=iso-8859-1")
	f.Fuzz(func(t *testing.T, page []byte, ctype string) {
		a, err := Extract(page, ctype, "https://portal.example/berita/1/uji", Options{Now: testNow, Fallback: FallbackNone})
		if a == nil {
			if err == nil {
				t.Fatal("nil article without an error")
			}
			return
		}
		if !utf8.ValidString(a.Body) || !utf8.ValidString(a.Title) {
			t.Fatalf("invalid UTF-8 in output")
		}
		for _, para := range strings.Split(a.Body, "\n\n") {
			if para != "" && isBoilerplate(para) {
				t.Fatalf("boilerplate paragraph kept: %q", para)
			}
		}
		if err == nil && (a.Title == "" || utf8.RuneCountInString(a.Body) < MinBodyRunes) {
			t.Fatalf("success without title or body: %+v", a)
		}
	})
}

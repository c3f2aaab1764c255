package extract

import (
	"encoding/json"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// ldArticle is what Pantau reads from a schema.org article in JSON-LD.
type ldArticle struct {
	Headline      string
	Body          string
	Description   string
	DatePublished string
	DateModified  string
	Authors       []string
	Section       string
	Language      string
	Publisher     string
	URL           string
}

var articleTypes = map[string]bool{
	"newsarticle": true, "article": true, "reportagenewsarticle": true, "analysisnewsarticle": true,
	"blogposting": true, "opinionnewsarticle": true, "backgroundnewsarticle": true, "reviewnewsarticle": true,
	"report": true, "webpage": false,
}

// jsonLD returns the first article object found in the page's JSON-LD
// scripts (top level, arrays or @graph).
func jsonLD(doc *goquery.Document) *ldArticle {
	var found *ldArticle
	doc.Find(`script[type="application/ld+json"]`).EachWithBreak(func(_ int, s *goquery.Selection) bool {
		raw := strings.TrimSpace(s.Text())
		if raw == "" {
			return true
		}
		var v any
		if err := json.Unmarshal([]byte(raw), &v); err != nil {
			// Some portals put raw newlines inside strings; retry without them.
			cleaned := strings.NewReplacer("\n", " ", "\r", " ", "\t", " ").Replace(raw)
			if err := json.Unmarshal([]byte(cleaned), &v); err != nil {
				return true
			}
		}
		if a := findArticle(v, 0); a != nil {
			found = a
			return false
		}
		return true
	})
	return found
}

func findArticle(v any, depth int) *ldArticle {
	if depth > 6 {
		return nil
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if a := findArticle(e, depth+1); a != nil {
				return a
			}
		}
	case map[string]any:
		if isArticleType(x["@type"]) {
			return toArticle(x)
		}
		if g, ok := x["@graph"]; ok {
			return findArticle(g, depth+1)
		}
		if m, ok := x["mainEntity"]; ok {
			return findArticle(m, depth+1)
		}
	}
	return nil
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[strings.ToLower(x)]
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok && articleTypes[strings.ToLower(s)] {
				return true
			}
		}
	}
	return false
}

func toArticle(m map[string]any) *ldArticle {
	a := &ldArticle{
		Headline:      str(m["headline"]),
		Body:          str(m["articleBody"]),
		Description:   str(m["description"]),
		DatePublished: str(m["datePublished"]),
		DateModified:  str(m["dateModified"]),
		Section:       str(m["articleSection"]),
		Language:      str(m["inLanguage"]),
		URL:           str(m["url"]),
	}
	if a.Headline == "" {
		a.Headline = str(m["name"])
	}
	a.Authors = names(m["author"])
	if p := names(m["publisher"]); len(p) > 0 {
		a.Publisher = p[0]
	}
	return a
}

// str reads a JSON-LD value as text: a string, the first string of an
// array, or an object's @value / name.
func str(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		for _, e := range x {
			if s := str(e); s != "" {
				return s
			}
		}
	case map[string]any:
		if s := str(x["@value"]); s != "" {
			return s
		}
		return str(x["name"])
	case float64:
		return ""
	}
	return ""
}

// names reads a person or organisation value: a string, an object with a
// name, or an array of them.
func names(v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		if s := strings.TrimSpace(x); s != "" {
			out = append(out, s)
		}
	case map[string]any:
		if s := str(x["name"]); s != "" {
			out = append(out, s)
		}
	case []any:
		for _, e := range x {
			out = append(out, names(e)...)
		}
	}
	return out
}

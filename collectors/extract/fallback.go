package extract

import (
	"net/url"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/PuerkitoBio/goquery"
	"github.com/markusmobius/go-trafilatura"
)

// fallbackText runs the generic main-content library on the (already
// de-noised) document and renders its result as paragraphs.
func fallbackText(doc *goquery.Document, base *url.URL, f Fallback) string {
	root := doc.Get(0)
	if root == nil {
		return ""
	}
	switch f {
	case FallbackNone:
		return ""
	case FallbackReadability:
		art, err := readability.FromDocument(root, base)
		if err != nil || art.Node == nil {
			return ""
		}
		return blockText(art.Node)
	default:
		res, err := trafilatura.ExtractDocument(root, trafilatura.Options{
			OriginalURL:     base,
			ExcludeComments: true,
			Focus:           trafilatura.Balanced,
			HtmlDateMode:    trafilatura.Disabled,
		})
		if err != nil || res == nil || res.ContentNode == nil {
			return ""
		}
		return blockText(res.ContentNode)
	}
}

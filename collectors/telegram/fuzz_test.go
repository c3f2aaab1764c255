package telegram

import (
	"net/url"
	"os"
	"testing"
	"time"
	"unicode/utf8"

	"google.golang.org/protobuf/proto"

	"github.com/biroadpim/pantau/collectors/sources"
)

// FuzzParsePage feeds arbitrary bytes as a t.me/s preview page: parsing
// must not panic, and every post must be publishable: a positive message
// number, an absolute http(s) URL, non-negative views, a sane date, valid
// UTF-8 text, and a document that marshals.
func FuzzParsePage(f *testing.F) {
	for _, name := range []string{"channel_page1.html", "channel_page2.html"} {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "text/html; charset=utf-8")
	}
	f.Add([]byte(`<div class="tgme_widget_message" data-post="kanal/7"><a class="tgme_widget_message_date" href="javascript:alert(1)"><time datetime="9999-12-31T23:59:59Z"></time></a><span class="tgme_widget_message_views">Inf</span><div class="tgme_widget_message_text">halo<br>dunia</div></div>`), "")
	f.Add([]byte(`<div class="tgme_widget_message" data-post="a b/-3"><span class="tgme_widget_message_views">-1.5M</span><div class="tgme_widget_message_text">caf\xe9</div></div>`), "text/html; charset=windows-1252")
	now := time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC)
	src := sources.Source{Name: "tg", Language: "id"}
	f.Fuzz(func(t *testing.T, page []byte, ctype string) {
		posts, err := ParsePage(page, ctype, "https://t.me/s/kanal", now)
		if err != nil {
			return
		}
		for _, p := range posts {
			u, err := url.Parse(p.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				t.Fatalf("unusable post URL %q", p.URL)
			}
			if p.Number <= 0 || p.Views < 0 {
				t.Fatalf("number %d views %d", p.Number, p.Views)
			}
			if !p.Date.IsZero() && (p.Date.Year() < 2013 || p.Date.After(now.Add(48*time.Hour))) {
				t.Fatalf("insane date %s", p.Date)
			}
			if !utf8.ValidString(p.Text) || !utf8.ValidString(p.Author) || !utf8.ValidString(p.NativeID) {
				t.Fatalf("invalid UTF-8 in %+v", p)
			}
			if _, err := proto.Marshal(document(p, src)); err != nil {
				t.Fatalf("document does not marshal: %v", err)
			}
		}
	})
}

package mastodon

import (
	"encoding/json"
	"net/url"
	"testing"
	"unicode/utf8"

	"google.golang.org/protobuf/proto"

	"github.com/biroadpim/pantau/collectors/sources"
)

// FuzzStatuses feeds arbitrary JSON as a timeline page: every status must
// become a document with a native id, a URL that is empty or absolute
// http(s), valid UTF-8 text of bounded size and valid timestamps.
func FuzzStatuses(f *testing.F) {
	f.Add([]byte(`[{"id":"300","uri":"https://mastodon.example/users/warga/statuses/300","url":"https://mastodon.example/@warga/300","created_at":"2024-06-14T03:00:00.000Z","content":"<p>Banjir di <a href=\"#\">#Samarinda</a> mulai surut.</p><p>Tetap waspada.</p>","language":"id","visibility":"public","account":{"acct":"warga@mastodon.example"}}]`))
	f.Add([]byte(`[{"id":"1","url":"javascript:alert(1)","created_at":"0000-01-01T00:00:00Z","edited_at":"9999-12-31T23:59:59Z","content":"<br><br><br>&amp;&lt;p&gt;","spoiler_text":"\ud800"}]`))
	f.Add([]byte(`[{"content":"<table><tr><td>a</td></tr></table><p></p><script>x</script>","reblog":{"id":"2"}}]`))
	src := sources.Source{Name: "masto", Language: "id", BaseURL: "https://mastodon.example"}
	f.Fuzz(func(t *testing.T, body []byte) {
		var statuses []Status
		if json.Unmarshal(body, &statuses) != nil {
			return
		}
		for _, s := range statuses {
			d := Document(s, src, "#kaltim")
			if d.GetNativeId() == "" {
				t.Fatal("no native id")
			}
			if d.GetUrl() != "" {
				u, err := url.Parse(d.GetUrl())
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
					t.Fatalf("unusable URL %q", d.GetUrl())
				}
			}
			if !utf8.ValidString(d.GetBody()) {
				t.Fatal("invalid UTF-8")
			}
			if len(d.GetBody()) > 2*(len(s.Content)+len(s.Spoiler))+16 {
				t.Fatalf("body of %d bytes from %d bytes of content", len(d.GetBody()), len(s.Content)+len(s.Spoiler))
			}
			if ts := d.GetPublishedAt(); ts != nil && (ts.CheckValid() != nil || ts.AsTime().Year() < 2005 || ts.AsTime().Year() > 2100) {
				t.Fatalf("insane published_at %v", ts.AsTime())
			}
			if _, err := proto.Marshal(d); err != nil {
				t.Fatal(err)
			}
		}
	})
}

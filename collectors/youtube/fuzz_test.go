package youtube

import (
	"encoding/json"
	"net/url"
	"testing"
	"unicode/utf8"

	"google.golang.org/protobuf/proto"

	"github.com/biroadpim/pantau/collectors/sources"
)

// FuzzCommentThreads feeds arbitrary JSON as a commentThreads page: every
// comment must become a document with an absolute https watch URL that
// names the video and comment, valid UTF-8 text and valid timestamps.
func FuzzCommentThreads(f *testing.F) {
	f.Add([]byte(`{"nextPageToken":"p2","items":[{"id":"t1","snippet":{"videoId":"vid1","totalReplyCount":3,"topLevelComment":{"id":"c1","snippet":{"textOriginal":"Semoga amanah pak!","authorDisplayName":"Budi","likeCount":12,"publishedAt":"2024-06-14T02:00:00Z","updatedAt":"2024-06-14T02:00:00Z"}}}}]}`))
	f.Add([]byte(`{"items":[{"snippet":{"videoId":"a&b=c#d","topLevelComment":{"snippet":{"textDisplay":"\ud800 caf\u00e9","publishedAt":"0000-01-01T00:00:00Z","updatedAt":"9999-12-31T23:59:59Z"}}}}]}`))
	f.Add([]byte(`{"items":[{"id":"","snippet":{"videoId":"","topLevelComment":{"id":"x/../../y","snippet":{"textOriginal":"   ","likeCount":-5}}}}]}`))
	src := sources.Source{Name: "yt", Language: "id"}
	f.Fuzz(func(t *testing.T, body []byte) {
		var page commentThreads
		if json.Unmarshal(body, &page) != nil {
			return
		}
		for _, c := range page.Items {
			d := document(c, "UCx", "Judul", src)
			u, err := url.Parse(d.GetUrl())
			if err != nil || u.Scheme != "https" || u.Host != "www.youtube.com" || u.Query().Get("v") != c.Snippet.VideoID {
				t.Fatalf("unusable URL %q for video %q", d.GetUrl(), c.Snippet.VideoID)
			}
			if !utf8.ValidString(d.GetBody()) || !utf8.ValidString(d.GetAuthor()) {
				t.Fatal("invalid UTF-8")
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

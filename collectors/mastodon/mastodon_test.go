package mastodon

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/biroadpim/pantau/collectors/fetch"
	"github.com/biroadpim/pantau/collectors/sources"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

func status(id, content, visibility string, reblog bool) map[string]any {
	s := map[string]any{
		"id": id, "uri": "https://mastodon.example/users/warga/statuses/" + id, "url": "https://mastodon.example/@warga/" + id,
		"created_at": "2024-06-14T03:00:00.000Z", "content": content, "language": "id", "visibility": visibility,
		"replies_count": 2, "reblogs_count": 5, "favourites_count": 9,
		"account": map[string]any{"id": "77", "acct": "warga@mastodon.example", "display_name": "Warga Kaltim"},
	}
	if reblog {
		s["reblog"] = map[string]any{"id": "1"}
	}
	return s
}

func TestCollectHashtagAndAccount(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.RequestURI())
		w.Header().Set("Content-Type", "application/json")
		q := r.URL.Query()
		switch r.URL.Path {
		case "/api/v1/timelines/tag/kaltim":
			if q.Get("max_id") == "" {
				json.NewEncoder(w).Encode([]any{
					status("300", "<p>Banjir di <a href=\"#\">#Samarinda</a> mulai surut.</p><p>Tetap waspada.</p>", "public", false),
					status("299", "<p>boost</p>", "public", true),
					status("298", "<p>pesan pribadi</p>", "unlisted", false),
				})
				return
			}
			if q.Get("max_id") != "298" {
				t.Errorf("max_id %q, want 298", q.Get("max_id"))
			}
			json.NewEncoder(w).Encode([]any{status("250", "<p>Harga cabai turun.</p>", "public", false)})
		case "/api/v1/accounts/lookup":
			json.NewEncoder(w).Encode(map[string]any{"id": "77"})
		case "/api/v1/accounts/77/statuses":
			if q.Get("max_id") != "" {
				w.Write([]byte("[]"))
				return
			}
			json.NewEncoder(w).Encode([]any{status("400", "<p>Pengumuman resmi Diskominfo.</p>", "public", false)})
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	src := sources.Source{Name: "masto", Kind: sources.KindMastodon, BaseURL: srv.URL, Hashtags: []string{"#kaltim"}, Accounts: []string{"@diskominfo"}, MaxPages: 2, Language: "id"}
	f, _ := fetch.New(context.Background(), fetch.Options{AllowedDomains: []string{"127.0.0.1"}, AllowPrivate: true, IgnoreRobots: true, Delay: time.Millisecond})
	var docs []*pantauv1.Document
	if err := Collect(context.Background(), f, src, time.Now, func(_ context.Context, d *pantauv1.Document) error { docs = append(docs, d); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("got %d posts, want 3 (boost and non-public skipped): %v", len(docs), got)
	}
	d := docs[0]
	if d.GetBody() != "Banjir di #Samarinda mulai surut.\n\nTetap waspada." || d.GetAuthor() != "warga@mastodon.example" ||
		d.GetNativeId() != "https://mastodon.example/users/warga/statuses/300" || d.GetMetadata()["favourites"] != "9" ||
		d.GetMetadata()["timeline"] != "#kaltim" || d.GetKind() != pantauv1.Kind_KIND_POST {
		t.Errorf("post: %+v", d)
	}
	if docs[2].GetMetadata()["timeline"] != "@diskominfo" {
		t.Errorf("account post: %+v", docs[2])
	}
}

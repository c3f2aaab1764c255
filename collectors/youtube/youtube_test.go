package youtube

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/biroadpim/pantau/collectors/fetch"
	"github.com/biroadpim/pantau/collectors/sources"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

func TestCollectComments(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Goog-Api-Key") != "kunci-uji" || r.URL.Query().Get("key") != "" {
			http.Error(w, `{"error":{"code":403}}`, http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		q := r.URL.Query()
		switch r.URL.Path {
		case "/youtube/v3/channels":
			w.Write([]byte(`{"items":[{"contentDetails":{"relatedPlaylists":{"uploads":"UUabc"}}}]}`))
		case "/youtube/v3/playlistItems":
			w.Write([]byte(`{"items":[{"snippet":{"title":"Pelantikan Gubernur"},"contentDetails":{"videoId":"vid1"}},{"snippet":{"title":"Komentar dimatikan"},"contentDetails":{"videoId":"vid2"}}]}`))
		case "/youtube/v3/commentThreads":
			switch {
			case q.Get("videoId") == "vid2":
				http.Error(w, `{"error":{"errors":[{"reason":"commentsDisabled"}]}}`, http.StatusForbidden)
			case q.Get("pageToken") == "":
				w.Write([]byte(`{"nextPageToken":"p2","items":[{"id":"t1","snippet":{"videoId":"vid1","totalReplyCount":3,"topLevelComment":{"id":"c1","snippet":{"textOriginal":"Semoga amanah pak!","authorDisplayName":"Budi","likeCount":12,"publishedAt":"2024-06-14T02:00:00Z","updatedAt":"2024-06-14T02:00:00Z"}}}}]}`))
			default:
				w.Write([]byte(`{"items":[{"id":"t2","snippet":{"videoId":"vid1","topLevelComment":{"id":"c2","snippet":{"textOriginal":"Jalan di kampung kami masih rusak.","authorDisplayName":"Sari","publishedAt":"2024-06-14T01:00:00Z","updatedAt":"2024-06-14T05:00:00Z"}}}}]}`))
			}
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	src := sources.Source{Name: "yt", Kind: sources.KindYouTube, BaseURL: srv.URL + "/youtube/v3", Channels: []string{"UCxyz"}, MaxPages: 3, Language: "id"}
	f, _ := fetch.New(context.Background(), fetch.Options{AllowedDomains: []string{"127.0.0.1"}, AllowPrivate: true, IgnoreRobots: true, Delay: time.Millisecond, Retries: 0})
	var docs []*pantauv1.Document
	emit := func(_ context.Context, d *pantauv1.Document) error { docs = append(docs, d); return nil }
	if err := Collect(context.Background(), f, src, "", time.Now, emit); !errors.Is(err, ErrNoAPIKey) {
		t.Fatalf("without a key: %v", err)
	}
	if err := Collect(context.Background(), f, src, "kunci-uji", time.Now, emit); err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d comments, want 2", len(docs))
	}
	c := docs[0]
	if c.GetKind() != pantauv1.Kind_KIND_COMMENT || c.GetNativeId() != "c1" || c.GetBody() != "Semoga amanah pak!" || c.GetAuthor() != "Budi" ||
		c.GetMetadata()["video_title"] != "Pelantikan Gubernur" || c.GetMetadata()["likes"] != "12" || c.GetMetadata()["replies"] != "3" ||
		c.GetUrl() != "https://www.youtube.com/watch?v=vid1&lc=c1" {
		t.Errorf("comment: %+v", c)
	}
	if docs[1].GetMetadata()["modified_at"] != "2024-06-14T05:00:00Z" {
		t.Errorf("edited comment: %+v", docs[1].GetMetadata())
	}
}

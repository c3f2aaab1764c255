package telegram

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/biroadpim/pantau/collectors/fetch"
	"github.com/biroadpim/pantau/collectors/sources"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

func TestCollectChannelPaging(t *testing.T) {
	p1, _ := os.ReadFile("testdata/channel_page1.html")
	p2, _ := os.ReadFile("testdata/channel_page2.html")
	var mu sync.Mutex
	var reqs []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		reqs = append(reqs, r.URL.RequestURI())
		mu.Unlock()
		switch r.URL.RequestURI() {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/s/kaltimkini":
			w.Write(p1)
		case "/s/kaltimkini?before=120":
			w.Write(p2)
		default:
			t.Errorf("unexpected request %s", r.URL.RequestURI())
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	src := sources.Source{Name: "tg", Kind: sources.KindTelegram, BaseURL: srv.URL, Channels: []string{"@kaltimkini"}, MaxPages: 2, Language: "id", Allow: []string{"127.0.0.1"}}
	f, err := fetch.New(context.Background(), fetch.Options{AllowedDomains: src.Allow, AllowPrivate: true, Delay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	var docs []*pantauv1.Document
	err = Collect(context.Background(), f, src, time.Now, func(_ context.Context, d *pantauv1.Document) error {
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 4 {
		t.Fatalf("got %d posts, want 4 (the photo without caption is skipped)", len(docs))
	}
	d := docs[0]
	if d.GetNativeId() != "kaltimkini/120" || d.GetKind() != pantauv1.Kind_KIND_POST || d.GetBody() != "Banjir di Samarinda Utara mulai surut pagi ini.\nWarga diminta tetap waspada." ||
		d.GetMetadata()["views"] != "1200" || d.GetAuthor() != "Kaltim Kini" || d.GetUrl() != "https://t.me/kaltimkini/120" ||
		!d.GetPublishedAt().AsTime().Equal(time.Date(2024, 6, 14, 6, 5, 0, 0, time.UTC)) {
		t.Errorf("first post: %+v", d)
	}
	if docs[2].GetMetadata()["views"] != "2500" || docs[3].GetMetadata()["views"] != "15" {
		t.Errorf("views: %v %v", docs[2].GetMetadata(), docs[3].GetMetadata())
	}
	if got := strings.Join(reqs, " "); got != "/robots.txt /s/kaltimkini /s/kaltimkini?before=120" {
		t.Errorf("requests %s", got)
	}
}

func TestParseViews(t *testing.T) {
	for in, want := range map[string]int64{"987": 987, "1.2K": 1200, "2,5K": 2500, "3.1M": 3100000, "": 0, "x": 0} {
		if got := parseViews(in); got != want {
			t.Errorf("parseViews(%q) = %d, want %d", in, got, want)
		}
	}
}

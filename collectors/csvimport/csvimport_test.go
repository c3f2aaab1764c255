package csvimport

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/biroadpim/pantau/collectors/dates"
	"github.com/biroadpim/pantau/pipeline/bus"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

func TestReadCSV(t *testing.T) {
	f, err := os.Open("testdata/brand24.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hm := map[string]string{"ID": FieldNativeID, "Date": FieldPublishedAt, "Source": FieldSource, "Title": FieldTitle, "Content": FieldBody, "Author": FieldAuthor, "URL": FieldURL}
	now := time.Date(2024, 6, 13, 9, 0, 0, 0, dates.WITA)
	docs, bad, err := ReadCSV(f, hm, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(bad) != 2 {
		t.Fatalf("got %d docs and %d bad rows (%v), want 2 and 2", len(docs), len(bad), bad)
	}
	tw := docs[0]
	if tw.GetSource() != "twitter" || tw.GetKind() != pantauv1.Kind_KIND_POST || tw.GetId() != bus.PostID("twitter", "m-1") ||
		tw.GetAuthor() != "@warga_kutim" || tw.GetMetadata()["sentiment"] != "negative" || tw.GetMetadata()["reach"] != "1200" ||
		tw.GetPublishedAt().AsTime().In(dates.WITA).Format(time.RFC3339) != "2024-06-12T10:15:00+08:00" {
		t.Errorf("twitter row: %+v", tw)
	}
	news := docs[1]
	if news.GetSource() != "online-news" || news.GetKind() != pantauv1.Kind_KIND_ARTICLE || news.GetCanonicalUrl() != "https://kaltimtoday.co/harga-cabai" ||
		news.GetTitle() != "Harga Cabai Naik di Samarinda" || news.GetContentHash() == "" {
		t.Errorf("news row: %+v", news)
	}
	if bad[0].Line != 4 || !errors.Is(bad[0], ErrBadRow) || !strings.Contains(bad[0].Error(), "no body or title") {
		t.Errorf("bad[0] = %v", bad[0])
	}
	if bad[1].Line != 5 || !strings.Contains(bad[1].Error(), "published_at") {
		t.Errorf("bad[1] = %v", bad[1])
	}
}

func TestReadCSVDefaultsAndErrors(t *testing.T) {
	in := "Tanggal;Konten\n"
	if _, _, err := ReadCSV(strings.NewReader("a,b\n1,2\n"), nil, Options{}); err == nil || !strings.Contains(err.Error(), "header map") {
		t.Errorf("unknown header: %v", err)
	}
	if _, _, err := ReadCSV(strings.NewReader(in), map[string]string{"Konten": "isi"}, Options{}); err == nil || !strings.Contains(err.Error(), "unknown field") {
		t.Errorf("bad header map: %v", err)
	}
	docs, bad, err := ReadCSV(strings.NewReader("tanggal,konten,link\n2024-06-01,Banjir di Samarinda surut,https://x.example/1\n"), nil, Options{Source: "netray"})
	if err != nil || len(bad) != 0 || len(docs) != 1 || docs[0].GetSource() != "netray" || docs[0].GetId() != bus.DocumentID("https://x.example/1") {
		t.Fatalf("default map: %v %v %+v", err, bad, docs)
	}
}

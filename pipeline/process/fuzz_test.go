package process

import (
	"context"
	"testing"
	"time"
	"unicode/utf8"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/pipeline/store"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// FuzzDecodeDocument: any bytes on pantau.raw.* either fail to decode, are
// rejected by Normalize, or become a row with an id, a source and valid
// UTF-8 text; nothing panics.
func FuzzDecodeDocument(f *testing.F) {
	good, _ := proto.Marshal(&pantauv1.Document{Id: "a", Source: "prokal", Title: "Banjir", Body: "Air naik.",
		PublishedAt: timestamppb.New(time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)), Metadata: map[string]string{"views": "10"}})
	f.Add(good)
	f.Add([]byte{})
	f.Add([]byte{0x0a, 0x01})
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		doc := &pantauv1.Document{}
		if err := proto.Unmarshal(data, doc); err != nil {
			return
		}
		it := &Item{Doc: doc, Analysis: &pantauv1.Analysis{}}
		if err := (Normalize{MaxBodyBytes: 1 << 20}).Process(context.Background(), it); err != nil {
			return
		}
		row := store.FromProcessed(&pantauv1.ProcessedDocument{Document: it.Doc, Analysis: it.Analysis, ProcessedAt: timestamppb.Now()})
		if row.ID == "" || row.Source == "" {
			t.Fatalf("row without id or source: %+v", row)
		}
		for _, s := range []string{row.Title, row.Body, row.Author, row.URL} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 reached the store: %q", s)
			}
		}
	})
}

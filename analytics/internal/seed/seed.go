// Package seed loads a fixture corpus into a test store the way the
// pipeline would: every document gets its story from the real story
// assigner before it is inserted.
package seed

import (
	"context"
	"sort"
	"testing"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/analytics/internal/fixture"
	"github.com/biroadpim/pantau/analytics/stories"
	"github.com/biroadpim/pantau/pipeline/store"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Load assigns stories to c's documents in publication order and inserts them.
func Load(t testing.TB, s *store.Store, c fixture.Corpus) {
	t.Helper()
	ctx := context.Background()
	a, err := stories.New(s.Conn(), stories.DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	docs := append([]store.Document(nil), c.Docs...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].PublishedAt.Before(docs[j].PublishedAt) })
	for i := range docs {
		d := &docs[i]
		id, err := a.Assign(ctx, &pantauv1.Document{Id: d.ID, Source: d.Source, Title: d.Title, Lead: d.Lead, Body: d.Body,
			PublishedAt: timestamppb.New(d.PublishedAt), Official: d.Official})
		if err != nil {
			t.Fatal(err)
		}
		d.StoryID = id
	}
	if err := a.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.InsertDocuments(ctx, docs); err != nil {
		t.Fatal(err)
	}
}

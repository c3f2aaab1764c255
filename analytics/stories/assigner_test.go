package stories

import (
	"context"
	"testing"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/analytics/internal/fixture"
	"github.com/biroadpim/pantau/pipeline/store"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

func toProto(d store.Document) *pantauv1.Document {
	return &pantauv1.Document{Id: d.ID, Source: d.Source, Title: d.Title, Lead: d.Lead, Body: d.Body,
		PublishedAt: timestamppb.New(d.PublishedAt), Official: d.Official}
}

func TestSyndicatedReleaseSharesOneStoryAcrossReplicas(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Week()
	docs := map[string]store.Document{}
	for _, d := range c.Docs {
		docs[d.ID] = d
	}
	// Two replicas: the release goes through one, the pickup through the
	// other, so they can only agree through ClickHouse.
	cfg := DefaultConfig()
	r1, err := New(s.Conn(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := New(s.Conn(), cfg, nil)
	relStory, err := r1.Assign(ctx, toProto(docs[c.ReleaseID]))
	if err != nil {
		t.Fatal(err)
	}
	if relStory != c.ReleaseID {
		t.Fatalf("the first document starts its own story, got %q", relStory)
	}
	if err := r1.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	for _, id := range c.PickupIDs {
		got, err := r2.Assign(ctx, toProto(docs[id]))
		if err != nil {
			t.Fatal(err)
		}
		if got != relStory {
			t.Errorf("pickup %s got story %q, want the release's %q (similarity %.2f)", id, got, relStory,
				Similarity(Sign(Shingles(Text(toProto(docs[id])))), Sign(Shingles(Text(toProto(docs[c.ReleaseID]))))))
		}
	}
	un, err := r2.Assign(ctx, toProto(docs[c.UnrelatedID]))
	if err != nil {
		t.Fatal(err)
	}
	if un != c.UnrelatedID {
		t.Errorf("unrelated article joined story %q", un)
	}
	if err := r2.Close(ctx); err != nil {
		t.Fatal(err)
	}
	// A redelivery to a fresh replica returns the stored story.
	r3, _ := New(s.Conn(), cfg, nil)
	again, err := r3.Assign(ctx, toProto(docs[c.PickupIDs[2]]))
	if err != nil || again != relStory {
		t.Fatalf("redelivered pickup: story %q (%v), want %q", again, err, relStory)
	}
	var rows uint64
	if err := s.Conn().QueryRow(ctx, "SELECT count() FROM pantau.story_signatures").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if want := uint64(len(c.PickupIDs) + 2); rows != want {
		t.Errorf("%d stored signatures, want %d (the redelivery must not add one)", rows, want)
	}
}

func TestBackgroundDocumentsKeepTheirOwnStories(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Flat()
	a, err := New(s.Conn(), DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	merged := 0
	for _, d := range c.Docs[:300] {
		id, err := a.Assign(ctx, toProto(d))
		if err != nil {
			t.Fatal(err)
		}
		if id != d.ID {
			merged++
		}
	}
	if merged > 0 {
		t.Errorf("%d of 300 unrelated documents joined another story", merged)
	}
}

func TestConfigValidate(t *testing.T) {
	bad := Config{Threshold: 2}
	if err := bad.Validate(); err == nil {
		t.Fatal("invalid config accepted")
	}
	if err := DefaultConfig().Validate(); err != nil {
		t.Fatal(err)
	}
}

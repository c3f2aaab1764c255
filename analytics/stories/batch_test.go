package stories

import (
	"context"
	"testing"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/analytics/internal/fixture"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// TestAssignBatch: one lookup per batch gives the same stories as one
// lookup per document, within a batch (the release and its pickups arrive
// together) and across replicas (a later batch on another replica).
func TestAssignBatch(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Week()
	byID := map[string]*pantauv1.Document{}
	for _, d := range c.Docs {
		byID[d.ID] = toProto(d)
	}
	r1, err := New(s.Conn(), DefaultConfig(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// The pickups come first in the batch: publication order must still
	// make the release the story's first document.
	batch := []*pantauv1.Document{byID[c.PickupIDs[0]], byID[c.UnrelatedID], byID[c.ReleaseID], byID[c.PickupIDs[1]]}
	got, err := r1.AssignBatch(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{c.ReleaseID, c.UnrelatedID, c.ReleaseID, c.ReleaseID}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("batch item %d (%s): story %q, want %q", i, batch[i].GetId(), got[i], want[i])
		}
	}
	if err := r1.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	r2, _ := New(s.Conn(), DefaultConfig(), nil)
	rest := []*pantauv1.Document{byID[c.PickupIDs[2]], byID[c.PickupIDs[0]]} // a new pickup and a redelivery
	got, err = r2.AssignBatch(ctx, rest)
	if err != nil {
		t.Fatal(err)
	}
	if got[0] != c.ReleaseID || got[1] != c.ReleaseID {
		t.Errorf("second replica: stories %v, want the release's %q", got, c.ReleaseID)
	}
	if err := r2.Close(ctx); err != nil {
		t.Fatal(err)
	}
	var rows uint64
	if err := s.Conn().QueryRow(ctx, "SELECT count() FROM pantau.story_signatures").Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if rows != 5 {
		t.Errorf("%d stored signatures, want 5 (the redelivery must not add one)", rows)
	}
}

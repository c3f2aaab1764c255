package releases

import (
	"context"
	"testing"
	"time"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/analytics/internal/fixture"
	"github.com/biroadpim/pantau/analytics/internal/seed"
)

func TestPickupListsEveryCarrier(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Week()
	seed.Load(t, s, c)
	rs, err := Pickup(ctx, s.Conn(), c.Now.Add(-7*24*time.Hour), c.Now, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].ID != c.ReleaseID {
		t.Fatalf("releases %+v, want only %s", rs, c.ReleaseID)
	}
	r := rs[0]
	got := map[string]bool{}
	for _, cr := range r.Carriers {
		got[cr.ID] = true
		if cr.DelaySeconds <= 0 {
			t.Errorf("carrier %s delay %s", cr.ID, cr.Delay)
		}
	}
	for _, id := range c.PickupIDs {
		if !got[id] {
			t.Errorf("pickup %s missing", id)
		}
	}
	if got[c.UnrelatedID] || len(r.Carriers) != len(c.PickupIDs) {
		t.Errorf("carriers %v, want exactly %v", got, c.PickupIDs)
	}
	if r.Outlets != 4 || r.FirstPickup != "40m0s" || r.Tone["negative"] != 1 || r.Tone["positive"] != 2 {
		t.Errorf("summary: outlets %d first %s tone %v", r.Outlets, r.FirstPickup, r.Tone)
	}
}

func TestShareOfVoice(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Week()
	if err := s.InsertDocuments(ctx, c.Docs); err != nil {
		t.Fatal(err)
	}
	vs, err := ShareOfVoice(ctx, s.Conn(), c.Now.Add(-3*24*time.Hour), c.Now.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		if v.Issue == "banjir" {
			if v.Official != 1 || v.Media < 24+len(c.PickupIDs) || v.OfficialShare <= 0 || v.OfficialShare >= 0.1 {
				t.Errorf("banjir voice %+v", v)
			}
			return
		}
	}
	t.Fatalf("no banjir in %+v", vs)
}

package spikes

import (
	"context"
	"testing"
	"time"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/analytics/internal/fixture"
	"github.com/biroadpim/pantau/dashboards/spike"
)

func TestCurrentReportsInjectedFloodSpike(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Week()
	if err := s.InsertDocuments(ctx, c.Docs); err != nil {
		t.Fatal(err)
	}
	r, err := Current(ctx, s.Conn(), c.Now, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Overall.Firing {
		t.Errorf("overall spike not firing: %+v", r.Overall)
	}
	if len(r.Issues) == 0 || r.Issues[0].Issue != "banjir" || !r.Issues[0].Firing {
		t.Fatalf("banjir should be the first firing issue: %+v", r.Issues)
	}
	b := r.Issues[0]
	lastHour := 0
	for _, d := range c.Docs {
		if d.PublishedAt.After(c.Now.Add(-time.Hour)) && !d.PublishedAt.After(c.Now) && d.SentimentLabel == "negative" && d.Issues[0] == "banjir" {
			lastHour++
		}
	}
	if b.NegativeCount != lastHour || b.Total < b.NegativeCount || b.NegativeShare < 0.8 || b.BaselineShare > 0.6 {
		t.Errorf("banjir spike numbers: %+v", b)
	}
	burst := map[string]bool{}
	for _, id := range c.BurstIDs {
		burst[id] = true
	}
	if len(b.Articles) == 0 {
		t.Fatal("spike without articles")
	}
	for _, a := range b.Articles {
		if !burst[a.ID] || a.Sentiment != "negative" {
			t.Errorf("article %s (%s) is not a negative burst article", a.ID, a.Sentiment)
		}
	}
	for _, is := range r.Issues[1:] {
		if is.Firing {
			t.Errorf("issue %s fires too: %+v", is.Issue, is)
		}
	}
}

func TestCurrentQuietOnFlatWeek(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Flat()
	if err := s.InsertDocuments(ctx, c.Docs); err != nil {
		t.Fatal(err)
	}
	for h := 0; h < 24; h += 3 {
		at := c.Now.Add(-time.Duration(h) * time.Hour)
		r, err := Current(ctx, s.Conn(), at, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Overall.Firing {
			t.Errorf("at %s overall fires on a flat week: %+v", at, r.Overall)
		}
		for _, is := range r.Issues {
			if is.Firing {
				t.Errorf("at %s issue %s fires on a flat week: %+v", at, is.Issue, is)
			}
		}
	}
}

func TestCurrentRejectsBadParams(t *testing.T) {
	if _, err := Current(context.Background(), nil, time.Now(), Options{Params: spike.Params{Window: time.Minute, BaselineDays: 99, Threshold: 1}}); err == nil {
		t.Fatal("bad params accepted")
	}
}

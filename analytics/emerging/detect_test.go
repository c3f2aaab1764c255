package emerging

import (
	"context"
	"testing"
	"time"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/analytics/internal/fixture"
)

func TestDetectFindsInjectedBurst(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Week()
	if err := s.InsertDocuments(ctx, c.Docs); err != nil {
		t.Fatal(err)
	}
	bursts, err := Detect(ctx, s.Conn(), c.Now, Default)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bursts {
		t.Logf("%s %q count=%d sources=%d expected=%.2f score=%.1f z=%.1f base=%v", b.Kind, b.Key, b.Count, b.Sources, b.Expected, b.Score, b.RobustZ, b.Baseline)
	}
	want := map[string]bool{"issue:banjir": false, "entity:Samarinda": false, "phrase:tanggul jebol": false, "phrase:banjir samarinda": false}
	for _, b := range bursts {
		k := b.Kind + ":" + b.Key
		if _, ok := want[k]; ok {
			want[k] = true
		} else {
			t.Errorf("unexpected burst %s (count %d, expected %.2f, score %.1f)", k, b.Count, b.Expected, b.Score)
		}
	}
	for k, found := range want {
		if !found {
			t.Errorf("burst %s not found", k)
		}
	}
	var banjir *Burst
	for i := range bursts {
		if bursts[i].Kind == KindIssue && bursts[i].Key == "banjir" {
			banjir = &bursts[i]
		}
	}
	if banjir == nil {
		t.Fatal("banjir not ranked")
	}
	if banjir.Count < 24 || banjir.Negative < 24 || len(banjir.Articles) != Default.ArticlesPerBurst {
		t.Errorf("banjir burst: count %d negative %d articles %d", banjir.Count, banjir.Negative, len(banjir.Articles))
	}
	burst := map[string]bool{}
	for _, id := range c.BurstIDs {
		burst[id] = true
	}
	for _, a := range banjir.Articles {
		if !burst[a.ID] || a.URL == "" {
			t.Errorf("article %s (%s) is not one of the injected burst", a.ID, a.URL)
		}
	}
}

func TestDetectQuietOnFlatAndTinySeries(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Flat()
	// A tiny new phrase: three articles from one outlet.
	for i := 0; i < 3; i++ {
		d := c.Docs[len(c.Docs)-1-i]
		d.ID += "-tiny"
		d.Source = "sapos"
		d.PublishedAt = c.Now.Add(-time.Duration(i+1) * 20 * time.Minute)
		d.Keyphrases = []string{"ular piton"}
		c.Docs = append(c.Docs, d)
	}
	if err := s.InsertDocuments(ctx, c.Docs); err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{c.Now, c.Now.Add(-5 * time.Hour), c.Now.Add(-30 * time.Hour), c.Now.Add(-53 * time.Hour)} {
		bursts, err := Detect(ctx, s.Conn(), at, Default)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bursts {
			t.Errorf("at %s: flat corpus fired %s %q (count %d, expected %.2f, score %.1f, baseline %v)", at, b.Kind, b.Key, b.Count, b.Expected, b.Score, b.Baseline)
		}
	}
}

func TestTrend(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Week()
	if err := s.InsertDocuments(ctx, c.Docs); err != nil {
		t.Fatal(err)
	}
	from := c.Now.Add(-3 * time.Hour)
	tr, err := Trend(ctx, s.Conn(), from, c.Now.Add(time.Second), time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr) == 0 || tr[0].Issue != "banjir" {
		t.Fatalf("trend of the last three hours should lead with banjir: %+v", tr)
	}
	want := 0
	for _, d := range c.Docs {
		if !d.PublishedAt.Before(from) && !d.PublishedAt.After(c.Now) && len(d.Issues) > 0 && d.Issues[0] == "banjir" {
			want++
		}
	}
	if tr[0].Total != want || len(tr[0].Points) != 3 {
		t.Errorf("banjir trend total %d in %d points, want %d in 3", tr[0].Total, len(tr[0].Points), want)
	}
	if _, err := Trend(ctx, s.Conn(), c.Now, from, time.Hour); err == nil {
		t.Error("reversed range accepted")
	}
}

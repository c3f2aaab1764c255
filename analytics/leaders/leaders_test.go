package leaders

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/analytics/internal/fixture"
)

func TestInconsistenciesFlagDivergingLeaders(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Week()
	if err := s.InsertDocuments(ctx, c.Docs); err != nil {
		t.Fatal(err)
	}
	cs, err := Inconsistencies(ctx, s.Conn(), c.Now.Add(-3*24*time.Hour), c.Now, ConsistencyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("%d conflicts, want 1: %+v", len(cs), cs)
	}
	k := cs[0]
	if k.Issue != "banjir" || k.A.ID != c.ConflictIDs[0] || k.B.ID != c.ConflictIDs[1] || k.A.Speaker != fixture.Governor || k.B.Speaker != fixture.ViceGovernor {
		t.Fatalf("conflict %+v", k)
	}
	codes := map[string]bool{}
	for _, r := range k.Reasons {
		codes[r.Code] = true
	}
	for _, want := range []string{"opposite_tone", "different_numbers", "negation"} {
		if !codes[want] {
			t.Errorf("reason %s missing from %+v", want, k.Reasons)
		}
	}
	if k.A.URL == "" || k.A.Role != fixture.GovernorRole {
		t.Errorf("statement not traceable: %+v", k.A)
	}
}

func TestClaims(t *testing.T) {
	cases := []struct {
		a, b string
		want []string
	}{
		{"Sebanyak 2.300 KK terdampak banjir.", "Ada 2.300 kk terdampak.", nil},
		{"Sebanyak 2.300 KK terdampak banjir.", "Sekitar 900 KK terdampak.", []string{"different_numbers"}},
		{"Anggaran Rp1,5 triliun sudah cair.", "Anggaran 1.500 miliar sudah cair.", nil},
		{"Jalan tol sudah selesai.", "Jalan tol belum selesai.", []string{"negation"}},
		{"Harga beras naik tajam.", "Harga beras turun pekan ini.", []string{"antonym"}},
		{"Investasi tumbuh 12 persen.", "Investasi naik 12%.", nil},
	}
	for _, c := range cases {
		rs := diverge(extract(c.a), extract(c.b))
		var got []string
		for _, r := range rs {
			got = append(got, r.Code)
		}
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("%q vs %q: reasons %v, want %v", c.a, c.b, rs, c.want)
		}
	}
}

func TestSummaryAndGet(t *testing.T) {
	s := chtest.Store(t)
	ctx := context.Background()
	c := fixture.Week()
	if err := s.InsertDocuments(ctx, c.Docs); err != nil {
		t.Fatal(err)
	}
	from, to := c.Now.Add(-8*24*time.Hour), c.Now.Add(time.Second)
	ls, err := Summary(ctx, s.Conn(), from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, d := range c.Docs {
		for _, e := range d.Entities {
			if e == fixture.Governor {
				want++
			}
		}
	}
	if len(ls) < 3 || ls[0].ID != fixture.Governor || ls[0].Mentions != want || ls[0].Quotes != 2 || ls[0].Role != fixture.GovernorRole {
		t.Fatalf("summary %+v, want the governor first with %d mentions and 2 quotes", ls, want)
	}
	for _, l := range ls {
		if l.ID == "Samarinda" {
			t.Error("a place is listed as a leader")
		}
	}
	d, err := Get(ctx, s.Conn(), fixture.ViceGovernor, from, to, 10)
	if err != nil {
		t.Fatal(err)
	}
	if d.Mentions != 1 || d.Negative != 1 || len(d.RecentQuotes) != 1 || d.RecentQuotes[0].ID != c.ConflictIDs[1] || len(d.Issues) != 1 || d.Issues[0].Issue != "banjir" {
		t.Errorf("vice-governor detail %+v", d)
	}
	if _, err := Get(ctx, s.Conn(), "Tidak Ada", from, to, 10); !errors.Is(err, ErrUnknownLeader) {
		t.Errorf("unknown leader: %v", err)
	}
}

func TestPairWindowAndSpeakers(t *testing.T) {
	at := fixture.Now
	st := func(speaker string, after time.Duration, text string, tone float64) Statement {
		s := Statement{Speaker: speaker, Text: text, Issue: "jalan_rusak", Tone: tone}
		s.ID = speaker + after.String()
		s.PublishedAt = at.Add(after)
		return s
	}
	cases := []struct {
		name string
		sts  []Statement
		want int
	}{
		{"clash within the window", []Statement{st("A", 0, "Jalan sudah mulus.", 0.5), st("B", 10*time.Hour, "Jalan masih rusak parah.", -0.5)}, 1},
		{"clash outside the window", []Statement{st("A", 0, "Jalan sudah mulus.", 0.5), st("B", 100*time.Hour, "Jalan masih rusak parah.", -0.5)}, 0},
		{"one speaker changing tone", []Statement{st("A", 0, "Jalan sudah mulus.", 0.5), st("A", time.Hour, "Jalan masih rusak parah.", -0.5)}, 0},
		{"agreement", []Statement{st("A", 0, "Perbaikan 40 km jalan selesai.", 0.4), st("B", time.Hour, "Sebanyak 40 km jalan sudah diperbaiki.", 0.3)}, 0},
	}
	for _, c := range cases {
		if got := Pair(c.sts, ConsistencyOptions{}); len(got) != c.want {
			t.Errorf("%s: %d conflicts %+v, want %d", c.name, len(got), got, c.want)
		}
	}
	// A scorer overrides the documents' tone.
	flat := ToneFunc(func(string) float64 { return 0 })
	sts := []Statement{st("A", 0, "Jalan sudah mulus.", 0.5), st("B", time.Hour, "Jalan masih rusak parah.", -0.5)}
	for i := range sts {
		sts[i].Tone = flat.Tone(sts[i].Text)
	}
	if got := Pair(sts, ConsistencyOptions{}); len(got) != 0 {
		t.Errorf("neutral statements flagged: %+v", got)
	}
}

package stories

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/analytics/internal/fixture"
)

// BenchmarkSign measures shingling and MinHash per document size (words).
func BenchmarkSign(b *testing.B) {
	c := fixture.Flat()
	for _, n := range []int{100, 400, 1000} {
		var words []string
		for _, d := range c.Docs {
			words = append(words, strings.Fields(d.Body)...)
			if len(words) >= n {
				break
			}
		}
		text := strings.Join(words[:n], " ")
		b.Run(fmt.Sprintf("words=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				BandKeys(Sign(Shingles(text)))
			}
		})
	}
}

// BenchmarkAssign measures one Assign (signature, band lookup in ClickHouse,
// buffered write) on the fixture week.
func BenchmarkAssign(b *testing.B) {
	s := chtest.Store(b)
	a, err := New(s.Conn(), DefaultConfig(), nil)
	if err != nil {
		b.Fatal(err)
	}
	docs := fixture.Week().Docs
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d := docs[i%len(docs)]
		d.ID = fmt.Sprintf("%s-%d", d.ID, i)
		if _, err := a.Assign(ctx, toProto(d)); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.StopTimer()
	if err := a.Close(ctx); err != nil {
		b.Fatal(err)
	}
}

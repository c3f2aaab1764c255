package nlp

import (
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// TestSortByStartMatchesSortSlice checks that mentions starting together
// keep the order sort.Slice gave them (analysis output depends on it).
func TestSortByStartMatchesSortSlice(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 500; round++ {
		n := rng.IntN(80)
		a := make([]mention, n)
		for i := range a {
			a[i] = mention{start: rng.IntN(10), end: i} // end identifies the mention
		}
		b := slices.Clone(a)
		sort.Slice(a, func(i, j int) bool { return a[i].start < a[j].start })
		sortByStart(b)
		for i := range a {
			if a[i].start != b[i].start || a[i].end != b[i].end {
				t.Fatalf("round %d: sortByStart order differs from sort.Slice at %d", round, i)
			}
		}
	}
}

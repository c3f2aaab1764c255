package nlp

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestMutatedInputs analyses seeded random mutations of a news article
// (quotes, dashes and letters inserted, spans cut) and fails on a panic or
// on an analysis that does not finish.
func TestMutatedInputs(t *testing.T) {
	a := newAnalyzer(t)
	title, body := article(t, "banjir_samarinda.txt")
	base := []byte(title + "\n\n" + body)
	alphabet := []byte("\"“”'’.,!?\n -aAkKtTuU😡")
	rng := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 3000; n++ {
		b := append([]byte(nil), base[:rng.IntN(len(base))]...)
		for k := rng.IntN(20); k > 0; k-- {
			if len(b) == 0 {
				break
			}
			p := rng.IntN(len(b))
			switch rng.IntN(3) {
			case 0:
				b[p] = alphabet[rng.IntN(len(alphabet))]
			case 1:
				b = append(b[:p], b[min(len(b), p+rng.IntN(10)):]...)
			case 2:
				b = append(b[:p], append([]byte{alphabet[rng.IntN(len(alphabet))]}, b[p:]...)...)
			}
		}
		s := string(b)
		done := make(chan bool)
		go func() { a.Analyze(s); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("analysis did not finish in 5s for %q", s)
		}
	}
}

func TestNoOverlappingEntities(t *testing.T) {
	a := newAnalyzer(t)
	title, body := article(t, "banjir_samarinda.txt")
	base := title + "\n\n" + body
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 3000; n++ {
		b := []byte(base)
		for k := rng.IntN(30); k > 0; k-- {
			p := rng.IntN(len(b))
			b = append(b[:p], b[min(len(b), p+rng.IntN(8)):]...)
		}
		r := a.Analyze(string(b))
		for i := 1; i < len(r.Entities); i++ {
			if r.Entities[i].Start < r.Entities[i-1].End {
				t.Fatalf("overlapping entities %+v and %+v", r.Entities[i-1], r.Entities[i])
			}
		}
	}
}

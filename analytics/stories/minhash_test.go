package stories

import (
	"math"
	"strings"
	"testing"
)

func jaccard(a, b []uint64) float64 {
	set := map[uint64]bool{}
	for _, x := range a {
		set[x] = true
	}
	inter := 0
	for _, x := range b {
		if set[x] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

func TestSimilarityEstimatesJaccard(t *testing.T) {
	base := strings.Fields(strings.Repeat("pemerintah provinsi menyalurkan bantuan banjir kepada warga mahakam ulu melalui jalur sungai ", 1))
	var words []string
	for i := 0; i < 200; i++ {
		words = append(words, base[i%len(base)]+string(rune('a'+i%26))+string(rune('a'+i/26)))
	}
	full := strings.Join(words, " ")
	cases := []struct {
		name string
		b    string
	}{
		{"identical", full},
		{"three quarters", strings.Join(words[:150], " ")},
		{"half", strings.Join(words[:100], " ")},
		{"disjoint", strings.Join(words[100:], " ")},
	}
	sa := Shingles(full)
	for _, c := range cases {
		sb := Shingles(c.b)
		want := jaccard(sa, sb)
		got := Similarity(Sign(sa), Sign(sb))
		if math.Abs(got-want) > 0.12 {
			t.Errorf("%s: estimated %.2f, true Jaccard %.2f", c.name, got, want)
		}
	}
}

func TestShinglesIgnoreCaseAndStopwords(t *testing.T) {
	a := Shingles("Gubernur MENINJAU banjir di Samarinda.")
	b := Shingles("gubernur meninjau banjir yang di samarinda")
	if jaccard(a, b) != 1 {
		t.Fatalf("shingles differ: %v vs %v", a, b)
	}
	if len(Shingles("satu")) != 0 {
		t.Fatal("one word has no bigram")
	}
}

func TestBandKeysAgreeOnlyOnEqualBands(t *testing.T) {
	s := Sign(Shingles("pemprov kaltim salurkan bantuan rp5 miliar korban banjir mahakam ulu"))
	k1, k2 := BandKeys(s), BandKeys(append(Signature(nil), s...))
	if len(k1) != Bands {
		t.Fatalf("%d band keys, want %d", len(k1), Bands)
	}
	for i := range k1 {
		if k1[i] != k2[i] {
			t.Fatal("equal signatures give different band keys")
		}
	}
	s2 := append(Signature(nil), s...)
	s2[0]++
	k3 := BandKeys(s2)
	if k3[0] == k1[0] || k3[1] != k1[1] {
		t.Fatal("changing the first value must change only the first band key")
	}
}

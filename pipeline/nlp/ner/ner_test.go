package ner

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const dataDir = "../data"

// TestEmbeddedModelQuality fails when the committed model regresses on
// IDNer-news-2k dev.
func TestEmbeddedModelQuality(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	met, err := m.EvaluateDir(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("IDNer dev F1 %.4f (PER %.3f ORG %.3f LOC %.3f)", met.Overall.F1, met.Types[PER].F1, met.Types[ORG].F1, met.Types[LOC].F1)
	if met.Overall.F1 < 0.84 {
		t.Errorf("IDNer dev entity F1 %.4f below floor 0.84 (measured 0.853)", met.Overall.F1)
	}
}

func TestTagIndonesianCues(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		sent string
		want []string // "TYPE:text"
	}{
		{"Kepala Dinas Pendidikan Andi Wijaya meninjau sekolah di Sangatta .", []string{"ORG:Dinas Pendidikan", "PER:Andi Wijaya", "LOC:Sangatta"}},
		{"Kapolda Kaltim Irjen Pol Imam Sugianto memimpin apel di Samarinda .", []string{"PER:Imam Sugianto", "LOC:Samarinda"}},
		{"Menurut Prof Dr H Hendri Susanto dari Universitas Mulawarman , kebijakan itu tepat .", []string{"PER:Hendri Susanto", "ORG:Universitas Mulawarman"}},
		{"Presiden Joko Widodo berkunjung ke Balikpapan , Kalimantan Timur .", []string{"PER:Joko Widodo", "LOC:Balikpapan", "LOC:Kalimantan Timur"}},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.sent)
		var got []string
		for _, s := range m.Tag(nil, words) {
			got = append(got, s.Type+":"+strings.Join(words[s.Start:s.End], " "))
		}
		for _, w := range tt.want {
			found := false
			for _, g := range got {
				if g == w {
					found = true
				}
			}
			if !found {
				t.Errorf("%q: want %s among %v", tt.sent, w, got)
			}
		}
	}
}

func TestSpans(t *testing.T) {
	path := []int{0, tagIndex("B-PER"), tagIndex("I-PER"), 0, tagIndex("I-LOC"), tagIndex("B-ORG"), tagIndex("I-LOC")}
	got := spans(nil, path)
	want := []Span{{PER, 1, 3}, {LOC, 4, 5}, {ORG, 5, 6}, {LOC, 6, 7}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("spans = %v, want %v", got, want)
	}
}

func TestMapTag(t *testing.T) {
	for in, want := range map[string]string{"B-PPL": "B-PER", "I-PLC": "I-LOC", "B-IND": "B-ORG", "I-EVT": "I-EVT", "B-FNB": "O", "O": "O", "B-PER": "B-PER"} {
		if got := mapTag(in); got != want {
			t.Errorf("mapTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTrainDeterministic(t *testing.T) {
	tr, err := ReadCoNLL(dataDir+"/"+IDNerTrain, true)
	if err != nil {
		t.Fatal(err)
	}
	tr = tr[:300]
	cfg := TrainConfig{Seed: 3, Epochs: 3, Bits: 14}
	a, b := Train(tr, cfg), Train(tr, cfg)
	var ba, bb bytes.Buffer
	if err := a.Save(&ba); err != nil {
		t.Fatal(err)
	}
	if err := b.Save(&bb); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ba.Bytes(), bb.Bytes()) {
		t.Fatal("same seed, different models")
	}
	c, err := Load(&ba)
	if err != nil {
		t.Fatal(err)
	}
	if f := c.Evaluate(tr).Overall.F1; f < 0.8 {
		t.Errorf("training-set F1 %.3f after load, want >= 0.8", f)
	}
}

func TestSparseRowsRoundTrip(t *testing.T) {
	w := make([]int16, numTags*200)
	for _, f := range []int{0, 5, 63, 64, 65, 130, 199} {
		for k := 0; k < numTags; k++ {
			w[f*numTags+k] = int16(f*10 + k + 1)
		}
	}
	w[7*numTags+3] = -4 // a row with one non-zero weight
	s := compactRows(w)
	for f := 0; f < 200; f++ {
		r := s.row(uint32(f))
		zero := true
		for k := 0; k < numTags; k++ {
			zero = zero && w[f*numTags+k] == 0
		}
		if zero != (r == nil) {
			t.Fatalf("row %d: present = %v, want %v", f, r != nil, !zero)
		}
		if r != nil && !slices.Equal(r[:], w[f*numTags:f*numTags+numTags]) {
			t.Fatalf("row %d = %v, want %v", f, r[:], w[f*numTags:f*numTags+numTags])
		}
	}
	if !slices.Equal(s.dense(len(w)), w) {
		t.Fatal("dense(compactRows(w)) != w")
	}
}

func TestShapeASCIIFastPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Samarinda", "Xx"}, {"DPRD", "X"}, {"2024", "d"}, {"Mas'ud", "Xx'x"}, {"G20", "Xd"},
		{"É", "X"}, {"Gérard", "Xx"}, {"AbCdEfGh", "XxXxX"}, {"a1b2c3", "xdxdx"}, {"Kota-Ñ", "Xx-X"},
		{"ab€", "x*"}, {"", ""},
	}
	for _, tt := range tests {
		if got := string(shape(nil, tt.in)); got != tt.want {
			t.Errorf("shape(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSparseSumMatchesRows checks the lane sums of the embedded model
// against row-by-row sums, including features with extreme weights.
func TestSparseSumMatchesRows(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var fs []uint32
	for f := uint32(0); f < 1<<m.bits && len(fs) < 4000; f += 97 {
		fs = append(fs, f)
	}
	// the rows holding the largest and smallest weights
	var hi, lo uint32
	var hv, lv int16
	for f := uint32(0); f < 1<<m.bits; f++ {
		if r := m.rows.row(f); r != nil {
			for _, v := range r {
				if v > hv {
					hi, hv = f, v
				}
				if v < lv {
					lo, lv = f, v
				}
			}
		}
	}
	for _, n := range []int{0, 1, 7, 40, 64} {
		for _, set := range [][]uint32{fs[:min(n, len(fs))], repeat(hi, n), repeat(lo, n)} {
			var want [numTags]int32
			for _, f := range set {
				if r := m.rows.row(f); r != nil {
					for k := range want {
						want[k] += int32(r[k])
					}
				}
			}
			if got := m.rows.sum(set); got != want {
				t.Fatalf("sum of %d features = %v, want %v", len(set), got, want)
			}
		}
	}
}

func repeat(f uint32, n int) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = f
	}
	return out
}

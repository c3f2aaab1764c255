package issue

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

func TestTag(t *testing.T) {
	tx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string
	}{
		{"Banjirnya merendam 300 rumah di Samarinda", []string{"banjir"}},
		{"Aktivitas TAMBANG ILEGAL di Kukar merusak jalan desa", []string{"tambang_ilegal"}},
		{"Harga cabai dan harga beras naik jelang Ramadan, TPID gelar operasi pasar", []string{"inflasi_bahan_pokok"}},
		{"Kabut asap akibat karhutla mengganggu penerbangan", []string{"karhutla"}},
		{"Pemadaman listrik bergilir, warga kesulitan air bersih", []string{"listrik_padam", "air_bersih"}},
		{"Satu sekolah dibangun", nil}, // pendidikan needs two hits
		{"KPK menetapkan tersangka korupsi proyek jalan", []string{"korupsi"}},
		{"Warga mengeluhkan PPDB jalur zonasi", []string{"ppdb"}},
	}
	for _, tt := range tests {
		got := tx.Tag(token.Tokenize(nil, tt.text), nil)
		if !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestTaxonomyKeysAreStable(t *testing.T) {
	tx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	need := []string{"banjir", "tambang_ilegal", "ikn", "jalan_rusak", "karhutla", "stunting", "inflasi_bahan_pokok",
		"listrik_padam", "air_bersih", "ppdb", "kesehatan_bpjs", "pilkada", "korupsi", "investasi", "humas_keterbukaan"}
	have := map[string]bool{}
	for _, is := range tx.Issues() {
		have[is.Key] = true
	}
	for _, k := range need {
		if !have[k] {
			t.Errorf("taxonomy lacks issue %q", k)
		}
	}
}

func TestBadTaxonomy(t *testing.T) {
	_, err := LoadFile(filepath.Join("testdata", "badkey.bad.yaml"))
	if err == nil || !strings.Contains(err.Error(), "lower-case ASCII") || !strings.Contains(err.Error(), "badkey.bad.yaml") {
		t.Fatalf("error %v", err)
	}
}

func TestKeyPhrases(t *testing.T) {
	// "retakan tanggul" is in no taxonomy entry: key phrases must surface it.
	text := "Retakan tanggul di Sungai Mahakam membuat warga Loa Janan cemas. Warga melaporkan retakan tanggul sejak pekan lalu. " +
		"Petugas memeriksa retakan tanggul dan memasang karung pasir. Retakan tanggul diperkirakan sepanjang 40 meter."
	got := KeyPhrases(token.Tokenize(nil, text), 5, nil)
	if len(got) == 0 || got[0] != "retakan tanggul" {
		t.Fatalf("KeyPhrases = %v, want \"retakan tanggul\" first", got)
	}
	tx, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range tx.Issues() {
		for _, kw := range is.Keywords {
			if strings.EqualFold(kw, got[0]) {
				t.Fatalf("test phrase %q is in the taxonomy (%s); pick a new one", got[0], is.Key)
			}
		}
	}
	for _, p := range got {
		for _, w := range strings.Fields(p) {
			if IsStopword(w) {
				t.Errorf("phrase %q contains stop word %q", p, w)
			}
		}
	}
}

// TestMayMatchNeverHidesAKeyword checks the look-up filter of TagLower on
// the words of real text and of the taxonomy itself: a word it rules out
// never has a keyword key.
func TestMayMatchNeverHidesAKeyword(t *testing.T) {
	tax, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	tax.root.walk(func(k string) { keys[k] = true })
	var words []string
	for _, w := range token.SpecialWords() {
		words = append(words, w, w+"nya", w+"lah")
	}
	for _, is := range tax.Issues() {
		for _, kw := range is.Keywords {
			for _, tk := range token.Tokenize(nil, kw) {
				l := token.Lower(tk.Text)
				words = append(words, l, l+"nya", l+"-"+l, l+l[len(l)-1:]+l[len(l)-1:])
			}
		}
	}
	for _, f := range []string{"../data/smsa/valid.tsv", "../testdata/banjir_samarinda.txt", "../testdata/tambang_ilegal.txt"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, tk := range token.Tokenize(nil, string(b)) {
			words = append(words, token.Lower(tk.Text))
		}
	}
	ruledOut, notFirst := 0, 0
	for _, w := range words {
		k := matchKey(w)
		if !tax.any.mayMatch(w) {
			ruledOut++
			if keys[k] {
				t.Fatalf("any.mayMatch(%q) = false, but its key %q is a keyword key", w, k)
			}
		}
		if !tax.first.mayMatch(w) {
			notFirst++
			if tax.root.next[k] != nil {
				t.Fatalf("first.mayMatch(%q) = false, but its key %q starts a keyword", w, k)
			}
		}
	}
	if ruledOut == 0 || notFirst == 0 {
		t.Fatal("the filters ruled out no word")
	}
	t.Logf("of %d words, %d ruled out anywhere, %d as a first word", len(words), ruledOut, notFirst)
}

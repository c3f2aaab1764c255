package token

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode"
)

func TestNormAndStem(t *testing.T) {
	tests := []struct{ in, norm, stem string }{
		{"gak", "tidak", "tidak"},
		{"Nggak", "tidak", "tidak"},
		{"enggak", "tidak", "tidak"},
		{"bgt", "banget", "banget"},
		{"gue", "saya", "saya"},
		{"bagusss", "bagus", "bagus"},
		{"mantaaap", "mantap", "mantap"},
		{"enaknya", "enaknya", "enak"},
		{"pelayanannya", "pelayanannya", "pelayanan"},
		{"bukanlah", "bukanlah", "bukan"},
		{"apakah", "apakah", "apa"},
		{"sekolah", "sekolah", "sekolah"},
		{"punya", "punya", "punya"},
		{"kue-kue", "kue-kue", "kue"},
		{"enak-enak", "enak-enak", "enak"},
		{"boro-boro", "boro-boro", "boro-boro"},
		{"Samarinda", "samarinda", "samarinda"},
	}
	for _, tt := range tests {
		n := Norm(tt.in)
		if n != tt.norm {
			t.Errorf("Norm(%q) = %q, want %q", tt.in, n, tt.norm)
		}
		if s := Stem(n); s != tt.stem {
			t.Errorf("Stem(%q) = %q, want %q", n, s, tt.stem)
		}
	}
}

func TestTokenize(t *testing.T) {
	text := `Gubernur Rudy Mas'ud: "Banjir 1.200 rumah, kue-kue 😡👍🏽!"`
	toks := Tokenize(nil, text)
	var got []string
	for _, tk := range toks {
		if text[tk.Start:tk.End] != tk.Text {
			t.Fatalf("token %q has offsets %d..%d pointing at %q", tk.Text, tk.Start, tk.End, text[tk.Start:tk.End])
		}
		got = append(got, tk.Text)
	}
	want := []string{"Gubernur", "Rudy", "Mas'ud", ":", "\"", "Banjir", "1.200", "rumah", ",", "kue-kue", "😡", "👍🏽", "!", "\""}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Tokenize = %q, want %q", got, want)
	}
	if toks[10].Kind != Emoji || toks[6].Kind != Number {
		t.Errorf("kinds: emoji %v number %v", toks[10].Kind, toks[6].Kind)
	}
}

func TestSentences(t *testing.T) {
	text := "Prof. Dr. H. Hendri Susanto hadir di Samarinda. \"Kami siap!\" katanya. Acara selesai\nJudul Baru"
	toks := Tokenize(nil, text)
	var got []string
	for _, s := range Sentences(nil, text, toks) {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{"Prof. Dr. H. Hendri Susanto hadir di Samarinda.", "\"Kami siap!\"", "katanya.", "Acara selesai", "Judul Baru"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Sentences = %q, want %q", got, want)
	}
}

func TestLenFilterKeepsListedWords(t *testing.T) {
	for w := range informal {
		if !informalFilter.may(w) {
			t.Errorf("informal word %q rejected by its filter", w)
		}
	}
	for w := range cliticKeep {
		if !keepFilter.may(w) {
			t.Errorf("clitic root %q rejected by its filter", w)
		}
	}
	if informalFilter.may("pemerintah") && keepFilter.may("pemerintah") {
		t.Error("filters reject nothing")
	}
}

func TestASCIISpaceTable(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		if asciiSpace[r] != unicode.IsSpace(r) {
			t.Errorf("asciiSpace[%q] = %v, unicode.IsSpace says %v", r, asciiSpace[r], unicode.IsSpace(r))
		}
	}
}

// stemReference is Stem as first written, without the look-up filters.
func stemReference(w string) string {
	if i := strings.IndexByte(w, '-'); i > 0 && !Negators[w] {
		a, b := w[:i], w[i+1:]
		if a == b || strings.HasPrefix(b, a) {
			return a
		}
	}
	if cliticKeep[w] {
		return w
	}
	for _, suf := range [...]string{"nya", "lah", "kah", "pun", "ku", "mu"} {
		if len(w) >= len(suf)+3 && strings.HasSuffix(w, suf) {
			s := w[:len(w)-len(suf)]
			if (suf == "ku" || suf == "mu") && len(s) < 4 {
				return w
			}
			if r, ok := informal[s]; ok {
				return r
			}
			return s
		}
	}
	return w
}

// TestStemMatchesReference runs Stem and Norm over the SmSA valid
// vocabulary and the special word lists.
func TestStemMatchesReference(t *testing.T) {
	b, err := os.ReadFile("../data/smsa/valid.tsv")
	if err != nil {
		t.Fatal(err)
	}
	words := SpecialWords()
	for _, tk := range Tokenize(nil, string(b)) {
		words = append(words, tk.Text, tk.Text+"nya", tk.Text+"ku", tk.Text+"-"+tk.Text)
	}
	for _, w := range words {
		n := Norm(w)
		want := squeeze(lower(w))
		if s, ok := informal[want]; ok {
			want = s
		}
		if n != want {
			t.Fatalf("Norm(%q) = %q, want %q", w, n, want)
		}
		if got, want := Stem(n), stemReference(n); got != want {
			t.Fatalf("Stem(%q) = %q, want %q", n, got, want)
		}
	}
}

func TestAbbreviationsFitTheLookupBuffer(t *testing.T) {
	for w := range abbreviations {
		if !isAbbreviation(strings.ToUpper(w)) {
			t.Errorf("abbreviation %q not recognised in upper case", w)
		}
	}
	if isAbbreviation("Samarinda") {
		t.Error("Samarinda taken for an abbreviation")
	}
}

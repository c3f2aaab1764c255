package gazetteer

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

func TestFind(t *testing.T) {
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want []string // "id[:ctx]=text"
	}{
		{"Pj Gubernur Akmal Malik membuka acara", []string{"akmal-malik=Pj Gubernur Akmal Malik"}},
		{"Akmal menegaskan hal itu", []string{"akmal-malik=Akmal"}},
		{"Gubernur Kaltim Rudy Mas'ud dan Wagub Seno Aji", []string{"rudy-masud=Gubernur Kaltim Rudy Mas'ud", "seno-aji=Wagub Seno Aji"}},
		{"kata Rudy Masud di Samarinda", []string{"rudy-masud=Rudy Masud", "samarinda=Samarinda"}},
		{"kata Rudy Mas’ud di Samarinda", []string{"rudy-masud=Rudy Mas’ud", "samarinda=Samarinda"}},
		{"Sementara itu, Gubernur menegaskan", []string{"rudy-masud:ctx=Gubernur"}},
		{"Sekda Kaltim Sri Wahyuni hadir bersama Biro Adpim Setda Kaltim", []string{"sri-wahyuni=Sekda Kaltim Sri Wahyuni", "biro-adpim=Biro Adpim Setda Kaltim"}},
		{"Banjir di Kukar dan PPU", []string{"kutai-kartanegara=Kukar", "penajam-paser-utara=PPU"}},
		{"warga akmal biasa", nil}, // lower-case single word is not a name
		{"Persiapan Pilgub Kaltim dan Festival Erau", []string{"pilkada-kaltim-2024=Pilgub Kaltim", "erau=Festival Erau"}},
	}
	for _, tt := range tests {
		toks := token.Tokenize(nil, tt.text)
		var low []string
		for _, tk := range toks {
			low = append(low, token.Lower(tk.Text))
		}
		if a, b := g.Find(nil, toks), g.FindLower(nil, toks, low); !reflect.DeepEqual(a, b) {
			t.Errorf("%q: Find %v, FindLower %v", tt.text, a, b)
		}
		var got []string
		for _, m := range g.Find(nil, toks) {
			e := g.Entries()[m.Entry]
			s := e.ID
			if m.Context {
				s += ":ctx"
			}
			got = append(got, s+"="+tt.text[toks[m.Start].Start:toks[m.End-1].End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: got %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestBadFiles(t *testing.T) {
	tests := map[string]string{
		"badtype.bad.yaml":      "must be PER, ORG, LOC or EVT",
		"unknownfield.bad.yaml": "field jabatan not found",
		"dupid.bad.yaml":        "id used twice",
	}
	for file, want := range tests {
		_, err := LoadFile(filepath.Join("testdata", file))
		if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), file) {
			t.Errorf("%s: error %v, want it to name the file and contain %q", file, err, want)
		}
	}
	if _, err := Parse([]byte("entities: []\n"), "empty.yaml"); err == nil {
		t.Error("empty gazetteer accepted")
	}
}

func TestOverrideFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "g.yaml")
	y := "entities:\n  - id: faldo\n    name: Faldo Maldini\n    type: PER\n    role: Juru bicara\n    aliases: [Faldo]\n"
	if err := os.WriteFile(p, []byte(y), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	ms := g.Find(nil, token.Tokenize(nil, "ujar Faldo kepada wartawan"))
	if len(ms) != 1 || g.Entries()[ms[0].Entry].Role != "Juru bicara" {
		t.Fatalf("override gazetteer: matches %v", ms)
	}
}

package langid

import (
	"encoding/csv"
	"os"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Pemerintah provinsi akan membangun jalan baru di Samarinda tahun ini.", Indonesian},
		{"Gubernur mengatakan bahwa banjir sudah surut dan warga sudah kembali ke rumah.", Indonesian},
		{"Ulun kada katuju lawan pelayanan nang kaya ini, banar-banar mambari sarik.", Banjarese},
		{"Wadainya nyaman wan haraganya jua murah, pian harus ka sini.", Banjarese},
		{"The governor said the flood has receded and residents returned home.", English},
		{"東カリマンタン州の洪水", Other},
		{"12345 !!!", Other},
	}
	for _, tt := range tests {
		if got := Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestNusaXValid measures Indonesian/Banjarese separation on the parallel
// NusaX validation texts.
func TestNusaXValid(t *testing.T) {
	for _, c := range []struct{ path, lang string }{{"../data/nusax/ind/valid.csv", Indonesian}, {"../data/nusax/bjn/valid.csv", Banjarese}} {
		f, err := os.Open(c.path)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		ok := 0
		for _, r := range recs[1:] {
			if Detect(r[1]) == c.lang {
				ok++
			}
		}
		acc := float64(ok) / float64(len(recs)-1)
		t.Logf("%s: %.2f", c.lang, acc)
		if acc < 0.85 {
			t.Errorf("%s accuracy %.2f on NusaX valid, want >= 0.85", c.lang, acc)
		}
	}
}

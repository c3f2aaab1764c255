package sentiment

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"

	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

// TestFastMatchesTables checks that the fast serving form gives exactly the
// logits of the per-member tables it replaces, on SmSA valid and on news
// sentences, and that a loaded model saves to an equivalent one.
func TestFastMatchesTables(t *testing.T) {
	m := defaultModel(t)
	if m.fast == nil {
		t.Fatal("the embedded model is not served by the fast path")
	}
	ref, err := Load(bytes.NewReader(embedded))
	if err != nil {
		t.Fatal(err)
	}
	ref.dequantise() // from the fast tables, as Load would without them
	ref.fast = nil
	var saved bytes.Buffer
	if err := m.Save(&saved); err != nil {
		t.Fatal(err)
	}
	// the saved model holds exactly the embedded one's weights
	if a, b := gunzip(t, embedded), gunzip(t, saved.Bytes()); !bytes.Equal(a, b) {
		t.Fatalf("a loaded model saves to different content (%d bytes, embedded %d)", len(b), len(a))
	}
	again, err := Load(&saved)
	if err != nil {
		t.Fatal(err)
	}
	ex, err := ReadSmSA(dataDir + "/" + SmSAValid)
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"Banjir merendam ribuan rumah dan warga mengungsi, kata Gubernur.",
		"Tidak ada korban dalam kejadian itu!",
		"Pelantikan berlangsung khidmat dan lancar?",
	}
	for _, e := range ex {
		texts = append(texts, e.Text)
	}
	for _, text := range texts {
		toks := token.Tokenize(nil, text)
		for _, news := range []bool{false, true} {
			z, sn, sp := m.rawLogits(toks, news)
			zr, snr, spr := ref.rawLogits(toks, news)
			if z != zr || sn != snr || sp != spr {
				t.Fatalf("%q (news %v): fast %v %v %v, tables %v %v %v", text, news, z, sn, sp, zr, snr, spr)
			}
			if za, _, _ := again.rawLogits(toks, news); za != z {
				t.Fatalf("%q: %v after save and load, %v before", text, za, z)
			}
		}
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

package langid

import (
	"unicode"

	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

// Language codes returned by Detect.
const (
	Indonesian = "id"
	Banjarese  = "bjn"
	English    = "en"
	Other      = "other"
)

// indonesian are frequent Indonesian words that are rare in Banjarese and
// English.
var indonesian = wordSet(`yang dan di ini itu dengan untuk tidak dari dalam akan pada juga
	sudah ada saya kami kita mereka bisa karena oleh sebagai atau telah harus lebih bahwa
	tersebut sangat banyak hanya saat masih agar kepada namun seperti kalau jika belum
	hari tahun orang pemerintah daerah provinsi kota enak bagus murah mahal tempat makanan
	sekali banget tapi tetapi semua setelah sehingga terhadap menjadi dapat para serta
	mengatakan kata ujar bagi hingga sedang baru nya lagi mau ingin dia ia sendiri
	apa siapa mana kenapa bagaimana begitu sini sana sama pelayanan harga suka`)

// banjarese are Banjarese words (many spelled differently from their
// Indonesian cognates).
var banjarese = wordSet(`nang wan kada ulun gasan banar jua ka wadah handak haja kawa ngini
	tagal gin pang haraga maulah amun urang larang katuju liwar mayan cucuk ngitu mun
	wayah pina palayanan kaluarga buhan ja wahini mambari sasuai matan kalu gegara
	bamacam atawa tajangkau lawas labih hanyar ai sakalinya tu pian lah babaya babarapa
	tarus rami mamasan hancap talalu suah sangkal parak bujur sabarataan muar kadida
	kadada jar sidin ikam aku kulaan bubuhan pambakal kampung lawan baisi tahu
	kaya apa kenapa mangapa bahari kaina tadi paham maka sudah kadap nangkaya lain
	dangsanak mamakan mailang maharagu marga wadai iwak banyu kuitan nini datu`)

// english are frequent English words.
var english = wordSet(`the and is are was were of to in that for with on as at by this be
	it from have has not but or an will would can they he she we you i my our their
	which who what when there been more about also after its than so very good great
	bad food service place price government said says people city new one all`)

// marker bits of a word in markers.
const (
	markID = 1 << iota
	markBjn
	markEn
)

// markers merges the three word lists: one look-up per word.
var markers = func() map[string]uint8 {
	m := map[string]uint8{}
	for bit, set := range map[uint8]map[string]bool{markID: indonesian, markBjn: banjarese, markEn: english} {
		for w := range set {
			m[w] |= bit
		}
	}
	return m
}()

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	w := ""
	for _, r := range s + " " {
		if unicode.IsSpace(r) {
			if w != "" {
				m[w] = true
			}
			w = ""
			continue
		}
		w += string(r)
	}
	return m
}

// Detect returns the language code of text. Texts with too few
// recognisable words, or mostly in a non-Latin script, are "other".
func Detect(text string) string {
	var toks []token.Token
	toks = token.Tokenize(toks, text)
	return DetectTokens(toks)
}

// DetectTokens is Detect on an already tokenised text.
func DetectTokens(toks []token.Token) string { return DetectLower(toks, nil) }

// DetectLower is DetectTokens with the lower-cased token texts already
// computed; low may be nil.
func DetectLower(toks []token.Token, low []string) string {
	var id, bjn, en float64
	words, latin := 0, 0
	for i, t := range toks {
		if t.Kind != token.Word {
			continue
		}
		words++
		if r := rune(t.Text[0]); r < 0x80 {
			latin++
		}
		var w string
		if low != nil {
			w = low[i]
		} else {
			w = token.Lower(t.Text)
		}
		mk := markers[w]
		if mk&markID != 0 {
			id++
		}
		if mk&markBjn != 0 {
			bjn += 1.6
		}
		if mk&markEn != 0 {
			en++
		}
		if words >= 400 {
			break
		}
	}
	if words == 0 || latin*2 < words {
		return Other
	}
	best := id
	lang := Indonesian
	if bjn > best {
		best, lang = bjn, Banjarese
	}
	if en > best {
		best, lang = en, English
	}
	// At least one marker word in six, or two in a short text.
	if best < 1 || best*6 < float64(words) && best < 2 {
		return Other
	}
	return lang
}

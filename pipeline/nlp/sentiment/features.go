package sentiment

import (
	"github.com/biroadpim/pantau/pipeline/nlp/internal/fhash"
	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

// reporting lists neutral news-reporting words that must not push tone
// (SmSA has no news, so the model never learned them as neutral).
var reporting = map[string]bool{
	"mengatakan": true, "kata": true, "ujar": true, "ucap": true, "tutur": true, "ungkap": true,
	"menurut": true, "menyampaikan": true, "disampaikan": true, "menjelaskan": true, "jelas": true,
	"tegas": true, "menegaskan": true, "imbuh": true, "tambah": true, "menambahkan": true,
	"sambung": true, "tandas": true, "katanya": true, "ujarnya": true, "ucapnya": true,
	"tuturnya": true, "ungkapnya": true, "jelasnya": true, "tegasnya": true, "imbuhnya": true,
	"tambahnya": true, "sambungnya": true, "tandasnya": true, "mengungkapkan": true,
	"menuturkan": true, "selasa": true, "senin": true, "rabu": true, "kamis": true, "jumat": true,
	"sabtu": true, "minggu": true, "wita": true, "wib": true, "samarinda": true, "balikpapan": true,
	"kaltim": true, "kalimantan": true, "timur": true, "provinsi": true, "pemprov": true,
	"dia": true, "ia": true, "beliau": true, "pihaknya": true, "saat": true, "ditemui": true,
	"dikonfirmasi": true, "wartawan": true, "media": true,
}

// emojiPolarity gives a coarse polarity token for common emoji.
var emojiPolarity = map[string]string{
	"😊": "emo_pos", "😍": "emo_pos", "👍": "emo_pos", "❤": "emo_pos", "❤️": "emo_pos", "😁": "emo_pos",
	"😀": "emo_pos", "😃": "emo_pos", "😄": "emo_pos", "🥰": "emo_pos", "😘": "emo_pos", "🙏": "emo_pos",
	"👏": "emo_pos", "💯": "emo_pos", "🔥": "emo_pos", "😎": "emo_pos", "🤩": "emo_pos", "☺": "emo_pos",
	"😂": "emo_laugh", "🤣": "emo_laugh",
	"😡": "emo_neg", "😠": "emo_neg", "😢": "emo_neg", "😭": "emo_neg", "👎": "emo_neg", "😤": "emo_neg",
	"😞": "emo_neg", "😔": "emo_neg", "😒": "emo_neg", "🤬": "emo_neg", "💩": "emo_neg", "😩": "emo_neg",
	"😫": "emo_neg", "🙄": "emo_neg", "😱": "emo_neg", "😓": "emo_neg",
}

// intensifiers strengthen the next or previous word.
var intensifiers = map[string]bool{
	"sangat": true, "banget": true, "sekali": true, "amat": true, "paling": true, "terlalu": true,
	"super": true, "benar-benar": true, "sungguh": true, "begitu": true, "makin": true, "semakin": true,
}

// word is one normalised token for feature extraction.
type word struct {
	norm, stem string
	neg        bool
	punct      bool
	intens     bool    // an intensifier (sangat, banget, …)
	tone       float64 // news lexicon weight of the word
	phrase     bool    // may open a two-word news phrase
	remedy     bool    // a government remedy (see remedies)
}

// Featurizer turns token slices into hashed feature ids. Its zero value is
// not usable; use the one stored in a Model.
type Featurizer struct {
	Bits      uint8 // the feature space has 1<<Bits entries
	WordNgram uint8 // longest word n-gram (1..3)
	CharMin   uint8 // shortest character n-gram, 0 disables
	CharMax   uint8
}

// buffer holds reusable scratch space for one goroutine.
type buffer struct {
	nn    scratchMLP
	toks  []token.Token
	words []word
	feats []uint32
	raw   []rawFeat
}

// Features appends the hashed feature ids of toks to dst.
func (f *Featurizer) Features(dst []uint32, words []word) []uint32 {
	mask := uint32(1)<<f.Bits - 1
	add := func(h uint32) { dst = append(dst, fhash.Mix(h)&mask) }
	add(fhash.Str(fhash.Offset, "<bias>"))
	prev, prev2 := "<s>", "<s>"
	prevIntens := false
	for i := range words {
		w := &words[i]
		if w.punct {
			switch w.norm {
			case "!":
				add(fhash.Str(fhash.Offset, "p:!"))
			case "?":
				add(fhash.Str(fhash.Offset, "p:?"))
			}
			prev, prev2 = "<p>", prev
			prevIntens = false
			continue
		}
		s := w.stem
		var tag byte = 'w'
		if w.neg {
			tag = 'n'
		}
		add(fhash.Str(fhash.Byte(fhash.Offset, tag), s))
		if w.norm != s {
			add(fhash.Str(fhash.Byte(fhash.Offset, 'f'), w.norm))
		}
		if prevIntens {
			add(fhash.Str(fhash.Byte(fhash.Offset, 'i'), s))
		}
		if f.WordNgram >= 2 {
			h := fhash.Str(fhash.Byte(fhash.Offset, 'b'), prev)
			add(fhash.Str(fhash.Byte(h, ' '), s))
		}
		if f.WordNgram >= 3 {
			h := fhash.Str(fhash.Byte(fhash.Offset, 't'), prev2)
			h = fhash.Str(fhash.Byte(h, ' '), prev)
			add(fhash.Str(fhash.Byte(h, ' '), s))
		}
		if f.CharMin > 0 && len(s) >= 2 {
			// character n-grams of "<stem>" with boundary marks
			n := len(s) + 2
			for k := int(f.CharMin); k <= int(f.CharMax); k++ {
				for st := 0; st+k <= n; st++ {
					h := fhash.Byte(fhash.Offset, 'c')
					if w.neg {
						h = fhash.Byte(h, '!')
					}
					for j := st; j < st+k; j++ {
						var c byte
						switch {
						case j == 0:
							c = '<'
						case j == n-1:
							c = '>'
						default:
							c = s[j-1]
						}
						h = fhash.Byte(h, c)
					}
					add(h)
				}
			}
		}
		prev2, prev = prev, s
		prevIntens = w.intens
	}
	return dst
}

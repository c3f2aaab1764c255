package sentiment

import (
	"strings"

	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

// wpart is one normalised word with everything the features need, looked
// up once.
type wpart struct {
	norm, stem string
	negator    bool
	intens     bool
	contrast   bool
	tone       float64
	phrase     bool // the first word of a news phrase
	remedy     bool // a government remedy (see remedies)
}

// special maps a lower-cased, squeezed token to its parts (informal
// spellings may expand to two words) when any list of this package or of
// the token package names it; plain words are not in it.
type wordInfo struct {
	parts     []wpart
	reporting bool
}

// negTransparent words do not use up a negation's scope in news text:
// "tidak ingin ada warga yang kesulitan" negates "kesulitan".
var negTransparent = map[string]bool{
	"ada": true, "yang": true, "ingin": true, "mau": true, "akan": true, "lagi": true, "sampai": true,
	"pernah": true, "perlu": true, "boleh": true, "bisa": true, "dapat": true, "warga": true, "masyarakat": true,
}

var contrastWords = map[string]bool{"tapi": true, "tetapi": true, "namun": true, "padahal": true, "melainkan": true}

var special = func() map[string]*wordInfo {
	keys := token.SpecialWords()
	for _, m := range []map[string]bool{reporting, intensifiers, contrastWords} {
		for w := range m {
			keys = append(keys, w)
		}
	}
	for w := range newsTone {
		keys = append(keys, w)
	}
	for ph := range newsPhrases {
		keys = append(keys, ph[0])
	}
	for w := range remedies {
		keys = append(keys, w)
	}
	out := make(map[string]*wordInfo, len(keys))
	for _, k := range keys {
		k = token.Squeeze(token.Lower(k))
		if out[k] != nil || strings.ContainsRune(k, ' ') {
			continue
		}
		n := token.Norm(k)
		info := &wordInfo{reporting: reporting[n]}
		for _, part := range strings.Fields(n) {
			info.parts = append(info.parts, makePart(part, token.Stem(part)))
		}
		out[k] = info
	}
	return out
}()

func makePart(norm, stem string) wpart {
	p := wpart{norm: norm, stem: stem,
		negator:  token.Negators[stem] || token.Negators[norm],
		intens:   intensifiers[stem],
		contrast: contrastWords[stem]}
	if v, ok := newsTone[norm]; ok {
		p.tone = v
	} else if v, ok := newsTone[stem]; ok {
		p.tone = v
	}
	p.phrase = phraseFirst[norm]
	p.remedy = remedies[norm]
	return p
}

// plainPart builds the part of a word not in special: only its stem may be
// special.
func plainPart(n string) wpart {
	s := token.StemPlain(n)
	if s == n {
		return wpart{norm: n, stem: n}
	}
	if special[s] == nil {
		return wpart{norm: n, stem: s}
	}
	return wpart{norm: n, stem: s, negator: token.Negators[s], intens: intensifiers[s], contrast: contrastWords[s], tone: toneOf(n, s), phrase: phraseFirst[n], remedy: remedies[n]}
}

func toneOf(norm, stem string) float64 {
	if v, ok := newsTone[norm]; ok {
		return v
	}
	return newsTone[stem]
}

// toWords normalises tokens (one map look-up for most), marks negation
// scope (three words after a negator, cut by punctuation and contrast
// words) and, for news, drops neutral reporting words.
func toWords(dst []word, toks []token.Token, low []string, dropReporting bool) []word {
	negLeft := 0
	var one [1]wpart
	for ti, t := range toks {
		switch t.Kind {
		case token.Punct:
			negLeft = 0
			dst = append(dst, word{norm: t.Text, stem: t.Text, punct: true})
			continue
		case token.Emoji:
			if p, ok := emojiPolarity[t.Text]; ok {
				dst = append(dst, word{norm: p, stem: p})
			} else {
				dst = append(dst, word{norm: "emo", stem: "emo"})
			}
			continue
		case token.Number:
			dst = append(dst, word{norm: "<num>", stem: "<num>"})
			continue
		}
		var n string
		if low != nil {
			n = token.Squeeze(low[ti])
		} else {
			n = token.Squeeze(token.Lower(t.Text))
		}
		parts := one[:0]
		if info := special[n]; info != nil {
			if dropReporting && info.reporting {
				continue
			}
			parts = info.parts
		} else {
			one[0] = plainPart(n)
			parts = one[:1]
		}
		for i := range parts {
			p := &parts[i]
			w := word{norm: p.norm, stem: p.stem, intens: p.intens, tone: p.tone, phrase: p.phrase, remedy: p.remedy}
			if p.negator {
				negLeft = 3
			} else {
				w.neg = negLeft > 0
				if negLeft > 0 && !(dropReporting && negTransparent[p.norm]) {
					negLeft--
				}
				if p.contrast {
					negLeft = 0
				}
			}
			dst = append(dst, w)
		}
	}
	return dst
}

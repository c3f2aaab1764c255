package ner

import (
	"unicode"
	"unicode/utf8"

	"github.com/biroadpim/pantau/pipeline/nlp/internal/fhash"
	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

// titles are words that precede a person's name in Indonesian news.
var titles = map[string]bool{
	"bapak": true, "pak": true, "ibu": true, "bu": true, "pj": true, "plt": true, "plh": true,
	"gubernur": true, "wagub": true, "wakil": true, "sekda": true, "kadis": true, "bupati": true,
	"wabup": true, "wawali": true, "walikota": true, "wali": true, "prof": true, "dr": true, "h": true,
	"hj": true, "ir": true, "drs": true, "kh": true, "ustaz": true, "ustadz": true, "presiden": true,
	"menteri": true, "kapolda": true, "kapolres": true, "kapolresta": true, "pangdam": true, "danrem": true,
	"camat": true, "lurah": true, "kades": true, "direktur": true, "dirut": true, "ketua": true,
	"kepala": true, "sekretaris": true, "anggota": true, "sdr": true, "mbak": true, "mas": true,
	"bang": true, "tuan": true, "nyonya": true, "kak": true, "kabid": true, "kasi": true, "kabag": true,
	"karo": true, "asisten": true, "staf": true, "juru": true, "jubir": true, "kajati": true, "kajari": true,
	"rektor": true, "dekan": true, "wakapolda": true, "kapolsek": true, "dandim": true, "jenderal": true,
	"kolonel": true, "brigjen": true, "irjen": true, "kombes": true, "akbp": true, "aiptu": true,
	"haji": true, "hajjah": true, "syekh": true, "habib": true, "gus": true, "cak": true, "raja": true,
	"sultan": true, "pangeran": true, "dokter": true, "pelatih": true, "kapten": true, "mayor": true,
}

// orgCues are words that start or signal an organisation name.
var orgCues = map[string]bool{
	"dinas": true, "badan": true, "biro": true, "dprd": true, "dpr": true, "pemprov": true, "pemkab": true,
	"pemkot": true, "kementerian": true, "kemenkes": true, "universitas": true, "pt": true, "cv": true,
	"partai": true, "bank": true, "polda": true, "polres": true, "polresta": true, "polsek": true,
	"kodam": true, "korem": true, "kodim": true, "rsud": true, "bpbd": true, "bumd": true, "bumn": true,
	"komisi": true, "kpu": true, "bawaslu": true, "diskominfo": true, "setda": true, "opd": true,
	"satpol": true, "pdam": true, "pln": true, "pertamina": true, "pupr": true, "disdik": true,
	"dinkes": true, "dishub": true, "bappeda": true, "bapenda": true, "kpk": true, "kejati": true,
	"kejari": true, "kejaksaan": true, "pengadilan": true, "ombudsman": true, "bpjs": true, "bps": true,
	"bmkg": true, "basarnas": true, "tni": true, "polri": true, "kemendagri": true, "otorita": true,
	"persatuan": true, "asosiasi": true, "yayasan": true, "lembaga": true, "institut": true, "sekolah": true,
	"sman": true, "smkn": true, "smpn": true, "sdn": true, "fraksi": true, "majelis": true, "mahkamah": true,
	"dewan": true, "kantor": true, "unit": true, "balai": true, "perum": true, "persero": true, "tbk": true,
	"fc": true, "klub": true, "tim": true, "biro adpim": true, "adpim": true, "humas": true, "ikatan": true,
}

// locCues are words that precede or start a place name.
var locCues = map[string]bool{
	"kota": true, "kabupaten": true, "kab": true, "kecamatan": true, "kelurahan": true, "desa": true,
	"provinsi": true, "jalan": true, "jl": true, "sungai": true, "pulau": true, "kampung": true,
	"gunung": true, "teluk": true, "di": true, "ke": true, "dari": true, "wilayah": true, "daerah": true,
	"kawasan": true, "negara": true, "kec": true, "kel": true, "dusun": true, "rt": true, "bandara": true,
	"pelabuhan": true, "tanjung": true, "muara": true, "danau": true, "selat": true, "benua": true,
	"asal": true, "menuju": true, "sekitar": true, "perbatasan": true, "kalimantan": true, "jawa": true,
}

// cue bits, looked up once per token.
const (
	cueTitle = 1 << iota
	cueOrg
	cueLoc
)

var cues = func() map[string]uint8 {
	m := map[string]uint8{}
	for w := range titles {
		m[w] |= cueTitle
	}
	for w := range orgCues {
		m[w] |= cueOrg
	}
	for w := range locCues {
		m[w] |= cueLoc
	}
	return m
}()

// templates, one byte each, keep hashed features of different kinds apart.
const (
	fBias = iota + 1
	fWord
	fLow
	fPrev
	fNext
	fPrev2
	fNext2
	fBiPrev
	fBiNext
	fSuf2
	fSuf3
	fPre3
	fShape
	fShapePrev
	fShapeNext
	fFirst
	fTitlePrev
	fTitlePrev2
	fOrgCue
	fOrgCuePrev
	fLocCuePrev
	fAllCaps
	fHasDigit
	fStem
	fLen
	fShapeCtx
	fTitleNow
	fLex
	fLexPrev
	fLexNext
	fSuf4
	fPre2
	fWordShape
	fCapRun
)

// shape maps a word to a short case pattern: Samarinda → Xx, DPRD → X,
// 2024 → d, Mas'ud → Xx'x.
func shape(dst []byte, w string) []byte {
	var last byte
	n := 0
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return shapeRunes(dst, w[i:], last, n)
		}
		var c byte
		switch b := w[i]; {
		case b >= 'A' && b <= 'Z':
			c = 'X'
		case b >= 'a' && b <= 'z':
			c = 'x'
		case b >= '0' && b <= '9':
			c = 'd'
		default:
			c = b
		}
		if c != last {
			dst = append(dst, c)
			last = c
			n++
			if n >= 5 {
				break
			}
		}
	}
	return dst
}

// shapeRunes continues shape over the rest of a word that holds non-ASCII
// letters.
func shapeRunes(dst []byte, w string, last byte, n int) []byte {
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c != last {
			dst = append(dst, c)
			last = c
			n++
			if n >= 5 {
				break
			}
		}
	}
	return dst
}

// sentFeatures holds per-token precomputed strings of one sentence.
type sentFeatures struct {
	given []string // lower-cased words supplied by the caller, or nil
	// types, when set, holds the cue bits (high byte) and lexicon type
	// (low byte) of words: one look-up instead of two.
	types map[string]uint16
	cue   []uint8 // cue bits per token
	lx    []uint8 // lexicon type per token
	// drop, when set (training only), reports whether to leave out a
	// token's lexicon features, so the tagger keeps learning from shape and
	// context for names the lexicon lacks.
	drop   func() bool
	low    []string
	shapes [][]byte
	feats  []uint32 // flattened, offsets in off
	off    []int
	buf    []byte
}

// extract computes the hashed features of every token of a sentence.
// extract computes the hashed features of every token of a sentence, or
// only of the tokens marked in active when it is not nil (the others get
// no features).
func (s *sentFeatures) extract(words []string, cased bool, mask uint32, lex map[string]uint8) {
	s.extractActive(words, nil, cased, mask, lex)
}

func (s *sentFeatures) extractActive(words []string, active []bool, cased bool, mask uint32, lex map[string]uint8) {
	n := len(words)
	s.low = s.low[:0]
	s.feats = s.feats[:0]
	s.off = s.off[:0]
	for len(s.shapes) < n {
		s.shapes = append(s.shapes, nil)
	}
	s.cue = s.cue[:0]
	s.lx = s.lx[:0]
	for i, w := range words {
		var l string
		if s.given != nil {
			l = s.given[i]
		} else {
			l = token.Lower(w)
		}
		s.low = append(s.low, l)
		s.shapes[i] = s.shapes[i][:0]
		// cues, lexicon types and shapes are read within two tokens of an
		// active token only
		if active != nil && !near(active, i) {
			s.cue = append(s.cue, 0)
			s.lx = append(s.lx, 0)
			continue
		}
		var cue, lc uint8
		switch {
		case s.types != nil:
			v := s.types[l]
			cue, lc = uint8(v>>8), uint8(v)
		case lex != nil:
			cue, lc = cues[l], lex[l]
		default:
			cue = cues[l]
		}
		s.cue = append(s.cue, cue)
		s.lx = append(s.lx, lc)
		if cased {
			s.shapes[i] = shape(s.shapes[i], w)
		}
	}
	add := func(h uint32) { s.feats = append(s.feats, fhash.Mix(h)&mask) }
	f1 := func(t byte, v string) { add(fhash.Str(fhash.Byte(fhash.Offset, t), v)) }
	at := func(i int) string {
		if i < 0 {
			return "<s>"
		}
		if i >= n {
			return "</s>"
		}
		return s.low[i]
	}
	for i := 0; i < n; i++ {
		s.off = append(s.off, len(s.feats))
		if active != nil && !active[i] {
			continue
		}
		w := s.low[i]
		add(fhash.Byte(fhash.Offset, fBias))
		f1(fLow, w)
		f1(fPrev, at(i-1))
		f1(fNext, at(i+1))
		f1(fPrev2, at(i-2))
		f1(fNext2, at(i+2))
		add(fhash.Str(fhash.Byte(fhash.Str(fhash.Byte(fhash.Offset, fBiPrev), at(i-1)), ' '), w))
		add(fhash.Str(fhash.Byte(fhash.Str(fhash.Byte(fhash.Offset, fBiNext), w), ' '), at(i+1)))
		if len(w) > 3 {
			f1(fSuf2, w[len(w)-2:])
			f1(fSuf3, w[len(w)-3:])
			f1(fPre3, w[:3])
		}
		if st := token.Stem(w); st != w {
			f1(fStem, st)
		}
		if i == 0 {
			add(fhash.Byte(fhash.Offset, fFirst))
		}
		p := at(i - 1)
		var cp, cp2 uint8
		if i > 0 {
			cp = s.cue[i-1]
		}
		if i > 1 {
			cp2 = s.cue[i-2]
		}
		if cp&cueTitle != 0 {
			add(fhash.Byte(fhash.Offset, fTitlePrev))
		}
		if cp2&cueTitle != 0 {
			add(fhash.Byte(fhash.Offset, fTitlePrev2))
		}
		if s.cue[i]&cueTitle != 0 {
			add(fhash.Byte(fhash.Offset, fTitleNow))
		}
		if s.cue[i]&cueOrg != 0 {
			add(fhash.Byte(fhash.Offset, fOrgCue))
		}
		if cp&cueOrg != 0 {
			add(fhash.Byte(fhash.Offset, fOrgCuePrev))
		}
		if cp&cueLoc != 0 {
			f1(fLocCuePrev, p)
		}
		l := len(w)
		if l > 6 {
			l = 6
		}
		add(fhash.Byte(fhash.Byte(fhash.Offset, fLen), byte(l)))
		if cased {
			sh := s.shapes[i]
			add(fhash.Bytes(fhash.Byte(fhash.Offset, fShape), sh))
			f1(fWord, words[i])
			var ps, ns []byte
			if i > 0 {
				ps = s.shapes[i-1]
			}
			if i+1 < n {
				ns = s.shapes[i+1]
			}
			add(fhash.Bytes(fhash.Byte(fhash.Offset, fShapePrev), ps))
			add(fhash.Bytes(fhash.Byte(fhash.Offset, fShapeNext), ns))
			h := fhash.Bytes(fhash.Byte(fhash.Offset, fShapeCtx), ps)
			h = fhash.Bytes(fhash.Byte(h, '|'), sh)
			add(fhash.Bytes(fhash.Byte(h, '|'), ns))
			if len(sh) == 1 && sh[0] == 'X' && len(words[i]) >= 2 {
				add(fhash.Byte(fhash.Offset, fAllCaps))
			}
		}
		if lex != nil && (s.drop == nil || !s.drop()) {
			if c := s.lx[i]; c != 0 {
				add(fhash.Byte(fhash.Byte(fhash.Offset, fLex), c))
			}
			if i > 0 && s.lx[i-1] != 0 {
				add(fhash.Byte(fhash.Byte(fhash.Offset, fLexPrev), s.lx[i-1]))
			}
			if i+1 < n && s.lx[i+1] != 0 {
				add(fhash.Byte(fhash.Byte(fhash.Offset, fLexNext), s.lx[i+1]))
			}
		}
		if len(w) > 4 {
			f1(fSuf4, w[len(w)-4:])
			f1(fPre2, w[:2])
		}
		if cased {
			h := fhash.Bytes(fhash.Byte(fhash.Offset, fWordShape), s.shapes[i])
			add(fhash.Str(fhash.Byte(h, '|'), w))
			// position inside a run of capitalised words
			if isCap(words[i]) {
				pos := 0
				for j := i - 1; j >= 0 && isCap(words[j]); j-- {
					pos++
				}
				if pos > 3 {
					pos = 3
				}
				add(fhash.Byte(fhash.Byte(fhash.Offset, fCapRun), byte(pos)))
			}
		}
		for j := 0; j < len(w); j++ {
			if w[j] >= '0' && w[j] <= '9' {
				add(fhash.Byte(fhash.Offset, fHasDigit))
				break
			}
		}
	}
	s.off = append(s.off, len(s.feats))
}

// IsTitle reports whether the lower-cased word is a title or honorific that
// precedes a person's name (gubernur, bupati, pak, ibu, prof, dr, h, hj, …).
func IsTitle(w string) bool { return titles[w] }

func isCap(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// BuildLexicon maps lower-cased words to the entity type they carry most
// often in sents (1 PER, 2 ORG, 3 LOC, 4 EVT), for words seen at least
// minCount times inside entities and inside entities at least half of the
// time.
func BuildLexicon(sents []Sentence, minCount int) map[string]uint8 {
	type cnt struct{ n [5]int }
	c := map[string]*cnt{}
	for _, s := range sents {
		for i, w := range s.Words {
			lw := token.Lower(w)
			x := c[lw]
			if x == nil {
				x = &cnt{}
				c[lw] = x
			}
			k := 0
			if t := s.Tags[i]; len(t) > 2 {
				switch t[2:] {
				case PER:
					k = 1
				case ORG:
					k = 2
				case LOC:
					k = 3
				case EVT:
					k = 4
				}
			}
			x.n[k]++
		}
	}
	lex := map[string]uint8{}
	for w, x := range c {
		best := 1
		for k := 2; k < 5; k++ {
			if x.n[k] > x.n[best] {
				best = k
			}
		}
		ent := x.n[1] + x.n[2] + x.n[3] + x.n[4]
		if x.n[best] >= minCount && ent*2 >= x.n[0]+ent && len(w) < 200 {
			lex[w] = uint8(best)
		}
	}
	return lex
}

// wordTypes merges the cue bits and the lexicon types of words, for
// sentFeatures.types.
func wordTypes(lex map[string]uint8) map[string]uint16 {
	m := make(map[string]uint16, len(lex)+len(cues))
	for w, c := range cues {
		m[w] |= uint16(c) << 8
	}
	for w, t := range lex {
		m[w] |= uint16(t)
	}
	return m
}

// near reports whether an active token lies within two tokens of i.
func near(active []bool, i int) bool {
	for j := max(0, i-2); j <= min(len(active)-1, i+2); j++ {
		if active[j] {
			return true
		}
	}
	return false
}

package token

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// informal maps informal or abbreviated spellings to standard Indonesian.
var informal = map[string]string{
	"gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak", "enggak": "tidak",
	"engga": "tidak", "kagak": "tidak", "ndak": "tidak", "tdk": "tidak", "tak": "tidak", "g": "tidak",
	"nda": "tidak", "gag": "tidak", "gx": "tidak", "ngak": "tidak", "kaga": "tidak", "ogah": "tidak mau",
	"bgt": "banget", "bngt": "banget", "bener": "benar", "bnr": "benar", "bgs": "bagus",
	"gue": "saya", "gua": "saya", "gw": "saya", "aku": "saya", "sy": "saya", "sya": "saya", "ane": "saya",
	"lu": "kamu", "lo": "kamu", "loe": "kamu", "elo": "kamu", "km": "kamu",
	"yg": "yang", "dgn": "dengan", "dg": "dengan", "utk": "untuk", "u": "untuk", "untk": "untuk",
	"blm": "belum", "blom": "belum", "udh": "sudah", "udah": "sudah", "sdh": "sudah", "dah": "sudah",
	"jg": "juga", "bkn": "bukan", "krn": "karena", "karna": "karena", "aja": "saja", "aj": "saja",
	"tp": "tapi", "tpi": "tapi", "trs": "terus", "klo": "kalau", "kalo": "kalau", "kl": "kalau",
	"sm": "sama", "sdg": "sedang", "lg": "lagi", "bs": "bisa", "bsa": "bisa", "org": "orang",
	"dr": "dari", "pd": "pada", "dlm": "dalam", "sbg": "sebagai", "tsb": "tersebut", "jd": "jadi",
	"jgn": "jangan", "gmn": "bagaimana", "gimana": "bagaimana", "knp": "kenapa", "bbrp": "beberapa",
	"mantul": "mantap", "mantab": "mantap", "mantep": "mantap", "kereen": "keren", "ancur": "hancur",
	"parah": "parah", "jelek": "jelek", "jlk": "jelek", "bgus": "bagus", "enk": "enak", "dpt": "dapat",
	"sgt": "sangat", "bnyk": "banyak", "byk": "banyak", "skrg": "sekarang", "skr": "sekarang",
	"msh": "masih", "masi": "masih", "emg": "memang", "emang": "memang", "mmg": "memang",
	"tau": "tahu", "tahu": "tahu", "ama": "sama", "pake": "pakai", "liat": "lihat", "denger": "dengar",
	"cuma": "hanya", "cuman": "hanya", "doang": "saja", "bikin": "buat", "kayak": "seperti", "kyk": "seperti",
	"kaya": "seperti", "mulu": "melulu", "gitu": "begitu", "gt": "begitu", "gini": "begini",
	"nyesel": "menyesal", "kecewa": "kecewa", "pelayananya": "pelayanannya", "thx": "terima kasih",
	"makasih": "terima kasih", "mksh": "terima kasih", "trims": "terima kasih", "ok": "oke", "okay": "oke",
}

// Negators are the words that flip the polarity of what follows.
var Negators = map[string]bool{
	"tidak": true, "bukan": true, "belum": true, "jangan": true, "tanpa": true, "kurang": true,
	"boro-boro": true, "mana": false, "enggan": true, "gagal": true, "takkan": true, "tiada": true,
	"bukanlah": true, "tidaklah": true, "belumlah": true,
}

// cliticKeep lists words that end like a clitic but are roots.
var cliticKeep = map[string]bool{
	"punya": true, "hanya": true, "tanya": true, "karunia": true, "bunya": true, "dunia": true,
	"sekolah": true, "masalah": true, "telah": true, "salah": true, "kalah": true, "olah": true,
	"lelah": true, "istilah": true, "jumlah": true, "belah": true, "sebelah": true, "allah": true,
	"wilayah": true, "langkah": true, "nikah": true, "sedekah": true, "kisah": true, "musibah": true,
	"berkah": true, "tengah": true, "sudah": true, "ibadah": true, "daerah": true, "rendah": true,
	"indah": true, "mudah": true, "marah": true, "kakah": true, "sepun": true, "ampun": true,
	"pun": true, "walaupun": true, "meskipun": true, "apapun": true, "siapapun": true, "kapanpun": true,
	"dimanapun": true, "manapun": true, "kepun": true, "rumpun": true, "himpun": true, "tahun": true,
	"bangun": true, "santun": true, "susun": true, "kebun": true, "lamun": true, "embun": true,
	"tiba-tiba": true, "sampah": true, "bantah": true, "nyanya": true, "sanya": true, "tanyanya": false,
	"ulah": true, "ulahnya": false, "kelah": true, "pelah": true, "lah": true, "kah": true, "nya": true,
	"adalah": true, "ialah": true, "entah": true, "jalah": true, "malah": true, "gelah": true,
}

// lenFilter rejects most words absent from a word list by their first
// byte and length, before a map look-up: bit n of lenFilter[c] is set when
// the list has a word of n bytes (n capped at 31) starting with c.
type lenFilter [256]uint32

func newLenFilter[V any](m map[string]V) *lenFilter {
	f := new(lenFilter)
	for w := range m {
		if w != "" {
			f[w[0]] |= 1 << min(len(w), 31)
		}
	}
	return f
}

// may reports whether w may be in the list.
func (f *lenFilter) may(w string) bool {
	return w == "" || f[w[0]]&(1<<min(len(w), 31)) != 0
}

var (
	informalFilter = newLenFilter(informal)
	keepFilter     = newLenFilter(cliticKeep)
)

// informalForm returns the standard spelling of an informal word.
func informalForm(w string) (string, bool) {
	if !informalFilter.may(w) {
		return "", false
	}
	s, ok := informal[w]
	return s, ok
}

// Norm returns the lower-cased normal form of a word: repeated letters
// collapsed (bagusss → bagus), informal spellings standardised
// (gak → tidak). It does not strip clitics; see Stem.
func Norm(w string) string {
	w = lower(w)
	w = squeeze(w)
	if s, ok := informalForm(w); ok {
		return s
	}
	return w
}

// Stem strips one clitic (-nya, -lah, -kah, -pun, -ku, -mu) and
// reduplication (kue-kue → kue, enak-enak → enak) from a normalised word.
// It returns the word unchanged when nothing applies.
func Stem(w string) string {
	if i := strings.IndexByte(w, '-'); i > 0 && !Negators[w] {
		a, b := w[:i], w[i+1:]
		if a == b || strings.HasPrefix(b, a) {
			return a
		}
	}
	if len(w) < 5 {
		return w // too short for any clitic
	}
	for _, suf := range [...]string{"nya", "lah", "kah", "pun", "ku", "mu"} {
		if len(w) >= len(suf)+3 && strings.HasSuffix(w, suf) {
			// roots that end like a clitic: only words with a clitic
			// ending need the look-up
			if keepFilter.may(w) && cliticKeep[w] {
				return w
			}
			s := w[:len(w)-len(suf)]
			if suf == "ku" || suf == "mu" {
				if len(s) < 4 {
					return w
				}
			}
			if r, ok := informalForm(s); ok {
				return r
			}
			return s
		}
	}
	return w
}

// lower lower-cases s, ASCII fast path.
func lower(s string) string {
	ascii := true
	upper := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if c >= 'A' && c <= 'Z' {
			upper = true
		}
	}
	if !ascii {
		return strings.ToLower(s)
	}
	if !upper {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Lower lower-cases s without allocating when it is already lower case.
func Lower(s string) string { return lower(s) }

// squeeze collapses runs of three or more identical letters to one
// (bagusss → bagus, mantaaap → mantap).
func squeeze(s string) string {
	run := 1
	need := false
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			run++
			if run >= 3 && s[i] < utf8.RuneSelf && unicode.IsLetter(rune(s[i])) {
				need = true
				break
			}
		} else {
			run = 1
		}
	}
	if !need {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] == s[i] {
			j++
		}
		if j-i >= 3 && s[i] < utf8.RuneSelf && unicode.IsLetter(rune(s[i])) {
			b = append(b, s[i])
		} else {
			b = append(b, s[i:j]...)
		}
		i = j
	}
	return string(b)
}

// Squeeze collapses runs of three or more identical letters to one.
func Squeeze(s string) string { return squeeze(s) }

// SpecialWords lists the words Norm and Stem treat specially (informal
// spellings, negators, roots that look like clitic forms). A word not in
// this list has Norm(w) == Squeeze(Lower(w)) and Stem(w) == StemPlain(w).
func SpecialWords() []string {
	out := make([]string, 0, len(informal)+len(Negators)+len(cliticKeep))
	for w := range informal {
		out = append(out, w)
	}
	for w := range Negators {
		out = append(out, w)
	}
	for w := range cliticKeep {
		out = append(out, w)
	}
	return out
}

// StemPlain is Stem for a normalised word that is not in SpecialWords: it
// skips the look-ups of the exception lists.
func StemPlain(w string) string {
	if i := strings.IndexByte(w, '-'); i > 0 {
		a, b := w[:i], w[i+1:]
		if a == b || strings.HasPrefix(b, a) {
			return a
		}
	}
	for _, suf := range [...]string{"nya", "lah", "kah", "pun", "ku", "mu"} {
		if len(w) >= len(suf)+3 && strings.HasSuffix(w, suf) {
			s := w[:len(w)-len(suf)]
			if (suf == "ku" || suf == "mu") && len(s) < 4 {
				return w
			}
			if r, ok := informalForm(s); ok {
				return r
			}
			return s
		}
	}
	return w
}

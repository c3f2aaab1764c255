package leaders

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// A claim is what a statement asserts in checkable form: numbers with what
// they count, words it denies and words it affirms.
type claims struct {
	numbers  map[string][]float64 // unit -> values
	denied   map[string]bool
	affirmed map[string]bool
}

// negations deny the word that follows them.
var negations = map[string]bool{"tidak": true, "belum": true, "bukan": true, "tak": true, "tanpa": true, "enggak": true, "gak": true, "jangan": true}

// fillers are skipped when looking for the word a number counts or a
// negation denies.
var fillers = map[string]bool{"dari": true, "lebih": true, "kurang": true, "sekitar": true, "hampir": true, "sebanyak": true,
	"mencapai": true, "ada": true, "akan": true, "lagi": true, "pernah": true, "sama": true, "sekali": true, "terlalu": true,
	"begitu": true, "yang": true, "di": true, "ke": true, "pun": true, "juga": true}

// antonyms are pairs of words that assert opposite things.
var antonyms = map[string]string{
	"naik": "turun", "meningkat": "menurun", "bertambah": "berkurang", "surplus": "defisit",
	"aman": "rawan", "lancar": "macet", "cukup": "kurang", "berhasil": "gagal", "surut": "meluas",
	"membaik": "memburuk", "selesai": "mangkrak", "tuntas": "terbengkalai",
}

func init() {
	for a, b := range map[string]string(antonyms) {
		antonyms[b] = a
	}
}

// scale words multiply the number before them.
var scale = map[string]float64{"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "triliun": 1e12}

func tokens(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '.' && r != ',' && r != '%'
	})
}

// parseNumber reads Indonesian numerals: "2.300" is 2300, "1,5" is 1.5.
func parseNumber(s string) (float64, bool) {
	s = strings.Trim(s, ".,")
	if s == "" || !unicode.IsDigit(rune(s[0])) {
		return 0, false
	}
	s = strings.TrimSuffix(s, "%")
	if parts := strings.Split(s, "."); len(parts) > 1 {
		ok := true
		for _, p := range parts[1:] {
			if len(p) != 3 {
				ok = false
			}
		}
		if ok {
			s = strings.Join(parts, "")
		}
	}
	s = strings.Replace(s, ",", ".", 1)
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func extract(text string) claims {
	c := claims{numbers: map[string][]float64{}, denied: map[string]bool{}, affirmed: map[string]bool{}}
	toks := tokens(text)
	for i := range toks {
		toks[i] = strings.Trim(toks[i], ".,")
	}
	next := func(i int) (string, int) {
		for j := i + 1; j < len(toks); j++ {
			if !fillers[toks[j]] {
				return toks[j], j
			}
		}
		return "", len(toks)
	}
	negated := map[int]bool{}
	for i, t := range toks {
		if negations[t] {
			if w, j := next(i); w != "" {
				c.denied[w] = true
				negated[j] = true
			}
			continue
		}
		if v, ok := parseNumber(t); ok {
			unit, j := next(i)
			if m, ok := scale[unit]; ok {
				v *= m
				unit, _ = next(j)
			}
			if strings.HasSuffix(t, "%") {
				unit = "persen"
			}
			if unit != "" {
				c.numbers[unit] = append(c.numbers[unit], v)
			}
		}
	}
	for i, t := range toks {
		if !negated[i] && !negations[t] && !fillers[t] && len(t) > 2 {
			c.affirmed[t] = true
		}
	}
	return c
}

// Reason is why two statements are flagged, in Bahasa Indonesia for the brief.
type Reason struct {
	// Code is opposite_tone, different_numbers, negation or antonym.
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

// diverge compares two statements' claims.
func diverge(a, b claims) []Reason {
	var out []Reason
	for unit, va := range a.numbers {
		vb, ok := b.numbers[unit]
		if !ok || overlaps(va, vb) {
			continue
		}
		out = append(out, Reason{Code: "different_numbers",
			Detail: "angka berbeda untuk \"" + unit + "\": " + fmtNums(va) + " vs " + fmtNums(vb)})
	}
	for w := range a.denied {
		if b.affirmed[w] && !b.denied[w] {
			out = append(out, Reason{Code: "negation", Detail: "yang satu menyangkal \"" + w + "\", yang lain menyatakannya"})
		}
	}
	for w := range b.denied {
		if a.affirmed[w] && !a.denied[w] {
			out = append(out, Reason{Code: "negation", Detail: "yang satu menyatakan \"" + w + "\", yang lain menyangkalnya"})
		}
	}
	for w := range a.affirmed {
		if o, ok := antonyms[w]; ok && b.affirmed[o] && !a.affirmed[o] && !b.affirmed[w] {
			out = append(out, Reason{Code: "antonym", Detail: "klaim berlawanan: \"" + w + "\" vs \"" + o + "\""})
		}
	}
	sortReasons(out)
	return out
}

// overlaps reports whether two value lists agree within 10%.
func overlaps(a, b []float64) bool {
	for _, x := range a {
		for _, y := range b {
			if math.Abs(x-y) <= 0.1*math.Max(math.Abs(x), math.Abs(y)) {
				return true
			}
		}
	}
	return false
}

func fmtNums(v []float64) string {
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strings.Join(s, ", ")
}

func sortReasons(r []Reason) {
	for i := 1; i < len(r); i++ {
		for j := i; j > 0 && r[j].Code+r[j].Detail < r[j-1].Code+r[j-1].Detail; j-- {
			r[j], r[j-1] = r[j-1], r[j]
		}
	}
}

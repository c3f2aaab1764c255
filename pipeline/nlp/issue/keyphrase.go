package issue

import (
	"bufio"
	"bytes"
	_ "embed"
	"slices"
	"strings"

	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

//go:embed stopwords/stopwords-id.txt
var stopwordsTxt []byte

// extraStop are news words that make poor key phrases.
var extraStop = []string{
	"kata", "ujar", "ucap", "tutur", "ungkap", "jelas", "tegas", "imbuh", "tambah", "sambung",
	"katanya", "ujarnya", "ucapnya", "tuturnya", "ungkapnya", "jelasnya", "tegasnya", "imbuhnya",
	"tambahnya", "menurutnya", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu",
	"wita", "wib", "pihaknya", "pun", "pak", "bapak", "ibu", "bu", "the", "and", "of",
	"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september",
	"oktober", "november", "desember", "kamu", "kalian", "foto", "baca", "juga", "redaksi",
}

var stopwords = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(stopwordsTxt))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			m[w] = true
		}
	}
	for _, w := range extraStop {
		m[w] = true
	}
	return m
}()

// IsStopword reports whether the lower-cased word is a stop word.
func IsStopword(w string) bool { return stopwords[w] }

// KeyPhrases returns up to max key phrases of a document: runs of one to
// three content words (no stop word, number or punctuation inside),
// scored by frequency, length and an optional per-token weight (e.g. the
// title). Multi-word phrases are preferred so that new issues surface as
// phrases such as "jembatan mahakam" or "antrean solar".
func KeyPhrases(toks []token.Token, max int, weight func(tokenIndex int) float64) []string {
	var kp KeyPhraser
	return kp.KeyPhrases(toks, max, weight)
}

// KeyPhraser extracts key phrases reusing its scratch space; it is not safe
// for concurrent use (keep one per goroutine, e.g. in a sync.Pool).
type KeyPhraser struct {
	low   []string
	hs    []uint64
	slots []int32 // open-addressing index of cands by hash: 1 + index, 0 if empty
	cands []cand
	order []int32
}

type cand struct {
	h     uint64
	score float64
	adj   float64 // score adjusted for the phrase length, for ranking
	first int32
	n     int8
}

// find returns the index of the candidate with hash h, adding one for the
// phrase of n words at first when there is none.
func (k *KeyPhraser) find(h uint64, first, n int) int32 {
	mask := uint64(len(k.slots) - 1)
	for i := (h * 0x9E3779B97F4A7C15) >> 32 & mask; ; i = (i + 1) & mask {
		s := k.slots[i]
		if s == 0 {
			ci := int32(len(k.cands))
			k.slots[i] = ci + 1
			k.cands = append(k.cands, cand{h: h, first: int32(first), n: int8(n)})
			return ci
		}
		if k.cands[s-1].h == h {
			return s - 1
		}
	}
}

// KeyPhrases is the package-level KeyPhrases with reused buffers.
func (k *KeyPhraser) KeyPhrases(toks []token.Token, max int, weight func(tokenIndex int) float64) []string {
	return k.KeyPhrasesLower(toks, nil, max, weight)
}

// KeyPhrasesLower is KeyPhrases with the lower-cased token texts already
// computed; low may be nil. An empty low[i] excludes token i (callers blank
// out person names, which are not issues).
func (k *KeyPhraser) KeyPhrasesLower(toks []token.Token, low []string, max int, weight func(tokenIndex int) float64) []string {
	// at most three candidates per token: keep the table at most 3/8 full
	size := 16
	for size < 8*len(toks) {
		size *= 2
	}
	if cap(k.slots) < size {
		k.slots = make([]int32, size)
	}
	k.slots = k.slots[:size]
	clear(k.slots)
	k.cands = k.cands[:0]
	k.low = k.low[:0]
	k.hs = k.hs[:0]
	// content flags and word hashes
	for ti, t := range toks {
		l := ""
		var h uint64
		if t.Kind == token.Word && len(t.Text) >= 3 {
			if low != nil {
				l = low[ti]
			} else {
				l = token.Lower(t.Text)
			}
			if l == "" || stopwords[l] {
				l = ""
			} else {
				h = 1469598103934665603
				for i := 0; i < len(l); i++ {
					h ^= uint64(l[i])
					h *= 1099511628211
				}
			}
		}
		k.low = append(k.low, l)
		k.hs = append(k.hs, h)
	}
	for i := range toks {
		if k.low[i] == "" {
			continue
		}
		w := 1.0
		if weight != nil {
			w = weight(i)
		}
		var h uint64
		for n := 1; n <= 3 && i+n <= len(toks) && k.low[i+n-1] != ""; n++ {
			h = h*0x9E3779B97F4A7C15 + k.hs[i+n-1] + uint64(n)
			k.cands[k.find(h, i, n)].score += w
		}
	}
	k.order = k.order[:0]
	for ci := range k.cands {
		c := &k.cands[ci]
		if (c.n == 1 || c.n == 3) && c.score < 2 {
			continue // single words and long phrases must repeat
		}
		k.order = append(k.order, int32(ci))
	}
	// the length-adjusted score of each kept candidate, computed once
	for _, ci := range k.order {
		c := &k.cands[ci]
		switch c.n {
		case 1:
			c.adj = c.score * 0.6
		case 2:
			c.adj = c.score * 1.5
		default:
			c.adj = c.score * 1.6
		}
	}
	// slices.SortFunc makes the comparisons and swaps sort.Slice made, so
	// ties keep their order, without reflection
	slices.SortFunc(k.order, func(a, b int32) int {
		ca, cb := &k.cands[a], &k.cands[b]
		switch {
		case ca.adj != cb.adj:
			if ca.adj > cb.adj {
				return -1
			}
			return 1
		case ca.first != cb.first:
			if ca.first < cb.first {
				return -1
			}
			return 1
		}
		return 0
	})
	var out []string
	for _, ci := range k.order {
		if len(out) >= max {
			break
		}
		c := &k.cands[ci]
		p := strings.Join(k.low[c.first:int(c.first)+int(c.n)], " ")
		// skip phrases contained in a better one already chosen
		dup := false
		for _, o := range out {
			if strings.Contains(o, p) || strings.Contains(p, o) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}

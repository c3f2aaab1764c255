package issue

import (
	"bufio"
	"bytes"
	_ "embed"
	"sort"
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
	type cand struct {
		score float64
		first int
		n     int
	}
	cands := map[string]*cand{}
	var run []int // token indices of the current content-word run
	var sb strings.Builder
	flush := func() {
		for i := 0; i < len(run); i++ {
			for n := 1; n <= 3 && i+n <= len(run); n++ {
				sb.Reset()
				for k := 0; k < n; k++ {
					if k > 0 {
						sb.WriteByte(' ')
					}
					sb.WriteString(token.Lower(toks[run[i+k]].Text))
				}
				p := sb.String()
				c := cands[p]
				if c == nil {
					c = &cand{first: run[i], n: n}
					cands[p] = c
				}
				w := 1.0
				if weight != nil {
					w = weight(run[i])
				}
				c.score += w
			}
		}
		run = run[:0]
	}
	for i, t := range toks {
		if t.Kind != token.Word || len(t.Text) < 3 || stopwords[token.Lower(t.Text)] {
			flush()
			continue
		}
		run = append(run, i)
	}
	flush()
	type kv struct {
		p string
		c *cand
		s float64
	}
	var all []kv
	for p, c := range cands {
		s := c.score
		switch c.n {
		case 1:
			s *= 0.6
			if c.score < 2 {
				continue // single words must repeat
			}
		case 2:
			s *= 1.5
		case 3:
			s *= 1.6
			if c.score < 2 {
				continue
			}
		}
		all = append(all, kv{p, c, s})
	}
	sort.Slice(all, func(a, b int) bool {
		if all[a].s != all[b].s {
			return all[a].s > all[b].s
		}
		return all[a].c.first < all[b].c.first
	})
	var out []string
	for _, x := range all {
		if len(out) >= max {
			break
		}
		// skip phrases contained in a better one already chosen
		dup := false
		for _, o := range out {
			if strings.Contains(o, x.p) || strings.Contains(x.p, o) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, x.p)
		}
	}
	return out
}

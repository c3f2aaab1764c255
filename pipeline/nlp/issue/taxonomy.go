package issue

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

//go:embed taxonomy.yaml
var defaultYAML []byte

// Issue is one taxonomy entry.
type Issue struct {
	// Key is a stable ASCII key such as "banjir" or "tambang_ilegal".
	Key string `yaml:"key"`
	// Label is the Indonesian display name.
	Label string `yaml:"label"`
	// Keywords are words or phrases; matching ignores case, repeated
	// letters and clitics (-nya, -lah).
	Keywords []string `yaml:"keywords"`
	// MinHits is how many keyword occurrences a document needs (default 1).
	MinHits int `yaml:"min_hits"`
}

// Taxonomy matches issue keywords. It is safe for concurrent use.
type Taxonomy struct {
	issues []Issue
	root   *node
	// any and first mark the beginnings of the words that may match a
	// keyword word anywhere, and the first word of a keyword
	any, first *startSet
	pool       sync.Pool // *[]string key scratch
}

type node struct {
	next   map[string]*node
	issues []int
}

// ErrEmpty is returned for a taxonomy without issues.
var ErrEmpty = errors.New("taxonomy has no issues")

// Default returns the embedded taxonomy, parsed once.
var Default = sync.OnceValues(func() (*Taxonomy, error) { return Parse(defaultYAML, "taxonomy.yaml (embedded)") })

// LoadFile reads a taxonomy YAML file.
func LoadFile(path string) (*Taxonomy, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load taxonomy: %w", err)
	}
	return Parse(b, path)
}

// Parse decodes a taxonomy strictly and validates it; name is used in
// error messages.
func Parse(b []byte, name string) (*Taxonomy, error) {
	var f struct {
		Issues []Issue `yaml:"issues"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && err != io.EOF {
		return nil, fmt.Errorf("taxonomy %s: %w", name, err)
	}
	if len(f.Issues) == 0 {
		return nil, fmt.Errorf("taxonomy %s: %w (add entries under \"issues:\")", name, ErrEmpty)
	}
	t := &Taxonomy{issues: f.Issues, root: &node{}}
	seen := map[string]bool{}
	var errs []error
	for i, is := range f.Issues {
		if !validKey(is.Key) {
			errs = append(errs, fmt.Errorf("issue %d: key %q must be lower-case ASCII letters, digits and _", i+1, is.Key))
		}
		if seen[is.Key] {
			errs = append(errs, fmt.Errorf("issue %q: key used twice", is.Key))
		}
		seen[is.Key] = true
		if len(is.Keywords) == 0 {
			errs = append(errs, fmt.Errorf("issue %q: no keywords", is.Key))
		}
		if is.MinHits <= 0 {
			t.issues[i].MinHits = 1
		}
		for _, kw := range is.Keywords {
			n := t.root
			k := 0
			for _, tk := range token.Tokenize(nil, kw) {
				if tk.Kind == token.Punct {
					continue
				}
				if n.next == nil {
					n.next = map[string]*node{}
				}
				key := matchKey(tk.Text)
				c := n.next[key]
				if c == nil {
					c = &node{}
					n.next[key] = c
				}
				n = c
				k++
			}
			if k == 0 {
				errs = append(errs, fmt.Errorf("issue %q: empty keyword", is.Key))
				continue
			}
			n.issues = append(n.issues, i)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("taxonomy %s: %w", name, err)
	}
	t.any, t.first = new(startSet), new(startSet)
	keys := map[string]bool{}
	t.root.walk(func(k string) {
		keys[k] = true
		t.any.mark(k)
	})
	for k := range t.root.next {
		t.first.mark(k)
	}
	// words with a special normal form (gak → tidak) keep no beginning:
	// mark the ones that normalise to a key
	for _, w := range token.SpecialWords() {
		n := token.Norm(w)
		if n == w {
			continue
		}
		if keys[n] || keys[token.Stem(n)] {
			t.any.mark(w)
		}
		if t.root.next[n] != nil || t.root.next[token.Stem(n)] != nil {
			t.first.mark(w)
		}
	}
	return t, nil
}

// walk calls f with every key in the trie below n.
func (n *node) walk(f func(string)) {
	for k, c := range n.next {
		f(k)
		c.walk(f)
	}
}

// startSet marks the beginnings of keyword keys: their first three
// bytes (hashed), or the whole key when it is shorter.
type startSet struct {
	starts [1 << 16 / 64]uint64
	short1 [128]bool              // one-byte keys
	short2 [128 * 128 / 64]uint64 // two-byte keys
}

// mark records the beginning of key k.
func (s *startSet) mark(k string) {
	switch {
	case k == "" || k[0] >= 0x80:
	case len(k) == 1 || k[1] >= 0x80:
		s.short1[k[0]] = true
	case len(k) == 2 || k[2] >= 0x80:
		i := int(k[0])*128 + int(k[1])
		s.short2[i/64] |= 1 << (i % 64)
	default:
		i := startBit(k[0], k[1], k[2])
		s.starts[i/64] |= 1 << (i % 64)
	}
}

// startBit hashes a three-byte beginning to a bit of startSet.starts.
func startBit(a, b, c byte) int {
	return ((int(a)*131+int(b))*131 + int(c)) & (len(startSet{}.starts)*64 - 1)
}

// mayMatch reports whether the lower-cased word w may have a marked key:
// false only when matchKey(w) surely is not one. matchKey keeps the first
// three bytes of an ASCII word of four or more bytes (it strips endings
// and squeezes repeated letters) unless a run of three letters starts in
// them or the word has a special normal form (gak → tidak), which is
// marked when it normalises to a key; shorter keys are marked whole.
func (s *startSet) mayMatch(w string) bool {
	if len(w) < 4 {
		return true
	}
	a, b, c := w[0], w[1], w[2]
	if a >= 0x80 || b >= 0x80 || c >= 0x80 || a >= 'A' && a <= 'Z' || b >= 'A' && b <= 'Z' || c >= 'A' && c <= 'Z' ||
		a == b && b == c || b == c && c == w[3] {
		return true
	}
	if i := int(a)*128 + int(b); s.short1[a] || s.short2[i/64]&(1<<(i%64)) != 0 {
		return true
	}
	i := startBit(a, b, c)
	return s.starts[i/64]&(1<<(i%64)) != 0
}

// noKey stands for the key of a word that matches no keyword;
// pendingKey for one not computed yet.
const (
	noKey      = "\x00"
	pendingKey = "\x01"
)

func validKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func matchKey(s string) string { return token.Stem(token.Norm(s)) }

// Issues returns the taxonomy entries in file order.
func (t *Taxonomy) Issues() []Issue { return t.issues }

// Tag returns the keys of the issues whose keywords occur in toks at least
// MinHits times; weight counts each hit (e.g. 2 for a title), in taxonomy
// order.
func (t *Taxonomy) Tag(toks []token.Token, weight func(tokenIndex int) int) []string {
	return t.TagLower(toks, nil, weight)
}

// TagLower is Tag with the lower-cased token texts already computed; low
// may be nil.
func (t *Taxonomy) TagLower(toks []token.Token, low []string, weight func(tokenIndex int) int) []string {
	hits := make([]int, len(t.issues))
	kp, _ := t.pool.Get().(*[]string)
	if kp == nil {
		kp = new([]string)
	}
	defer t.pool.Put(kp)
	// keys are computed when a walk needs them: most words cannot start a
	// keyword and need none
	keys := (*kp)[:0]
	for _, tk := range toks {
		if tk.Kind != token.Word && tk.Kind != token.Number {
			keys = append(keys, "")
		} else {
			keys = append(keys, pendingKey)
		}
	}
	*kp = keys
	key := func(j int) string {
		if keys[j] == pendingKey {
			switch {
			case low != nil && !t.any.mayMatch(low[j]):
				keys[j] = noKey
			case low != nil:
				keys[j] = token.Stem(token.Norm(low[j]))
			default:
				keys[j] = matchKey(toks[j].Text)
			}
		}
		return keys[j]
	}
	for i := range keys {
		if keys[i] == "" || low != nil && !t.first.mayMatch(low[i]) {
			continue
		}
		n := t.root
		for j := i; j < len(keys); j++ {
			k := key(j)
			if k == "" || k == noKey {
				break
			}
			n = n.next[k]
			if n == nil {
				break
			}
			for _, is := range n.issues {
				w := 1
				if weight != nil {
					w = weight(i)
				}
				hits[is] += w
			}
		}
	}
	var out []string
	for i, h := range hits {
		if h >= t.issues[i].MinHits {
			out = append(out, t.issues[i].Key)
		}
	}
	return out
}

package gazetteer

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

//go:embed kaltim.yaml
var defaultYAML []byte

// Entry is one canonical entity.
type Entry struct {
	// ID is a stable ASCII key, e.g. "rudy-masud".
	ID string `yaml:"id"`
	// Name is the canonical display name.
	Name string `yaml:"name"`
	// Type is PER, ORG, LOC or EVT.
	Type string `yaml:"type"`
	// Role is the office or kind, e.g. "Gubernur Kalimantan Timur".
	Role string `yaml:"role"`
	// Aliases are other written forms; the name itself always matches.
	Aliases []string `yaml:"aliases"`
	// Context lists bare role words ("Gubernur", "Wagub") that refer to
	// this entity when no name follows them. When several entries share a
	// context word, the one mentioned last in the document wins, else the
	// first in the file.
	Context []string `yaml:"context"`
}

// File is the YAML document.
type File struct {
	Entities []Entry `yaml:"entities"`
}

// Gazetteer matches aliases in token streams. It is safe for concurrent
// use.
type Gazetteer struct {
	entries []Entry
	root    *node
	maxLen  int
}

type node struct {
	next map[string]*node
	// entry index +1 for alias matches (0: none)
	alias int
	// context candidate entry indices
	context []int
}

// ErrEmpty is returned for a gazetteer file without entities.
var ErrEmpty = errors.New("gazetteer has no entities")

// Default returns the embedded Kaltim gazetteer, parsed once.
var Default = sync.OnceValues(func() (*Gazetteer, error) { return Parse(defaultYAML, "kaltim.yaml (embedded)") })

// LoadFile reads a gazetteer YAML file.
func LoadFile(path string) (*Gazetteer, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	return Parse(b, path)
}

// Parse decodes a gazetteer strictly (unknown fields are errors) and
// validates it; name is used in error messages.
func Parse(b []byte, name string) (*Gazetteer, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && err != io.EOF {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	if len(f.Entities) == 0 {
		return nil, fmt.Errorf("gazetteer %s: %w (add entries under \"entities:\")", name, ErrEmpty)
	}
	g := &Gazetteer{entries: f.Entities, root: &node{}}
	seen := map[string]bool{}
	var errs []error
	for i, e := range f.Entities {
		switch {
		case e.ID == "":
			errs = append(errs, fmt.Errorf("entity %d (%q): id is empty", i+1, e.Name))
		case seen[e.ID]:
			errs = append(errs, fmt.Errorf("entity %q: id used twice", e.ID))
		case e.Name == "":
			errs = append(errs, fmt.Errorf("entity %q: name is empty", e.ID))
		}
		switch e.Type {
		case "PER", "ORG", "LOC", "EVT":
		default:
			errs = append(errs, fmt.Errorf("entity %q: type %q must be PER, ORG, LOC or EVT", e.ID, e.Type))
		}
		seen[e.ID] = true
		for _, a := range append([]string{e.Name}, e.Aliases...) {
			n := g.insert(a)
			if n == nil {
				continue
			}
			if n.alias == 0 {
				n.alias = i + 1
			}
		}
		for _, c := range e.Context {
			if n := g.insert(c); n != nil {
				n.context = append(n.context, i)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("gazetteer %s: %w", name, err)
	}
	return g, nil
}

// dropApostrophes removes straight and curly apostrophes.
var dropApostrophes = strings.NewReplacer("'", "", "’", "")

// Key normalises a token for matching: lower case, apostrophes removed.
func Key(s string) string {
	s = token.Lower(s)
	if strings.ContainsAny(s, "'’") {
		s = dropApostrophes.Replace(s)
	}
	return s
}

func (g *Gazetteer) insert(phrase string) *node {
	toks := token.Tokenize(nil, phrase)
	n := g.root
	k := 0
	for _, t := range toks {
		if t.Kind == token.Punct && t.Text == "." {
			continue // "H." and "H" match alike
		}
		if n.next == nil {
			n.next = map[string]*node{}
		}
		key := Key(t.Text)
		c := n.next[key]
		if c == nil {
			c = &node{}
			n.next[key] = c
		}
		n = c
		k++
	}
	if k == 0 {
		return nil
	}
	if k > g.maxLen {
		g.maxLen = k
	}
	return n
}

// Entries returns the entities in file order.
func (g *Gazetteer) Entries() []Entry { return g.entries }

// Match is an alias or context match over token indices [Start, End).
type Match struct {
	Start, End int
	Entry      int // index into Entries()
	// Context is true for a bare role word; Candidates then lists the
	// entries it may refer to.
	Context    bool
	Candidates []int
}

// Find appends the longest non-overlapping matches in toks to dst. Lower-case
// one-word aliases only match when written capitalised in the text, so that
// a name like "Rudy" matches but common words do not.
func (g *Gazetteer) Find(dst []Match, toks []token.Token) []Match {
	return g.FindLower(dst, toks, nil)
}

// FindLower is Find with the lower-cased token texts already computed
// (low[i] == token.Lower(toks[i].Text)); low may be nil.
func (g *Gazetteer) FindLower(dst []Match, toks []token.Token, low []string) []Match {
	var buf [64]byte
	next := func(n *node, j int) *node {
		if low == nil {
			return n.next[Key(toks[j].Text)]
		}
		l := low[j]
		if strings.IndexByte(l, '\'') < 0 && !strings.Contains(l, "’") {
			return n.next[l]
		}
		if len(l) > len(buf) {
			return n.next[Key(l)]
		}
		// Key(l) without allocating: drop the apostrophes
		k := buf[:0]
		for i := 0; i < len(l); i++ {
			switch {
			case l[i] == '\'':
			case strings.HasPrefix(l[i:], "’"):
				i += len("’") - 1
			default:
				k = append(k, l[i])
			}
		}
		return n.next[string(k)]
	}
	for i := 0; i < len(toks); {
		n := g.root
		bestEnd, bestAlias, bestCtx := -1, 0, []int(nil)
		for j := i; j < len(toks) && n != nil; j++ {
			t := toks[j]
			if t.Kind == token.Punct && t.Text == "." && j > i {
				continue
			}
			if t.Kind == token.Punct {
				break
			}
			n = next(n, j)
			if n == nil {
				break
			}
			if n.alias > 0 || len(n.context) > 0 {
				if j == i && !capitalised(t.Text) {
					// single lower-case word: only acronyms or capitalised names count
					continue
				}
				bestEnd, bestAlias, bestCtx = j+1, n.alias, n.context
			}
		}
		if bestEnd < 0 {
			i++
			continue
		}
		if bestAlias > 0 {
			dst = append(dst, Match{Start: i, End: bestEnd, Entry: bestAlias - 1})
		} else {
			dst = append(dst, Match{Start: i, End: bestEnd, Entry: bestCtx[0], Context: true, Candidates: bestCtx})
		}
		i = bestEnd
	}
	return dst
}

func capitalised(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}

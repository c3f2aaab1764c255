package ner

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"sync"
)

//go:embed model.bin
var embedded []byte

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	lex map[string]uint8
	// types merges lex with the cue words, in a loaded model
	types map[string]uint16
	bits  uint8
	w     []float32 // [feature][tag], while training
	// rows and scale hold the loaded weights quantised to 16 bits,
	// without the all-zero rows of features no training update touched:
	// the hashed features of unseen words, most of them, cost a look into
	// a 64 KB index instead of a row of a 4.7 MB table.
	rows  sparseRows
	scale float32
	trans [numTags + 1][numTags]float32
	into  [numTags][numTags]float32 // trans transposed, without the start row
	pool  sync.Pool
}

const magic = "PANTAU-NER-2\n"

// Default returns the embedded model, loaded once.
var Default = sync.OnceValues(func() (*Model, error) { return Load(bytes.NewReader(embedded)) })

type scratch struct {
	active []bool
	sf     sentFeatures
	score  []float32 // [token][tag]
	back   []uint8
	path   []int
}

func newModel(bits uint8) *Model {
	m := &Model{bits: bits, w: make([]float32, numTags<<bits)}
	m.pool.New = func() any { return &scratch{} }
	return m
}

// Tag returns the entity spans (over word indices) of one sentence of
// cased words. Only runs of tokens around capitalised or numeric words are
// decoded (the rest of a sentence is O), which keeps long news sentences
// cheap.
func (m *Model) Tag(dst []Span, words []string) []Span {
	return m.TagLower(dst, words, nil)
}

// TagLower is Tag with the lower-cased words already computed; low may be
// nil.
func (m *Model) TagLower(dst []Span, words, low []string) []Span {
	n := len(words)
	if n == 0 {
		return dst
	}
	s := m.pool.Get().(*scratch)
	defer m.pool.Put(s)
	if cap(s.active) < n {
		s.active = make([]bool, n)
	}
	act := s.active[:n]
	clear(act)
	any := false
	for i, w := range words {
		if hot(w) {
			any = true
			for j := max(0, i-1); j <= min(n-1, i+1); j++ {
				act[j] = true
			}
		}
	}
	if !any {
		return dst
	}
	s.sf.given, s.sf.types = low, m.types
	s.sf.extractActive(words, act, true, uint32(1)<<m.bits-1, m.lex)
	s.sf.given, s.sf.types = nil, nil
	for a := 0; a < n; {
		if !act[a] {
			a++
			continue
		}
		b := a
		for b < n && act[b] {
			b++
		}
		path := m.viterbiRange(s, a, b, n)
		k := len(dst)
		dst = spans(dst, path)
		for i := k; i < len(dst); i++ {
			dst[i].Start += a
			dst[i].End += a
		}
		a = b
	}
	return dst
}

// TagAll tags every token of a sentence (no skipping), as training does.
func (m *Model) TagAll(dst []Span, words []string) []Span {
	if len(words) == 0 {
		return dst
	}
	s := m.pool.Get().(*scratch)
	defer m.pool.Put(s)
	s.sf.extract(words, true, uint32(1)<<m.bits-1, m.lex)
	return spans(dst, m.viterbiRange(s, 0, len(words), len(words)))
}

// hot reports a word that may be part of a name: it starts with an upper
// case letter (or a non-ASCII one), or mixes letters and digits ("G20").
// Plain numbers and dates are not names.
func hot(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c >= 'A' && c <= 'Z' || c >= 0x80 {
		return true
	}
	digit, letter := false, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		digit = digit || c >= '0' && c <= '9'
		letter = letter || c >= 'a' && c <= 'z'
	}
	return digit && letter
}

// viterbi decodes a whole sentence of n tokens (used in training).
func (m *Model) viterbi(s *scratch, n int) []int { return m.viterbiRange(s, 0, n, n) }

// viterbiRange finds the best tag path for tokens [a, b) of a sentence of
// n tokens, whose features are in s.sf. A run that does not start the
// sentence follows an O token; one that does not end it precedes one.
func (m *Model) viterbiRange(s *scratch, a, b, n int) []int {
	l := b - a
	if cap(s.score) < l*numTags {
		s.score = make([]float32, l*numTags)
		s.back = make([]uint8, l*numTags)
	}
	em := s.score[:l*numTags]
	back := s.back[:l*numTags]
	for i := 0; i < l; i++ {
		var e [numTags]float32
		if m.w == nil {
			acc := m.rows.sum(s.sf.feats[s.sf.off[a+i]:s.sf.off[a+i+1]])
			for t := range e {
				e[t] = float32(acc[t]) * m.scale
			}
		} else {
			for _, f := range s.sf.feats[s.sf.off[a+i]:s.sf.off[a+i+1]] {
				row := (*[numTags]float32)(m.w[int(f)*numTags:])
				for t := range e {
					e[t] += row[t]
				}
			}
		}
		copy(em[i*numTags:], e[:])
	}
	start := &m.trans[numTags]
	if a > 0 {
		start = &m.trans[0]
	}
	for t := 0; t < numTags; t++ {
		em[t] += start[t]
	}
	// into[t][p] is the transition score p -> t, read row by row
	into := &m.into
	if m.w != nil { // training: trans changes between calls
		into = new([numTags][numTags]float32)
		transpose(into, &m.trans)
	}
	for i := 1; i < l; i++ {
		prev := (*[numTags]float32)(em[(i-1)*numTags:])
		cur := (*[numTags]float32)(em[i*numTags:])
		bk := (*[numTags]uint8)(back[i*numTags:])
		for t := range cur {
			best, arg := bestPrev(prev, &into[t])
			cur[t] += best
			bk[t] = arg
		}
	}
	last := em[(l-1)*numTags:]
	score := func(t int) float32 {
		if b < n {
			return last[t] + m.trans[t][0]
		}
		return last[t]
	}
	bt := 0
	for t := 1; t < numTags; t++ {
		if score(t) > score(bt) {
			bt = t
		}
	}
	if cap(s.path) < l {
		s.path = make([]int, l)
	}
	path := s.path[:l]
	path[l-1] = bt
	for i := l - 1; i > 0; i-- {
		path[i-1] = int(back[i*numTags+path[i]])
	}
	return path
}

// bestPrev returns max over p of prev[p] + col[p] and the first p that
// reaches it (unrolled for the nine tags).
func bestPrev(prev, col *[numTags]float32) (float32, uint8) {
	best, arg := prev[0]+col[0], uint8(0)
	if v := prev[1] + col[1]; v > best {
		best, arg = v, 1
	}
	if v := prev[2] + col[2]; v > best {
		best, arg = v, 2
	}
	if v := prev[3] + col[3]; v > best {
		best, arg = v, 3
	}
	if v := prev[4] + col[4]; v > best {
		best, arg = v, 4
	}
	if v := prev[5] + col[5]; v > best {
		best, arg = v, 5
	}
	if v := prev[6] + col[6]; v > best {
		best, arg = v, 6
	}
	if v := prev[7] + col[7]; v > best {
		best, arg = v, 7
	}
	if v := prev[8] + col[8]; v > best {
		best, arg = v, 8
	}
	return best, arg
}

// numTags is nine; bestPrev is written for it.
var _ [numTags - 9]struct{}
var _ [9 - numTags]struct{}

// transpose sets into[t][p] = trans[p][t] for the tag-to-tag transitions.
func transpose(into *[numTags][numTags]float32, trans *[numTags + 1][numTags]float32) {
	for p := 0; p < numTags; p++ {
		for t := 0; t < numTags; t++ {
			into[t][p] = trans[p][t]
		}
	}
}

// Save writes the model, with weights quantised to 16 bits and gzipped.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("save ner model: %w", err)
	}
	if _, err := io.WriteString(zw, magic); err != nil {
		return fmt.Errorf("save ner model: %w", err)
	}
	var scale float32
	var q []int16
	if m.w == nil {
		scale, q = m.scale, m.rows.dense(numTags<<m.bits)
	} else {
		var mx float32
		for _, v := range m.w {
			if a := float32(math.Abs(float64(v))); a > mx {
				mx = a
			}
		}
		scale = mx / 32767
		if scale == 0 {
			scale = 1
		}
		q = make([]int16, len(m.w))
		for i, v := range m.w {
			q[i] = int16(math.Round(float64(v / scale)))
		}
	}
	for _, v := range []any{m.bits, scale, m.trans, q} {
		if err := binary.Write(zw, binary.LittleEndian, v); err != nil {
			return fmt.Errorf("save ner model: %w", err)
		}
	}
	words := make([]string, 0, len(m.lex))
	for w := range m.lex {
		words = append(words, w)
	}
	sort.Strings(words)
	var lb []byte
	lb = binary.LittleEndian.AppendUint32(lb, uint32(len(words)))
	for _, w := range words {
		lb = append(lb, byte(len(w)))
		lb = append(lb, w...)
		lb = append(lb, m.lex[w])
	}
	if _, err := zw.Write(lb); err != nil {
		return fmt.Errorf("save ner model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save ner model: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load ner model: %w", err)
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(zr, head); err != nil || string(head) != magic {
		return nil, errors.New("load ner model: not a Pantau NER model (run 'pantau train ner')")
	}
	var bits uint8
	if err := binary.Read(zr, binary.LittleEndian, &bits); err != nil {
		return nil, fmt.Errorf("load ner model: %w", err)
	}
	if bits < 8 || bits > 24 {
		return nil, fmt.Errorf("load ner model: bad feature bits %d", bits)
	}
	m := &Model{bits: bits}
	m.pool.New = func() any { return &scratch{} }
	wq := make([]int16, numTags<<bits)
	for _, v := range []any{&m.scale, &m.trans, wq} {
		if err := binary.Read(zr, binary.LittleEndian, v); err != nil {
			return nil, fmt.Errorf("load ner model: %w", err)
		}
	}
	m.rows = compactRows(wq)
	transpose(&m.into, &m.trans)
	var n uint32
	if err := binary.Read(zr, binary.LittleEndian, &n); err != nil {
		return nil, fmt.Errorf("load ner model: lexicon: %w", err)
	}
	if n > 1<<20 {
		return nil, fmt.Errorf("load ner model: lexicon of %d words is too large", n)
	}
	if n > 0 {
		m.lex = make(map[string]uint8, n)
	}
	var buf [256]byte
	for i := 0; i < int(n); i++ {
		if _, err := io.ReadFull(zr, buf[:1]); err != nil {
			return nil, fmt.Errorf("load ner model: lexicon: %w", err)
		}
		l := int(buf[0])
		if _, err := io.ReadFull(zr, buf[:l+1]); err != nil {
			return nil, fmt.Errorf("load ner model: lexicon: %w", err)
		}
		m.lex[string(buf[:l])] = buf[l]
	}
	m.types = wordTypes(m.lex)
	return m, nil
}

// ModelHash identifies the embedded model: the first 8 hex digits of the
// SHA-256 of its file.
func ModelHash() string {
	sum := sha256.Sum256(embedded)
	return hex.EncodeToString(sum[:4])
}

package ner

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
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
	lex   map[string]uint8
	bits  uint8
	w     []float32 // [feature][tag]
	trans [numTags + 1][numTags]float32
	pool  sync.Pool
}

const magic = "PANTAU-NER-2\n"

// Default returns the embedded model, loaded once.
var Default = sync.OnceValues(func() (*Model, error) { return Load(bytes.NewReader(embedded)) })

type scratch struct {
	sf    sentFeatures
	score []float32 // [token][tag]
	back  []uint8
	path  []int
}

func newModel(bits uint8) *Model {
	m := &Model{bits: bits, w: make([]float32, numTags<<bits)}
	m.pool.New = func() any { return &scratch{} }
	return m
}

// Tag returns the entity spans (over word indices) of one sentence of
// cased words.
func (m *Model) Tag(dst []Span, words []string) []Span {
	if len(words) == 0 {
		return dst
	}
	s := m.pool.Get().(*scratch)
	s.sf.extract(words, true, uint32(1)<<m.bits-1, m.lex)
	path := m.viterbi(s, len(words))
	dst = spans(dst, path)
	m.pool.Put(s)
	return dst
}

// viterbi finds the best tag path for the features in s.sf.
func (m *Model) viterbi(s *scratch, n int) []int {
	if cap(s.score) < n*numTags {
		s.score = make([]float32, n*numTags)
		s.back = make([]uint8, n*numTags)
	}
	em := s.score[:n*numTags]
	back := s.back[:n*numTags]
	for i := 0; i < n; i++ {
		var e [numTags]float32
		for _, f := range s.sf.feats[s.sf.off[i]:s.sf.off[i+1]] {
			row := m.w[int(f)*numTags : int(f)*numTags+numTags]
			for t := range e {
				e[t] += row[t]
			}
		}
		copy(em[i*numTags:], e[:])
	}
	// forward pass in place: em[i] becomes the best path score ending in tag t.
	for t := 0; t < numTags; t++ {
		em[t] += m.trans[numTags][t]
	}
	for i := 1; i < n; i++ {
		prev := em[(i-1)*numTags : i*numTags]
		cur := em[i*numTags : (i+1)*numTags]
		for t := 0; t < numTags; t++ {
			best, arg := float32(math.Inf(-1)), 0
			for p := 0; p < numTags; p++ {
				if v := prev[p] + m.trans[p][t]; v > best {
					best, arg = v, p
				}
			}
			cur[t] += best
			back[i*numTags+t] = uint8(arg)
		}
	}
	last := em[(n-1)*numTags:]
	bt := 0
	for t := 1; t < numTags; t++ {
		if last[t] > last[bt] {
			bt = t
		}
	}
	if cap(s.path) < n {
		s.path = make([]int, n)
	}
	path := s.path[:n]
	path[n-1] = bt
	for i := n - 1; i > 0; i-- {
		path[i-1] = int(back[i*numTags+path[i]])
	}
	return path
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
	var mx float32
	for _, v := range m.w {
		if a := float32(math.Abs(float64(v))); a > mx {
			mx = a
		}
	}
	scale := mx / 32767
	if scale == 0 {
		scale = 1
	}
	q := make([]int16, len(m.w))
	for i, v := range m.w {
		q[i] = int16(math.Round(float64(v / scale)))
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
	m := newModel(bits)
	var scale float32
	q := make([]int16, len(m.w))
	for _, v := range []any{&scale, &m.trans, q} {
		if err := binary.Read(zr, binary.LittleEndian, v); err != nil {
			return nil, fmt.Errorf("load ner model: %w", err)
		}
	}
	for i, v := range q {
		m.w[i] = float32(v) * scale
	}
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
	return m, nil
}

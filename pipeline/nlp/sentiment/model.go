package sentiment

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
	"sync"

	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

//go:embed model.bin
var embedded []byte

// part is one linear member of the ensemble. w is laid out
// [feature][class].
type part struct {
	feat Featurizer
	w    []float32
	nn   *mlp // set for a neural member (then w is nil)
	// q16 and scale are a linear member's weights as loaded, quantised.
	q16   []int16
	scale float32
}

// Model is a trained sentiment classifier. It is safe for concurrent use.
type Model struct {
	parts []part
	// Temp is the softmax temperature found by calibration.
	Temp float64
	// Bias is added to the tempered logits before the softmax.
	Bias [numClasses]float64
	pool sync.Pool
	// fast serves a loaded model; nil while training.
	fast *fast
}

const magic = "PANTAU-SENT-4\n"

// Default returns the embedded model, loaded once.
var Default = sync.OnceValues(func() (*Model, error) { return Load(bytes.NewReader(embedded)) })

func newModel(parts []part) *Model {
	m := &Model{parts: parts, Temp: 1}
	m.pool.New = func() any { return &buffer{} }
	return m
}

// Predict classifies one text.
func (m *Model) Predict(text string) Prediction {
	b := m.pool.Get().(*buffer)
	b.toks = token.Tokenize(b.toks[:0], text)
	p := m.PredictTokens(b.toks, false)
	m.pool.Put(b)
	return p
}

// PredictTokens classifies an already tokenised text. With news set, neutral
// reporting words (mengatakan, ujar, day names, place names of the region)
// are ignored so that they do not push the tone.
func (m *Model) PredictTokens(toks []token.Token, news bool) Prediction {
	return m.PredictTokensLower(toks, nil, news)
}

// PredictTokensLower is PredictTokens with the lower-cased token texts
// already computed (low[i] == token.Lower(toks[i].Text)); low may be nil.
func (m *Model) PredictTokensLower(toks []token.Token, low []string, news bool) Prediction {
	z, sn, sp := m.rawLogitsLower(toks, low, news)
	for c := range z {
		z[c] = z[c]/m.Temp + m.Bias[c]
	}
	z[Negative] += sn
	z[Positive] += sp
	return Prediction{Probs: softmax(z, 1)}
}

// rawLogits returns the ensemble's averaged logits, before bias and
// temperature, and in news mode the news lexicon shifts.
func (m *Model) rawLogits(toks []token.Token, news bool) (z [numClasses]float64, negShift, posShift float64) {
	return m.rawLogitsLower(toks, nil, news)
}

func (m *Model) rawLogitsLower(toks []token.Token, low []string, news bool) (z [numClasses]float64, negShift, posShift float64) {
	b := m.pool.Get().(*buffer)
	b.words = toWords(b.words[:0], toks, low, news)
	if news {
		negShift, posShift = newsShift(b.words)
	}
	if m.fast != nil {
		z = m.fast.logits(m, b.words, b)
		m.pool.Put(b)
		for c := range z {
			z[c] /= float64(len(m.parts))
		}
		return z, negShift, posShift
	}
	for pi := range m.parts {
		p := &m.parts[pi]
		if pi == 0 || p.feat != m.parts[pi-1].feat {
			b.feats = p.feat.Features(b.feats[:0], b.words)
		}
		if p.nn != nil {
			zz := p.nn.forward(b.feats, &b.nn)
			for c := range z {
				z[c] += zz[c]
			}
			continue
		}
		var s [numClasses]float32
		for _, f := range b.feats {
			row := p.w[int(f)*numClasses : int(f)*numClasses+numClasses]
			s[0] += row[0]
			s[1] += row[1]
			s[2] += row[2]
		}
		for c := range z {
			z[c] += float64(s[c])
		}
	}
	m.pool.Put(b)
	for c := range z {
		z[c] /= float64(len(m.parts))
	}
	return z, negShift, posShift
}

func softmax(z [numClasses]float64, temp float64) [numClasses]float64 {
	mx := math.Inf(-1)
	for _, v := range z {
		if v > mx {
			mx = v
		}
	}
	var p [numClasses]float64
	sum := 0.0
	for c, v := range z {
		p[c] = math.Exp((v - mx) / temp)
		sum += p[c]
	}
	for c := range p {
		p[c] /= sum
	}
	return p
}

// Save writes the model in its compressed binary format. Weights are
// quantised to 16 bits per part.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("save sentiment model: %w", err)
	}
	put := func(v any) {
		if err == nil {
			err = binary.Write(zw, binary.LittleEndian, v)
		}
	}
	if _, err = io.WriteString(zw, magic); err != nil {
		return fmt.Errorf("save sentiment model: %w", err)
	}
	m.restoreQuantised()
	put(uint32(len(m.parts)))
	put(m.Temp)
	put(m.Bias)
	for _, p := range m.parts {
		kind := uint8(0)
		if p.nn != nil {
			kind = 1
		}
		put([5]uint8{kind, p.feat.Bits, p.feat.WordNgram, p.feat.CharMin, p.feat.CharMax})
		switch {
		case p.nn == nil && p.w == nil:
			put(p.scale)
			put(p.q16)
			continue
		case p.nn == nil:
			putQuantised(put, p.w)
			continue
		}
		put([2]uint32{uint32(p.nn.dim), uint32(p.nn.hidden)})
		if p.nn.emb == nil {
			put(p.nn.rowScale)
			put(p.nn.q8)
		} else {
			putRows8(put, p.nn.emb, p.nn.dim)
		}
		put(p.nn.w1)
		put(p.nn.b1)
		put(p.nn.w2)
		put(p.nn.b2)
	}
	if err != nil {
		return fmt.Errorf("save sentiment model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save sentiment model: %w", err)
	}
	return nil
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load sentiment model: %w", err)
	}
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(zr, head); err != nil || string(head) != magic {
		return nil, errors.New("load sentiment model: not a Pantau sentiment model (run 'pantau train sentiment')")
	}
	get := func(v any) {
		if err == nil {
			err = binary.Read(zr, binary.LittleEndian, v)
		}
	}
	var n uint32
	get(&n)
	if err == nil && (n == 0 || n > 16) {
		return nil, fmt.Errorf("load sentiment model: bad part count %d", n)
	}
	m := newModel(nil)
	get(&m.Temp)
	get(&m.Bias)
	for i := 0; i < int(n) && err == nil; i++ {
		var hdr [5]uint8
		get(&hdr)
		if err != nil {
			break
		}
		if hdr[1] < 8 || hdr[1] > 24 || hdr[0] > 1 {
			return nil, fmt.Errorf("load sentiment model: bad part header %v", hdr)
		}
		p := part{feat: Featurizer{Bits: hdr[1], WordNgram: hdr[2], CharMin: hdr[3], CharMax: hdr[4]}}
		if hdr[0] == 0 {
			p.q16 = make([]int16, numClasses<<p.feat.Bits)
			get(&p.scale)
			get(p.q16)
		} else {
			var dims [2]uint32
			get(&dims)
			if err != nil || dims[0] == 0 || dims[0] > 512 || dims[1] == 0 || dims[1] > 512 {
				return nil, fmt.Errorf("load sentiment model: bad neural dimensions %v", dims)
			}
			nn := &mlp{feat: p.feat, dim: int(dims[0]), hidden: int(dims[1])}
			nn.rowScale = make([]float32, 1<<p.feat.Bits)
			nn.q8 = make([]int8, (1<<p.feat.Bits)*nn.dim)
			get(nn.rowScale)
			get(nn.q8)
			nn.w1 = make([]float32, nn.dim*nn.hidden)
			nn.b1 = make([]float32, nn.hidden)
			nn.w2 = make([]float32, nn.hidden*numClasses)
			get(nn.w1)
			get(nn.b1)
			get(nn.w2)
			get(&nn.b2)
			p.nn = nn
		}
		m.parts = append(m.parts, p)
	}
	if err != nil {
		return nil, fmt.Errorf("load sentiment model: %w", err)
	}
	if m.fast = newFast(m); m.fast == nil {
		m.dequantise()
	} else {
		// the fast tables hold the weights now; restoreQuantised
		// rebuilds these when the model is saved
		for i := range m.parts {
			if nn := m.parts[i].nn; nn != nil {
				nn.q8, nn.rowScale = nil, nil
			} else {
				m.parts[i].q16 = nil
			}
		}
	}
	return m, nil
}

// restoreQuantised rebuilds the quantised weights Load read from the fast
// tables (exactly: the tables hold the same values, without their empty
// rows).
func (m *Model) restoreQuantised() {
	f := m.fast
	if f == nil {
		return
	}
	nl := len(f.lin)
	for j, pi := range f.lin {
		p := &m.parts[pi]
		if p.q16 != nil {
			continue
		}
		rows := int(f.lmask) + 1
		p.q16 = make([]int16, rows*numClasses)
		p.scale = f.lscale[j]
		for r := 0; r < rows; r++ {
			if k, ok := f.lidx.Find(uint32(r)); ok {
				copy(p.q16[r*numClasses:], f.lq[(k*nl+j)*numClasses:(k*nl+j+1)*numClasses])
			}
		}
	}
	for _, g := range f.nn {
		nn := m.parts[g.part].nn
		if nn.q8 != nil {
			continue
		}
		rows := int(g.mask) + 1
		nn.q8 = make([]int8, rows*nn.dim)
		nn.rowScale = make([]float32, rows)
		for r := 0; r < rows; r++ {
			if k, ok := g.idx.Find(uint32(r)); ok {
				copy(nn.q8[r*nn.dim:], g.q[k*nn.dim:(k+1)*nn.dim])
				nn.rowScale[r] = g.rs[k]
			}
		}
	}
}

// dequantise expands the loaded weights into the float tables the general
// scoring path reads.
func (m *Model) dequantise() {
	m.restoreQuantised()
	for i := range m.parts {
		p := &m.parts[i]
		if p.nn == nil {
			p.w = make([]float32, len(p.q16))
			for k, v := range p.q16 {
				p.w[k] = float32(v) * p.scale
			}
			continue
		}
		nn := p.nn
		nn.emb = make([]float32, len(nn.q8))
		for k, v := range nn.q8 {
			nn.emb[k] = float32(v) * nn.rowScale[k/nn.dim]
		}
	}
}

// putQuantised writes a scale and the values quantised to int16.
func putQuantised(put func(any), w []float32) {
	var mx float32
	for _, v := range w {
		if a := float32(math.Abs(float64(v))); a > mx {
			mx = a
		}
	}
	scale := mx / 32767
	if scale == 0 {
		scale = 1
	}
	put(scale)
	q := make([]int16, len(w))
	for i, v := range w {
		q[i] = int16(math.Round(float64(v / scale)))
	}
	put(q)
}

// putRows8 writes a matrix of rows of width dim quantised to int8 with
// one scale per row (embedding rows differ a lot in magnitude).
func putRows8(put func(any), w []float32, dim int) {
	rows := len(w) / dim
	scales := make([]float32, rows)
	q := make([]int8, len(w))
	for r := 0; r < rows; r++ {
		row := w[r*dim : r*dim+dim]
		var mx float32
		for _, v := range row {
			mx = max(mx, float32(math.Abs(float64(v))))
		}
		if mx == 0 {
			continue
		}
		scales[r] = mx / 127
		for i, v := range row {
			q[r*dim+i] = int8(math.Round(float64(v / scales[r])))
		}
	}
	put(scales)
	put(q)
}

// ModelHash identifies the embedded model: the first 8 hex digits of the
// SHA-256 of its file.
func ModelHash() string {
	sum := sha256.Sum256(embedded)
	return hex.EncodeToString(sum[:4])
}

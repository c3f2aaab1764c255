package sentiment

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
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
}

// Model is a trained sentiment classifier. It is safe for concurrent use.
type Model struct {
	parts []part
	// Temp is the softmax temperature found by calibration.
	Temp float64
	// Bias is added to the averaged logits before the softmax.
	Bias [numClasses]float64
	pool sync.Pool
}

const magic = "PANTAU-SENT-2\n"

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
	z, sn, sp := m.rawLogits(toks, news)
	for c := range z {
		z[c] = (z[c] + m.Bias[c]) / m.Temp
	}
	z[Negative] += sn
	z[Positive] += sp
	return Prediction{Probs: softmax(z, 1)}
}

// rawLogits returns the ensemble's averaged logits, before bias and
// temperature, and in news mode the news lexicon shifts.
func (m *Model) rawLogits(toks []token.Token, news bool) (z [numClasses]float64, negShift, posShift float64) {
	b := m.pool.Get().(*buffer)
	b.words = toWords(b.words[:0], toks, news)
	if news {
		negShift, posShift = newsShift(b.words)
	}
	for pi := range m.parts {
		p := &m.parts[pi]
		b.feats = p.feat.Features(b.feats[:0], b.words)
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
	put(uint32(len(m.parts)))
	put(m.Temp)
	put(m.Bias)
	for _, p := range m.parts {
		put([4]uint8{p.feat.Bits, p.feat.WordNgram, p.feat.CharMin, p.feat.CharMax})
		var mx float32
		for _, v := range p.w {
			if a := float32(math.Abs(float64(v))); a > mx {
				mx = a
			}
		}
		scale := mx / 32767
		if scale == 0 {
			scale = 1
		}
		put(scale)
		q := make([]int16, len(p.w))
		for i, v := range p.w {
			q[i] = int16(math.Round(float64(v / scale)))
		}
		put(q)
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
		var hdr [4]uint8
		get(&hdr)
		if err != nil {
			break
		}
		if hdr[0] < 8 || hdr[0] > 24 {
			return nil, fmt.Errorf("load sentiment model: bad feature bits %d", hdr[0])
		}
		p := part{feat: Featurizer{Bits: hdr[0], WordNgram: hdr[1], CharMin: hdr[2], CharMax: hdr[3]}}
		var scale float32
		get(&scale)
		q := make([]int16, numClasses<<p.feat.Bits)
		get(q)
		p.w = make([]float32, len(q))
		for j, v := range q {
			p.w[j] = float32(v) * scale
		}
		m.parts = append(m.parts, p)
	}
	if err != nil {
		return nil, fmt.Errorf("load sentiment model: %w", err)
	}
	return m, nil
}

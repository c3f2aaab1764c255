package sentiment

import (
	"math"
	"math/rand/v2"
)

// mlp is a fastText-style classifier with one hidden layer: the mean of
// learned hashed feature embeddings (words, word bigrams and character
// n-grams, i.e. subword embeddings learned from the training text) feeds a
// ReLU layer and a softmax.
type mlp struct {
	feat   Featurizer
	dim    int
	hidden int
	emb    []float32 // [bucket][dim]; nil in a loaded model
	// q8 and rowScale are the embeddings as loaded: int8 rows with one
	// scale each.
	q8       []int8
	rowScale []float32
	w1       []float32 // [dim][hidden]
	b1       []float32
	w2       []float32 // [hidden][classes]
	b2       [numClasses]float32
}

// NeuralConfig sets the hyper-parameters of the neural member.
type NeuralConfig struct {
	Feat   Featurizer
	Dim    int
	Hidden int
	Epochs int
	LR     float64
}

func newMLP(c NeuralConfig, rng *rand.Rand) *mlp {
	m := &mlp{feat: c.Feat, dim: c.Dim, hidden: c.Hidden}
	m.emb = make([]float32, (1<<c.Feat.Bits)*c.Dim)
	for i := range m.emb {
		m.emb[i] = float32((rng.Float64()*2 - 1) / float64(c.Dim))
	}
	m.w1 = make([]float32, c.Dim*c.Hidden)
	s := math.Sqrt(6 / float64(c.Dim+c.Hidden))
	for i := range m.w1 {
		m.w1[i] = float32((rng.Float64()*2 - 1) * s)
	}
	m.b1 = make([]float32, c.Hidden)
	m.w2 = make([]float32, c.Hidden*numClasses)
	s = math.Sqrt(6 / float64(c.Hidden+numClasses))
	for i := range m.w2 {
		m.w2[i] = float32((rng.Float64()*2 - 1) * s)
	}
	return m
}

// leak is the negative slope of the leaky ReLU, which keeps units from
// dying during training.
const leak = 0.01

// scratchMLP holds forward-pass buffers.
type scratchMLP struct {
	x, a, h []float32
}

func (m *mlp) forward(feats []uint32, s *scratchMLP) [numClasses]float64 {
	if len(s.x) < m.dim {
		s.x = make([]float32, m.dim)
	}
	x := s.x[:m.dim]
	clear(x)
	for _, f := range feats {
		row := m.emb[int(f)*m.dim : int(f)*m.dim+m.dim]
		for i, v := range row {
			x[i] += v
		}
	}
	return m.head(x, len(feats), s)
}

// head finishes the forward pass from x, the sum of the embeddings of
// count features.
func (m *mlp) head(x []float32, count int, s *scratchMLP) [numClasses]float64 {
	if len(s.a) < m.hidden {
		s.a = make([]float32, m.hidden)
		s.h = make([]float32, m.hidden)
	}
	inv := 1 / float32(count)
	for i := range x {
		x[i] *= inv
	}
	a, h := s.a[:m.hidden], s.h[:m.hidden]
	copy(a, m.b1)
	// four inputs per pass over a: each a[j] still adds the products in
	// input order, so the sums are those of one input per pass
	i := 0
	for ; i+4 <= len(x); i += 4 {
		x0, x1, x2, x3 := x[i], x[i+1], x[i+2], x[i+3]
		r0 := m.w1[i*m.hidden : i*m.hidden+m.hidden]
		r1 := m.w1[(i+1)*m.hidden : (i+1)*m.hidden+m.hidden]
		r2 := m.w1[(i+2)*m.hidden : (i+2)*m.hidden+m.hidden]
		r3 := m.w1[(i+3)*m.hidden : (i+3)*m.hidden+m.hidden]
		r0, r1, r2, r3 = r0[:len(a)], r1[:len(a)], r2[:len(a)], r3[:len(a)] // no bounds checks below
		for j := range a {
			a[j] = a[j] + x0*r0[j] + x1*r1[j] + x2*r2[j] + x3*r3[j]
		}
	}
	for ; i < len(x); i++ {
		xv := x[i]
		row := m.w1[i*m.hidden : i*m.hidden+m.hidden]
		row = row[:len(a)] // no bounds checks below
		for j := range a {
			a[j] += xv * row[j]
		}
	}
	var z [numClasses]float64
	for c := range z {
		z[c] = float64(m.b2[c])
	}
	for j, av := range a {
		if av < 0 {
			av *= leak
		}
		h[j] = av
		row := m.w2[j*numClasses : j*numClasses+numClasses]
		z[0] += float64(av * row[0])
		z[1] += float64(av * row[1])
		z[2] += float64(av * row[2])
	}
	return z
}

// trainMLP trains with SGD and a linearly decaying learning rate.
func trainMLP(feats [][]uint32, labels []Label, cw [numClasses]float64, c NeuralConfig, seed uint64) *mlp {
	rng := rand.New(rand.NewPCG(seed, 99))
	m := newMLP(c, rng)
	order := make([]int, len(feats))
	for i := range order {
		order[i] = i
	}
	var s scratchMLP
	total := float64(c.Epochs * len(feats))
	step := 0.0
	touched := make([]bool, 1<<c.Feat.Bits)
	for _, fs := range feats {
		for _, f := range fs {
			touched[f] = true
		}
	}
	// Rows no training text reaches would only add noise: zero them (this
	// also keeps the model file small).
	for f, ok := range touched {
		if !ok {
			clear(m.emb[f*c.Dim : f*c.Dim+c.Dim])
		}
	}
	dh := make([]float32, c.Hidden)
	dx := make([]float32, c.Dim)
	for ep := 0; ep < c.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			fs := feats[i]
			lr := float32(c.LR * (1 - step/total))
			step++
			z := m.forward(fs, &s)
			p := softmax(z, 1)
			var dz [numClasses]float32
			for k := range dz {
				g := p[k]
				if Label(k) == labels[i] {
					g -= 1
				}
				dz[k] = float32(g * cw[labels[i]])
			}
			// output layer and hidden gradient
			for j := 0; j < c.Hidden; j++ {
				row := m.w2[j*numClasses : j*numClasses+numClasses]
				dh[j] = row[0]*dz[0] + row[1]*dz[1] + row[2]*dz[2]
				if s.a[j] < 0 {
					dh[j] *= leak
				}
				hv := s.h[j]
				row[0] -= lr * hv * dz[0]
				row[1] -= lr * hv * dz[1]
				row[2] -= lr * hv * dz[2]
			}
			for k := range dz {
				m.b2[k] -= lr * dz[k]
			}
			// first layer
			clear(dx)
			for d := 0; d < c.Dim; d++ {
				row := m.w1[d*c.Hidden : d*c.Hidden+c.Hidden]
				xv := s.x[d]
				var acc float32
				for j, g := range dh {
					acc += row[j] * g
					row[j] -= lr * xv * g
				}
				dx[d] = acc
			}
			for j, g := range dh {
				m.b1[j] -= lr * g
			}
			inv := lr / float32(len(fs))
			for _, f := range fs {
				row := m.emb[int(f)*c.Dim : int(f)*c.Dim+c.Dim]
				for d, g := range dx {
					row[d] -= inv * g
				}
			}
		}
	}
	return m
}

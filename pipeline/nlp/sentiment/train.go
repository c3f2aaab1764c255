package sentiment

import (
	"math"
	"math/rand/v2"

	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

// TrainConfig sets the training hyper-parameters.
type TrainConfig struct {
	Seed   uint64
	Epochs int
	// LR is the AdaGrad learning rate.
	LR float64
	// L2 is the weight decay applied on each update of a weight.
	L2 float64
	// Parts lists the feature sets; one linear model is trained per set.
	Parts []Featurizer
	// ClassWeightPower weighs examples by (1/frequency)^power to help the
	// rare neutral class (0 disables).
	ClassWeightPower float64
}

// DefaultTrainConfig is the configuration used by 'pantau train sentiment'.
var DefaultTrainConfig = TrainConfig{
	Seed:   1,
	Epochs: 8,
	LR:     0.2,
	L2:     1e-6,
	Parts: []Featurizer{
		{Bits: 18, WordNgram: 3},
		{Bits: 18, WordNgram: 1, CharMin: 2, CharMax: 5},
	},
	ClassWeightPower: 0.5,
}

// Train fits a model on examples. It is deterministic for a given seed.
func Train(ex []Example, cfg TrainConfig) *Model {
	m := newModel(nil)
	var count [numClasses]float64
	for _, e := range ex {
		count[e.Label]++
	}
	var cw [numClasses]float64
	for c := range cw {
		cw[c] = 1
		if cfg.ClassWeightPower > 0 && count[c] > 0 {
			cw[c] = math.Pow(float64(len(ex))/(numClasses*count[c]), cfg.ClassWeightPower)
		}
	}
	// Pre-compute words once.
	words := make([][]word, len(ex))
	var toks []token.Token
	for i, e := range ex {
		toks = token.Tokenize(toks[:0], e.Text)
		words[i] = toWords(nil, toks, false)
	}
	for pi, f := range cfg.Parts {
		rng := rand.New(rand.NewPCG(cfg.Seed, uint64(pi)+1))
		feats := make([][]uint32, len(ex))
		for i := range ex {
			feats[i] = f.Features(nil, words[i])
		}
		w := make([]float32, numClasses<<f.Bits)
		g2 := make([]float32, len(w))
		order := make([]int, len(ex))
		for i := range order {
			order[i] = i
		}
		for ep := 0; ep < cfg.Epochs; ep++ {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			for _, i := range order {
				fs := feats[i]
				var z [numClasses]float64
				for _, id := range fs {
					for c := 0; c < numClasses; c++ {
						z[c] += float64(w[int(id)*numClasses+c])
					}
				}
				p := softmax(z, 1)
				y := ex[i].Label
				for c := 0; c < numClasses; c++ {
					g := p[c]
					if Label(c) == y {
						g -= 1
					}
					g *= cw[y]
					for _, id := range fs {
						k := int(id)*numClasses + c
						gg := float32(g) + float32(cfg.L2)*w[k]
						g2[k] += gg * gg
						w[k] -= float32(cfg.LR) * gg / float32(math.Sqrt(float64(g2[k]))+1e-8)
					}
				}
			}
		}
		m.parts = append(m.parts, part{feat: f, w: w})
	}
	return m
}

// Calibrate fits the softmax temperature on held-out examples by minimising
// the negative log-likelihood over a grid.
func (m *Model) Calibrate(ex []Example) {
	zs := make([][numClasses]float64, len(ex))
	var toks []token.Token
	for i, e := range ex {
		toks = token.Tokenize(toks[:0], e.Text)
		zs[i], _, _ = m.rawLogits(toks, false)
	}
	best, bestT := math.Inf(1), 1.0
	for t := 0.3; t <= 30; t *= 1.05 {
		nll := 0.0
		for i, z := range zs {
			for c := range z {
				z[c] += m.Bias[c]
			}
			p := softmax(z, t)
			nll -= math.Log(p[ex[i].Label] + 1e-12)
		}
		if nll < best {
			best, bestT = nll, t
		}
	}
	m.Temp = bestT
}

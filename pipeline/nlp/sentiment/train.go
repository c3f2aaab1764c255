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
	// NB lists feature sets of NB-weighted one-vs-rest logistic members.
	NB []Featurizer
	// Neural lists the neural members trained after the linear ones.
	Neural []NeuralConfig
	// ClassWeightPower weighs examples by (1/frequency)^power to help the
	// rare neutral class (0 disables).
	ClassWeightPower float64
}

// DefaultTrainConfig is the configuration used by 'pantau train sentiment'.
var DefaultTrainConfig = TrainConfig{
	Seed:   1,
	Epochs: 10,
	LR:     0.05,
	L2:     1e-4,
	Parts: []Featurizer{
		{Bits: 18, WordNgram: 2},
		{Bits: 18, WordNgram: 3},
	},
	NB: []Featurizer{{Bits: 18, WordNgram: 3}},
	Neural: []NeuralConfig{
		{Feat: Featurizer{Bits: 17, WordNgram: 2}, Dim: 16, Hidden: 32, Epochs: 10, LR: 0.2},
	},
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
		words[i] = toWords(nil, toks, nil, false)
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
	labels := make([]Label, len(ex))
	for i, e := range ex {
		labels[i] = e.Label
	}
	for bi, f := range cfg.NB {
		feats := make([][]uint32, len(ex))
		for i := range ex {
			feats[i] = f.Features(nil, words[i])
		}
		w := trainNBLR(feats, labels, f.Bits, cfg.Epochs, cfg.LR, cfg.L2, cfg.Seed+uint64(bi)*7919)
		m.parts = append(m.parts, part{feat: f, w: w})
	}
	for ni, nc := range cfg.Neural {
		feats := make([][]uint32, len(ex))
		for i := range ex {
			feats[i] = nc.Feat.Features(nil, words[i])
		}
		nn := trainMLP(feats, labels, cw, nc, cfg.Seed+uint64(ni)*1000)
		m.parts = append(m.parts, part{feat: nc.Feat, nn: nn})
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
				z[c] = z[c]/t + m.Bias[c]
			}
			p := softmax(z, 1)
			nll -= math.Log(p[ex[i].Label] + 1e-12)
		}
		if nll < best {
			best, bestT = nll, t
		}
	}
	m.Temp = bestT
}

// TuneBias sets per-class logit offsets that maximise macro-F1 on held-out
// examples (a coarse grid; the negative class stays at 0).
func (m *Model) TuneBias(ex []Example) {
	gold := make([]Label, len(ex))
	zs := make([][numClasses]float64, len(ex))
	var toks []token.Token
	for i, e := range ex {
		gold[i] = e.Label
		toks = token.Tokenize(toks[:0], e.Text)
		zs[i], _, _ = m.rawLogits(toks, false)
	}
	pred := make([]Label, len(ex))
	score := func(b [numClasses]float64) float64 {
		for i, z := range zs {
			best := 0
			for c := 1; c < numClasses; c++ {
				if z[c]/m.Temp+b[c] > z[best]/m.Temp+b[best] {
					best = c
				}
			}
			pred[i] = Label(best)
		}
		return Score(gold, pred).MacroF1
	}
	var best [numClasses]float64
	bestF := score(best)
	for bn := -1.0; bn <= 1.5001; bn += 0.1 {
		for bp := -1.0; bp <= 1.0001; bp += 0.1 {
			b := [numClasses]float64{0, bn, bp}
			if f := score(b); f > bestF+1e-9 {
				best, bestF = b, f
			}
		}
	}
	m.Bias = best
}

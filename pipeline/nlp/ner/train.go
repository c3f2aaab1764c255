package ner

import "math/rand/v2"

// TrainConfig sets the training hyper-parameters.
type TrainConfig struct {
	Seed   uint64
	Epochs int
	Bits   uint8
	// NERPLexicon adds word-type lexicon features built from NERP train
	// (NERP's sentences are lower-cased and annotated differently, so they
	// inform the tagger through the lexicon rather than as training
	// sentences).
	NERPLexicon bool
	// LexDropout is the share of training tokens whose lexicon features
	// are left out.
	LexDropout float64
}

// DefaultTrainConfig is the configuration used by 'pantau train ner'.
var DefaultTrainConfig = TrainConfig{Seed: 1, Epochs: 10, Bits: 18, NERPLexicon: true}

// Train fits an averaged structured perceptron. It is deterministic for a
// given seed.
func Train(data []Sentence, cfg TrainConfig) *Model {
	return TrainWithLexicon(data, nil, cfg)
}

// TrainWithLexicon is Train with word-type lexicon features (see
// BuildLexicon); the lexicon is stored in the model.
func TrainWithLexicon(data []Sentence, lex map[string]uint8, cfg TrainConfig) *Model {
	m := newModel(cfg.Bits)
	m.lex = lex
	mask := uint32(1)<<cfg.Bits - 1
	// Pre-extract features.
	type ex struct {
		feats []uint32
		off   []int
		gold  []int
	}
	exs := make([]ex, 0, len(data))
	var sf sentFeatures
	if cfg.LexDropout > 0 {
		drng := rand.New(rand.NewPCG(cfg.Seed, 13))
		sf.drop = func() bool { return drng.Float64() < cfg.LexDropout }
	}
	for _, s := range data {
		if len(s.Words) == 0 {
			continue
		}
		sf.extract(s.Words, s.Cased, mask, lex)
		e := ex{feats: append([]uint32(nil), sf.feats...), off: append([]int(nil), sf.off...)}
		for _, t := range s.Tags {
			e.gold = append(e.gold, tagIndex(t))
		}
		exs = append(exs, e)
	}
	// Averaging with the (w, u) trick: avg = w - u/c.
	u := make([]float32, len(m.w))
	var ut [numTags + 1][numTags]float32
	c := float32(1)
	rng := rand.New(rand.NewPCG(cfg.Seed, 7))
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	sc := &scratch{}
	for ep := 0; ep < cfg.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, k := range order {
			e := &exs[k]
			sc.sf.feats, sc.sf.off = e.feats, e.off
			n := len(e.gold)
			pred := m.viterbi(sc, n)
			prevG, prevP := numTags, numTags
			for i := 0; i < n; i++ {
				g, p := e.gold[i], pred[i]
				if g != p {
					for _, f := range e.feats[e.off[i]:e.off[i+1]] {
						m.w[int(f)*numTags+g]++
						u[int(f)*numTags+g] += c
						m.w[int(f)*numTags+p]--
						u[int(f)*numTags+p] -= c
					}
				}
				if g != p || prevG != prevP {
					m.trans[prevG][g]++
					ut[prevG][g] += c
					m.trans[prevP][p]--
					ut[prevP][p] -= c
				}
				prevG, prevP = g, p
			}
			c++
		}
	}
	for i := range m.w {
		m.w[i] -= u[i] / c
	}
	for i := range m.trans {
		for j := range m.trans[i] {
			m.trans[i][j] -= ut[i][j] / c
		}
	}
	return m
}

// Average returns a model whose weights are the mean of ms (which must share
// bits and lexicon): an ensemble of perceptrons trained with different
// seeds, steadier than any one of them.
func Average(ms []*Model) *Model {
	out := newModel(ms[0].bits)
	out.lex = ms[0].lex
	inv := 1 / float32(len(ms))
	for _, m := range ms {
		for i, v := range m.w {
			out.w[i] += v * inv
		}
		for i := range m.trans {
			for j := range m.trans[i] {
				out.trans[i][j] += m.trans[i][j] * inv
			}
		}
	}
	return out
}

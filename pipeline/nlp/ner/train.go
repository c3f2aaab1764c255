package ner

import "math/rand/v2"

// TrainConfig sets the training hyper-parameters.
type TrainConfig struct {
	Seed   uint64
	Epochs int
	Bits   uint8
	// WithNERP adds NERP train to IDNer-news-2k train.
	WithNERP bool
}

// DefaultTrainConfig is the configuration used by 'pantau train ner'.
var DefaultTrainConfig = TrainConfig{Seed: 1, Epochs: 10, Bits: 18}

// Train fits an averaged structured perceptron. It is deterministic for a
// given seed.
func Train(data []Sentence, cfg TrainConfig) *Model {
	m := newModel(cfg.Bits)
	mask := uint32(1)<<cfg.Bits - 1
	// Pre-extract features.
	type ex struct {
		feats []uint32
		off   []int
		gold  []int
	}
	exs := make([]ex, 0, len(data))
	var sf sentFeatures
	for _, s := range data {
		if len(s.Words) == 0 {
			continue
		}
		sf.extract(s.Words, s.Cased, mask)
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

package sentiment

import (
	"math"
	"math/rand/v2"
)

// trainNBLR trains a one-vs-rest NB-weighted logistic regression (NBSVM,
// Wang and Manning 2012) over binarised hashed features: each class's
// features are scaled by their naive Bayes log-count ratio, and the scaled
// weights are folded into one [feature][class] table, so serving costs the
// same as a plain linear member.
func trainNBLR(feats [][]uint32, labels []Label, bits uint8, epochs int, lr, l2 float64, seed uint64) []float32 {
	dim := 1 << bits
	// log-count ratios per class (binarised counts, alpha = 1)
	cnt := make([][numClasses]float64, dim)
	var tot [numClasses]float64
	for i, fs := range feats {
		seen := map[uint32]bool{}
		for _, f := range fs {
			if seen[f] {
				continue
			}
			seen[f] = true
			cnt[f][labels[i]]++
		}
		tot[labels[i]]++
	}
	r := make([][numClasses]float32, dim)
	var pSum, qSum [numClasses]float64
	for f := range cnt {
		for c := 0; c < numClasses; c++ {
			other := 0.0
			for k := 0; k < numClasses; k++ {
				if k != c {
					other += cnt[f][k]
				}
			}
			pSum[c] += cnt[f][c] + 1
			qSum[c] += other + 1
		}
	}
	for f := range cnt {
		for c := 0; c < numClasses; c++ {
			other := 0.0
			for k := 0; k < numClasses; k++ {
				if k != c {
					other += cnt[f][k]
				}
			}
			r[f][c] = float32(math.Log(((cnt[f][c] + 1) / pSum[c]) / ((other + 1) / qSum[c])))
		}
	}
	w := make([]float32, dim*numClasses)
	g2 := make([]float32, len(w))
	rng := rand.New(rand.NewPCG(seed, 31))
	order := make([]int, len(feats))
	for i := range order {
		order[i] = i
	}
	for ep := 0; ep < epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, i := range order {
			fs := feats[i]
			for c := 0; c < numClasses; c++ {
				z := 0.0
				for _, f := range fs {
					z += float64(w[int(f)*numClasses+c] * r[f][c])
				}
				y := 0.0
				if labels[i] == Label(c) {
					y = 1
				}
				g := 1/(1+math.Exp(-z)) - y
				for _, f := range fs {
					k := int(f)*numClasses + c
					gg := float32(g)*r[f][c] + float32(l2)*w[k]
					g2[k] += gg * gg
					w[k] -= float32(lr) * gg / (float32(math.Sqrt(float64(g2[k]))) + 1e-8)
				}
			}
		}
	}
	for f := 0; f < dim; f++ {
		for c := 0; c < numClasses; c++ {
			w[f*numClasses+c] *= r[f][c]
		}
	}
	return w
}

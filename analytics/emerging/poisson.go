package emerging

import "math"

// poissonTailLog10 returns −log10 P(X ≥ c) for X ~ Poisson(lambda).
func poissonTailLog10(c int, lambda float64) float64 {
	if c <= 0 {
		return 0
	}
	if lambda <= 0 {
		return math.Inf(1)
	}
	if float64(c) <= lambda {
		// The tail is large: 1 − P(X < c) is accurate here.
		sum, term := 0.0, math.Exp(-lambda)
		for k := 0; k < c; k++ {
			sum += term
			term *= lambda / float64(k+1)
		}
		p := 1 - sum
		if p <= 0 {
			return 0
		}
		return -math.Log10(math.Min(p, 1))
	}
	// log pmf(c), then the tail as pmf(c) · Σ Π λ/(c+i), which converges
	// quickly because λ < c.
	lg, _ := math.Lgamma(float64(c) + 1)
	logPMF := -lambda + float64(c)*math.Log(lambda) - lg
	sum, term := 1.0, 1.0
	for i := 1; i < 1000; i++ {
		term *= lambda / float64(c+i)
		sum += term
		if term < 1e-16*sum {
			break
		}
	}
	return -(logPMF + math.Log(sum)) / math.Ln10
}

// robustZ is (x − median) / max(1.4826·MAD, 1) of the baseline.
func robustZ(x float64, base []float64) float64 {
	if len(base) == 0 {
		return 0
	}
	med := median(base)
	dev := make([]float64, len(base))
	for i, v := range base {
		dev[i] = math.Abs(v - med)
	}
	return (x - med) / math.Max(1.4826*median(dev), 1)
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	// insertion sort: baselines are a few values
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

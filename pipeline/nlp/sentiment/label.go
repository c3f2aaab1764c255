package sentiment

import "fmt"

// Label is a sentiment class.
type Label uint8

// The three classes, in model output order.
const (
	Negative Label = iota
	Neutral
	Positive
	numClasses = 3
)

var labelNames = [numClasses]string{"negative", "neutral", "positive"}

// String returns "negative", "neutral" or "positive".
func (l Label) String() string {
	if int(l) < len(labelNames) {
		return labelNames[l]
	}
	return fmt.Sprintf("label(%d)", uint8(l))
}

// ParseLabel parses a label name as found in the data sets.
func ParseLabel(s string) (Label, error) {
	for i, n := range labelNames {
		if n == s {
			return Label(i), nil
		}
	}
	return 0, fmt.Errorf("unknown sentiment label %q (want negative, neutral or positive)", s)
}

// Prediction is the model output for one text.
type Prediction struct {
	Probs [numClasses]float64 // calibrated class probabilities
}

// Label returns the most probable class.
func (p Prediction) Label() Label {
	best := Label(0)
	for i := 1; i < numClasses; i++ {
		if p.Probs[i] > p.Probs[best] {
			best = Label(i)
		}
	}
	return best
}

// Score returns P(positive) - P(negative), in [-1, 1].
func (p Prediction) Score() float64 { return p.Probs[Positive] - p.Probs[Negative] }

// Confidence returns the probability of the chosen label.
func (p Prediction) Confidence() float64 { return p.Probs[p.Label()] }

package sentiment

import (
	"fmt"
	"io"
)

// ClassMetrics holds precision, recall and F1 of one class.
type ClassMetrics struct {
	Precision, Recall, F1 float64
	Support               int
}

// Metrics summarises predictions against gold labels.
type Metrics struct {
	Classes  [numClasses]ClassMetrics
	MacroF1  float64
	Accuracy float64
	N        int
}

// Score computes metrics from gold and predicted labels.
func Score(gold, pred []Label) Metrics {
	var m Metrics
	var tp, fp, fn [numClasses]int
	correct := 0
	for i := range gold {
		if gold[i] == pred[i] {
			tp[gold[i]]++
			correct++
		} else {
			fp[pred[i]]++
			fn[gold[i]]++
		}
	}
	m.N = len(gold)
	if m.N > 0 {
		m.Accuracy = float64(correct) / float64(m.N)
	}
	for c := 0; c < numClasses; c++ {
		cm := &m.Classes[c]
		cm.Support = tp[c] + fn[c]
		if tp[c]+fp[c] > 0 {
			cm.Precision = float64(tp[c]) / float64(tp[c]+fp[c])
		}
		if tp[c]+fn[c] > 0 {
			cm.Recall = float64(tp[c]) / float64(tp[c]+fn[c])
		}
		if cm.Precision+cm.Recall > 0 {
			cm.F1 = 2 * cm.Precision * cm.Recall / (cm.Precision + cm.Recall)
		}
		m.MacroF1 += cm.F1 / numClasses
	}
	return m
}

// Evaluate classifies every example and scores the result.
func (m *Model) Evaluate(ex []Example) Metrics {
	gold := make([]Label, len(ex))
	pred := make([]Label, len(ex))
	for i, e := range ex {
		gold[i] = e.Label
		pred[i] = m.Predict(e.Text).Label()
	}
	return Score(gold, pred)
}

// Write prints the metrics as a small table.
func (m Metrics) Write(w io.Writer, name string) {
	fmt.Fprintf(w, "%s (n=%d)\n", name, m.N)
	fmt.Fprintf(w, "  %-9s %9s %9s %9s %8s\n", "kelas", "presisi", "recall", "F1", "jumlah")
	for c := 0; c < numClasses; c++ {
		cm := m.Classes[c]
		fmt.Fprintf(w, "  %-9s %9.4f %9.4f %9.4f %8d\n", Label(c), cm.Precision, cm.Recall, cm.F1, cm.Support)
	}
	fmt.Fprintf(w, "  macro-F1 %.4f  akurasi %.4f\n", m.MacroF1, m.Accuracy)
}

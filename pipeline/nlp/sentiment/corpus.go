package sentiment

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"
)

// Corpus paths relative to the data directory (pipeline/nlp/data).
const (
	SmSATrain     = "smsa/train.tsv"
	SmSAValid     = "smsa/valid.tsv"
	NusaXIndTrain = "nusax/ind/train.csv"
	NusaXIndValid = "nusax/ind/valid.csv"
	NusaXBjnTrain = "nusax/bjn/train.csv"
	NusaXBjnValid = "nusax/bjn/valid.csv"
)

// TrainingSet reads SmSA train and NusaX Indonesian and Banjarese train from
// dir. NusaX texts that also occur in SmSA valid are left out, so that the
// SmSA valid score stays a held-out measure.
func TrainingSet(dir string) ([]Example, error) {
	tr, err := ReadSmSA(filepath.Join(dir, SmSATrain))
	if err != nil {
		return nil, err
	}
	va, err := ReadSmSA(filepath.Join(dir, SmSAValid))
	if err != nil {
		return nil, err
	}
	held := map[string]bool{}
	for _, e := range va {
		held[squash(e.Text)] = true
	}
	for _, p := range []string{NusaXIndTrain, NusaXBjnTrain} {
		ex, err := ReadNusaX(filepath.Join(dir, p))
		if err != nil {
			return nil, err
		}
		for _, e := range ex {
			if !held[squash(e.Text)] {
				tr = append(tr, e)
			}
		}
	}
	return tr, nil
}

// squash keeps only lower-case letters and digits, to compare texts across
// the data sets' different tokenisation.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TrainDir trains and calibrates a model from the data directory: training
// on TrainingSet; temperature calibration and per-class bias (for
// macro-F1) on SmSA valid.
func TrainDir(dir string, cfg TrainConfig) (*Model, error) {
	tr, err := TrainingSet(dir)
	if err != nil {
		return nil, fmt.Errorf("train sentiment: %w", err)
	}
	va, err := ReadSmSA(filepath.Join(dir, SmSAValid))
	if err != nil {
		return nil, fmt.Errorf("train sentiment: %w", err)
	}
	m := Train(tr, cfg)
	m.Calibrate(va)
	m.TuneBias(va)
	return m, nil
}

// NamedMetrics is the evaluation on one validation set.
type NamedMetrics struct {
	Name    string
	Metrics Metrics
}

// EvaluateDir scores the model on SmSA valid and NusaX Indonesian and
// Banjarese valid.
func (m *Model) EvaluateDir(dir string) ([]NamedMetrics, error) {
	var out []NamedMetrics
	sm, err := ReadSmSA(filepath.Join(dir, SmSAValid))
	if err != nil {
		return nil, fmt.Errorf("evaluate sentiment: %w", err)
	}
	out = append(out, NamedMetrics{"SmSA valid", m.Evaluate(sm)})
	for _, p := range []struct{ name, path string }{{"NusaX ind valid", NusaXIndValid}, {"NusaX bjn valid", NusaXBjnValid}} {
		ex, err := ReadNusaX(filepath.Join(dir, p.path))
		if err != nil {
			return nil, fmt.Errorf("evaluate sentiment: %w", err)
		}
		out = append(out, NamedMetrics{p.name, m.Evaluate(ex)})
	}
	return out, nil
}

package ner

import (
	"fmt"
	"path/filepath"
)

// Corpus paths relative to the data directory (pipeline/nlp/data).
const (
	IDNerTrain = "idner-news-2k/train.txt"
	IDNerDev   = "idner-news-2k/dev.txt"
	NERPTrain  = "nerp/train.txt"
	NERPValid  = "nerp/valid.txt"
)

// TrainDir trains a model from the data directory: IDNer-news-2k train
// as training sentences and, with cfg.NERPLexicon, NERP train as a word-type
// lexicon.
func TrainDir(dir string, cfg TrainConfig) (*Model, error) {
	tr, err := ReadCoNLL(filepath.Join(dir, IDNerTrain), true)
	if err != nil {
		return nil, fmt.Errorf("train ner: %w", err)
	}
	var lex map[string]uint8
	if cfg.NERPLexicon {
		np, err := ReadCoNLL(filepath.Join(dir, NERPTrain), false)
		if err != nil {
			return nil, fmt.Errorf("train ner: %w", err)
		}
		lex = BuildLexicon(np, 1)
	}
	return TrainWithLexicon(tr, lex, cfg), nil
}

// EvaluateDir scores the model on IDNer-news-2k dev for PER, ORG and LOC.
func (m *Model) EvaluateDir(dir string) (Metrics, error) {
	dev, err := ReadCoNLL(filepath.Join(dir, IDNerDev), true)
	if err != nil {
		return Metrics{}, fmt.Errorf("evaluate ner: %w", err)
	}
	return m.Evaluate(dev, PER, ORG, LOC), nil
}

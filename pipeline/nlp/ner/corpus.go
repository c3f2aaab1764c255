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

// TrainingSet reads the training sentences from dir: IDNer-news-2k train
// (cased) and NERP train (lower-cased, so its case features are not learned).
func TrainingSet(dir string, withNERP bool) ([]Sentence, error) {
	tr, err := ReadCoNLL(filepath.Join(dir, IDNerTrain), true)
	if err != nil {
		return nil, err
	}
	if withNERP {
		np, err := ReadCoNLL(filepath.Join(dir, NERPTrain), false)
		if err != nil {
			return nil, err
		}
		tr = append(tr, np...)
	}
	return tr, nil
}

// TrainDir trains a model from the data directory.
func TrainDir(dir string, cfg TrainConfig) (*Model, error) {
	tr, err := TrainingSet(dir, cfg.WithNERP)
	if err != nil {
		return nil, fmt.Errorf("train ner: %w", err)
	}
	return Train(tr, cfg), nil
}

// EvaluateDir scores the model on IDNer-news-2k dev for PER, ORG and LOC.
func (m *Model) EvaluateDir(dir string) (Metrics, error) {
	dev, err := ReadCoNLL(filepath.Join(dir, IDNerDev), true)
	if err != nil {
		return Metrics{}, fmt.Errorf("evaluate ner: %w", err)
	}
	return m.Evaluate(dev, PER, ORG, LOC), nil
}

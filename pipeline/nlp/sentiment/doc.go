// Package sentiment classifies Indonesian (and Banjarese) text as negative,
// neutral or positive. The model is an ensemble over normalised words,
// negation-scoped words and word n-grams (character n-grams are supported):
// two hashed-feature multinomial logistic regressions, an NB-weighted
// one-vs-rest logistic regression (NBSVM) and a fastText-style MLP whose
// embeddings are learned from the training text. It is trained in Go from
// SmSA and NusaX (see TrainDir), temperature-calibrated, and embedded in the
// binary (model.bin). In news mode (PredictTokens with news set) reporting
// words are ignored and a small lexicon of news events shifts the tone.
package sentiment

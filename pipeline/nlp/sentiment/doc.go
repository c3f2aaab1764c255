// Package sentiment classifies Indonesian (and Banjarese) text as negative,
// neutral or positive. The model is an ensemble of hashed-feature
// multinomial logistic regressions over normalised words, negation-scoped
// words, word n-grams and character n-grams, trained in Go with AdaGrad
// from SmSA and NusaX (see Train) and embedded in the binary (model.bin).
package sentiment

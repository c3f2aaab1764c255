// Package ner finds person (PER), organisation (ORG), location (LOC) and
// event (EVT) names in Indonesian text. The tagger is a first-order
// structured averaged perceptron over BIO tags with hashed lexical, shape,
// affix, context and Indonesian cue features (titles and honorifics such as
// Gubernur, Bupati, Kepala Dinas, Pj, H., Hj; institution words such as
// Dinas, Badan, DPRD, Diskominfo) and a word-type lexicon drawn from NERP.
// It is trained in Go on IDNer-news-2k train with the NERP train lexicon
// (see TrainDir) and embedded in the binary (model.bin).
package ner

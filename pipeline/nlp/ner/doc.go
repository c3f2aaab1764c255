// Package ner finds person (PER), organisation (ORG), location (LOC) and
// event (EVT) names in Indonesian text. The tagger is a first-order
// structured averaged perceptron over BIO tags with hashed lexical, shape,
// affix, context and Indonesian cue features (titles and honorifics such as
// Gubernur, Bupati, Kepala Dinas, Pj, H., Hj; institution words such as
// Dinas, Badan, DPRD, Diskominfo). It is trained in Go on IDNer-news-2k and
// NERP (see Train) and embedded in the binary (model.bin).
package ner

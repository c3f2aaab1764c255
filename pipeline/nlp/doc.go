// Package nlp is Pantau's Indonesian text analysis: language, sentiment at
// document, sentence and entity level, named entities resolved against the
// Kaltim gazetteer, attributed quotes, issue tags and key phrases. Models
// are trained in Go (see the sentiment and ner packages) and embedded, so
// analysis needs no network and no Python.
//
// Build one Analyzer with New and share it: Analyze and AnalyzeDocument are
// safe for concurrent use.
package nlp

package nlp

// Options configures an Analyzer. The zero value uses the embedded models,
// gazetteer and taxonomy.
type Options struct {
	// GazetteerFile, when set, replaces the embedded Kaltim gazetteer.
	GazetteerFile string
	// TaxonomyFile, when set, replaces the embedded issue taxonomy.
	TaxonomyFile string
	// MaxKeyphrases caps key phrases per document (default 8).
	MaxKeyphrases int
}

// DefaultMaxKeyphrases is the default cap on key phrases per document.
const DefaultMaxKeyphrases = 8

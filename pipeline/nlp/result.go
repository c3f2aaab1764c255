package nlp

import "github.com/biroadpim/pantau/pipeline/nlp/quote"

// Sentiment is a three-class tone with a score and a confidence.
type Sentiment struct {
	// Label is "negative", "neutral" or "positive".
	Label string `json:"label"`
	// Score is P(positive) - P(negative), in [-1, 1].
	Score float64 `json:"score"`
	// Confidence is the calibrated probability of Label.
	Confidence float64 `json:"confidence"`
}

// Entity is one mention of a named entity.
type Entity struct {
	Text string `json:"text"`
	// Type is PER, ORG, LOC or EVT.
	Type string `json:"type"`
	// Start and End are byte offsets of Text in the analysed text.
	Start int `json:"start"`
	End   int `json:"end"`
	// Canonical is the gazetteer name, or the normalised full name (short
	// forms such as "Faldo" resolve to the full name used in the text).
	Canonical string `json:"canonical"`
	// Role is the gazetteer role ("Gubernur Kalimantan Timur (2025–2030)"),
	// empty for entities not in the gazetteer.
	Role string `json:"role"`
	// Sentiment is the tone of the sentences mentioning this canonical
	// entity in the text (the same for all its mentions).
	Sentiment Sentiment `json:"sentiment"`
}

// Quote is a direct or indirect quote with its speaker.
type Quote = quote.Quote

// SentenceTone is the sentiment of one sentence.
type SentenceTone struct {
	// Start and End are byte offsets of the sentence in the analysed text.
	Start, End int
	Sentiment  Sentiment
}

// Result is the analysis of one text.
type Result struct {
	ID         string    `json:"id"`
	Language   string    `json:"language"`
	Sentiment  Sentiment `json:"sentiment"`
	Entities   []Entity  `json:"entities"`
	Quotes     []Quote   `json:"quotes"`
	Issues     []string  `json:"issues"`
	Keyphrases []string  `json:"keyphrases"`
	// Sentences holds the sentence-level sentiment, in text order. It is
	// not part of the JSON form.
	Sentences []SentenceTone `json:"-"`
}

package process

import (
	"context"
	"sync"

	"github.com/biroadpim/pantau/pipeline/nlp"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// modelVersion hashes the embedded models once (nlp.ModelVersion does it on every call).
var modelVersion = sync.OnceValue(nlp.ModelVersion)

// NLP adapts the Indonesian NLP analyzer to the Analyze stage.
type NLP struct {
	A *nlp.Analyzer
}

// Analyze implements Analyzer: title and lead weigh more than the body.
func (n NLP) Analyze(_ context.Context, doc *pantauv1.Document) (*pantauv1.Analysis, error) {
	r := n.A.AnalyzeDocument(doc.GetTitle(), doc.GetLead(), doc.GetBody())
	return AnalysisFromResult(r), nil
}

// AnalysisFromResult converts an NLP result to the protobuf analysis.
func AnalysisFromResult(r nlp.Result) *pantauv1.Analysis {
	a := &pantauv1.Analysis{
		Language:     r.Language,
		Sentiment:    &pantauv1.Sentiment{Label: r.Sentiment.Label, Score: r.Sentiment.Score, Confidence: r.Sentiment.Confidence},
		Issues:       r.Issues,
		Keyphrases:   r.Keyphrases,
		ModelVersion: modelVersion(),
	}
	for _, e := range r.Entities {
		a.Entities = append(a.Entities, &pantauv1.EntityMention{
			Text: e.Text, Type: e.Type, Start: int32(e.Start), End: int32(e.End), Canonical: e.Canonical, Role: e.Role,
			Sentiment: &pantauv1.Sentiment{Label: e.Sentiment.Label, Score: e.Sentiment.Score, Confidence: e.Sentiment.Confidence},
		})
	}
	for _, q := range r.Quotes {
		a.Quotes = append(a.Quotes, &pantauv1.Quote{Speaker: q.Speaker, Canonical: q.Canonical, Text: q.Text, Direct: q.Direct})
	}
	return a
}

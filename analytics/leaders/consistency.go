package leaders

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/internal/query"

	"github.com/biroadpim/pantau/analytics/documents"
)

// ToneScorer scores the tone of a statement in [-1, 1] (the lead wires the
// pipeline's sentiment model). Without one, a statement takes the tone of
// its document.
type ToneScorer interface {
	Tone(text string) float64
}

// ToneFunc adapts a function to ToneScorer, e.g.
// leaders.ToneFunc(func(s string) float64 { return nlpAnalyzer.Analyze(s).Sentiment.Score }).
type ToneFunc func(text string) float64

// Tone implements ToneScorer.
func (f ToneFunc) Tone(text string) float64 { return f(text) }

// Statement is one quote of a leader on an issue.
type Statement struct {
	documents.Article
	Speaker string  `json:"speaker"`
	Role    string  `json:"role"`
	Text    string  `json:"text"`
	Issue   string  `json:"issue"`
	Tone    float64 `json:"tone"`
}

// Conflict is a pair of statements by different leaders on one issue whose
// tone or claims diverge.
type Conflict struct {
	Issue   string    `json:"issue"`
	A       Statement `json:"a"`
	B       Statement `json:"b"`
	Gap     string    `json:"gap"`
	Reasons []Reason  `json:"reasons"`
}

// ConsistencyOptions tune Inconsistencies.
type ConsistencyOptions struct {
	// Window is the longest time between paired statements (default 72h).
	Window time.Duration
	// ToneGap is the tone threshold: statements at or above +ToneGap and at
	// or below −ToneGap have opposite tone (default 0.2).
	ToneGap float64
	// Scorer scores statement tone; nil uses the document's tone.
	Scorer ToneScorer
	// MaxStatements bounds the statements read (default 5000).
	MaxStatements int
}

const statementsSQL = `SELECT id, source, url, title, published_at, sentiment_label, sentiment_score, speaker, text,
       entity_role[indexOf(entities, speaker)] AS role, arrayMap(x -> toString(x), issues)
FROM pantau.documents FINAL
ARRAY JOIN quote_speaker AS speaker, quote_text AS text
WHERE published_at >= fromUnixTimestamp64Milli({from:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
  AND notEmpty(issues)
  AND indexOf(entities, speaker) > 0
  AND entity_type[indexOf(entities, speaker)] = 'PER'
  AND entity_role[indexOf(entities, speaker)] != ''
ORDER BY published_at, id
LIMIT {limit:UInt32}`

// Statements returns the leaders' quoted statements on issues in [from, to),
// one per quote and issue, oldest first.
func Statements(ctx context.Context, conn driver.Conn, from, to time.Time, o ConsistencyOptions) ([]Statement, error) {
	o = o.withDefaults()
	if !from.Before(to) {
		return nil, fmt.Errorf("statement range %s – %s: from must be before to", from, to)
	}
	params := map[string]string{"from": documents.Millis(from), "to": documents.Millis(to), "limit": strconv.Itoa(o.MaxStatements)}
	rows, err := conn.Query(query.WithParams(ctx, params), statementsSQL)
	if err != nil {
		return nil, fmt.Errorf("leader statements: %w", err)
	}
	defer rows.Close()
	var out []Statement
	for rows.Next() {
		var s Statement
		var issues []string
		if err := rows.Scan(&s.ID, &s.Source, &s.URL, &s.Title, &s.PublishedAt, &s.Sentiment, &s.Score, &s.Speaker, &s.Text, &s.Role, &issues); err != nil {
			return nil, fmt.Errorf("read leader statements: %w", err)
		}
		s.Tone = float64(s.Score)
		if o.Scorer != nil {
			s.Tone = o.Scorer.Tone(s.Text)
		}
		for _, is := range issues {
			s.Issue = is
			out = append(out, s)
		}
	}
	return out, rows.Err()
}

func (o ConsistencyOptions) withDefaults() ConsistencyOptions {
	if o.Window <= 0 {
		o.Window = 72 * time.Hour
	}
	if o.ToneGap <= 0 {
		o.ToneGap = 0.2
	}
	if o.MaxStatements <= 0 {
		o.MaxStatements = 5000
	}
	return o
}

// Inconsistencies pairs statements by different leaders on the same issue
// published in [from, to) at most Window apart, and returns the pairs whose
// tone or claims diverge, the most divergent and newest first.
func Inconsistencies(ctx context.Context, conn driver.Conn, from, to time.Time, o ConsistencyOptions) ([]Conflict, error) {
	o = o.withDefaults()
	sts, err := Statements(ctx, conn, from, to, o)
	if err != nil {
		return nil, err
	}
	return Pair(sts, o), nil
}

// Pair compares the statements pairwise (see Inconsistencies).
func Pair(sts []Statement, o ConsistencyOptions) []Conflict {
	o = o.withDefaults()
	byIssue := map[string][]int{}
	cl := make([]claims, len(sts))
	for i, s := range sts {
		byIssue[s.Issue] = append(byIssue[s.Issue], i)
		cl[i] = extract(s.Text)
	}
	out := []Conflict{}
	for issue, idx := range byIssue {
		sort.Slice(idx, func(a, b int) bool { return sts[idx[a]].PublishedAt.Before(sts[idx[b]].PublishedAt) })
		for x := 0; x < len(idx); x++ {
			a := sts[idx[x]]
			for y := x + 1; y < len(idx); y++ {
				b := sts[idx[y]]
				gap := b.PublishedAt.Sub(a.PublishedAt)
				if gap > o.Window {
					break
				}
				if a.Speaker == b.Speaker {
					continue
				}
				var reasons []Reason
				if (a.Tone >= o.ToneGap && b.Tone <= -o.ToneGap) || (a.Tone <= -o.ToneGap && b.Tone >= o.ToneGap) {
					reasons = append(reasons, Reason{Code: "opposite_tone", Detail: fmt.Sprintf("nada berlawanan: %s %s (%.2f), %s %s (%.2f)",
						a.Speaker, toneWord(a.Tone), a.Tone, b.Speaker, toneWord(b.Tone), b.Tone)})
				}
				reasons = append(reasons, diverge(cl[idx[x]], cl[idx[y]])...)
				if len(reasons) == 0 {
					continue
				}
				out = append(out, Conflict{Issue: issue, A: a, B: b, Gap: gap.Round(time.Minute).String(), Reasons: reasons})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Reasons) != len(out[j].Reasons) {
			return len(out[i].Reasons) > len(out[j].Reasons)
		}
		if !out[i].B.PublishedAt.Equal(out[j].B.PublishedAt) {
			return out[i].B.PublishedAt.After(out[j].B.PublishedAt)
		}
		return out[i].A.ID+out[i].B.ID < out[j].A.ID+out[j].B.ID
	})
	return out
}

func toneWord(t float64) string {
	switch {
	case t > 0:
		return "positif"
	case t < 0:
		return "negatif"
	default:
		return "netral"
	}
}

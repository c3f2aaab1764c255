package leaders

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/internal/query"

	"github.com/biroadpim/pantau/analytics/documents"
)

// Leader is the coverage of one leader in a period.
type Leader struct {
	// ID is the canonical name, the key of /api/v1/leaders/{id}.
	ID   string `json:"id"`
	Role string `json:"role"`
	// Mentions is the number of documents naming the leader.
	Mentions int `json:"mentions"`
	// Tone counts those documents by the tone toward the leader; MeanTone
	// is the mean tone score in [-1, 1].
	Positive int     `json:"positive"`
	Neutral  int     `json:"neutral"`
	Negative int     `json:"negative"`
	MeanTone float64 `json:"mean_tone"`
	// Quotes is the number of quotes attributed to the leader.
	Quotes int `json:"quotes"`
}

const mentionsSQL = `SELECT name, any(role) AS leader_role, toUInt64(uniqExact(id)) AS mentions,
       toUInt64(countIf(label = 'positive')) AS pos, toUInt64(countIf(label = 'neutral')) AS neu,
       toUInt64(countIf(label = 'negative')) AS neg, toFloat64(avg(score)) AS tone
FROM pantau.documents FINAL
ARRAY JOIN entities AS name, entity_type AS typ, entity_role AS role, entity_label AS label, entity_score AS score
WHERE published_at >= fromUnixTimestamp64Milli({from:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
  AND (empty({leader:String}) OR has(entities, {leader:String}))
  AND typ = 'PER' AND role != ''
  AND (empty({leader:String}) OR name = {leader:String})
GROUP BY name`

const quoteCountSQL = `SELECT speaker, toUInt64(count()) AS n
FROM pantau.documents FINAL
ARRAY JOIN quote_speaker AS speaker
WHERE published_at >= fromUnixTimestamp64Milli({from:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
  AND (empty({leader:String}) OR has(quote_speaker, {leader:String}))
  AND (empty({leader:String}) OR speaker = {leader:String})
GROUP BY speaker`

// Summary returns every leader mentioned in [from, to), most mentioned first.
func Summary(ctx context.Context, conn driver.Conn, from, to time.Time) ([]Leader, error) {
	return summary(ctx, conn, from, to, "")
}

func summary(ctx context.Context, conn driver.Conn, from, to time.Time, leader string) ([]Leader, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("leader range %s – %s: from must be before to", from, to)
	}
	qctx := query.WithParams(ctx, map[string]string{"from": documents.Millis(from), "to": documents.Millis(to), "leader": leader})
	rows, err := conn.Query(qctx, mentionsSQL)
	if err != nil {
		return nil, fmt.Errorf("leader mentions: %w", err)
	}
	defer rows.Close()
	out := []Leader{}
	idx := map[string]int{}
	for rows.Next() {
		var l Leader
		var m, pos, neu, neg uint64
		if err := rows.Scan(&l.ID, &l.Role, &m, &pos, &neu, &neg, &l.MeanTone); err != nil {
			return nil, fmt.Errorf("read leader mentions: %w", err)
		}
		l.Mentions, l.Positive, l.Neutral, l.Negative = int(m), int(pos), int(neu), int(neg)
		l.MeanTone = math.Round(l.MeanTone*1000) / 1000
		idx[l.ID] = len(out)
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read leader mentions: %w", err)
	}
	rows.Close()
	qrows, err := conn.Query(qctx, quoteCountSQL)
	if err != nil {
		return nil, fmt.Errorf("leader quotes: %w", err)
	}
	defer qrows.Close()
	for qrows.Next() {
		var sp string
		var n uint64
		if err := qrows.Scan(&sp, &n); err != nil {
			return nil, fmt.Errorf("read leader quotes: %w", err)
		}
		if i, ok := idx[sp]; ok {
			out[i].Quotes = int(n)
		}
	}
	if err := qrows.Err(); err != nil {
		return nil, fmt.Errorf("read leader quotes: %w", err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Mention is one document naming a leader, with the tone toward them.
type Mention struct {
	documents.Article
	Tone      float32  `json:"tone"`
	ToneLabel string   `json:"tone_label"`
	Issues    []string `json:"issues"`
}

// Quote is one statement attributed to a leader.
type Quote struct {
	documents.Article
	Text string `json:"text"`
}

// IssueCount is a leader's coverage on one issue.
type IssueCount struct {
	Issue    string  `json:"issue"`
	Mentions int     `json:"mentions"`
	MeanTone float64 `json:"mean_tone"`
}

// Detail is one leader's coverage with the documents behind it.
type Detail struct {
	Leader
	Issues         []IssueCount `json:"issues"`
	RecentMentions []Mention    `json:"recent_mentions"`
	RecentQuotes   []Quote      `json:"recent_quotes"`
}

const leaderMentionsSQL = `SELECT id, source, url, title, published_at, sentiment_label, sentiment_score,
       entity_score[indexOf(entities, {leader:String})] AS tone,
       entity_label[indexOf(entities, {leader:String})] AS tone_label,
       arrayMap(x -> toString(x), issues)
FROM pantau.documents FINAL
WHERE published_at >= fromUnixTimestamp64Milli({from:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
  AND has(entities, {leader:String})
ORDER BY published_at DESC, id
LIMIT {limit:UInt32}`

const leaderIssuesSQL = `SELECT toString(issue), toUInt64(count()), toFloat64(avg(entity_score[indexOf(entities, {leader:String})]))
FROM pantau.documents FINAL
ARRAY JOIN issues AS issue
WHERE published_at >= fromUnixTimestamp64Milli({from:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
  AND has(entities, {leader:String})
GROUP BY issue
ORDER BY count() DESC, issue`

const leaderQuotesSQL = `SELECT id, source, url, title, published_at, sentiment_label, sentiment_score, text
FROM pantau.documents FINAL
ARRAY JOIN quote_speaker AS speaker, quote_text AS text
WHERE published_at >= fromUnixTimestamp64Milli({from:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
  AND has(quote_speaker, {leader:String})
  AND speaker = {leader:String}
ORDER BY published_at DESC, id
LIMIT {limit:UInt32}`

// ErrUnknownLeader is returned by Get for a name no document in the period
// gives a leader role.
var ErrUnknownLeader = errors.New("unknown leader")

// Get returns one leader's coverage in [from, to) with the newest limit
// mentions and quotes.
func Get(ctx context.Context, conn driver.Conn, id string, from, to time.Time, limit int) (Detail, error) {
	if !from.Before(to) {
		return Detail{}, fmt.Errorf("leader range %s – %s: from must be before to", from, to)
	}
	d := Detail{Issues: []IssueCount{}, RecentMentions: []Mention{}, RecentQuotes: []Quote{}}
	qctx := query.WithParams(ctx, map[string]string{"from": documents.Millis(from), "to": documents.Millis(to),
		"leader": id, "limit": strconv.Itoa(limit)})
	// The four reads are independent: run them at once.
	var ls []Leader
	var wg sync.WaitGroup
	errs := make([]error, 4)
	wg.Go(func() { ls, errs[0] = summary(ctx, conn, from, to, id) })
	wg.Go(func() { errs[1] = readMentions(qctx, conn, &d) })
	wg.Go(func() { errs[2] = readIssues(qctx, conn, &d) })
	wg.Go(func() { errs[3] = readQuotes(qctx, conn, &d) })
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return Detail{}, err
	}
	if len(ls) == 0 {
		return Detail{}, fmt.Errorf("%w: %q", ErrUnknownLeader, id)
	}
	d.Leader = ls[0]
	return d, nil
}

func readMentions(ctx context.Context, conn driver.Conn, d *Detail) error {
	rows, err := conn.Query(ctx, leaderMentionsSQL)
	if err != nil {
		return fmt.Errorf("leader mentions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var m Mention
		if err := rows.Scan(&m.ID, &m.Source, &m.URL, &m.Title, &m.PublishedAt, &m.Sentiment, &m.Score, &m.Tone, &m.ToneLabel, &m.Issues); err != nil {
			return fmt.Errorf("read leader mentions: %w", err)
		}
		d.RecentMentions = append(d.RecentMentions, m)
	}
	return rows.Err()
}

func readIssues(ctx context.Context, conn driver.Conn, d *Detail) error {
	rows, err := conn.Query(ctx, leaderIssuesSQL)
	if err != nil {
		return fmt.Errorf("leader issues: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ic IssueCount
		var n uint64
		if err := rows.Scan(&ic.Issue, &n, &ic.MeanTone); err != nil {
			return fmt.Errorf("read leader issues: %w", err)
		}
		ic.Mentions = int(n)
		ic.MeanTone = math.Round(ic.MeanTone*1000) / 1000
		d.Issues = append(d.Issues, ic)
	}
	return rows.Err()
}

func readQuotes(ctx context.Context, conn driver.Conn, d *Detail) error {
	rows, err := conn.Query(ctx, leaderQuotesSQL)
	if err != nil {
		return fmt.Errorf("leader quotes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var q Quote
		if err := rows.Scan(&q.ID, &q.Source, &q.URL, &q.Title, &q.PublishedAt, &q.Sentiment, &q.Score, &q.Text); err != nil {
			return fmt.Errorf("read leader quotes: %w", err)
		}
		d.RecentQuotes = append(d.RecentQuotes, q)
	}
	return rows.Err()
}

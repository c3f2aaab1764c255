package spikes

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
	"github.com/biroadpim/pantau/dashboards/spike"
	"github.com/biroadpim/pantau/pipeline/store"
)

// Spike is the negative coverage of one issue (or of everything, issue
// "semua") in the window against its baseline.
type Spike struct {
	Issue string `json:"issue"`
	// Firing is the shared alert rule's verdict.
	Firing        bool    `json:"firing"`
	NegativeCount int     `json:"negative_count"`
	BaselineMean  float64 `json:"baseline_mean"`
	BaselineSD    float64 `json:"baseline_sd"`
	Score         float64 `json:"score"`
	// Total is the number of media documents in the window; NegativeShare
	// the negative ones' share of them, BaselineShare the same share over
	// the baseline windows.
	Total         int                 `json:"total"`
	NegativeShare float64             `json:"negative_share"`
	BaselineShare float64             `json:"baseline_share"`
	Articles      []documents.Article `json:"articles"`
}

// Report is the spike evaluation at one time.
type Report struct {
	At      time.Time `json:"at"`
	Window  string    `json:"window"`
	Overall Spike     `json:"overall"`
	// Issues are the issues with negative documents in the window, firing
	// ones first, then by score.
	Issues []Spike `json:"issues"`
}

// Options tune Current.
type Options struct {
	// Params is the rule (spike.Default when zero).
	Params spike.Params
	// Articles is the number of negative articles per spike (default 10).
	Articles int
}

const sharesSQL = `SELECT issue,
       toUInt64(sumIf(n, d = 0)) AS total,
       toUInt64(sumIf(n, d > 0)) AS base_total,
       toUInt64(sumIf(neg, d > 0)) AS base_negative
FROM
(
    SELECT issue, intDiv(age, 86400) AS d, count() AS n, countIf(sentiment_label = 'negative') AS neg
    FROM
    (
        SELECT dateDiff('second', published_at, {at:DateTime}) AS age, sentiment_label,
               arrayConcat(['` + spike.OverallIssue + `'], arrayMap(x -> toString(x), issues)) AS keys
        FROM pantau.documents FINAL
        WHERE NOT official
          AND published_at > {at:DateTime} - toIntervalDay({baseline_days:UInt32} + 1)
          AND published_at <= {at:DateTime}
          AND age % 86400 < {window_seconds:UInt32}
    )
    ARRAY JOIN keys AS issue
    GROUP BY issue, d
)
GROUP BY issue`

const articlesSQL = `SELECT issue, id, source, url, title, published_at, sentiment_label, sentiment_score
FROM
(
    SELECT id, source, url, title, published_at, sentiment_label, sentiment_score,
           arrayConcat(['` + spike.OverallIssue + `'], arrayMap(x -> toString(x), issues)) AS keys
    FROM pantau.documents FINAL
    WHERE NOT official
      AND sentiment_label = 'negative'
      AND published_at > {at:DateTime} - toIntervalSecond({window_seconds:UInt32})
      AND published_at <= {at:DateTime}
)
ARRAY JOIN keys AS issue
WHERE issue IN {issues:Array(String)}
ORDER BY sentiment_score, published_at DESC, id
LIMIT {per_issue:UInt32} BY issue`

// Current evaluates the spike rule at time at, overall and per issue.
func Current(ctx context.Context, conn driver.Conn, at time.Time, o Options) (Report, error) {
	p := o.Params
	if p == (spike.Params{}) {
		p = spike.Default
	}
	if err := p.Validate(); err != nil {
		return Report{}, err
	}
	if o.Articles == 0 {
		o.Articles = 10
	}
	args := p.Args(at)
	qctx := query.WithParams(ctx, args)
	// The three queries are independent: run them at once.
	var overall, issues []Spike
	var shares map[string]share
	var wg sync.WaitGroup
	var errO, errI, errS error
	wg.Go(func() { overall, errO = evaluate(qctx, conn, spike.SQL(spike.Overall)) })
	wg.Go(func() { issues, errI = evaluate(qctx, conn, spike.SQL(spike.ByIssue)) })
	wg.Go(func() { shares, errS = readShares(qctx, conn) })
	wg.Wait()
	if err := errors.Join(errO, errI, errS); err != nil {
		return Report{}, err
	}
	r := Report{At: at, Window: p.Window.String(), Overall: Spike{Issue: spike.OverallIssue}}
	if len(overall) > 0 {
		r.Overall = overall[0]
	}
	for _, s := range issues {
		if s.NegativeCount > 0 {
			r.Issues = append(r.Issues, s)
		}
	}
	sort.SliceStable(r.Issues, func(i, j int) bool {
		if r.Issues[i].Firing != r.Issues[j].Firing {
			return r.Issues[i].Firing
		}
		return r.Issues[i].Score > r.Issues[j].Score
	})
	applyShares(shares, &r.Overall)
	for i := range r.Issues {
		applyShares(shares, &r.Issues[i])
	}
	if err := addArticles(ctx, conn, args, o.Articles, &r); err != nil {
		return Report{}, err
	}
	if r.Issues == nil {
		r.Issues = []Spike{}
	}
	return r, nil
}

// evaluate runs one of the shared spike queries.
func evaluate(ctx context.Context, conn driver.Conn, q string) ([]Spike, error) {
	rows, err := conn.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("evaluate spike rule: %w", err)
	}
	defer rows.Close()
	var out []Spike
	for rows.Next() {
		var s Spike
		var n uint64
		var firing uint8
		var mean, sd, score float64
		if err := rows.Scan(&s.Issue, &n, &mean, &sd, &score, &firing); err != nil {
			return nil, fmt.Errorf("read spike rule: %w", err)
		}
		s.NegativeCount, s.Firing = int(n), firing == 1
		s.BaselineMean, s.BaselineSD, s.Score = round(mean), round(sd), round(score)
		out = append(out, s)
	}
	return out, rows.Err()
}

type share struct{ total, baseTotal, baseNeg uint64 }

func readShares(ctx context.Context, conn driver.Conn) (map[string]share, error) {
	rows, err := conn.Query(ctx, sharesSQL)
	if err != nil {
		return nil, fmt.Errorf("negative share: %w", err)
	}
	defer rows.Close()
	shares := map[string]share{}
	for rows.Next() {
		var issue string
		var s share
		if err := rows.Scan(&issue, &s.total, &s.baseTotal, &s.baseNeg); err != nil {
			return nil, fmt.Errorf("read negative share: %w", err)
		}
		shares[issue] = s
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read negative share: %w", err)
	}
	return shares, nil
}

func applyShares(shares map[string]share, s *Spike) {
	sh := shares[s.Issue]
	s.Total = int(sh.total)
	if sh.total > 0 {
		s.NegativeShare = round(float64(s.NegativeCount) / float64(sh.total))
	}
	if sh.baseTotal > 0 {
		s.BaselineShare = round(float64(sh.baseNeg) / float64(sh.baseTotal))
	}
}

// addArticles attaches the most negative articles of the window to the
// overall row and to every firing issue (or, when none fires, to the
// issues with negative documents).
func addArticles(ctx context.Context, conn driver.Conn, args map[string]string, per int, r *Report) error {
	want := []string{spike.OverallIssue}
	for _, s := range r.Issues {
		if s.Firing || len(want) < 6 {
			want = append(want, s.Issue)
		}
	}
	params := map[string]string{"at": args["at"], "window_seconds": args["window_seconds"],
		"issues": store.ArrayParam(want), "per_issue": strconv.Itoa(per)}
	rows, err := conn.Query(query.WithParams(ctx, params), articlesSQL)
	if err != nil {
		return fmt.Errorf("spike articles: %w", err)
	}
	defer rows.Close()
	byIssue := map[string][]documents.Article{}
	for rows.Next() {
		var issue string
		var a documents.Article
		if err := rows.Scan(&issue, &a.ID, &a.Source, &a.URL, &a.Title, &a.PublishedAt, &a.Sentiment, &a.Score); err != nil {
			return fmt.Errorf("read spike articles: %w", err)
		}
		byIssue[issue] = append(byIssue[issue], a)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read spike articles: %w", err)
	}
	r.Overall.Articles = byIssue[spike.OverallIssue]
	for i := range r.Issues {
		r.Issues[i].Articles = byIssue[r.Issues[i].Issue]
	}
	return nil
}

func round(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1000) / 1000
}

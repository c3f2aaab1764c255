package emerging

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/internal/query"

	"github.com/biroadpim/pantau/analytics/documents"
	"github.com/biroadpim/pantau/pipeline/store"
)

// Kinds of keys.
const (
	KindIssue  = "issue"
	KindEntity = "entity"
	KindPhrase = "phrase"
)

// Params tune Detect.
type Params struct {
	// Window is the current window ending at the evaluation time (whole hours, 1–24).
	Window time.Duration
	// BaselineDays is the number of previous days in the baseline (1–28).
	BaselineDays int
	// MinCount is the minimum number of documents in the window.
	MinCount int
	// MinSources is the minimum number of distinct outlets in the window.
	MinSources int
	// MinRatio is the minimum ratio of observed to expected count.
	MinRatio float64
	// MinScore is the minimum −log10 of the Poisson tail probability.
	MinScore float64
	// MinExpected floors the expected count.
	MinExpected float64
	// Limit bounds the bursts returned; ArticlesPerBurst the articles of each.
	Limit            int
	ArticlesPerBurst int
}

// Default is the detector used by the API and the morning brief: the last
// six hours against the same hours of the previous seven days.
var Default = Params{Window: 6 * time.Hour, BaselineDays: 7, MinCount: 5, MinSources: 2, MinRatio: 2,
	MinScore: 4, MinExpected: 0.5, Limit: 20, ArticlesPerBurst: 5}

// Validate reports unusable parameters.
func (p Params) Validate() error {
	var errs []error
	if p.Window < time.Hour || p.Window > 24*time.Hour || p.Window%time.Hour != 0 {
		errs = append(errs, fmt.Errorf("window %s: must be whole hours between 1h and 24h", p.Window))
	}
	if p.BaselineDays < 1 || p.BaselineDays > 28 {
		errs = append(errs, fmt.Errorf("baseline days %d: must be between 1 and 28", p.BaselineDays))
	}
	if p.MinCount < 1 || p.MinSources < 1 || p.MinRatio < 0 || p.MinScore < 0 || p.MinExpected <= 0 {
		errs = append(errs, errors.New("min_count and min_sources must be at least 1, min_ratio and min_score not negative, min_expected positive"))
	}
	if p.Limit < 1 || p.ArticlesPerBurst < 0 {
		errs = append(errs, fmt.Errorf("limit %d must be at least 1 and articles per burst %d not negative", p.Limit, p.ArticlesPerBurst))
	}
	return errors.Join(errs...)
}

// Burst is one key whose coverage rose above its baseline.
type Burst struct {
	Kind string `json:"kind"`
	Key  string `json:"key"`
	// Count, Sources and Negative describe the current window.
	Count    int `json:"count"`
	Sources  int `json:"sources"`
	Negative int `json:"negative"`
	// Baseline holds the counts of the same window on previous days, most
	// recent first; Expected is the (day-type adjusted, floored) mean.
	Baseline []int   `json:"baseline"`
	Expected float64 `json:"expected"`
	Ratio    float64 `json:"ratio"`
	// Score is −log10 of the Poisson tail probability; RobustZ the robust
	// z-score against the baseline (median and MAD).
	Score    float64             `json:"score"`
	RobustZ  float64             `json:"robust_z"`
	Articles []documents.Article `json:"articles"`
}

// keyCountsSQL counts documents per key and day offset d (0 = the current
// window, d > 0 = the same clock window d days earlier).
const keyCountsSQL = `SELECT kind, key,
    toUInt64(sumIf(n, d = 0)) AS current,
    toUInt64(maxIf(s, d = 0)) AS sources,
    toUInt64(sumIf(neg, d = 0)) AS negative,
    groupArrayIf(toUInt32(d), d > 0) AS days,
    groupArrayIf(toUInt64(n), d > 0) AS counts
FROM
(
    SELECT k.1 AS kind, k.2 AS key, intDiv(age, 86400) AS d, count() AS n, uniqExact(source) AS s,
           countIf(sentiment_label = 'negative') AS neg
    FROM
    (
        SELECT dateDiff('second', published_at, fromUnixTimestamp64Milli({at:Int64})) AS age, source, sentiment_label,
               arrayConcat([('total', '')],
                            arrayMap(x -> ('issue', toString(x)), issues),
                            arrayMap(x -> ('entity', x), entities),
                            arrayMap(x -> ('phrase', x), keyphrases)) AS keys
        FROM pantau.documents FINAL
        WHERE NOT official
          AND published_at > fromUnixTimestamp64Milli({at:Int64}) - toIntervalDay({baseline_days:UInt32} + 1)
          AND published_at <= fromUnixTimestamp64Milli({at:Int64})
          AND age % 86400 < {window_seconds:UInt32}
    )
    ARRAY JOIN keys AS k
    GROUP BY kind, key, d
)
GROUP BY kind, key
HAVING current >= {min_count:UInt32} OR kind = 'total'`

// articlesSQL returns the newest articles of the window for each key.
const articlesSQL = `SELECT kk, id, source, url, title, published_at, sentiment_label, sentiment_score
FROM
(
    SELECT id, source, url, title, published_at, sentiment_label, sentiment_score,
           arrayConcat(arrayMap(x -> concat('issue:', toString(x)), issues),
                       arrayMap(x -> concat('entity:', x), entities),
                       arrayMap(x -> concat('phrase:', x), keyphrases)) AS keys
    FROM pantau.documents FINAL
    WHERE NOT official
      AND published_at > fromUnixTimestamp64Milli({at:Int64}) - toIntervalSecond({window_seconds:UInt32})
      AND published_at <= fromUnixTimestamp64Milli({at:Int64})
)
ARRAY JOIN keys AS kk
WHERE kk IN {keys:Array(String)}
ORDER BY published_at DESC, id
LIMIT {per_key:UInt32} BY kk`

// Detect returns the bursts in the window ending at at, strongest first.
func Detect(ctx context.Context, conn driver.Conn, at time.Time, p Params) ([]Burst, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	params := map[string]string{
		"at":             documents.Millis(at),
		"baseline_days":  strconv.Itoa(p.BaselineDays),
		"window_seconds": strconv.Itoa(int(p.Window / time.Second)),
		"min_count":      strconv.Itoa(p.MinCount),
	}
	rows, err := conn.Query(query.WithParams(ctx, params), keyCountsSQL)
	if err != nil {
		return nil, fmt.Errorf("count keys: %w", err)
	}
	defer rows.Close()
	type keyRow struct {
		kind, key                  string
		current, sources, negative uint64
		base                       []float64
	}
	var keys []keyRow
	var total keyRow
	for rows.Next() {
		var r keyRow
		var days []uint32
		var counts []uint64
		if err := rows.Scan(&r.kind, &r.key, &r.current, &r.sources, &r.negative, &days, &counts); err != nil {
			return nil, fmt.Errorf("read key counts: %w", err)
		}
		r.base = make([]float64, p.BaselineDays)
		for i, d := range days {
			if d >= 1 && int(d) <= p.BaselineDays {
				r.base[d-1] = float64(counts[i])
			}
		}
		if r.kind == "total" {
			total = r
			continue
		}
		keys = append(keys, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read key counts: %w", err)
	}
	rows.Close()

	factor := dayTypeFactor(at, total.base)
	var bursts []Burst
	for _, r := range keys {
		mean := 0.0
		for _, v := range r.base {
			mean += v
		}
		mean /= float64(len(r.base))
		expected := math.Max(mean*factor, p.MinExpected)
		c := int(r.current)
		b := Burst{Kind: r.kind, Key: r.key, Count: c, Sources: int(r.sources), Negative: int(r.negative),
			Expected: round(expected, 3), Ratio: round(float64(c)/expected, 2),
			Score: round(poissonTailLog10(c, expected), 2), RobustZ: round(robustZ(float64(c), r.base), 2)}
		for _, v := range r.base {
			b.Baseline = append(b.Baseline, int(v))
		}
		if c < p.MinCount || b.Sources < p.MinSources || float64(c) < p.MinRatio*expected || b.Score < p.MinScore {
			continue
		}
		bursts = append(bursts, b)
	}
	sort.Slice(bursts, func(i, j int) bool {
		if bursts[i].Score != bursts[j].Score {
			return bursts[i].Score > bursts[j].Score
		}
		if bursts[i].Count != bursts[j].Count {
			return bursts[i].Count > bursts[j].Count
		}
		return bursts[i].Kind+bursts[i].Key < bursts[j].Kind+bursts[j].Key
	})
	if len(bursts) > p.Limit {
		bursts = bursts[:p.Limit]
	}
	if len(bursts) == 0 || p.ArticlesPerBurst == 0 {
		return bursts, nil
	}
	if err := attachArticles(ctx, conn, at, p, bursts); err != nil {
		return nil, err
	}
	return bursts, nil
}

// dayTypeFactor is the overall volume of baseline days of the same type as
// at's day (weekday or weekend) relative to all baseline days, in [0.5, 2].
func dayTypeFactor(at time.Time, totals []float64) float64 {
	weekend := func(t time.Time) bool {
		wd := t.Weekday()
		return wd == time.Saturday || wd == time.Sunday
	}
	local := at.In(wita)
	var same, all float64
	var nSame, nAll int
	for i, v := range totals {
		all += v
		nAll++
		if weekend(local.AddDate(0, 0, -(i+1))) == weekend(local) {
			same += v
			nSame++
		}
	}
	if nSame == 0 || all == 0 {
		return 1
	}
	f := (same / float64(nSame)) / (all / float64(nAll))
	return math.Min(math.Max(f, 0.5), 2)
}

var wita = time.FixedZone("WITA", 8*3600)

func attachArticles(ctx context.Context, conn driver.Conn, at time.Time, p Params, bursts []Burst) error {
	names := make([]string, len(bursts))
	idx := map[string]int{}
	for i, b := range bursts {
		names[i] = b.Kind + ":" + b.Key
		idx[names[i]] = i
	}
	params := map[string]string{
		"at":             documents.Millis(at),
		"window_seconds": strconv.Itoa(int(p.Window / time.Second)),
		"keys":           store.ArrayParam(names),
		"per_key":        strconv.Itoa(p.ArticlesPerBurst),
	}
	rows, err := conn.Query(query.WithParams(ctx, params), articlesSQL)
	if err != nil {
		return fmt.Errorf("read burst articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kk string
		var a documents.Article
		if err := rows.Scan(&kk, &a.ID, &a.Source, &a.URL, &a.Title, &a.PublishedAt, &a.Sentiment, &a.Score); err != nil {
			return fmt.Errorf("read burst articles: %w", err)
		}
		if i, ok := idx[kk]; ok {
			bursts[i].Articles = append(bursts[i].Articles, a)
		}
	}
	return rows.Err()
}

func round(x float64, digits int) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return 999
	}
	p := math.Pow(10, float64(digits))
	return math.Round(x*p) / p
}

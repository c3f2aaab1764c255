package emerging

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/internal/query"

	"github.com/biroadpim/pantau/analytics/documents"
)

// MaxTrendBuckets bounds the buckets of one trend.
const MaxTrendBuckets = 24 * 92

// Point is one bucket of an issue trend.
type Point struct {
	Start    time.Time `json:"start"`
	Count    int       `json:"count"`
	Negative int       `json:"negative"`
	Official int       `json:"official"`
}

// IssueTrend is the coverage of one issue over time.
type IssueTrend struct {
	Issue    string  `json:"issue"`
	Total    int     `json:"total"`
	Negative int     `json:"negative"`
	Points   []Point `json:"points"`
}

const trendSQL = `SELECT toString(issue) AS issue, toStartOfInterval(published_at, toIntervalSecond({step:UInt32}), 'Asia/Makassar') AS bucket,
       toUInt64(count()) AS n,
       toUInt64(countIf(sentiment_label = 'negative')) AS neg,
       toUInt64(countIf(official)) AS off
FROM pantau.documents FINAL
ARRAY JOIN issues AS issue
WHERE published_at >= fromUnixTimestamp64Milli({from:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
GROUP BY issue, bucket
ORDER BY issue, bucket`

// Trend returns the document counts per issue in buckets of step (an hour
// or a day) over [from, to), issues with the most documents first. Buckets
// without documents are left out.
func Trend(ctx context.Context, conn driver.Conn, from, to time.Time, step time.Duration) ([]IssueTrend, error) {
	if step != time.Hour && step != 24*time.Hour {
		return nil, fmt.Errorf("trend step %s: must be 1h or 24h", step)
	}
	if !from.Before(to) || to.Sub(from)/step > MaxTrendBuckets {
		return nil, fmt.Errorf("trend range %s – %s: from must be before to, with at most %d buckets", from, to, MaxTrendBuckets)
	}
	params := map[string]string{"from": documents.Millis(from), "to": documents.Millis(to), "step": strconv.Itoa(int(step / time.Second))}
	rows, err := conn.Query(query.WithParams(ctx, params), trendSQL)
	if err != nil {
		return nil, fmt.Errorf("issue trend: %w", err)
	}
	defer rows.Close()
	var out []IssueTrend
	for rows.Next() {
		var issue string
		var pt Point
		var n, neg, off uint64
		if err := rows.Scan(&issue, &pt.Start, &n, &neg, &off); err != nil {
			return nil, fmt.Errorf("read issue trend: %w", err)
		}
		pt.Count, pt.Negative, pt.Official = int(n), int(neg), int(off)
		if len(out) == 0 || out[len(out)-1].Issue != issue {
			out = append(out, IssueTrend{Issue: issue})
		}
		t := &out[len(out)-1]
		t.Points = append(t.Points, pt)
		t.Total += pt.Count
		t.Negative += pt.Negative
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read issue trend: %w", err)
	}
	sortByTotal(out)
	return out, nil
}

func sortByTotal(ts []IssueTrend) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && (ts[j].Total > ts[j-1].Total || (ts[j].Total == ts[j-1].Total && ts[j].Issue < ts[j-1].Issue)); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

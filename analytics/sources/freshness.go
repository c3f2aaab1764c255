package sources

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/internal/query"

	"github.com/biroadpim/pantau/analytics/documents"
)

// MinStale is the shortest silence reported as stale.
const MinStale = 6 * time.Hour

// Source is the freshness of one source.
type Source struct {
	Source        string    `json:"source"`
	Official      bool      `json:"official"`
	LastPublished time.Time `json:"last_published"`
	LastCollected time.Time `json:"last_collected"`
	// AgeSeconds is the time since the last collection.
	AgeSeconds float64 `json:"age_seconds"`
	Last24h    int     `json:"last_24h"`
	Last7d     int     `json:"last_7d"`
	// Stale is set when the source has been silent for more than
	// max(MinStale, three times its mean interval over seven days).
	Stale bool `json:"stale"`
}

const freshnessSQL = `SELECT source, max(official), max(published_at), max(collected_at),
       toUInt64(uniqExactIf(id, collected_at > fromUnixTimestamp64Milli({now:Int64}) - INTERVAL 1 DAY)),
       toUInt64(uniqExactIf(id, collected_at > fromUnixTimestamp64Milli({now:Int64}) - INTERVAL 7 DAY))
FROM pantau.documents
WHERE collected_at > fromUnixTimestamp64Milli({now:Int64}) - INTERVAL 30 DAY
  AND collected_at <= fromUnixTimestamp64Milli({now:Int64})
GROUP BY source
ORDER BY source`

// Freshness returns every source collected in the 30 days before now.
// Counts are of distinct document ids, so versions count once.
func Freshness(ctx context.Context, conn driver.Conn, now time.Time) ([]Source, error) {
	rows, err := conn.Query(query.WithParams(ctx, map[string]string{"now": documents.Millis(now)}), freshnessSQL)
	if err != nil {
		return nil, fmt.Errorf("source freshness: %w", err)
	}
	defer rows.Close()
	out := []Source{}
	for rows.Next() {
		var s Source
		var d1, d7 uint64
		if err := rows.Scan(&s.Source, &s.Official, &s.LastPublished, &s.LastCollected, &d1, &d7); err != nil {
			return nil, fmt.Errorf("read source freshness: %w", err)
		}
		s.Last24h, s.Last7d = int(d1), int(d7)
		age := now.Sub(s.LastCollected)
		s.AgeSeconds = math.Round(age.Seconds())
		limit := MinStale
		if d7 > 0 {
			if typical := 3 * 7 * 24 * time.Hour / time.Duration(d7); typical > limit {
				limit = typical
			}
		}
		s.Stale = age > limit
		out = append(out, s)
	}
	return out, rows.Err()
}

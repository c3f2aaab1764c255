package releases

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/internal/query"

	"github.com/biroadpim/pantau/analytics/documents"
)

// Voice is the official and media volume of one issue.
type Voice struct {
	Issue    string `json:"issue"`
	Official int    `json:"official"`
	Media    int    `json:"media"`
	// OfficialShare is official / (official + media).
	OfficialShare float64 `json:"official_share"`
}

const voiceSQL = `SELECT toString(issue) AS issue, toUInt64(countIf(official)) AS off, toUInt64(countIf(NOT official)) AS media
FROM pantau.documents FINAL
ARRAY JOIN issues AS issue
WHERE published_at >= fromUnixTimestamp64Milli({from:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
GROUP BY issue
ORDER BY off + media DESC, issue`

// ShareOfVoice returns the official and media volume per issue in [from, to).
func ShareOfVoice(ctx context.Context, conn driver.Conn, from, to time.Time) ([]Voice, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("share of voice range %s – %s: from must be before to", from, to)
	}
	rows, err := conn.Query(query.WithParams(ctx, map[string]string{"from": documents.Millis(from), "to": documents.Millis(to)}), voiceSQL)
	if err != nil {
		return nil, fmt.Errorf("share of voice: %w", err)
	}
	defer rows.Close()
	out := []Voice{}
	for rows.Next() {
		var v Voice
		var off, media uint64
		if err := rows.Scan(&v.Issue, &off, &media); err != nil {
			return nil, fmt.Errorf("read share of voice: %w", err)
		}
		v.Official, v.Media = int(off), int(media)
		if off+media > 0 {
			v.OfficialShare = math.Round(float64(off)/float64(off+media)*1000) / 1000
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

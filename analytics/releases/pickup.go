package releases

import (
	"context"
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

// MaxReleases bounds the releases of one Pickup call.
const MaxReleases = 500

// Carrier is one outlet's article in a release's story.
type Carrier struct {
	documents.Article
	// Delay is the time from the release to this article (negative when the
	// outlet published first); DelaySeconds the same in seconds.
	Delay        string  `json:"delay"`
	DelaySeconds float64 `json:"delay_seconds"`
}

// Release is one official release and its pickup.
type Release struct {
	documents.Article
	StoryID string   `json:"story_id"`
	Issues  []string `json:"issues"`
	// Outlets is the number of distinct media outlets that carried it.
	Outlets int `json:"outlets"`
	// FirstPickup is the delay of the first media article, empty without pickup.
	FirstPickup string `json:"first_pickup,omitempty"`
	// Tone counts the carriers by sentiment label; MeanScore is their mean score.
	Tone      map[string]int `json:"tone"`
	MeanScore float64        `json:"mean_score"`
	Carriers  []Carrier      `json:"carriers"`
}

const releasesSQL = `SELECT id, source, url, title, published_at, sentiment_label, sentiment_score, story_id, arrayMap(x -> toString(x), issues)
FROM pantau.documents FINAL
WHERE official
  AND published_at >= fromUnixTimestamp64Milli({from:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
ORDER BY published_at DESC, id
LIMIT {limit:UInt32}`

const carriersSQL = `SELECT story_id, id, source, url, title, published_at, sentiment_label, sentiment_score
FROM pantau.documents FINAL
WHERE NOT official
  AND story_id IN {stories:Array(String)}
  AND published_at >= fromUnixTimestamp64Milli({from:Int64}) - toIntervalDay({window_days:UInt32})
  AND published_at < fromUnixTimestamp64Milli({to:Int64}) + toIntervalDay({window_days:UInt32})
ORDER BY published_at, id`

// StoryWindow is how far around the queried range carriers are looked for:
// the story assigner's matching window.
const StoryWindow = 7 * 24 * time.Hour

// Pickup returns the official releases published in [from, to), newest
// first, each with the media articles of its story.
func Pickup(ctx context.Context, conn driver.Conn, from, to time.Time, limit int) ([]Release, error) {
	if !from.Before(to) {
		return nil, fmt.Errorf("release range %s – %s: from must be before to", from, to)
	}
	if limit <= 0 || limit > MaxReleases {
		limit = MaxReleases
	}
	params := map[string]string{"from": documents.Millis(from), "to": documents.Millis(to), "limit": strconv.Itoa(limit)}
	rows, err := conn.Query(query.WithParams(ctx, params), releasesSQL)
	if err != nil {
		return nil, fmt.Errorf("list releases: %w", err)
	}
	var out []Release
	byStory := map[string][]int{}
	for rows.Next() {
		var r Release
		if err := rows.Scan(&r.ID, &r.Source, &r.URL, &r.Title, &r.PublishedAt, &r.Sentiment, &r.Score, &r.StoryID, &r.Issues); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read releases: %w", err)
		}
		r.Tone = map[string]int{}
		r.Carriers = []Carrier{}
		byStory[r.StoryID] = append(byStory[r.StoryID], len(out))
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read releases: %w", err)
	}
	if len(out) == 0 {
		return []Release{}, nil
	}
	stories := make([]string, 0, len(byStory))
	for s := range byStory {
		stories = append(stories, s)
	}
	sort.Strings(stories)
	params = map[string]string{"from": documents.Millis(from), "to": documents.Millis(to),
		"stories": store.ArrayParam(stories), "window_days": strconv.Itoa(int(StoryWindow / (24 * time.Hour)))}
	rows, err = conn.Query(query.WithParams(ctx, params), carriersSQL)
	if err != nil {
		return nil, fmt.Errorf("find release pickup: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var story string
		var a documents.Article
		if err := rows.Scan(&story, &a.ID, &a.Source, &a.URL, &a.Title, &a.PublishedAt, &a.Sentiment, &a.Score); err != nil {
			return nil, fmt.Errorf("read release pickup: %w", err)
		}
		for _, i := range byStory[story] {
			d := a.PublishedAt.Sub(out[i].PublishedAt)
			out[i].Carriers = append(out[i].Carriers, Carrier{Article: a, Delay: d.Round(time.Minute).String(), DelaySeconds: d.Seconds()})
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read release pickup: %w", err)
	}
	for i := range out {
		summarise(&out[i])
	}
	return out, nil
}

func summarise(r *Release) {
	outlets := map[string]bool{}
	sum := 0.0
	for _, c := range r.Carriers {
		outlets[c.Source] = true
		r.Tone[c.Sentiment]++
		sum += float64(c.Score)
	}
	r.Outlets = len(outlets)
	if len(r.Carriers) > 0 {
		r.MeanScore = math.Round(sum/float64(len(r.Carriers))*1000) / 1000
		first := r.Carriers[0]
		for _, c := range r.Carriers {
			if c.DelaySeconds >= 0 {
				first = c
				break
			}
		}
		r.FirstPickup = first.Delay
	}
}

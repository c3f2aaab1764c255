package stories

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/internal/query"

	"github.com/biroadpim/pantau/analytics/documents"
)

// ErrNotFound is returned by Get for a story without documents.
var ErrNotFound = errors.New("story not found")

// MaxMembers bounds the documents Get returns for one story.
const MaxMembers = 1000

// Member is one document of a story.
type Member struct {
	documents.Article
	Official bool `json:"official"`
	// After is how long after the story's first document this one appeared.
	After        string  `json:"after"`
	AfterSeconds float64 `json:"after_seconds"`
}

// Story is a story's documents in publication order: the first outlet and
// when each outlet followed.
type Story struct {
	ID    string    `json:"id"`
	First Member    `json:"first"`
	Start time.Time `json:"start"`
	// Outlets counts distinct sources; Official the official documents.
	Outlets  int            `json:"outlets"`
	Official int            `json:"official"`
	Tone     map[string]int `json:"tone"`
	Members  []Member       `json:"members"`
}

const storySQL = `SELECT id, source, url, title, published_at, sentiment_label, sentiment_score, official
FROM pantau.documents FINAL
WHERE story_id = {story:String}
  AND published_at >= (SELECT min(published_at) FROM pantau.documents WHERE id = {story:String}) - INTERVAL 30 DAY
  AND published_at <= (SELECT max(published_at) FROM pantau.documents WHERE id = {story:String}) + INTERVAL 30 DAY
ORDER BY published_at, id
LIMIT {limit:UInt32}`

// Get returns the documents of story id. A story is named after a document
// of it (the one that started it), so only the 30 days around that
// document are read.
func Get(ctx context.Context, conn driver.Conn, id string) (Story, error) {
	rows, err := conn.Query(query.WithParams(ctx, map[string]string{"story": id, "limit": fmt.Sprint(MaxMembers)}), storySQL)
	if err != nil {
		return Story{}, fmt.Errorf("read story %s: %w", id, err)
	}
	defer rows.Close()
	st := Story{ID: id, Tone: map[string]int{}, Members: []Member{}}
	sources := map[string]bool{}
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.ID, &m.Source, &m.URL, &m.Title, &m.PublishedAt, &m.Sentiment, &m.Score, &m.Official); err != nil {
			return Story{}, fmt.Errorf("read story %s: %w", id, err)
		}
		if len(st.Members) == 0 {
			st.Start = m.PublishedAt
		}
		d := m.PublishedAt.Sub(st.Start)
		m.After, m.AfterSeconds = d.Round(time.Minute).String(), d.Seconds()
		sources[m.Source] = true
		st.Tone[m.Sentiment]++
		if m.Official {
			st.Official++
		}
		st.Members = append(st.Members, m)
	}
	if err := rows.Err(); err != nil {
		return Story{}, fmt.Errorf("read story %s: %w", id, err)
	}
	if len(st.Members) == 0 {
		return Story{}, fmt.Errorf("%w: %s", ErrNotFound, id)
	}
	st.First = st.Members[0]
	st.Outlets = len(sources)
	return st, nil
}

package documents

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/internal/query"
	"github.com/biroadpim/pantau/pipeline/store"
)

// Limits of List.
const (
	DefaultLimit = 20
	MaxLimit     = 200
	MaxRange     = 366 * 24 * time.Hour
)

// ErrBadCursor is returned for a cursor List did not produce.
var ErrBadCursor = errors.New("bad cursor")

// Filter selects documents. From and To are required; the other fields are
// optional and combine with AND.
type Filter struct {
	// Q is searched case-insensitively in title, lead and body.
	Q string
	// Issue, Entity and Source match exactly (issue key, canonical entity name, source id).
	Issue  string
	Entity string
	Source string
	// Sentiment is negative, neutral or positive.
	Sentiment string
	// Official, when set, keeps only official (true) or only media (false) documents.
	Official *bool
	// StoryID keeps the documents of one story.
	StoryID string
	// From (inclusive) and To (exclusive) bound published_at.
	From, To time.Time
	// Limit is the page size (DefaultLimit when 0, at most MaxLimit).
	Limit int
	// Cursor continues a previous page (Page.NextCursor).
	Cursor string
}

// Document is one listed document.
type Document struct {
	Article
	Lead       string   `json:"lead"`
	Official   bool     `json:"official"`
	Issues     []string `json:"issues"`
	Entities   []string `json:"entities"`
	Keyphrases []string `json:"keyphrases"`
	StoryID    string   `json:"story_id"`
}

// Page is one page of documents, newest first.
type Page struct {
	Documents []Document `json:"documents"`
	// NextCursor continues the listing; empty on the last page.
	NextCursor string `json:"next_cursor,omitempty"`
}

// Validate checks f and applies the default limit.
func (f *Filter) Validate() error {
	if f.Limit == 0 {
		f.Limit = DefaultLimit
	}
	if f.Limit < 1 || f.Limit > MaxLimit {
		return fmt.Errorf("limit %d: must be between 1 and %d", f.Limit, MaxLimit)
	}
	if f.From.IsZero() || f.To.IsZero() || !f.From.Before(f.To) {
		return fmt.Errorf("time range %s – %s: from must be before to", f.From, f.To)
	}
	if f.To.Sub(f.From) > MaxRange {
		return fmt.Errorf("time range of %s exceeds the maximum of %s", f.To.Sub(f.From), MaxRange)
	}
	switch f.Sentiment {
	case "", "negative", "neutral", "positive":
	default:
		return fmt.Errorf("sentiment %q: must be negative, neutral or positive", f.Sentiment)
	}
	return nil
}

// EncodeCursor renders the position after a document.
func EncodeCursor(published time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(published.UnixMilli(), 10) + "|" + id))
}

// DecodeCursor reads a cursor made by EncodeCursor.
func DecodeCursor(c string) (time.Time, string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	ms, id, ok := strings.Cut(string(raw), "|")
	if !ok {
		return time.Time{}, "", ErrBadCursor
	}
	v, err := strconv.ParseInt(ms, 10, 64)
	if err != nil {
		return time.Time{}, "", fmt.Errorf("%w: %v", ErrBadCursor, err)
	}
	return time.UnixMilli(v), id, nil
}

// List returns one page of documents matching f, newest first.
func List(ctx context.Context, conn driver.Conn, f Filter) (Page, error) {
	if err := f.Validate(); err != nil {
		return Page{}, err
	}
	params := map[string]string{
		"from":  Millis(f.From),
		"to":    Millis(f.To),
		"limit": strconv.Itoa(f.Limit + 1),
	}
	where := []string{
		"published_at >= fromUnixTimestamp64Milli({from:Int64})",
		"published_at < fromUnixTimestamp64Milli({to:Int64})",
	}
	add := func(name, value, cond string) {
		if value != "" {
			params[name] = value
			where = append(where, cond)
		}
	}
	add("q", f.Q, "(positionCaseInsensitiveUTF8(title, {q:String}) > 0 OR positionCaseInsensitiveUTF8(lead, {q:String}) > 0 OR positionCaseInsensitiveUTF8(body, {q:String}) > 0)")
	add("issue", f.Issue, "has(issues, {issue:String})")
	add("entity", f.Entity, "has(entities, {entity:String})")
	add("source", f.Source, "source = {source:String}")
	add("sentiment", f.Sentiment, "sentiment_label = {sentiment:String}")
	add("story", f.StoryID, "story_id = {story:String}")
	if f.Official != nil {
		add("official", strconv.FormatBool(*f.Official), "official = {official:Bool}")
	}
	if f.Cursor != "" {
		t, id, err := DecodeCursor(f.Cursor)
		if err != nil {
			return Page{}, err
		}
		params["cur_ms"] = Millis(t)
		params["cur_id"] = id
		where = append(where, "(published_at < fromUnixTimestamp64Milli({cur_ms:Int64}) OR (published_at = fromUnixTimestamp64Milli({cur_ms:Int64}) AND id < {cur_id:String}))")
	}
	cond := strings.Join(where, "\n  AND ")
	// First the page's ids, from the light columns; then only those rows in
	// full, by primary key. The ids are looked for newest first in growing
	// slices of the range (a day, a week, the rest), so a page that the
	// last day fills does not scan the whole range.
	q := `SELECT id, published_at
FROM pantau.documents FINAL
WHERE ` + cond + `
ORDER BY published_at DESC, id DESC
LIMIT {limit:UInt32}`
	hi := f.To
	if f.Cursor != "" {
		if t, _, _ := DecodeCursor(f.Cursor); t.Add(time.Millisecond).Before(hi) {
			hi = t.Add(time.Millisecond)
		}
	}
	var ids []string
	var minT, maxT time.Time
	for _, back := range []time.Duration{24 * time.Hour, 7 * 24 * time.Hour, 0} {
		lo := f.From
		if back > 0 && hi.Add(-back).After(f.From) {
			lo = hi.Add(-back)
		}
		if !lo.Before(hi) {
			continue
		}
		params["from"], params["to"] = Millis(lo), Millis(hi)
		params["limit"] = strconv.Itoa(f.Limit + 1 - len(ids))
		got, err := pageIDs(ctx, conn, q, params)
		if err != nil {
			return Page{}, err
		}
		for _, g := range got {
			if len(ids) == 0 || g.t.Before(minT) {
				minT = g.t
			}
			if len(ids) == 0 || g.t.After(maxT) {
				maxT = g.t
			}
			ids = append(ids, g.id)
		}
		if len(ids) > f.Limit || lo.Equal(f.From) {
			break
		}
		hi = lo
	}
	page := Page{Documents: []Document{}}
	if len(ids) == 0 {
		return page, nil
	}
	byID, err := fetch(ctx, conn, ids, minT, maxT)
	if err != nil {
		return Page{}, err
	}
	for _, id := range ids {
		if d, ok := byID[id]; ok {
			page.Documents = append(page.Documents, d)
		}
	}
	if len(page.Documents) > f.Limit {
		page.Documents = page.Documents[:f.Limit]
		last := page.Documents[f.Limit-1]
		page.NextCursor = EncodeCursor(last.PublishedAt, last.ID)
	}
	return page, nil
}

type idTime struct {
	id string
	t  time.Time
}

// pageIDs runs the id query of List.
func pageIDs(ctx context.Context, conn driver.Conn, q string, params map[string]string) ([]idTime, error) {
	rows, err := conn.Query(query.WithParams(ctx, params), q)
	if err != nil {
		return nil, fmt.Errorf("list documents: %w", err)
	}
	defer rows.Close()
	var out []idTime
	for rows.Next() {
		var it idTime
		if err := rows.Scan(&it.id, &it.t); err != nil {
			return nil, fmt.Errorf("read documents: %w", err)
		}
		out = append(out, it)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	return out, nil
}

const fetchSQL = `SELECT id, source, url, title, lead, published_at, sentiment_label, sentiment_score, official,
       arrayMap(x -> toString(x), issues), entities, keyphrases, story_id
FROM pantau.documents FINAL
WHERE id IN {ids:Array(String)}
  AND published_at >= fromUnixTimestamp64Milli({min:Int64})
  AND published_at <= fromUnixTimestamp64Milli({max:Int64})`

// fetch reads the listed documents in full.
func fetch(ctx context.Context, conn driver.Conn, ids []string, minT, maxT time.Time) (map[string]Document, error) {
	rows, err := conn.Query(query.WithParams(ctx, map[string]string{"ids": store.ArrayParam(ids), "min": Millis(minT), "max": Millis(maxT)}), fetchSQL)
	if err != nil {
		return nil, fmt.Errorf("read documents: %w", err)
	}
	defer rows.Close()
	out := make(map[string]Document, len(ids))
	for rows.Next() {
		var d Document
		if err := rows.Scan(&d.ID, &d.Source, &d.URL, &d.Title, &d.Lead, &d.PublishedAt, &d.Sentiment, &d.Score, &d.Official,
			&d.Issues, &d.Entities, &d.Keyphrases, &d.StoryID); err != nil {
			return nil, fmt.Errorf("read documents: %w", err)
		}
		out[d.ID] = d
	}
	return out, rows.Err()
}

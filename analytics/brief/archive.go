package brief

import (
	"context"
	"encoding/base64"
	"fmt"
	"time"

	"github.com/biroadpim/pantau/pipeline/store"
)

// Rendered is a brief in every format.
type Rendered struct {
	Brief    *Brief
	HTML     []byte
	Markdown []byte
	JSON     []byte
	// PDF is nil when Chromium was not available.
	PDF []byte
}

// Entry is one archived brief in the listing.
type Entry struct {
	Date        time.Time `json:"date"`
	GeneratedAt time.Time `json:"generated_at"`
	Documents   int       `json:"documents"`
	Negative    int       `json:"negative"`
}

// Delivery statuses.
const (
	StatusOK     = "ok"
	StatusFailed = "failed"
)

const insertBriefSQL = `INSERT INTO pantau.briefs (date, generated_at, period_from, period_to, documents, negative, json, html, markdown, pdf_base64, version)`

const loadBriefSQL = `SELECT json, html, markdown, pdf_base64
FROM pantau.briefs FINAL
WHERE date = toDate({date:String})`

const listBriefsSQL = `SELECT date, generated_at, documents, negative
FROM pantau.briefs FINAL
ORDER BY date DESC
LIMIT {limit:UInt32}`

const deliveriesSQL = `SELECT channel, status
FROM pantau.brief_deliveries FINAL
WHERE date = toDate({date:String})`

const insertDeliverySQL = `INSERT INTO pantau.brief_deliveries (date, channel, status, attempts, error, delivered_at, version)`

func dateOnly(t time.Time) time.Time {
	t = t.In(WITA)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// save archives r (a newer generation of the same date replaces it).
func (s *Service) save(ctx context.Context, r *Rendered) error {
	b := r.Brief
	d, err := ParseDate(b.Date)
	if err != nil {
		return err
	}
	batch, err := s.conn.PrepareBatch(ctx, insertBriefSQL)
	if err != nil {
		return fmt.Errorf("archive brief %s: %w", b.Date, err)
	}
	if err := batch.Append(dateOnly(d), b.GeneratedAt, b.From, b.To, uint64(b.Headline.Total.N), uint64(b.Headline.Negative.N),
		string(r.JSON), string(r.HTML), string(r.Markdown), base64.StdEncoding.EncodeToString(r.PDF),
		uint64(time.Now().UnixNano())); err != nil {
		return fmt.Errorf("archive brief %s: %w", b.Date, err)
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("archive brief %s: %w", b.Date, err)
	}
	return nil
}

// load returns the archived brief of date (nil when there is none).
func (s *Service) load(ctx context.Context, date string) (*Rendered, error) {
	rows, err := s.conn.Query(store.WithParams(ctx, map[string]string{"date": date}), loadBriefSQL)
	if err != nil {
		return nil, fmt.Errorf("read archived brief %s: %w", date, err)
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	var js, html, md, pdf64 string
	if err := rows.Scan(&js, &html, &md, &pdf64); err != nil {
		return nil, fmt.Errorf("read archived brief %s: %w", date, err)
	}
	r := &Rendered{JSON: []byte(js), HTML: []byte(html), Markdown: []byte(md)}
	if pdf64 != "" {
		if r.PDF, err = base64.StdEncoding.DecodeString(pdf64); err != nil {
			return nil, fmt.Errorf("read archived brief %s: pdf: %w", date, err)
		}
	}
	return r, nil
}

// list returns the newest archived briefs.
func (s *Service) list(ctx context.Context, limit int) ([]Entry, error) {
	rows, err := s.conn.Query(store.WithParams(ctx, map[string]string{"limit": fmt.Sprint(limit)}), listBriefsSQL)
	if err != nil {
		return nil, fmt.Errorf("list briefs: %w", err)
	}
	defer rows.Close()
	out := []Entry{}
	for rows.Next() {
		var e Entry
		var n, neg uint64
		if err := rows.Scan(&e.Date, &e.GeneratedAt, &n, &neg); err != nil {
			return nil, fmt.Errorf("list briefs: %w", err)
		}
		e.Date = time.Date(e.Date.Year(), e.Date.Month(), e.Date.Day(), 0, 0, 0, 0, WITA)
		e.GeneratedAt = e.GeneratedAt.In(WITA)
		e.Documents, e.Negative = int(n), int(neg)
		out = append(out, e)
	}
	return out, rows.Err()
}

// delivered returns the status per channel of date's deliveries.
func (s *Service) delivered(ctx context.Context, date string) (map[string]string, error) {
	rows, err := s.conn.Query(store.WithParams(ctx, map[string]string{"date": date}), deliveriesSQL)
	if err != nil {
		return nil, fmt.Errorf("read brief deliveries %s: %w", date, err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var ch, st string
		if err := rows.Scan(&ch, &st); err != nil {
			return nil, fmt.Errorf("read brief deliveries %s: %w", date, err)
		}
		out[ch] = st
	}
	return out, rows.Err()
}

// record stores the outcome of one channel's delivery.
func (s *Service) record(ctx context.Context, date, channel string, res deliverResult) error {
	d, err := ParseDate(date)
	if err != nil {
		return err
	}
	status, msg := StatusOK, ""
	if res.Err != nil {
		status, msg = StatusFailed, res.Err.Error()
	}
	batch, err := s.conn.PrepareBatch(ctx, insertDeliverySQL)
	if err != nil {
		return fmt.Errorf("record delivery: %w", err)
	}
	now := s.clock.Now()
	if err := batch.Append(dateOnly(d), channel, status, uint32(res.Attempts), msg, now, uint64(time.Now().UnixNano())); err != nil {
		return fmt.Errorf("record delivery: %w", err)
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("record delivery: %w", err)
	}
	return nil
}

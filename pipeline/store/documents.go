package store

import (
	"context"
	"fmt"
	"sort"
	"time"

	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Document is one row of pantau.documents.
type Document struct {
	ID             string
	Source         string
	Kind           string
	URL            string
	CanonicalURL   string
	Title          string
	Lead           string
	Body           string
	Author         string
	Section        string
	PublishedAt    time.Time
	CollectedAt    time.Time
	ProcessedAt    time.Time
	Language       string
	Official       bool
	SentimentLabel string
	SentimentScore float32
	Entities       []string
	EntityText     []string
	EntityType     []string
	EntityRole     []string
	EntityLabel    []string
	EntityScore    []float32
	QuoteSpeaker   []string
	QuoteText      []string
	Issues         []string
	Keyphrases     []string
	StoryID        string
	ContentHash    string
	Metadata       map[string]string
	ModelVersion   string
	DocVersion     uint32
}

// Version orders the rows of one document: a newer collected version wins,
// and among equal collected versions the latest processing wins.
func (d *Document) Version() uint64 {
	return uint64(d.DocVersion)<<42 | uint64(d.ProcessedAt.UnixMilli())&(1<<42-1)
}

// KindName maps the protobuf kind to the stored name.
func KindName(k pantauv1.Kind) string {
	switch k {
	case pantauv1.Kind_KIND_POST:
		return "post"
	case pantauv1.Kind_KIND_COMMENT:
		return "comment"
	default:
		return "article"
	}
}

// FromProcessed converts a processed document to a row. Entities are folded
// to one entry per canonical name (first surface form, mean tone).
func FromProcessed(p *pantauv1.ProcessedDocument) Document {
	d := p.GetDocument()
	a := p.GetAnalysis()
	row := Document{
		ID: d.GetId(), Source: d.GetSource(), Kind: KindName(d.GetKind()), URL: d.GetUrl(),
		CanonicalURL: d.GetCanonicalUrl(), Title: d.GetTitle(), Lead: d.GetLead(), Body: d.GetBody(),
		Author: d.GetAuthor(), Section: d.GetSection(),
		PublishedAt: d.GetPublishedAt().AsTime(), CollectedAt: d.GetCollectedAt().AsTime(),
		ProcessedAt: p.GetProcessedAt().AsTime(), Language: a.GetLanguage(), Official: d.GetOfficial(),
		SentimentLabel: a.GetSentiment().GetLabel(), SentimentScore: float32(a.GetSentiment().GetScore()),
		Issues: nonNil(a.GetIssues()), Keyphrases: nonNil(a.GetKeyphrases()), StoryID: a.GetStoryId(),
		ContentHash: d.GetContentHash(), Metadata: d.GetMetadata(), ModelVersion: a.GetModelVersion(),
		DocVersion: uint32(d.GetVersion()),
	}
	if d.GetPublishedAt() == nil {
		row.PublishedAt = row.CollectedAt
	}
	if row.Metadata == nil {
		row.Metadata = map[string]string{}
	}
	if row.SentimentLabel == "" {
		row.SentimentLabel = "neutral"
	}
	type agg struct {
		idx   int
		sum   float64
		count int
	}
	byName := map[string]*agg{}
	for _, e := range a.GetEntities() {
		name := e.GetCanonical()
		if name == "" {
			name = e.GetText()
		}
		if name == "" {
			continue
		}
		if g, ok := byName[name]; ok {
			g.sum += e.GetSentiment().GetScore()
			g.count++
			continue
		}
		byName[name] = &agg{idx: len(row.Entities), sum: e.GetSentiment().GetScore(), count: 1}
		row.Entities = append(row.Entities, name)
		row.EntityText = append(row.EntityText, e.GetText())
		row.EntityType = append(row.EntityType, e.GetType())
		row.EntityRole = append(row.EntityRole, e.GetRole())
		row.EntityLabel = append(row.EntityLabel, e.GetSentiment().GetLabel())
		row.EntityScore = append(row.EntityScore, 0)
	}
	for _, g := range byName {
		mean := g.sum / float64(g.count)
		row.EntityScore[g.idx] = float32(mean)
		if row.EntityLabel[g.idx] == "" {
			row.EntityLabel[g.idx] = LabelOf(mean)
		}
	}
	for _, q := range a.GetQuotes() {
		sp := q.GetCanonical()
		if sp == "" {
			sp = q.GetSpeaker()
		}
		row.QuoteSpeaker = append(row.QuoteSpeaker, sp)
		row.QuoteText = append(row.QuoteText, q.GetText())
	}
	row.Entities = nonNil(row.Entities)
	row.EntityText = nonNil(row.EntityText)
	row.EntityType = nonNil(row.EntityType)
	row.EntityRole = nonNil(row.EntityRole)
	row.EntityLabel = nonNil(row.EntityLabel)
	if row.EntityScore == nil {
		row.EntityScore = []float32{}
	}
	row.QuoteSpeaker = nonNil(row.QuoteSpeaker)
	row.QuoteText = nonNil(row.QuoteText)
	return row
}

// LabelOf turns a tone score in [-1, 1] into a label with a neutral band.
func LabelOf(score float64) string {
	switch {
	case score <= -0.2:
		return "negative"
	case score >= 0.2:
		return "positive"
	default:
		return "neutral"
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const insertDocuments = `INSERT INTO %s (id, source, kind, url, canonical_url, title, lead, body, author, section,
 published_at, collected_at, processed_at, language, official, sentiment_label, sentiment_score,
 entities, entity_text, entity_type, entity_role, entity_label, entity_score, quote_speaker, quote_text,
 issues, keyphrases, story_id, content_hash, metadata, model_version, doc_version, version)`

// InsertDocuments writes rows in one batch. Rows that repeat an id keep the
// highest version. A later version of a stored document keeps the stored
// publication time, so both versions stay in one partition and FINAL
// collapses them.
func (s *Store) InsertDocuments(ctx context.Context, rows []Document) error {
	if len(rows) == 0 {
		return nil
	}
	rows = latestPerID(rows)
	if err := s.keepPartition(ctx, rows); err != nil {
		return err
	}
	batch, err := s.conn.PrepareBatch(ctx, fmt.Sprintf(insertDocuments, s.table("documents")))
	if err != nil {
		return fmt.Errorf("%w: prepare insert: %v", ErrUnavailable, err)
	}
	for i := range rows {
		r := &rows[i]
		if err := batch.Append(r.ID, r.Source, r.Kind, r.URL, r.CanonicalURL, r.Title, r.Lead, r.Body, r.Author, r.Section,
			r.PublishedAt, r.CollectedAt, r.ProcessedAt, r.Language, r.Official, r.SentimentLabel, r.SentimentScore,
			r.Entities, r.EntityText, r.EntityType, r.EntityRole, r.EntityLabel, r.EntityScore, r.QuoteSpeaker, r.QuoteText,
			r.Issues, r.Keyphrases, r.StoryID, r.ContentHash, r.Metadata, r.ModelVersion, r.DocVersion, r.Version()); err != nil {
			batch.Abort()
			return fmt.Errorf("append document %s: %w", r.ID, err)
		}
	}
	if err := batch.Send(); err != nil {
		return fmt.Errorf("%w: insert %d documents: %v", ErrUnavailable, len(rows), err)
	}
	return nil
}

// latestPerID keeps one row per id: the highest version.
func latestPerID(rows []Document) []Document {
	idx := make(map[string]int, len(rows))
	out := rows[:0:0]
	for _, r := range rows {
		if i, ok := idx[r.ID]; ok {
			if r.Version() > out[i].Version() {
				out[i] = r
			}
			continue
		}
		idx[r.ID] = len(out)
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// keepPartition gives later versions of already stored documents their
// stored publication time.
func (s *Store) keepPartition(ctx context.Context, rows []Document) error {
	var ids []string
	for _, r := range rows {
		if r.DocVersion > 1 {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	q, err := s.conn.Query(WithParams(ctx, map[string]string{"ids": arrayLiteral(ids)}), "SELECT id, min(published_at) FROM "+s.table("documents")+" WHERE id IN {ids:Array(String)} GROUP BY id")
	if err != nil {
		return fmt.Errorf("%w: look up stored versions: %v", ErrUnavailable, err)
	}
	defer q.Close()
	stored := map[string]time.Time{}
	for q.Next() {
		var id string
		var t time.Time
		if err := q.Scan(&id, &t); err != nil {
			return fmt.Errorf("look up stored versions: %w", err)
		}
		stored[id] = t
	}
	if err := q.Err(); err != nil {
		return fmt.Errorf("look up stored versions: %w", err)
	}
	for i := range rows {
		if t, ok := stored[rows[i].ID]; ok {
			rows[i].PublishedAt = t
		}
	}
	return nil
}

package process

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Item is one document moving through the stages.
type Item struct {
	Doc      *pantauv1.Document
	Analysis *pantauv1.Analysis
}

// Stage transforms one item. An error sends the message to the dead-letter
// subject pantau.dlq.<Name()> with the error as the reason.
type Stage interface {
	Name() string
	Process(ctx context.Context, it *Item) error
}

// ErrRejected marks a document a stage refuses (it is dead-lettered, not retried).
var ErrRejected = errors.New("document rejected")

// Normalize checks and cleans a decoded document: required fields, size,
// valid UTF-8, whitespace.
type Normalize struct {
	MaxBodyBytes int
}

// Name implements Stage.
func (Normalize) Name() string { return "normalize" }

// Process implements Stage.
func (n Normalize) Process(_ context.Context, it *Item) error {
	d := it.Doc
	if d.GetId() == "" {
		return fmt.Errorf("%w: no id", ErrRejected)
	}
	if d.GetSource() == "" {
		return fmt.Errorf("%w: no source", ErrRejected)
	}
	if n.MaxBodyBytes > 0 && len(d.GetBody()) > n.MaxBodyBytes {
		return fmt.Errorf("%w: body of %d bytes exceeds max_body_bytes %d", ErrRejected, len(d.GetBody()), n.MaxBodyBytes)
	}
	for name, s := range map[string]string{"title": d.GetTitle(), "body": d.GetBody(), "lead": d.GetLead(), "author": d.GetAuthor(), "url": d.GetUrl()} {
		if !utf8.ValidString(s) {
			return fmt.Errorf("%w: %s is not valid UTF-8", ErrRejected, name)
		}
	}
	if strings.TrimSpace(d.GetTitle()) == "" && strings.TrimSpace(d.GetBody()) == "" {
		return fmt.Errorf("%w: empty title and body", ErrRejected)
	}
	d.Title = collapseSpace(d.GetTitle())
	d.Lead = collapseSpace(d.GetLead())
	d.Author = collapseSpace(d.GetAuthor())
	d.Body = strings.TrimSpace(d.GetBody())
	if d.GetPublishedAt() == nil {
		d.PublishedAt = d.GetCollectedAt()
	}
	if d.GetVersion() == 0 {
		d.Version = 1
	}
	if it.Analysis == nil {
		it.Analysis = &pantauv1.Analysis{}
	}
	return nil
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// Analyzer turns a document into its analysis (language, sentiment,
// entities, quotes, issues, key phrases).
type Analyzer interface {
	Analyze(ctx context.Context, doc *pantauv1.Document) (*pantauv1.Analysis, error)
}

// Analyze runs the NLP analyzer.
type Analyze struct {
	Analyzer Analyzer
}

// Name implements Stage.
func (Analyze) Name() string { return "analyze" }

// Process implements Stage.
func (a Analyze) Process(ctx context.Context, it *Item) error {
	if a.Analyzer == nil {
		return nil
	}
	res, err := a.Analyzer.Analyze(ctx, it.Doc)
	if err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	storyID := it.Analysis.GetStoryId()
	it.Analysis = res
	if it.Analysis.StoryId == "" {
		it.Analysis.StoryId = storyID
	}
	return nil
}

// StoryAssigner gives a document the id of the story it belongs to.
type StoryAssigner interface {
	Assign(ctx context.Context, doc *pantauv1.Document) (string, error)
}

// Stories groups near-duplicates and rewrites of one event under one story id.
type Stories struct {
	Assigner StoryAssigner
}

// Name implements Stage.
func (Stories) Name() string { return "stories" }

// Process implements Stage.
func (s Stories) Process(ctx context.Context, it *Item) error {
	id := it.Doc.GetId()
	if s.Assigner != nil {
		sid, err := s.Assigner.Assign(ctx, it.Doc)
		if err != nil {
			return fmt.Errorf("assign story: %w", err)
		}
		if sid != "" {
			id = sid
		}
	}
	it.Analysis.StoryId = id
	return nil
}

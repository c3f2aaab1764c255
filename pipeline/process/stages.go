package process

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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

// ProcessBatch implements BatchStage: the analysis is CPU-bound, so the
// batch is spread over the available cores.
func (a Analyze) ProcessBatch(ctx context.Context, items []*Item) []error {
	errs := make([]error, len(items))
	if a.Analyzer == nil {
		return errs
	}
	workers := min(runtime.GOMAXPROCS(0), len(items))
	var next atomic.Int64
	var wg sync.WaitGroup
	var panicked atomic.Value
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					panicked.Store(fmt.Sprint(r))
				}
			}()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(items) {
					return
				}
				errs[i] = a.Process(ctx, items[i])
			}
		}()
	}
	wg.Wait()
	if r := panicked.Load(); r != nil {
		panic(r) // the processor retries item by item to find the culprit
	}
	return errs
}

// StoryAssigner gives a document the id of the story it belongs to.
type StoryAssigner interface {
	Assign(ctx context.Context, doc *pantauv1.Document) (string, error)
}

// BatchStoryAssigner assigns the stories of a whole batch with one lookup.
type BatchStoryAssigner interface {
	AssignBatch(ctx context.Context, docs []*pantauv1.Document) ([]string, error)
}

// Stories groups near-duplicates and rewrites of one event under one story id.
// A failed lookup (ClickHouse unavailable) is not the document's fault: the
// document keeps its own id as story and goes on, so an outage never sends
// documents to the dead-letter subject.
type Stories struct {
	Assigner StoryAssigner
	Logger   *slog.Logger
}

func (s Stories) warn(err error, n int) {
	if s.Logger != nil {
		s.Logger.Warn("story lookup failed; documents keep their own story id", "err", err, "documents", n)
	}
}

// Name implements Stage.
func (Stories) Name() string { return "stories" }

// Process implements Stage.
func (s Stories) Process(ctx context.Context, it *Item) error {
	id := it.Doc.GetId()
	if s.Assigner != nil {
		sid, err := s.Assigner.Assign(ctx, it.Doc)
		if err != nil {
			s.warn(err, 1)
		} else if sid != "" {
			id = sid
		}
	}
	it.Analysis.StoryId = id
	return nil
}

// ProcessBatch implements BatchStage: with a BatchStoryAssigner the batch
// costs one lookup; otherwise each document is assigned in turn.
func (s Stories) ProcessBatch(ctx context.Context, items []*Item) []error {
	errs := make([]error, len(items))
	ba, ok := s.Assigner.(BatchStoryAssigner)
	if !ok {
		for i, it := range items {
			errs[i] = s.Process(ctx, it)
		}
		return errs
	}
	docs := make([]*pantauv1.Document, len(items))
	for i, it := range items {
		docs[i] = it.Doc
	}
	ids, err := ba.AssignBatch(ctx, docs)
	if err == nil && len(ids) != len(docs) {
		err = fmt.Errorf("assigner returned %d story ids for %d documents", len(ids), len(docs))
	}
	if err != nil {
		s.warn(err, len(docs))
	}
	for i, it := range items {
		id := it.Doc.GetId()
		if err == nil && ids[i] != "" {
			id = ids[i]
		}
		it.Analysis.StoryId = id
	}
	return errs
}

// BatchStage is a Stage that can process a whole batch at once (one lookup
// for all documents, or work spread over the cores). ProcessBatch returns
// one error per item, nil for the items it processed.
type BatchStage interface {
	Stage
	ProcessBatch(ctx context.Context, items []*Item) []error
}

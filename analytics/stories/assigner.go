package stories

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/pipeline/store"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Assigner implements the pipeline's process.StoryAssigner backed by
// ClickHouse. It is safe for concurrent use. Run it (or call Flush) so that
// buffered signatures reach ClickHouse; Close flushes what is left.
type Assigner struct {
	conn driver.Conn
	cfg  Config
	log  *slog.Logger

	mu        sync.Mutex
	cache     map[string]*entry
	order     []string // insertion order of cache, for eviction
	bands     map[uint64][]string
	pending   []*entry
	lastFlush time.Time
	flushMu   sync.Mutex
}

// entry is one document's signature and story.
type entry struct {
	docID     string
	storyID   string
	published time.Time
	sig       Signature
	bands     []uint64
}

// New returns an Assigner using conn (store.Store.Conn()); the tables come
// from the store migrations.
func New(conn driver.Conn, cfg Config, log *slog.Logger) (*Assigner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Assigner{conn: conn, cfg: cfg, log: log, cache: map[string]*entry{}, bands: map[uint64][]string{}, lastFlush: time.Now()}, nil
}

// Text is what a document's signature is computed from.
func Text(doc *pantauv1.Document) string {
	return doc.GetTitle() + "\n" + doc.GetLead() + "\n" + doc.GetBody()
}

// Assign returns the story id of doc: the story of the most similar earlier
// document within the window, or doc's own id. Assigning the same document
// again returns the same story.
func (a *Assigner) Assign(ctx context.Context, doc *pantauv1.Document) (string, error) {
	id := doc.GetId()
	if id == "" {
		return "", fmt.Errorf("assign story: document without id")
	}
	published := doc.GetPublishedAt().AsTime()
	if doc.GetPublishedAt() == nil {
		published = doc.GetCollectedAt().AsTime()
	}
	sh := Shingles(Text(doc))
	if len(sh) < a.cfg.MinShingles {
		return id, nil
	}
	e := &entry{docID: id, storyID: id, published: published, sig: Sign(sh)}
	e.bands = BandKeys(e.sig)

	a.mu.Lock()
	if prev, ok := a.cache[id]; ok {
		a.mu.Unlock()
		return prev.storyID, nil
	}
	local := a.localCandidates(e)
	a.mu.Unlock()

	remote, err := a.remoteCandidates(ctx, e)
	if err != nil {
		return "", err
	}
	for _, c := range remote {
		if c.docID == id {
			a.remember(c, false)
			return c.storyID, nil
		}
	}
	if best := a.best(e, append(local, remote...)); best != nil {
		e.storyID = best.storyID
	}
	a.remember(e, true)
	if a.shouldFlush() {
		if err := a.Flush(ctx); err != nil {
			a.log.Warn("story signatures not written yet; will retry", "err", err)
		}
	}
	return e.storyID, nil
}

// best returns the most similar candidate at or above the threshold and
// within the window (the earlier one on ties).
func (a *Assigner) best(e *entry, cands []*entry) *entry {
	var best *entry
	bestSim := 0.0
	for _, c := range cands {
		if c.docID == e.docID || absDur(c.published.Sub(e.published)) > a.cfg.Window {
			continue
		}
		s := Similarity(e.sig, c.sig)
		if s < a.cfg.Threshold {
			continue
		}
		if best == nil || s > bestSim || (s == bestSim && c.published.Before(best.published)) {
			best, bestSim = c, s
		}
	}
	return best
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// localCandidates returns cached entries sharing a band with e; a.mu held.
func (a *Assigner) localCandidates(e *entry) []*entry {
	seen := map[string]bool{}
	var out []*entry
	for _, b := range e.bands {
		ids := a.bands[b]
		// A story syndicated by hundreds of outlets must not make every new
		// copy compare with all of them: the latest few per band suffice,
		// since copies of one story share its id.
		if len(ids) > maxLocalPerBand {
			ids = ids[len(ids)-maxLocalPerBand:]
		}
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				if c, ok := a.cache[id]; ok {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// maxLocalPerBand bounds the cached candidates taken from one band.
const maxLocalPerBand = 16

// maxRemote bounds the candidates read from ClickHouse per document.
const maxRemote = 50

var candidatesSQL = candidatesQuery("SELECT {id:String}")

// candidatesQuery reads the stored signatures of documents sharing a band
// key, plus those of the documents selected by ownIDs (a document assigned
// before keeps its story).
func candidatesQuery(ownIDs string) string {
	return `SELECT doc_id, any(story_id), any(published_at), any(signature)
FROM pantau.story_signatures
WHERE doc_id IN (
    SELECT doc_id FROM
    (
        SELECT doc_id, count() AS shared FROM pantau.story_bands
        WHERE band IN {bands:Array(UInt64)}
          AND published_at >= fromUnixTimestamp64Milli({since:Int64})
          AND published_at <= fromUnixTimestamp64Milli({until:Int64})
        GROUP BY doc_id
        ORDER BY shared DESC, doc_id
        LIMIT {limit:UInt32}
    )
    UNION ALL
    ` + ownIDs + `
)
GROUP BY doc_id`
}

// remoteCandidates reads the signatures of documents sharing a band with e
// (and e's own stored signature, if it was assigned before).
func (a *Assigner) remoteCandidates(ctx context.Context, e *entry) ([]*entry, error) {
	keys := make([]string, len(e.bands))
	for i, b := range e.bands {
		keys[i] = strconv.FormatUint(b, 10)
	}
	params := map[string]string{
		"bands": "[" + strings.Join(keys, ",") + "]",
		"since": strconv.FormatInt(e.published.Add(-a.cfg.Window).UnixMilli(), 10),
		"until": strconv.FormatInt(e.published.Add(a.cfg.Window).UnixMilli(), 10),
		"limit": strconv.Itoa(maxRemote),
		"id":    e.docID,
	}
	return a.queryCandidates(ctx, candidatesSQL, params)
}

// queryCandidates runs a candidates query and reads its signatures.
func (a *Assigner) queryCandidates(ctx context.Context, sql string, params map[string]string) ([]*entry, error) {
	rows, err := a.conn.Query(store.WithParams(ctx, params), sql)
	if err != nil {
		return nil, fmt.Errorf("look up story candidates: %w", err)
	}
	defer rows.Close()
	var out []*entry
	for rows.Next() {
		c := &entry{}
		var sig []uint32
		if err := rows.Scan(&c.docID, &c.storyID, &c.published, &sig); err != nil {
			return nil, fmt.Errorf("read story candidates: %w", err)
		}
		c.sig = sig
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read story candidates: %w", err)
	}
	return out, nil
}

// remember caches e and, when fresh, queues it for ClickHouse.
func (a *Assigner) remember(e *entry, fresh bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, ok := a.cache[e.docID]; ok {
		return
	}
	if fresh {
		a.pending = append(a.pending, e)
	}
	if a.cfg.CacheSize == 0 {
		return
	}
	if e.bands == nil {
		e.bands = BandKeys(e.sig)
	}
	a.cache[e.docID] = e
	a.order = append(a.order, e.docID)
	for _, b := range e.bands {
		a.bands[b] = append(a.bands[b], e.docID)
	}
	for len(a.order) > a.cfg.CacheSize {
		a.evict(a.order[0])
		a.order = a.order[1:]
	}
	if cap(a.order) > 4*a.cfg.CacheSize {
		a.order = append([]string(nil), a.order...)
	}
}

// evict drops one cached entry and its band postings; a.mu held.
func (a *Assigner) evict(id string) {
	e, ok := a.cache[id]
	if !ok {
		return
	}
	delete(a.cache, id)
	for _, b := range e.bands {
		ids := a.bands[b]
		for i, x := range ids {
			if x == id {
				ids = append(ids[:i], ids[i+1:]...)
				break
			}
		}
		if len(ids) == 0 {
			delete(a.bands, b)
		} else {
			a.bands[b] = ids
		}
	}
}

func (a *Assigner) shouldFlush() bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.pending) >= a.cfg.FlushRows || (len(a.pending) > 0 && time.Since(a.lastFlush) >= a.cfg.FlushInterval)
}

// Flush writes the buffered signatures and band keys to ClickHouse. On
// failure they stay buffered for the next flush.
func (a *Assigner) Flush(ctx context.Context) error {
	a.flushMu.Lock()
	defer a.flushMu.Unlock()
	a.mu.Lock()
	batch := a.pending
	a.pending = nil
	a.lastFlush = time.Now()
	a.mu.Unlock()
	if len(batch) == 0 {
		return nil
	}
	if err := a.write(ctx, batch); err != nil {
		a.mu.Lock()
		a.pending = append(batch, a.pending...)
		a.mu.Unlock()
		return err
	}
	return nil
}

func (a *Assigner) write(ctx context.Context, batch []*entry) error {
	sort.Slice(batch, func(i, j int) bool { return batch[i].docID < batch[j].docID })
	sb, err := a.conn.PrepareBatch(ctx, "INSERT INTO pantau.story_signatures (doc_id, story_id, published_at, signature)")
	if err != nil {
		return fmt.Errorf("write story signatures: %w", err)
	}
	for _, e := range batch {
		if err := sb.Append(e.docID, e.storyID, e.published, []uint32(e.sig)); err != nil {
			sb.Abort()
			return fmt.Errorf("write story signature %s: %w", e.docID, err)
		}
	}
	if err := sb.Send(); err != nil {
		return fmt.Errorf("write story signatures: %w", err)
	}
	bb, err := a.conn.PrepareBatch(ctx, "INSERT INTO pantau.story_bands (band, doc_id, story_id, published_at)")
	if err != nil {
		return fmt.Errorf("write story bands: %w", err)
	}
	for _, e := range batch {
		for _, b := range e.bands {
			if err := bb.Append(b, e.docID, e.storyID, e.published); err != nil {
				bb.Abort()
				return fmt.Errorf("write story band of %s: %w", e.docID, err)
			}
		}
	}
	if err := bb.Send(); err != nil {
		return fmt.Errorf("write story bands: %w", err)
	}
	return nil
}

// Run flushes buffered signatures every FlushInterval until ctx ends, then
// flushes once more.
func (a *Assigner) Run(ctx context.Context) error {
	t := time.NewTicker(a.cfg.FlushInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			return a.Flush(fctx)
		case <-t.C:
			if err := a.Flush(ctx); err != nil {
				a.log.Warn("story signatures not written yet; will retry", "err", err)
			}
		}
	}
}

// Close flushes what is buffered.
func (a *Assigner) Close(ctx context.Context) error { return a.Flush(ctx) }

package stories

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/biroadpim/pantau/pipeline/store"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// batchCandidatesSQL reads, in one query, the stored signatures of every
// document sharing a band with any document of a batch, and the stored
// signatures of the batch's own documents (redeliveries keep their story).
// maxRemoteBatch bounds the candidates read from ClickHouse for one batch.
const maxRemoteBatch = 2000

var batchCandidatesSQL = candidatesQuery("SELECT arrayJoin({ids:Array(String)})")

// AssignBatch assigns the stories of docs with one ClickHouse lookup (the
// pipeline's batch stage). Documents are taken in publication order, so a
// later document of the batch can join the story of an earlier one. The
// result is aligned with docs.
func (a *Assigner) AssignBatch(ctx context.Context, docs []*pantauv1.Document) ([]string, error) {
	out := make([]string, len(docs))
	entries := make([]*entry, len(docs))
	bandSet := map[uint64]bool{}
	var ids []string
	var since, until time.Time
	for i, doc := range docs {
		id := doc.GetId()
		if id == "" {
			return nil, fmt.Errorf("assign story: document %d of the batch has no id", i)
		}
		out[i] = id
		published := doc.GetPublishedAt().AsTime()
		if doc.GetPublishedAt() == nil {
			published = doc.GetCollectedAt().AsTime()
		}
		sh := Shingles(Text(doc))
		if len(sh) < a.cfg.MinShingles {
			continue
		}
		e := &entry{docID: id, storyID: id, published: published, sig: Sign(sh)}
		e.bands = BandKeys(e.sig)
		entries[i] = e
		for _, b := range e.bands {
			bandSet[b] = true
		}
		ids = append(ids, id)
		if since.IsZero() || published.Before(since) {
			since = published
		}
		if until.IsZero() || published.After(until) {
			until = published
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	remote, err := a.batchCandidates(ctx, bandSet, ids, since.Add(-a.cfg.Window), until.Add(a.cfg.Window))
	if err != nil {
		return nil, err
	}
	stored := map[string]*entry{}
	byBand := map[uint64][]*entry{}
	for _, c := range remote {
		stored[c.docID] = c
		for _, b := range BandKeys(c.sig) {
			byBand[b] = append(byBand[b], c)
		}
	}
	order := make([]int, 0, len(ids))
	for i, e := range entries {
		if e != nil {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(x, y int) bool { return entries[order[x]].published.Before(entries[order[y]].published) })
	for _, i := range order {
		e := entries[i]
		a.mu.Lock()
		if prev, ok := a.cache[e.docID]; ok {
			a.mu.Unlock()
			out[i] = prev.storyID
			continue
		}
		local := a.localCandidates(e)
		a.mu.Unlock()
		if c, ok := stored[e.docID]; ok {
			a.remember(c, false)
			out[i] = c.storyID
			continue
		}
		seen := map[string]bool{}
		cands := local
		for _, b := range e.bands {
			bc := byBand[b]
			if len(bc) > maxLocalPerBand {
				bc = bc[:maxLocalPerBand]
			}
			for _, c := range bc {
				if !seen[c.docID] {
					seen[c.docID] = true
					cands = append(cands, c)
				}
			}
		}
		if best := a.best(e, cands); best != nil {
			e.storyID = best.storyID
		}
		a.remember(e, true)
		out[i] = e.storyID
	}
	if a.shouldFlush() {
		if err := a.Flush(ctx); err != nil {
			a.log.Warn("story signatures not written yet; will retry", "err", err)
		}
	}
	return out, nil
}

func (a *Assigner) batchCandidates(ctx context.Context, bands map[uint64]bool, ids []string, since, until time.Time) ([]*entry, error) {
	keys := make([]string, 0, len(bands))
	for b := range bands {
		keys = append(keys, strconv.FormatUint(b, 10))
	}
	params := map[string]string{
		"bands": "[" + strings.Join(keys, ",") + "]",
		"since": strconv.FormatInt(since.UnixMilli(), 10),
		"until": strconv.FormatInt(until.UnixMilli(), 10),
		"limit": strconv.Itoa(min(maxRemote*len(ids), maxRemoteBatch)),
		"ids":   store.ArrayParam(ids),
	}
	return a.queryCandidates(ctx, batchCandidatesSQL, params)
}

package seen

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Entry is what is remembered about one published document.
type Entry struct {
	// DocID is the id of the published document (the key may be the id of
	// the URL it was discovered under).
	DocID string `json:"doc_id"`
	// Hash is the content hash of the last published version.
	Hash string `json:"hash"`
	// Version is the last published version.
	Version uint64 `json:"version"`
	// Modified is the source's modification time of that version, if known.
	Modified time.Time `json:"modified,omitzero"`
	// Seen is when the entry was last written.
	Seen time.Time `json:"seen"`
}

// Store reads and writes entries by key (a document or URL id).
type Store interface {
	Get(ctx context.Context, key string) (Entry, bool, error)
	Put(ctx context.Context, key string, e Entry) error
}

// KV is a Store on a JetStream key-value bucket.
type KV struct {
	kv jetstream.KeyValue
}

// NewKV wraps a bucket, typically from bus.EnsureSeenBucket.
func NewKV(kv jetstream.KeyValue) *KV { return &KV{kv: kv} }

// Get returns the entry for key; ok is false when there is none.
func (s *KV) Get(ctx context.Context, key string) (Entry, bool, error) {
	v, err := s.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrKeyDeleted) {
		return Entry{}, false, nil
	}
	if err != nil {
		return Entry{}, false, fmt.Errorf("seen get %s: %w", key, err)
	}
	var e Entry
	if err := json.Unmarshal(v.Value(), &e); err != nil {
		// A corrupt entry is treated as unseen: the document is published
		// again and JetStream's duplicate window absorbs it.
		return Entry{}, false, nil
	}
	return e, true, nil
}

// Put stores the entry for key.
func (s *KV) Put(ctx context.Context, key string, e Entry) error {
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("seen put %s: %w", key, err)
	}
	if _, err := s.kv.Put(ctx, key, data); err != nil {
		return fmt.Errorf("seen put %s: %w", key, err)
	}
	return nil
}

// Memory is an in-process Store.
type Memory struct {
	mu sync.Mutex
	m  map[string]Entry
}

// NewMemory returns an empty in-process store.
func NewMemory() *Memory { return &Memory{m: map[string]Entry{}} }

// Get returns the entry for key.
func (s *Memory) Get(_ context.Context, key string) (Entry, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[key]
	return e, ok, nil
}

// Put stores the entry for key.
func (s *Memory) Put(_ context.Context, key string, e Entry) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[key] = e
	return nil
}

// Len is the number of entries.
func (s *Memory) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

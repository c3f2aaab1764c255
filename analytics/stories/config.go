package stories

import (
	"errors"
	"fmt"
	"time"
)

// Defaults of Config.
const (
	DefaultWindow        = 7 * 24 * time.Hour
	DefaultThreshold     = 0.3
	DefaultMinShingles   = 8
	DefaultCacheSize     = 20000
	DefaultFlushRows     = 500
	DefaultFlushInterval = time.Second
)

// Config tunes story assignment.
type Config struct {
	// Window is how far apart in publication time two documents of one story may be.
	Window time.Duration `yaml:"window" doc:"maximum distance in publication time between documents of one story"`
	// Threshold is the minimum estimated Jaccard similarity of word shingles.
	Threshold float64 `yaml:"threshold" doc:"minimum estimated Jaccard similarity (0-1) of word bigrams for two documents to share a story"`
	// MinShingles is the minimum number of word bigrams a document needs to join a story.
	MinShingles int `yaml:"min_shingles" doc:"documents with fewer distinct word bigrams keep their own story"`
	// CacheSize bounds the signatures kept in memory.
	CacheSize int `yaml:"cache_size" doc:"recent signatures kept in memory per replica"`
	// FlushRows and FlushInterval bound how long new signatures wait before
	// they are written to ClickHouse for the other replicas.
	FlushRows     int           `yaml:"flush_rows" doc:"signatures buffered before a write to ClickHouse"`
	FlushInterval time.Duration `yaml:"flush_interval" doc:"longest time a new signature waits before it is written to ClickHouse"`
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{Window: DefaultWindow, Threshold: DefaultThreshold, MinShingles: DefaultMinShingles,
		CacheSize: DefaultCacheSize, FlushRows: DefaultFlushRows, FlushInterval: DefaultFlushInterval}
}

// Validate reports unusable settings.
func (c Config) Validate() error {
	var errs []error
	if c.Window <= 0 {
		errs = append(errs, fmt.Errorf("stories.window %s must be positive", c.Window))
	}
	if c.Threshold <= 0 || c.Threshold > 1 {
		errs = append(errs, fmt.Errorf("stories.threshold %g must be in (0, 1]", c.Threshold))
	}
	if c.MinShingles < 1 {
		errs = append(errs, fmt.Errorf("stories.min_shingles %d must be at least 1", c.MinShingles))
	}
	if c.CacheSize < 0 || c.FlushRows < 1 || c.FlushInterval <= 0 {
		errs = append(errs, fmt.Errorf("stories cache_size %d, flush_rows %d, flush_interval %s: cache_size must not be negative, the others must be positive", c.CacheSize, c.FlushRows, c.FlushInterval))
	}
	return errors.Join(errs...)
}

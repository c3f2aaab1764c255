package collector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/biroadpim/pantau/collectors/extract"
	"github.com/biroadpim/pantau/collectors/fetch"
	"github.com/biroadpim/pantau/collectors/mastodon"
	"github.com/biroadpim/pantau/collectors/news"
	"github.com/biroadpim/pantau/collectors/seen"
	"github.com/biroadpim/pantau/collectors/sources"
	"github.com/biroadpim/pantau/collectors/telegram"
	"github.com/biroadpim/pantau/collectors/youtube"
	"github.com/biroadpim/pantau/pipeline/bus"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Publisher publishes a document on pantau.raw.<source> with its id (and
// version) as Nats-Msg-Id; *bus.Publisher implements it.
type Publisher interface {
	Publish(ctx context.Context, doc *pantauv1.Document) error
}

// Config is the crawl behaviour shared by all sources (the 'collector:'
// key of the main configuration).
type Config struct {
	// Contact goes into the User-Agent so site owners can reach us.
	Contact string `yaml:"contact" doc:"URL or e-mail in the User-Agent for site owners"`
	// UserAgent overrides the whole User-Agent string.
	UserAgent string `yaml:"user_agent" doc:"full User-Agent (default PantauBot/1.0 (+Biro Adpim Kaltim; <contact>))"`
	// Delay between two requests to one host, plus up to RandomDelay.
	Delay       time.Duration `yaml:"delay" doc:"pause between two requests to the same host"`
	RandomDelay time.Duration `yaml:"random_delay" doc:"extra random pause up to this long"`
	// Parallelism is the number of concurrent requests per host.
	Parallelism int `yaml:"parallelism" doc:"concurrent requests per host"`
	// Timeout bounds one request.
	Timeout time.Duration `yaml:"timeout" doc:"timeout of one HTTP request"`
	// MaxBodyBytes bounds one response.
	MaxBodyBytes int64 `yaml:"max_body_bytes" doc:"largest response body accepted"`
	// MaxRedirects bounds a redirect chain.
	MaxRedirects int `yaml:"max_redirects" doc:"longest redirect chain followed"`
	// Retries of 429, 5xx, timeouts and connection errors, with Backoff
	// doubling; a Retry-After longer than MaxRetryAfter ends the retries.
	Retries       int           `yaml:"retries" doc:"retries of 429, 5xx, timeouts and connection errors"`
	Backoff       time.Duration `yaml:"backoff" doc:"first retry wait, doubled each time"`
	MaxRetryAfter time.Duration `yaml:"max_retry_after" doc:"longest Retry-After honoured within a pass"`
	// Concurrency is the number of sources collected at once.
	Concurrency int `yaml:"concurrency" doc:"sources collected at the same time"`
	// Fallback is the main-content library: readability (default) or trafilatura.
	Fallback string `yaml:"fallback" doc:"generic content extractor: readability (default) or trafilatura"`
}

// DefaultConfig returns the defaults.
func DefaultConfig() Config {
	return Config{
		Contact:       "https://biroadpim.kaltimprov.go.id",
		Delay:         fetch.DefaultDelay,
		RandomDelay:   time.Second,
		Parallelism:   fetch.DefaultParallelism,
		Timeout:       fetch.DefaultTimeout,
		MaxBodyBytes:  fetch.DefaultMaxBodyBytes,
		MaxRedirects:  fetch.DefaultMaxRedirects,
		Retries:       fetch.DefaultRetries,
		Backoff:       fetch.DefaultBackoff,
		MaxRetryAfter: fetch.DefaultMaxRetryAfter,
		Concurrency:   4,
		Fallback:      string(extract.FallbackReadability),
	}
}

// Validate reports every invalid field.
func (c Config) Validate() error {
	var errs []error
	if c.Delay < 0 || c.RandomDelay < 0 {
		errs = append(errs, errors.New("collector.delay and random_delay must not be negative"))
	}
	if c.Parallelism < 1 || c.Parallelism > 16 {
		errs = append(errs, fmt.Errorf("collector.parallelism %d must be between 1 and 16", c.Parallelism))
	}
	if c.Timeout < 100*time.Millisecond {
		errs = append(errs, fmt.Errorf("collector.timeout %s is too short", c.Timeout))
	}
	if c.MaxBodyBytes < 1024 {
		errs = append(errs, fmt.Errorf("collector.max_body_bytes %d is too small", c.MaxBodyBytes))
	}
	if c.MaxRedirects < 1 || c.MaxRedirects > 20 {
		errs = append(errs, fmt.Errorf("collector.max_redirects %d must be between 1 and 20", c.MaxRedirects))
	}
	if c.Retries < 0 || c.Retries > 10 {
		errs = append(errs, fmt.Errorf("collector.retries %d must be between 0 and 10", c.Retries))
	}
	if c.Concurrency < 1 {
		errs = append(errs, fmt.Errorf("collector.concurrency %d must be at least 1", c.Concurrency))
	}
	switch extract.Fallback(c.Fallback) {
	case extract.FallbackTrafilatura, extract.FallbackReadability, "":
	default:
		errs = append(errs, fmt.Errorf("collector.fallback %q must be trafilatura or readability", c.Fallback))
	}
	return errors.Join(errs...)
}

// userAgent builds the User-Agent.
func (c Config) userAgent() string {
	if c.UserAgent != "" {
		return c.UserAgent
	}
	contact := c.Contact
	if contact == "" {
		contact = "https://biroadpim.kaltimprov.go.id"
	}
	return "PantauBot/1.0 (+Biro Adpim Kaltim; " + contact + ")"
}

// Options wire a Collector.
type Options struct {
	// Sources to collect (already selected: disabled ones are skipped).
	Sources []sources.Source
	// Publisher publishes documents (bus.NewPublisher(js)).
	Publisher Publisher
	// Seen remembers what was published (seen.NewKV(bucket)); nil means an
	// in-memory store that forgets on restart.
	Seen seen.Store
	// Registerer receives the metrics; nil means none are registered.
	Registerer prometheus.Registerer
	// Logger; nil discards.
	Logger *slog.Logger
	// Config is the crawl behaviour; zero fields take DefaultConfig values.
	Config Config
	// YouTubeAPIKey is the Data API key (PANTAU_YOUTUBE_API_KEY).
	YouTubeAPIKey string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Collector runs the sources: Run on their intervals, RunOnce for one pass.
type Collector struct {
	o       Options
	log     *slog.Logger
	m       *metrics
	seen    seen.Store
	mu      sync.Mutex
	crawler map[string]*news.Crawler
}

// New validates o and returns a collector.
func New(o Options) (*Collector, error) {
	if o.Publisher == nil {
		return nil, errors.New("collector: no publisher")
	}
	o.Config = withDefaults(o.Config)
	if err := o.Config.Validate(); err != nil {
		return nil, err
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Seen == nil {
		o.Seen = seen.NewMemory()
	}
	names := map[string]bool{}
	for _, s := range o.Sources {
		if !bus.ValidSourceName(s.Name) {
			return nil, fmt.Errorf("collector: source name %q cannot be a subject token", s.Name)
		}
		if names[s.Name] {
			return nil, fmt.Errorf("collector: source %q listed twice", s.Name)
		}
		names[s.Name] = true
	}
	m, err := newMetrics(o.Registerer, o.Now)
	if err != nil {
		return nil, fmt.Errorf("collector: register metrics: %w", err)
	}
	c := &Collector{o: o, log: o.Logger, m: m, seen: o.Seen, crawler: map[string]*news.Crawler{}}
	for _, s := range o.Sources {
		// Pre-create the series so dashboards show zeros, not gaps.
		m.pages.WithLabelValues(s.Name)
		m.published.WithLabelValues(s.Name)
		m.robots.WithLabelValues(s.Name)
	}
	return c, nil
}

func withDefaults(c Config) Config {
	d := DefaultConfig()
	if c.Contact == "" {
		c.Contact = d.Contact
	}
	if c.Delay == 0 {
		c.Delay = d.Delay
	}
	if c.Parallelism == 0 {
		c.Parallelism = d.Parallelism
	}
	if c.Timeout == 0 {
		c.Timeout = d.Timeout
	}
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = d.MaxBodyBytes
	}
	if c.MaxRedirects == 0 {
		c.MaxRedirects = d.MaxRedirects
	}
	if c.Backoff == 0 {
		c.Backoff = d.Backoff
	}
	if c.MaxRetryAfter == 0 {
		c.MaxRetryAfter = d.MaxRetryAfter
	}
	if c.Concurrency == 0 {
		c.Concurrency = d.Concurrency
	}
	if c.Fallback == "" {
		c.Fallback = d.Fallback
	}
	return c
}

// Run collects every source on its interval until ctx ends. A failed pass
// is logged and counted; it does not stop the others. Run returns nil on
// cancellation.
func (c *Collector) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	sem := make(chan struct{}, c.o.Config.Concurrency)
	for _, s := range c.o.Sources {
		wg.Go(func() {
			// Spread the first passes so all sources do not start at once.
			jitter := time.Duration(rand.Int64N(int64(min(s.Interval/10, 10*time.Second)) + 1))
			timer := time.NewTimer(jitter)
			defer timer.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-timer.C:
				}
				select {
				case sem <- struct{}{}:
				case <-ctx.Done():
					return
				}
				if err := c.Pass(ctx, s); err != nil && ctx.Err() == nil {
					c.log.Warn("collection pass failed", "source", s.Name, "err", err)
				}
				<-sem
				timer.Reset(s.Interval)
			}
		})
	}
	wg.Wait()
	return nil
}

// RunOnce makes one pass over every source and returns when all are done.
// Per-URL problems are counted and logged; the returned error joins the
// sources' fatal errors (publishing or the seen store failing).
func (c *Collector) RunOnce(ctx context.Context) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		sem  = make(chan struct{}, c.o.Config.Concurrency)
	)
	for _, s := range c.o.Sources {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if err := c.Pass(ctx, s); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("source %s: %w", s.Name, err))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Pass collects one source once.
func (c *Collector) Pass(ctx context.Context, s sources.Source) error {
	start := c.o.Now()
	log := c.log.With("source", s.Name)
	f, err := fetch.New(ctx, c.fetchOptions(s))
	if err != nil {
		return err
	}
	t := &tracker{c: c, src: s}
	switch s.Kind {
	case sources.KindNews:
		cr := c.newsCrawler(s, log)
		st, perr := cr.Pass(ctx, f, t)
		err = perr
		log.Info("pass done", "candidates", st.Candidates, "unchanged", st.Unchanged, "published", t.count(), "failed", st.Failed)
	case sources.KindTelegram:
		err = telegram.Collect(ctx, f, s, c.o.Now, t.emitPost)
	case sources.KindMastodon:
		err = mastodon.Collect(ctx, f, s, c.o.Now, t.emitPost)
	case sources.KindYouTube:
		err = youtube.Collect(ctx, f, s, c.o.YouTubeAPIKey, c.o.Now, t.emitPost)
	default:
		err = fmt.Errorf("kind %q is not collected", s.Kind)
	}
	c.m.passSeconds.WithLabelValues(s.Name).Observe(c.o.Now().Sub(start).Seconds())
	if err != nil {
		if !errors.Is(err, errPublish) {
			c.m.errors.WithLabelValues(s.Name, errKind(err)).Inc()
		}
		return err
	}
	c.m.lastSuccess.WithLabelValues(s.Name).Set(float64(c.o.Now().Unix()))
	return nil
}

func errKind(err error) string {
	var ae interface{ APIError() bool }
	if errors.As(err, &ae) {
		return "api"
	}
	return fetch.ErrorKind(err)
}

func (c *Collector) newsCrawler(s sources.Source, log *slog.Logger) *news.Crawler {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cr, ok := c.crawler[s.Name]; ok {
		return cr
	}
	cr := news.New(s, news.Options{
		Extract: extract.Options{Fallback: extract.Fallback(c.o.Config.Fallback)},
		Now:     c.o.Now,
		Logger:  log,
		Workers: c.o.Config.Parallelism,
		OnError: func(kind, u string, err error) {
			c.m.errors.WithLabelValues(s.Name, kind).Inc()
			if kind != "robots" {
				log.Debug("url failed", "url", u, "kind", kind, "err", err)
			}
		},
	})
	c.crawler[s.Name] = cr
	return cr
}

func (c *Collector) fetchOptions(s sources.Source) fetch.Options {
	cfg := c.o.Config
	return fetch.Options{
		UserAgent:      cfg.userAgent(),
		AllowedDomains: s.Allow,
		AllowPrivate:   s.AllowPrivate,
		Delay:          cfg.Delay,
		RandomDelay:    cfg.RandomDelay,
		Parallelism:    cfg.Parallelism,
		Timeout:        cfg.Timeout,
		MaxBodyBytes:   cfg.MaxBodyBytes,
		MaxRedirects:   cfg.MaxRedirects,
		Retries:        cfg.Retries,
		Backoff:        cfg.Backoff,
		MaxRetryAfter:  cfg.MaxRetryAfter,
		IgnoreRobots:   s.Kind == sources.KindMastodon || s.Kind == sources.KindYouTube,
		Observe: func(_ string, status int, err error) {
			switch {
			case err == nil:
				c.m.pages.WithLabelValues(s.Name).Inc()
			case errors.Is(err, fetch.ErrRobotsDisallowed):
				c.m.robots.WithLabelValues(s.Name).Inc()
			}
		},
	}
}

var errPublish = errors.New("publish failed")

// tracker versions and publishes documents of one source pass.
type tracker struct {
	c   *Collector
	src sources.Source

	mu        sync.Mutex
	published int
}

func (t *tracker) count() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.published
}

// Unchanged implements news.Tracker.
func (t *tracker) Unchanged(ctx context.Context, canonicalURL string, modified time.Time) (bool, error) {
	e, ok, err := t.c.seen.Get(ctx, bus.DocumentID(canonicalURL))
	if err != nil {
		return false, fmt.Errorf("%w: %w", errPublish, err)
	}
	if !ok {
		return false, nil
	}
	return modified.IsZero() || !modified.After(e.Modified), nil
}

// Emit implements news.Tracker.
func (t *tracker) Emit(ctx context.Context, canonicalURL string, doc *pantauv1.Document) error {
	keys := []string{doc.GetId()}
	if canonicalURL != "" {
		if k := bus.DocumentID(canonicalURL); k != doc.GetId() {
			keys = append(keys, k)
		}
	}
	var prev seen.Entry
	found := false
	for _, k := range keys {
		e, ok, err := t.c.seen.Get(ctx, k)
		if err != nil {
			return fmt.Errorf("%w: %w", errPublish, err)
		}
		if ok && (!found || e.Version > prev.Version) {
			prev, found = e, true
		}
	}
	now := t.c.o.Now()
	mod := docModified(doc, now)
	if found && prev.Hash == doc.GetContentHash() {
		// Same content: remember the newer modification time, publish nothing.
		if mod.After(prev.Modified) {
			prev.Modified = mod
		}
		prev.Seen = now
		for _, k := range keys {
			if err := t.c.seen.Put(ctx, k, prev); err != nil {
				return fmt.Errorf("%w: %w", errPublish, err)
			}
		}
		return nil
	}
	doc.Version = 1
	if found {
		doc.Version = prev.Version + 1
	}
	if err := t.c.o.Publisher.Publish(ctx, doc); err != nil {
		t.c.m.errors.WithLabelValues(t.src.Name, "publish").Inc()
		return fmt.Errorf("%w: %w", errPublish, err)
	}
	t.c.m.published.WithLabelValues(t.src.Name).Inc()
	if doc.GetPublishedAt() != nil {
		t.c.m.fresh.observe(t.src.Name, doc.GetPublishedAt().AsTime())
	}
	t.mu.Lock()
	t.published++
	t.mu.Unlock()
	e := seen.Entry{DocID: doc.GetId(), Hash: doc.GetContentHash(), Version: doc.GetVersion(), Modified: mod, Seen: now}
	for _, k := range keys {
		if err := t.c.seen.Put(ctx, k, e); err != nil {
			return fmt.Errorf("%w: %w", errPublish, err)
		}
	}
	return nil
}

// emitPost publishes a post or comment keyed by its own id.
func (t *tracker) emitPost(ctx context.Context, doc *pantauv1.Document) error {
	doc.Source = t.src.Name
	doc.Official = doc.GetOfficial() || t.src.Official
	if doc.GetContentHash() == "" {
		doc.ContentHash = news.ContentHash(doc.GetTitle(), doc.GetBody())
	}
	if doc.GetId() == "" {
		doc.Id = bus.PostID(t.src.Name, doc.GetNativeId())
	}
	return t.Emit(ctx, "", doc)
}

// docModified is the latest known change time of a document: its
// modified_at metadata, its publication time, or now.
func docModified(doc *pantauv1.Document, now time.Time) time.Time {
	if v := doc.GetMetadata()["modified_at"]; v != "" {
		if t, err := time.Parse(time.RFC3339, v); err == nil {
			return t
		}
	}
	if doc.GetPublishedAt() != nil {
		return doc.GetPublishedAt().AsTime()
	}
	return now
}

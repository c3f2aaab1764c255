package news

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/collectors/extract"
	"github.com/biroadpim/pantau/collectors/feed"
	"github.com/biroadpim/pantau/collectors/fetch"
	"github.com/biroadpim/pantau/collectors/sources"
	"github.com/biroadpim/pantau/pipeline/bus"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Defaults.
const (
	DefaultMaxSitemaps = 5
	DefaultWorkers     = 2
)

// Tracker decides what is new and publishes what is. The collector
// implements it on top of the seen store.
type Tracker interface {
	// Unchanged reports whether the article at canonicalURL was already
	// published and the source does not report a later modification.
	Unchanged(ctx context.Context, canonicalURL string, modified time.Time) (bool, error)
	// Emit versions and publishes a document discovered at canonicalURL.
	Emit(ctx context.Context, canonicalURL string, doc *pantauv1.Document) error
}

// Options configure a Crawler.
type Options struct {
	// Extract tunes extraction (the source's selectors are added).
	Extract extract.Options
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Logger receives per-URL problems at debug/warn level.
	Logger *slog.Logger
	// OnError is called for every failed URL with a bounded kind
	// (see fetch.ErrorKind, plus "extract", "feed_parse").
	OnError func(kind, url string, err error)
	// MaxSitemaps bounds the child sitemaps read from a sitemap index.
	MaxSitemaps int
	// Workers bounds the articles fetched at once (Colly's per-host
	// parallelism still applies).
	Workers int
}

// Crawler collects one news source.
type Crawler struct {
	src  sources.Source
	opts Options

	mu         sync.Mutex
	validators map[string]fetch.Validators // feeds and listings, for conditional GET
}

// New returns a crawler for src.
func New(src sources.Source, o Options) *Crawler {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.MaxSitemaps <= 0 {
		o.MaxSitemaps = DefaultMaxSitemaps
	}
	if o.Workers <= 0 {
		o.Workers = DefaultWorkers
	}
	if o.OnError == nil {
		o.OnError = func(string, string, error) {}
	}
	o.Extract.Selectors = src.Selectors
	return &Crawler{src: src, opts: o, validators: map[string]fetch.Validators{}}
}

// Candidate is a discovered article URL.
type Candidate struct {
	URL       string
	Canonical string
	Title     string
	Published time.Time
	Modified  time.Time
	Via       string // feed, sitemap or listing
}

// Stats summarises a pass.
type Stats struct {
	Candidates int
	Unchanged  int
	Emitted    int
	Failed     int
}

// Pass runs one collection pass: discovery, then fetch, extraction and
// emission of every new or changed article (at most the source's
// max_articles). Per-URL failures are reported through OnError and do not
// stop the pass; an Emit failure (the bus is down) does.
func (c *Crawler) Pass(ctx context.Context, f *fetch.Fetcher, t Tracker) (Stats, error) {
	var st Stats
	cands := c.Discover(ctx, f)
	st.Candidates = len(cands)
	var todo []Candidate
	for _, cand := range cands {
		same, err := t.Unchanged(ctx, cand.Canonical, cand.Modified)
		if err != nil {
			return st, err
		}
		if same {
			st.Unchanged++
			continue
		}
		todo = append(todo, cand)
	}
	if len(todo) > c.src.MaxArticles {
		todo = todo[:c.src.MaxArticles]
	}
	var (
		mu      sync.Mutex
		emitErr error
		wg      sync.WaitGroup
		sem     = make(chan struct{}, c.opts.Workers)
	)
	for _, cand := range todo {
		if ctx.Err() != nil {
			break
		}
		mu.Lock()
		stop := emitErr != nil
		mu.Unlock()
		if stop {
			break
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			doc, err := c.Article(ctx, f, cand)
			if err != nil {
				mu.Lock()
				st.Failed++
				mu.Unlock()
				return
			}
			if err := t.Emit(ctx, cand.Canonical, doc); err != nil {
				mu.Lock()
				if emitErr == nil {
					emitErr = err
				}
				mu.Unlock()
				return
			}
			mu.Lock()
			st.Emitted++
			mu.Unlock()
		})
	}
	wg.Wait()
	if emitErr != nil {
		return st, emitErr
	}
	return st, ctx.Err()
}

func (c *Crawler) fail(kind, u string, err error) {
	if kind == "" {
		kind = fetch.ErrorKind(err)
	}
	c.opts.Logger.Debug("collect url failed", "source", c.src.Name, "url", u, "kind", kind, "err", err)
	c.opts.OnError(kind, u, err)
}

// get fetches u conditionally for feeds and listings, remembering
// validators. Feeds and sitemaps (stream) are cut at the size limit rather
// than refused: the entries before the cut are still news.
func (c *Crawler) get(ctx context.Context, f *fetch.Fetcher, u string, conditional, stream bool) (*fetch.Page, error) {
	var v fetch.Validators
	if conditional {
		c.mu.Lock()
		v = c.validators[u]
		c.mu.Unlock()
	}
	get := f.Get
	if stream {
		get = f.GetPrefix
	}
	p, err := get(ctx, u, v)
	if err != nil {
		return nil, err
	}
	if conditional && !p.NotModified && (p.Validators.ETag != "" || p.Validators.LastModified != "") {
		c.mu.Lock()
		c.validators[u] = p.Validators
		c.mu.Unlock()
	}
	return p, nil
}

// Discover lists candidate articles from the source's feeds, sitemaps and
// listing pages, newest first, each once.
func (c *Crawler) Discover(ctx context.Context, f *fetch.Fetcher) []Candidate {
	byURL := map[string]*Candidate{}
	var order []string
	add := func(e feed.Entry, via string) {
		if !c.src.IsArticle(e.URL) {
			return
		}
		canon, err := canonicalArticleURL(e.URL)
		if err != nil {
			return
		}
		if prev, ok := byURL[canon]; ok {
			if prev.Title == "" {
				prev.Title = e.Title
			}
			if prev.Published.IsZero() {
				prev.Published = e.Published
			}
			if e.Modified.After(prev.Modified) {
				prev.Modified = e.Modified
			}
			return
		}
		byURL[canon] = &Candidate{URL: e.URL, Canonical: canon, Title: e.Title, Published: e.Published, Modified: e.Modified, Via: via}
		order = append(order, canon)
	}
	read := map[string]bool{} // feeds and sitemaps read in this pass
	for _, fu := range c.src.Feeds {
		if ctx.Err() != nil {
			break
		}
		c.readFeed(ctx, f, fu, 0, read, add)
	}
	for _, su := range c.src.Start {
		if ctx.Err() != nil {
			break
		}
		c.readListing(ctx, f, su, add)
	}
	out := make([]Candidate, 0, len(order))
	for _, k := range order {
		out = append(out, *byURL[k])
	}
	// Newest first; undated entries keep their discovery order after dated ones.
	sort.SliceStable(out, func(i, j int) bool {
		ti, tj := newest(out[i]), newest(out[j])
		if ti.IsZero() || tj.IsZero() {
			return !ti.IsZero() && tj.IsZero()
		}
		return ti.After(tj)
	})
	return out
}

func newest(c Candidate) time.Time {
	if c.Modified.After(c.Published) {
		return c.Modified
	}
	return c.Published
}

// readFeed reads a feed or sitemap, and the children of a sitemap index one
// level down (an index inside an index is not followed), each URL at most
// once per pass, so index loops end.
func (c *Crawler) readFeed(ctx context.Context, f *fetch.Fetcher, u string, depth int, read map[string]bool, add func(feed.Entry, string)) {
	if read[u] {
		return
	}
	read[u] = true
	p, err := c.get(ctx, f, u, true, true)
	if err != nil {
		c.fail("", u, err)
		return
	}
	if p.NotModified {
		return
	}
	res, err := feed.Parse(p.Body, p.URL, c.opts.Now())
	if err != nil {
		c.fail("feed_parse", u, err)
		return
	}
	if p.Truncated || res.Truncated {
		c.opts.Logger.Warn("feed or sitemap cut short, entries before the cut kept",
			"source", c.src.Name, "url", u, "entries", len(res.Entries), "bytes", len(p.Body))
	}
	via := "feed"
	if strings.Contains(strings.ToLower(u), "sitemap") {
		via = "sitemap"
	}
	for _, e := range res.Entries {
		add(e, via)
	}
	if depth > 0 {
		return // an index inside an index is not followed
	}
	for i, child := range res.Sitemaps {
		if i >= c.opts.MaxSitemaps || ctx.Err() != nil {
			break
		}
		if !c.src.Allowed(child) {
			continue
		}
		c.readFeed(ctx, f, child, depth+1, read, add)
	}
}

var nextText = regexp.MustCompile(`(?i)^\s*(?:next|selanjutnya|berikutnya|lanjut|older|lebih\s+lama|halaman\s+berikutnya|»|›|>|>>|→)\s*[»›>]*\s*$`)

// readListing walks a listing page and its pagination (rel=next, "Next",
// "Selanjutnya", ?page=N, /page/N) breadth-first, at most MaxPages pages.
func (c *Crawler) readListing(ctx context.Context, f *fetch.Fetcher, start string, add func(feed.Entry, string)) {
	queue := []string{start}
	visited := map[string]bool{start: true}
	for fetched := 0; len(queue) > 0 && fetched < c.src.MaxPages && ctx.Err() == nil; fetched++ {
		u := queue[0]
		queue = queue[1:]
		p, err := c.get(ctx, f, u, u == start, false)
		if err != nil {
			c.fail("", u, err)
			continue
		}
		if p.NotModified {
			return // the first listing page is unchanged: nothing new behind it
		}
		body, err := extract.DecodeHTML(p.Body, p.ContentType)
		if err != nil {
			c.fail("extract", u, err)
			continue
		}
		doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
		if err != nil {
			c.fail("extract", u, err)
			continue
		}
		base, _ := url.Parse(p.URL)
		doc.Find("a[href], link[rel=next]").Each(func(_ int, s *goquery.Selection) {
			href, _ := s.Attr("href")
			ref, err := base.Parse(strings.TrimSpace(href))
			if err != nil {
				return
			}
			ref.Fragment = ""
			abs := ref.String()
			if c.src.IsArticle(abs) {
				add(feed.Entry{URL: abs, Title: strings.TrimSpace(s.Text())}, "listing")
				return
			}
			if visited[abs] || !c.src.Allowed(abs) {
				return
			}
			rel, _ := s.Attr("rel")
			if strings.Contains(rel, "next") || nextText.MatchString(s.Text()) || isPageLink(ref, base) {
				visited[abs] = true
				queue = append(queue, abs)
			}
		})
	}
}

var pagePath = regexp.MustCompile(`/(?:page|hal|halaman)/(\d{1,3})/?$`)

// isPageLink reports whether ref is another page of the listing base:
// the same path with ?page=N, or /page/N.
func isPageLink(ref, base *url.URL) bool {
	if !strings.EqualFold(ref.Host, base.Host) {
		return false
	}
	bp := pagePath.ReplaceAllString(base.Path, "")
	if m := pagePath.FindStringSubmatch(ref.Path); m != nil {
		return strings.TrimSuffix(pagePath.ReplaceAllString(ref.Path, ""), "/") == strings.TrimSuffix(bp, "/")
	}
	if strings.TrimSuffix(ref.Path, "/") == strings.TrimSuffix(base.Path, "/") {
		for _, k := range []string{"page", "p", "hal", "halaman", "paged"} {
			if v := ref.Query().Get(k); v != "" && v != "all" {
				return true
			}
		}
	}
	return false
}

// canonicalArticleURL canonicalises an article URL and drops its page
// parameter, so every page of a split article maps to one document.
func canonicalArticleURL(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("article url %q: %w", raw, err)
	}
	q := u.Query()
	for _, k := range []string{"page", "hal", "halaman", "single", "show"} {
		q.Del(k)
	}
	u.RawQuery = q.Encode()
	return bus.CanonicalURL(u.String())
}

// Article fetches and extracts one candidate, joins split pages, and builds
// its document (version and publication are the tracker's).
func (c *Crawler) Article(ctx context.Context, f *fetch.Fetcher, cand Candidate) (*pantauv1.Document, error) {
	// Fetch the canonical URL: tracking parameters from feeds are dropped.
	a, finalURL, err := c.fetchArticle(ctx, f, cand.Canonical)
	if err != nil {
		return nil, err
	}
	return c.document(cand, a, finalURL), nil
}

func (c *Crawler) extractPage(ctx context.Context, f *fetch.Fetcher, u string) (*extract.Article, *fetch.Page, error) {
	p, err := f.Get(ctx, u, fetch.Validators{})
	if err != nil {
		c.fail("", u, err)
		return nil, nil, err
	}
	eo := c.opts.Extract
	eo.Now = c.opts.Now()
	a, err := extract.Extract(p.Body, p.ContentType, p.URL, eo)
	if a == nil {
		c.fail("extract", u, err)
		return nil, p, err
	}
	return a, p, err
}

func (c *Crawler) fetchArticle(ctx context.Context, f *fetch.Fetcher, u string) (*extract.Article, string, error) {
	a, p, err := c.extractPage(ctx, f, u)
	if a == nil {
		return nil, "", err
	}
	firstErr := err
	switch {
	case a.AllPagesURL != "" && c.src.Allowed(a.AllPagesURL):
		if all, _, err := c.extractPage(ctx, f, a.AllPagesURL); all != nil && err == nil &&
			utf8.RuneCountInString(all.Body) >= utf8.RuneCountInString(a.Body) {
			a.Body = all.Body
			firstErr = nil
		}
	case len(a.NextPages) > 0:
		seen := map[string]bool{}
		for _, para := range strings.Split(a.Body, "\n\n") {
			seen[para] = true
		}
		parts := []string{a.Body}
		for _, nu := range a.NextPages {
			if !c.src.Allowed(nu) || ctx.Err() != nil {
				continue
			}
			next, _, _ := c.extractPage(ctx, f, nu)
			if next == nil {
				continue
			}
			for _, para := range strings.Split(next.Body, "\n\n") {
				if para != "" && !seen[para] {
					seen[para] = true
					parts = append(parts, para)
				}
			}
		}
		a.Body = strings.TrimSpace(strings.Join(parts, "\n\n"))
		if utf8.RuneCountInString(a.Body) >= extract.MinBodyRunes {
			firstErr = nil
		}
	}
	if firstErr != nil {
		if errors.Is(firstErr, extract.ErrNoContent) {
			c.fail("extract", u, firstErr)
		}
		return nil, "", firstErr
	}
	return a, p.URL, nil
}

func (c *Crawler) document(cand Candidate, a *extract.Article, finalURL string) *pantauv1.Document {
	now := c.opts.Now()
	canon := cand.Canonical
	if a.CanonicalURL != "" && c.src.Allowed(a.CanonicalURL) {
		if cu, err := canonicalArticleURL(a.CanonicalURL); err == nil {
			canon = cu
		}
	}
	title := a.Title
	if title == "" {
		title = cand.Title
	}
	published := a.Published
	if published.IsZero() {
		published = cand.Published
	}
	lang := a.Language
	if lang == "" {
		lang = c.src.Language
	}
	doc := &pantauv1.Document{
		Id:           bus.DocumentID(canon),
		Source:       c.src.Name,
		Kind:         pantauv1.Kind_KIND_ARTICLE,
		Url:          finalURL,
		CanonicalUrl: canon,
		Title:        title,
		Lead:         a.Lead,
		Body:         a.Body,
		Author:       a.Author,
		Section:      a.Section,
		CollectedAt:  timestamppb.New(now),
		LanguageHint: lang,
		ContentHash:  ContentHash(title, a.Body),
		Official:     c.src.Official,
		Metadata: map[string]string{
			"site_name":     a.SiteName,
			"extraction":    a.Method,
			"discovered_by": cand.Via,
		},
	}
	if !published.IsZero() {
		doc.PublishedAt = timestamppb.New(published)
	}
	modified := a.Modified
	if cand.Modified.After(modified) {
		modified = cand.Modified
	}
	if !modified.IsZero() {
		doc.Metadata["modified_at"] = modified.Format(time.RFC3339)
	}
	for k, v := range doc.Metadata {
		if v == "" {
			delete(doc.Metadata, k)
		}
	}
	return doc
}

// ContentHash is the hex SHA-256 (first 16 bytes) of title and body; it
// changes when an article is edited.
func ContentHash(title, body string) string {
	sum := sha256.Sum256([]byte(title + "\x00" + body))
	return hex.EncodeToString(sum[:16])
}

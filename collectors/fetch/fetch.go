package fetch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gocolly/colly/v2"

	"github.com/biroadpim/pantau/collectors/sources"
)

// Defaults for Options fields left zero.
const (
	DefaultUserAgent     = "PantauBot/1.0 (+Biro Adpim Kaltim; https://biroadpim.kaltimprov.go.id)"
	DefaultDelay         = 2 * time.Second
	DefaultParallelism   = 2
	DefaultTimeout       = 20 * time.Second
	DefaultMaxBodyBytes  = 8 << 20
	DefaultMaxRedirects  = 5
	DefaultRetries       = 2
	DefaultBackoff       = 2 * time.Second
	DefaultMaxRetryAfter = 2 * time.Minute
)

// Options configure a Fetcher for one source.
type Options struct {
	// UserAgent identifies the crawler; robots.txt groups are matched on it.
	UserAgent string
	// AllowedDomains are the domains (and their subdomains) that may be fetched.
	AllowedDomains []string
	// AllowPrivate permits private, loopback and link-local addresses.
	AllowPrivate bool
	// Delay (plus up to RandomDelay) separates requests to one host, and
	// Parallelism bounds concurrent requests to it.
	Delay       time.Duration
	RandomDelay time.Duration
	Parallelism int
	// Timeout bounds one request; MaxBodyBytes one response body.
	Timeout      time.Duration
	MaxBodyBytes int64
	// MaxRedirects bounds a redirect chain.
	MaxRedirects int
	// Retries is how often a 429, 5xx, timeout or connection error is
	// retried, waiting Backoff, 2×Backoff, ... or the server's Retry-After
	// when it is not longer than MaxRetryAfter.
	Retries       int
	Backoff       time.Duration
	MaxRetryAfter time.Duration
	// IgnoreRobots skips robots.txt; only for documented JSON APIs
	// (Mastodon, YouTube Data API), never for pages.
	IgnoreRobots bool
	// Observe, when set, is called after every HTTP attempt with the
	// status (0 when none) and the error.
	Observe func(url string, status int, err error)

	// Test hooks: resolve maps host names to IP addresses before dialling
	// (a stand-in for DNS), treatPublic exempts one test server's address
	// from the private-address check.
	resolve     map[string]string
	treatPublic func(netip.AddrPort) bool
}

func (o *Options) defaults() {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Delay < 0 {
		o.Delay = 0
	}
	if o.Parallelism <= 0 {
		o.Parallelism = DefaultParallelism
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = DefaultMaxRetryAfter
	}
}

// Validators are the conditional-GET validators of an earlier response.
type Validators struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Page is a fetched response.
type Page struct {
	// URL is the final URL after redirects.
	URL    string
	Status int
	Header http.Header
	// Body is the response body. Colly has already converted it to UTF-8
	// when the Content-Type header named another charset; ContentType then
	// says charset=utf-8.
	Body        []byte
	ContentType string
	// NotModified is true for a 304 answer to a conditional GET; Body is empty.
	NotModified bool
	// Validators to send with the next request for this URL.
	Validators Validators
	// Truncated is set by GetPrefix when the body was cut at MaxBodyBytes.
	Truncated bool
}

// Fetcher fetches pages for one source through a Colly collector: robots.txt
// honoured, per-host delay and parallelism, retries with backoff, bounded
// bodies and redirects, and private addresses refused at dial time.
type Fetcher struct {
	c      *colly.Collector
	opts   Options
	robots *robotsCache // nil with IgnoreRobots
}

// New builds a Fetcher whose requests are bound to ctx.
func New(ctx context.Context, o Options) (*Fetcher, error) {
	o.defaults()
	c := colly.NewCollector(
		colly.UserAgent(o.UserAgent),
		colly.AllowURLRevisit(),
		colly.StdlibContext(ctx),
	)
	// robots.txt is handled here, not by Colly, which checks only the first
	// URL of a redirect chain, cannot bound the file and fails every request
	// on a file it cannot parse (see robots.go for the policy).
	c.IgnoreRobotsTxt = true
	c.MaxBodySize = 0 // the transport enforces the limit and reports it
	c.DetectCharset = false
	rt := newTransport(o)
	c.WithTransport(rt)
	// http.Client.Timeout is a deadline for the whole request, body and
	// redirects included, so a server trickling bytes cannot hold it.
	c.SetRequestTimeout(o.Timeout)
	f := &Fetcher{c: c, opts: o}
	if !o.IgnoreRobots {
		f.robots = newRobotsCache(rt, o)
	}
	c.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		if len(via) >= o.MaxRedirects {
			return fmt.Errorf("%w: %d redirects, last to %s", ErrTooManyRedirects, len(via), req.URL)
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return fmt.Errorf("redirect to %s: %w", req.URL, ErrForbiddenDomain)
		}
		if !sources.DomainAllowed(o.AllowedDomains, req.URL.Hostname()) {
			return fmt.Errorf("redirect to %s: %w", req.URL, ErrForbiddenDomain)
		}
		if f.robots != nil {
			if err := f.robots.check(req.Context(), req.URL); err != nil {
				return fmt.Errorf("redirect: %w", err)
			}
		}
		return nil
	})
	if err := c.Limit(&colly.LimitRule{DomainGlob: "*", Delay: o.Delay, RandomDelay: o.RandomDelay, Parallelism: o.Parallelism}); err != nil {
		return nil, fmt.Errorf("fetch: limit rule: %w", err)
	}
	store := func(r *colly.Response) { r.Ctx.Put("resp", r) }
	c.OnResponse(store)
	c.OnError(func(r *colly.Response, _ error) {
		if r != nil && r.Ctx != nil && r.StatusCode != 0 {
			store(r)
		}
	})
	return f, nil
}

// Get fetches u, conditionally when v is not empty, retrying 429, 5xx,
// timeouts and connection errors.
func (f *Fetcher) Get(ctx context.Context, u string, v Validators) (*Page, error) {
	return f.Do(ctx, u, v, nil)
}

// GetPrefix is Get for documents read as a stream, such as sitemaps and
// feeds: a body over MaxBodyBytes is cut at the limit and the Page marked
// Truncated instead of failing with ErrBodyTooLarge.
func (f *Fetcher) GetPrefix(ctx context.Context, u string, v Validators) (*Page, error) {
	return f.Do(ctx, u, v, http.Header{hdrTruncate: {"1"}})
}

// Do is Get with extra request headers (Accept for JSON APIs).
func (f *Fetcher) Do(ctx context.Context, u string, v Validators, hdr http.Header) (*Page, error) {
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("fetch %s: %w: %w", u, errCanceled, err)
		}
		p, err := f.once(ctx, u, v, hdr)
		if f.opts.Observe != nil {
			status := 0
			if p != nil {
				status = p.Status
			}
			var se *StatusError
			if errors.As(err, &se) {
				status = se.Code
			}
			f.opts.Observe(u, status, err)
		}
		if err == nil {
			return p, nil
		}
		wait, retry := f.retryWait(err, attempt)
		if !retry {
			return nil, fmt.Errorf("fetch %s: %w", u, err)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("fetch %s: %w: %w", u, errCanceled, ctx.Err())
		case <-t.C:
		}
	}
}

// retryWait says whether err is retried and after how long.
func (f *Fetcher) retryWait(err error, attempt int) (time.Duration, bool) {
	if attempt >= f.opts.Retries {
		return 0, false
	}
	wait := f.opts.Backoff << attempt
	wait += time.Duration(rand.Int64N(int64(f.opts.Backoff)/4 + 1))
	var se *StatusError
	switch {
	case errors.As(err, &se):
		if !se.Retryable() {
			return 0, false
		}
		if se.RetryAfter > 0 {
			if se.RetryAfter > f.opts.MaxRetryAfter {
				return 0, false // the server asks for a long pause: leave it for the next pass
			}
			wait = se.RetryAfter
		}
		return wait, true
	case errors.Is(err, ErrRobotsDisallowed), errors.Is(err, ErrForbiddenDomain),
		errors.Is(err, ErrPrivateAddress), errors.Is(err, ErrBodyTooLarge),
		errors.Is(err, ErrTooManyRedirects), errors.Is(err, errCanceled):
		return 0, false
	}
	return wait, true
}

func (f *Fetcher) once(ctx context.Context, u string, v Validators, extra http.Header) (*Page, error) {
	pu, err := parseURL(u)
	if err != nil {
		return nil, err
	}
	if !sources.DomainAllowed(f.opts.AllowedDomains, pu) {
		return nil, fmt.Errorf("%s: %w", pu, ErrForbiddenDomain)
	}
	if f.robots != nil {
		ru, err := url.Parse(u)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", u, err)
		}
		if err := f.robots.check(ctx, ru); err != nil {
			return nil, err
		}
	}
	hdr := http.Header{}
	hdr.Set("User-Agent", f.opts.UserAgent)
	hdr.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,*/*;q=0.8")
	hdr.Set("Accept-Language", "id,en;q=0.7")
	for k, vals := range extra {
		hdr[k] = vals
	}
	if v.ETag != "" {
		hdr.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		hdr.Set("If-Modified-Since", v.LastModified)
	}
	cctx := colly.NewContext()
	reqErr := f.c.Request(http.MethodGet, u, nil, cctx, hdr)
	resp, _ := cctx.GetAny("resp").(*colly.Response)
	if reqErr != nil {
		switch {
		case resp != nil && resp.StatusCode == http.StatusNotModified:
			return &Page{URL: resp.Request.URL.String(), Status: 304, Header: *resp.Headers, NotModified: true, Validators: v}, nil
		case resp != nil && resp.StatusCode >= 300:
			return nil, &StatusError{Code: resp.StatusCode, RetryAfter: retryAfter(resp.Headers.Get("Retry-After"), time.Now())}
		}
		var ne net.Error
		if errors.As(reqErr, &ne) && ne.Timeout() {
			return nil, fmt.Errorf("%w: %w", errTimeout, reqErr)
		}
		if errors.Is(reqErr, context.Canceled) || errors.Is(reqErr, context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w: %w", errCanceled, reqErr)
		}
		return nil, reqErr
	}
	if resp == nil {
		return nil, fmt.Errorf("no response for %s", u)
	}
	h := *resp.Headers
	p := &Page{
		URL:         resp.Request.URL.String(),
		Status:      resp.StatusCode,
		Header:      h,
		Body:        resp.Body,
		ContentType: effectiveContentType(h.Get("Content-Type")),
		Validators:  Validators{ETag: h.Get("ETag"), LastModified: h.Get("Last-Modified")},
		Truncated:   h.Get(hdrTruncated) != "",
	}
	h.Del(hdrTruncated)
	return p, nil
}

func parseURL(u string) (string, error) {
	i := strings.Index(u, "://")
	if i < 0 {
		return "", fmt.Errorf("%q is not an absolute URL", u)
	}
	scheme := strings.ToLower(u[:i])
	if scheme != "http" && scheme != "https" {
		return "", fmt.Errorf("%q: only http and https are fetched", u)
	}
	rest := u[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		rest = rest[:j]
	}
	if k := strings.LastIndex(rest, "@"); k >= 0 {
		rest = rest[k+1:]
	}
	host := rest
	if h, _, err := net.SplitHostPort(rest); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	if host == "" {
		return "", fmt.Errorf("%q has no host", u)
	}
	return strings.ToLower(host), nil
}

// effectiveContentType reports the Content-Type of the body as Colly hands
// it over: Colly converts bodies whose header names a charset to UTF-8.
func effectiveContentType(ct string) string {
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return ct
	}
	if _, ok := params["charset"]; ok {
		params["charset"] = "utf-8"
		return mime.FormatMediaType(mt, params)
	}
	return ct
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

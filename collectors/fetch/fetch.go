package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
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
}

// Fetcher fetches pages for one source through a Colly collector: robots.txt
// honoured, per-host delay and parallelism, retries with backoff, bounded
// bodies and redirects, and private addresses refused at dial time.
type Fetcher struct {
	c    *colly.Collector
	opts Options
}

// New builds a Fetcher whose requests are bound to ctx.
func New(ctx context.Context, o Options) (*Fetcher, error) {
	o.defaults()
	c := colly.NewCollector(
		colly.UserAgent(o.UserAgent),
		colly.AllowURLRevisit(),
		colly.StdlibContext(ctx),
	)
	// Colly ignores robots.txt unless told otherwise.
	c.IgnoreRobotsTxt = o.IgnoreRobots
	c.MaxBodySize = 0 // the transport enforces the limit and reports it
	c.DetectCharset = false
	c.WithTransport(newTransport(o))
	c.SetRequestTimeout(o.Timeout)
	c.SetRedirectHandler(func(req *http.Request, via []*http.Request) error {
		if len(via) >= o.MaxRedirects {
			return fmt.Errorf("%w: %d redirects, last to %s", ErrTooManyRedirects, len(via), req.URL)
		}
		if !sources.DomainAllowed(o.AllowedDomains, req.URL.Hostname()) {
			return fmt.Errorf("redirect to %s: %w", req.URL, ErrForbiddenDomain)
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
	return &Fetcher{c: c, opts: o}, nil
}

// Get fetches u, conditionally when v is not empty, retrying 429, 5xx,
// timeouts and connection errors.
func (f *Fetcher) Get(ctx context.Context, u string, v Validators) (*Page, error) {
	return f.Do(ctx, u, v, nil)
}

// Do is Get with extra request headers (Accept for JSON APIs).
func (f *Fetcher) Do(ctx context.Context, u string, v Validators, hdr http.Header) (*Page, error) {
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("fetch %s: %w: %w", u, errCanceled, err)
		}
		p, err := f.once(u, v, hdr)
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

func (f *Fetcher) once(u string, v Validators, extra http.Header) (*Page, error) {
	pu, err := parseURL(u)
	if err != nil {
		return nil, err
	}
	if !sources.DomainAllowed(f.opts.AllowedDomains, pu) {
		return nil, fmt.Errorf("%s: %w", pu, ErrForbiddenDomain)
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
		case errors.Is(reqErr, colly.ErrRobotsTxtBlocked):
			return nil, ErrRobotsDisallowed
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
	}
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

// newTransport builds the HTTP transport: no proxy (a proxy would hide the
// real address from the dial check), private addresses refused after DNS
// resolution, and bodies bounded.
func newTransport(o Options) http.RoundTripper {
	d := &net.Dialer{
		Timeout:   10 * time.Second,
		KeepAlive: 30 * time.Second,
		Control:   dialControl(o.AllowPrivate),
	}
	t := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          32,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: o.Timeout,
		ExpectContinueTimeout: time.Second,
	}
	return &limitTransport{base: t, max: o.MaxBodyBytes}
}

// dialControl runs after DNS resolution, on the address actually dialled,
// so a public name resolving to a private address is refused too, and so is
// every hop of a redirect chain.
func dialControl(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(network, address string, _ syscall.RawConn) error {
		if allowPrivate {
			return nil
		}
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return fmt.Errorf("dial %s: %w", address, err)
		}
		ip := net.ParseIP(host)
		if ip == nil {
			return fmt.Errorf("dial %s: not an IP address", address)
		}
		if !PublicIP(ip) {
			return fmt.Errorf("dial %s: %w", address, ErrPrivateAddress)
		}
		return nil
	}
}

var cgnat = &net.IPNet{IP: net.IPv4(100, 64, 0, 0), Mask: net.CIDRMask(10, 32)}

// PublicIP reports whether ip is a public unicast address: not private,
// loopback, link-local, multicast, unspecified or carrier-grade NAT.
func PublicIP(ip net.IP) bool {
	if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() ||
		ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	if ip4 := ip.To4(); ip4 != nil && (cgnat.Contains(ip4) || ip4[0] == 0 || ip4.Equal(net.IPv4bcast)) {
		return false
	}
	return true
}

// limitTransport refuses bodies larger than max instead of truncating them.
type limitTransport struct {
	base http.RoundTripper
	max  int64
}

func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.max {
		resp.Body.Close()
		return nil, fmt.Errorf("%s: %d bytes declared, limit %d: %w", req.URL, resp.ContentLength, t.max, ErrBodyTooLarge)
	}
	resp.Body = &limitBody{rc: resp.Body, left: t.max, max: t.max}
	return resp, nil
}

type limitBody struct {
	rc   io.ReadCloser
	left int64
	max  int64
}

func (b *limitBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, fmt.Errorf("limit %d bytes: %w", b.max, ErrBodyTooLarge)
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, fmt.Errorf("limit %d bytes: %w", b.max, ErrBodyTooLarge)
	}
	return n, err
}

func (b *limitBody) Close() error { return b.rc.Close() }

package fetch

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/temoto/robotstxt"
)

// MaxRobotsBytes is how much of a robots.txt is read; RFC 9309 asks
// crawlers to parse at least 500 KiB, and what follows is ignored.
const MaxRobotsBytes = 512 << 10

// maxRobotsRedirects is how many redirects a robots.txt fetch follows
// (RFC 9309 section 2.3.1.2: at least five).
const maxRobotsRedirects = 5

// Robots policy, decided once per host and Fetcher (one collection pass):
//
//   - 2xx: the file is parsed leniently (unknown lines and rules before any
//     User-agent line are dealt with as described in sanitizeRobots); only
//     the first MaxRobotsBytes count.
//   - 4xx other than 429 (401 and 403 included): there is no robots.txt,
//     everything is allowed.
//   - 429, 5xx, timeouts, network errors and refused addresses: robots.txt
//     is unreachable, so everything on the host is disallowed for the rest
//     of the pass (RFC 9309 section 2.3.1.4); the next pass asks again.
//
// The rules are checked for the first URL and for every redirect target.

// robotsRules is the decision for one host.
type robotsRules struct {
	data *robotstxt.RobotsData
	// unavailable is set when robots.txt could not be read.
	unavailable error
}

type robotsEntry struct {
	ready chan struct{}
	rules robotsRules
}

type robotsCache struct {
	client *http.Client
	ua     string

	mu    sync.Mutex
	hosts map[string]*robotsEntry
}

func newRobotsCache(rt http.RoundTripper, o Options) *robotsCache {
	return &robotsCache{
		ua: o.UserAgent,
		client: &http.Client{
			Transport: rt,
			Timeout:   o.Timeout,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= maxRobotsRedirects {
					return fmt.Errorf("robots.txt: %w", ErrTooManyRedirects)
				}
				return nil
			},
		},
		hosts: map[string]*robotsEntry{},
	}
}

// check returns nil when u may be fetched, or an error wrapping
// ErrRobotsDisallowed.
func (rc *robotsCache) check(ctx context.Context, u *url.URL) error {
	key := strings.ToLower(u.Scheme + "://" + u.Host)
	rc.mu.Lock()
	e, ok := rc.hosts[key]
	if !ok {
		e = &robotsEntry{ready: make(chan struct{})}
		rc.hosts[key] = e
	}
	rc.mu.Unlock()
	if !ok {
		e.rules = rc.load(ctx, key)
		close(e.ready)
	} else {
		select {
		case <-e.ready:
		case <-ctx.Done():
			return fmt.Errorf("robots.txt of %s: %w", key, ctx.Err())
		}
	}
	return e.rules.allows(u, rc.ua)
}

func (r robotsRules) allows(u *url.URL, ua string) error {
	if errors.Is(r.unavailable, ErrPrivateAddress) {
		return fmt.Errorf("%s: %w", u.Host, r.unavailable) // the host itself is refused
	}
	if r.unavailable != nil {
		return fmt.Errorf("%s: robots.txt unavailable (%w), %w for this pass", u.Host, r.unavailable, ErrRobotsDisallowed)
	}
	g := r.data.FindGroup(ua)
	if g == nil {
		return nil
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !g.Test(path) {
		return fmt.Errorf("%s: %w", u, ErrRobotsDisallowed)
	}
	return nil
}

func (rc *robotsCache) load(ctx context.Context, origin string) robotsRules {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return robotsRules{unavailable: err}
	}
	req.Header.Set("User-Agent", rc.ua)
	req.Header.Set("Accept", "text/plain,*/*;q=0.5")
	req.Header.Set(hdrTruncate, "1")
	resp, err := rc.client.Do(req)
	if err != nil {
		return robotsRules{unavailable: err}
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		return robotsRules{unavailable: fmt.Errorf("status %d", resp.StatusCode)}
	case resp.StatusCode >= 400:
		return robotsRules{data: allowAll}
	case resp.StatusCode >= 300:
		// A redirect that was not followed (too many, or without Location).
		return robotsRules{unavailable: fmt.Errorf("status %d", resp.StatusCode)}
	case resp.StatusCode < 200:
		return robotsRules{unavailable: fmt.Errorf("status %d", resp.StatusCode)}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxRobotsBytes))
	if err != nil && !errors.Is(err, ErrBodyTooLarge) {
		return robotsRules{unavailable: err}
	}
	return robotsRules{data: ParseRobots(body)}
}

var allowAll, _ = robotstxt.FromBytes(nil)

// ParseRobots parses a robots.txt leniently and never fails: see
// sanitizeRobots. Anything unusable means "no rules".
func ParseRobots(body []byte) *robotstxt.RobotsData {
	if len(body) > MaxRobotsBytes {
		body = body[:MaxRobotsBytes]
	}
	d, err := robotstxt.FromBytes(sanitizeRobots(body))
	if err != nil || d == nil {
		return allowAll
	}
	return d
}

// sanitizeRobots keeps the lines the RFC 9309 grammar knows (user-agent,
// allow, disallow, sitemap) and drops the rest (crawl-delay, host, HTML,
// garbage), which the parser would otherwise reject as a whole. Rules that
// come before any User-agent line are given to "User-agent: *": a site that
// writes "Disallow: /private" at the top means it for everyone.
func sanitizeRobots(body []byte) []byte {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 0, 4096), MaxRobotsBytes+1)
	sc.Split(scanRobotsLines)
	seenAgent := false
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		if strings.ContainsAny(val, " \t") {
			val = strings.Fields(val)[0]
		}
		switch key {
		case "user-agent", "useragent", "user agent":
			if val == "" {
				continue
			}
			seenAgent = true
			key = "User-agent"
		case "allow", "disallow":
			if !seenAgent {
				out.WriteString("User-agent: *\n")
				seenAgent = true
			}
		case "sitemap":
		default:
			continue
		}
		out.WriteString(key + ": " + val + "\n")
	}
	return out.Bytes()
}

// scanRobotsLines splits on LF, CR or CRLF.
func scanRobotsLines(data []byte, atEOF bool) (int, []byte, error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i := bytes.IndexAny(data, "\r\n"); i >= 0 {
		adv := i + 1
		if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
			adv++
		}
		return adv, data[:i], nil
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

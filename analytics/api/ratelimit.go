package api

import (
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Default per-client request rate of the API.
const (
	DefaultRatePerSecond = 20
	DefaultBurst         = 40
)

var errTooManyRequests = &Error{Status: http.StatusTooManyRequests,
	Message: "terlalu banyak permintaan dari alamat ini: tunggu sebentar lalu coba lagi"}

// limiter keeps one token bucket per client address, forgetting idle ones.
type limiter struct {
	mu      sync.Mutex
	every   rate.Limit
	burst   int
	clients map[string]*client
	swept   time.Time
}

type client struct {
	l    *rate.Limiter
	seen time.Time
}

func newLimiter(perSecond float64, burst int) *limiter {
	return &limiter{every: rate.Limit(perSecond), burst: burst, clients: map[string]*client{}, swept: time.Now()}
}

// allow reports whether the client at addr ("host:port") may make a request now.
func (l *limiter) allow(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, c := range l.clients {
			if now.Sub(c.seen) > 10*time.Minute {
				delete(l.clients, k)
			}
		}
		l.swept = now
	}
	c, ok := l.clients[host]
	if !ok {
		c = &client{l: rate.NewLimiter(l.every, l.burst)}
		l.clients[host] = c
	}
	c.seen = now
	return c.l.AllowN(now, 1)
}

// Protect puts the API's bearer-token check and rate limit in front of h
// (for other read-only pages served beside the API, such as /briefs/).
func (a *API) Protect(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.limit.allow(r.RemoteAddr) {
			w.Header().Set("Retry-After", "1")
			writeError(w, errTooManyRequests)
			return
		}
		if !a.authorized(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="pantau"`)
			writeError(w, errUnauthorized)
			return
		}
		h.ServeHTTP(w, r)
	})
}

package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"

	"github.com/biroadpim/pantau/analytics/emerging"
	"github.com/biroadpim/pantau/analytics/leaders"
	"github.com/biroadpim/pantau/dashboards/spike"
)

// Prefix is the path prefix of every route.
const Prefix = "/api/v1"

// Defaults of Options.
const (
	DefaultMaxRange     = 92 * 24 * time.Hour
	DefaultQueryTimeout = 30 * time.Second
	// MaxAnalyzeBytes bounds the body of POST /api/v1/analyze.
	MaxAnalyzeBytes = 1 << 20
)

// Analyzer analyses one text for POST /api/v1/analyze and returns what
// `pantau analyze` prints for it (encoded as JSON).
type Analyzer interface {
	AnalyzeJSON(title, lead, body string) any
}

// AnalyzerFunc adapts a function to Analyzer, e.g.
// api.AnalyzerFunc(func(t, l, b string) any { return nlpAnalyzer.AnalyzeDocument(t, l, b) }).
type AnalyzerFunc func(title, lead, body string) any

// AnalyzeJSON implements Analyzer.
func (f AnalyzerFunc) AnalyzeJSON(title, lead, body string) any { return f(title, lead, body) }

// Options configure the API.
type Options struct {
	// Conn is the ClickHouse connection (store.Store.Conn()). Required.
	Conn driver.Conn
	// Logger receives request errors; nil discards them.
	Logger *slog.Logger
	// Tokens are the accepted bearer tokens, in clear (from configuration);
	// only their SHA-256 hashes are kept. TokenHashes are accepted tokens
	// given as hex SHA-256 hashes.
	Tokens      []string
	TokenHashes []string
	// RequireAuth makes New fail without tokens: set it for any listener
	// not on the loopback interface (see RequiresAuth). With tokens
	// configured every request needs one, wherever the listener is.
	RequireAuth bool
	// Analyzer serves POST /api/v1/analyze; nil answers 503.
	Analyzer Analyzer
	// Scorer scores the tone of leaders' statements; nil uses the tone of
	// their documents.
	Scorer leaders.ToneScorer
	// Emerging and Spike are the detection rules (package defaults when zero).
	Emerging emerging.Params
	Spike    spike.Params
	// MaxRange bounds the time range of a request (default 92 days).
	MaxRange time.Duration
	// QueryTimeout bounds one request's queries (default 30s).
	QueryTimeout time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// RatePerSecond and Burst limit requests per client address
	// (defaults DefaultRatePerSecond and DefaultBurst).
	RatePerSecond float64
	Burst         int
}

// API serves /api/v1.
type API struct {
	opts   Options
	log    *slog.Logger
	tokens [][32]byte
	routes []route
	limit  *limiter
}

// route is one registered endpoint.
type route struct {
	method, path string
	public       bool
	handle       func(w http.ResponseWriter, r *http.Request) error
}

// New validates opts and builds the API.
func New(opts Options) (*API, error) {
	if opts.Conn == nil {
		return nil, errors.New("api: Options.Conn is nil; pass store.Store.Conn()")
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.MaxRange <= 0 {
		opts.MaxRange = DefaultMaxRange
	}
	if opts.QueryTimeout <= 0 {
		opts.QueryTimeout = DefaultQueryTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Emerging == (emerging.Params{}) {
		opts.Emerging = emerging.Default
	}
	if err := opts.Emerging.Validate(); err != nil {
		return nil, fmt.Errorf("api: emerging rule: %w", err)
	}
	if opts.Spike == (spike.Params{}) {
		opts.Spike = spike.Default
	}
	if err := opts.Spike.Validate(); err != nil {
		return nil, fmt.Errorf("api: spike rule: %w", err)
	}
	if opts.RatePerSecond <= 0 {
		opts.RatePerSecond = DefaultRatePerSecond
	}
	if opts.Burst <= 0 {
		opts.Burst = DefaultBurst
	}
	a := &API{opts: opts, log: opts.Logger, limit: newLimiter(opts.RatePerSecond, opts.Burst)}
	tokens, err := hashTokens(opts.Tokens, opts.TokenHashes)
	if err != nil {
		return nil, err
	}
	if opts.RequireAuth && len(tokens) == 0 {
		return nil, errors.New("api: the HTTP listener is not on loopback, so the API needs at least one bearer token (api.tokens); configure one or listen on 127.0.0.1")
	}
	a.tokens = tokens
	a.routes = []route{
		{method: http.MethodGet, path: "/documents", handle: a.documents},
		{method: http.MethodGet, path: "/issues", handle: a.issues},
		{method: http.MethodGet, path: "/spikes", handle: a.spikes},
		{method: http.MethodGet, path: "/stories/{id}", handle: a.story},
		{method: http.MethodGet, path: "/leaders", handle: a.leaderList},
		{method: http.MethodGet, path: "/leaders/{id}", handle: a.leader},
		{method: http.MethodGet, path: "/releases", handle: a.releases},
		{method: http.MethodGet, path: "/sources", handle: a.sources},
		{method: http.MethodPost, path: "/analyze", handle: a.analyze},
		{method: http.MethodGet, path: "/openapi.json", public: true, handle: a.openAPIJSON},
		{method: http.MethodGet, path: "/openapi.yaml", public: true, handle: a.openAPIYAML},
	}
	return a, nil
}

// Register adds every route to mux, with Go 1.22 method patterns, and a
// JSON answer for unknown paths and methods under the prefix.
func (a *API) Register(mux *http.ServeMux) {
	for _, rt := range a.routes {
		mux.Handle(rt.method+" "+Prefix+rt.path, a.wrap(rt))
	}
	mux.HandleFunc(Prefix+"/", func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			probe := r.Clone(r.Context())
			probe.Method = m
			if _, p := mux.Handler(probe); p != Prefix+"/" && p != "" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeError(w, &Error{Status: http.StatusMethodNotAllowed,
				Message: sprintf("metode %s tidak didukung untuk %s: pakai %s", r.Method, r.URL.Path, strings.Join(allow, " atau "))})
			return
		}
		writeError(w, &Error{Status: http.StatusNotFound,
			Message: sprintf("rute %s tidak dikenal: daftar rute ada di %s/openapi.json", r.URL.Path, Prefix)})
	})
}

// Handler returns a mux serving only the API.
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	a.Register(mux)
	return mux
}

// Patterns returns the registered patterns ("GET /api/v1/documents", ...).
func (a *API) Patterns() []string {
	out := make([]string, len(a.routes))
	for i, rt := range a.routes {
		out[i] = rt.method + " " + Prefix + rt.path
	}
	return out
}

func (a *API) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !a.limit.allow(r.RemoteAddr) {
			w.Header().Set("Retry-After", "1")
			writeError(w, errTooManyRequests)
			return
		}
		if !rt.public && !a.authorized(r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="pantau"`)
			writeError(w, errUnauthorized)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), a.opts.QueryTimeout)
		defer cancel()
		if err := rt.handle(w, r.WithContext(ctx)); err != nil {
			a.fail(w, r, err)
		}
	})
}

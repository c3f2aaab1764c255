package chhttp

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/biroadpim/pantau/pipeline/chdb"
)

// DefaultMaxQueryBytes limits the size of a query (not of INSERT data).
const DefaultMaxQueryBytes = 1 << 20

// DefaultDisplayName is reported as the server's display name.
const DefaultDisplayName = "pantau-chdb"

// insertHeadPeek is how much of a body is inspected for an INSERT head when
// the query comes in the body.
const insertHeadPeek = 64 << 10

// ClickHouse error codes the handler reports itself.
const (
	codeSyntaxError      = 62
	codeTimeout          = 159
	codeReadonly         = 164
	codeCancelled        = 394
	codeUnknownFormat    = 73
	codeQueryTooLarge    = 369 // QUERY_IS_TOO_LARGE
	codeAuthFailed       = 516
	codeCannotDecompress = 271
	codeUnknown          = 1002
)

// HandlerOptions configures NewHandler.
type HandlerOptions struct {
	// Users maps user names to passwords. Empty means no authentication:
	// every request runs as "default".
	Users map[string]string
	// ReadOnly names users that may only read (SELECT, SHOW, DESCRIBE,
	// EXPLAIN, EXISTS); their statements run with readonly=2 in the engine.
	ReadOnly map[string]bool
	// MaxQueryBytes limits the query text (default DefaultMaxQueryBytes).
	// INSERT data is not limited.
	MaxQueryBytes int64
	// QueryTimeout bounds each request's statement; 0 means no limit beyond
	// the client's own (a disconnect cancels the statement).
	QueryTimeout time.Duration
	// DisplayName is reported to clients (default DefaultDisplayName).
	DisplayName string
	// Logger receives request failures; nil discards them.
	Logger *slog.Logger
}

// handler serves ClickHouse's HTTP interface from an embedded engine.
type handler struct {
	e    *chdb.Engine
	opts HandlerOptions
	log  *slog.Logger

	infoMu  sync.Mutex
	version string
	tz      string
}

// NewHandler returns an http.Handler speaking ClickHouse's HTTP interface
// over e.
func NewHandler(e *chdb.Engine, opts HandlerOptions) http.Handler {
	if opts.MaxQueryBytes <= 0 {
		opts.MaxQueryBytes = DefaultMaxQueryBytes
	}
	if opts.DisplayName == "" {
		opts.DisplayName = DefaultDisplayName
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &handler{e: e, opts: opts, log: log}
}

// httpOnlyParams are URL parameters that belong to the HTTP interface, not
// to the engine's settings; the engine rejects some of them.
var httpOnlyParams = map[string]bool{
	"query": true, "database": true, "default_format": true, "query_id": true,
	"user": true, "password": true, "quota_key": true, "compress": true, "decompress": true,
	"client_protocol_version": true, "session_id": true, "session_timeout": true,
	"session_check": true, "buffer_size": true, "wait_end_of_query": true,
	"http_wait_end_of_query": true, "enable_http_compression": true,
	"http_zlib_compression_level": true, "send_progress_in_http_headers": true,
	"http_headers_progress_interval_ms": true, "add_http_cors_header": true,
	"http_native_compression_disable_checksumming_on_decompress": true,
	"cancel_http_readonly_queries_on_client_close":               true, "readonly": true,
	"network_compression_method": true, "network_zstd_compression_level": true,
}

// readKeywords start the statements a read-only user may run.
var readKeywords = map[string]bool{
	"SELECT": true, "WITH": true, "SHOW": true, "DESCRIBE": true, "DESC": true,
	"EXPLAIN": true, "EXISTS": true,
}

// httpError is a failure reported to the client.
type httpError struct {
	status int
	code   int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

func newError(status, code int, name, format string, args ...any) *httpError {
	return &httpError{status: status, code: code,
		msg: fmt.Sprintf("Code: %d. DB::Exception: %s. (%s)", code, fmt.Sprintf(format, args...), name)}
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/ping", "/replicas_status":
		writeBody(w, http.StatusOK, "text/plain; charset=UTF-8", []byte("Ok.\n"))
		return
	case "/", "/query":
	default:
		writeBody(w, http.StatusNotFound, "text/plain; charset=UTF-8",
			[]byte("There is no handle "+r.URL.Path+"\n\nUse / or /ping\n"))
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodPost && r.Method != http.MethodHead {
		h.fail(w, r, newError(http.StatusMethodNotAllowed, codeUnknown, "UNKNOWN_EXCEPTION", "method %s is not allowed: use GET or POST", r.Method))
		return
	}
	q := r.URL.Query()
	if r.Method != http.MethodPost && q.Get("query") == "" {
		writeBody(w, http.StatusOK, "text/plain; charset=UTF-8", []byte("Ok.\n"))
		return
	}
	user, err := h.authenticate(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	queryID := q.Get("query_id")
	if queryID == "" {
		queryID = newQueryID()
	}
	w.Header().Set("X-ClickHouse-Query-Id", queryID)
	w.Header().Set("X-ClickHouse-Server-Display-Name", h.opts.DisplayName)
	if err := h.serveQuery(w, r, q, user); err != nil {
		h.fail(w, r, err)
	}
}

// authenticate checks basic auth, X-ClickHouse-User/Key or user/password
// URL parameters against the configured users.
func (h *handler) authenticate(r *http.Request) (string, error) {
	user, pass, _ := r.BasicAuth()
	if u := r.Header.Get("X-ClickHouse-User"); u != "" {
		user, pass = u, r.Header.Get("X-ClickHouse-Key")
	}
	if u := r.URL.Query().Get("user"); u != "" {
		user, pass = u, r.URL.Query().Get("password")
	}
	if user == "" {
		user = "default"
	}
	if len(h.opts.Users) == 0 {
		return user, nil
	}
	want, ok := h.opts.Users[user]
	if !ok || subtle.ConstantTimeCompare([]byte(want), []byte(pass)) != 1 {
		return "", newError(http.StatusUnauthorized, codeAuthFailed, "AUTHENTICATION_FAILED",
			"%s: Authentication failed: password is incorrect, or there is no user with such name", user)
	}
	return user, nil
}

func (h *handler) serveQuery(w http.ResponseWriter, r *http.Request, q map[string][]string, user string) error {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	req := chdb.Request{Database: get("database"), ParamsEscaped: true}
	if db := r.Header.Get("X-ClickHouse-Database"); db != "" && req.Database == "" {
		req.Database = db
	}
	readonly := h.opts.ReadOnly[user] || r.Method == http.MethodGet
	if ro, _ := strconv.Atoi(get("readonly")); ro > 0 {
		readonly = true
	}
	req.ReadOnly = readonly
	for k, v := range q {
		if len(v) == 0 {
			continue
		}
		if name, ok := strings.CutPrefix(k, "param_"); ok {
			if req.Params == nil {
				req.Params = map[string]string{}
			}
			req.Params[name] = v[0]
			continue
		}
		if httpOnlyParams[k] || strings.HasSuffix(k, "_format") || strings.HasSuffix(k, "_structure") || strings.HasSuffix(k, "_types") {
			continue
		}
		if req.Settings == nil {
			req.Settings = map[string]string{}
		}
		req.Settings[k] = v[0]
	}
	defaultFormat := get("default_format")
	if defaultFormat == "" {
		defaultFormat = chdb.DefaultFormat
	}
	compressOut := get("compress") == "1"
	method := get("network_compression_method")

	var body io.Reader = http.NoBody
	if r.Method == http.MethodPost {
		decoded, closeFn, err := decodeBody(r.Body, r.Header.Get("Content-Encoding"), get("decompress") == "1")
		if err != nil {
			return newError(http.StatusBadRequest, codeCannotDecompress, "CANNOT_DECOMPRESS", "%v", err)
		}
		defer closeFn()
		body = decoded
	}

	ctx := r.Context()
	if h.opts.QueryTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, h.opts.QueryTimeout)
		defer cancel()
	}

	// Find the statement and, for an INSERT, where its data starts.
	var sql string
	qp := get("query")
	if qp != "" {
		if st, ok := analyzeInsert(qp); ok {
			return h.insert(ctx, w, req, st, io.MultiReader(strings.NewReader(qp[st.dataStart:]), body))
		}
		rest, err := h.readQuery(body, int64(len(qp)))
		if err != nil {
			return err
		}
		sql = qp
		if strings.TrimSpace(rest) != "" {
			sql += "\n" + rest
		}
	} else {
		br := bufio.NewReaderSize(body, insertHeadPeek)
		prefix, _ := br.Peek(insertHeadPeek)
		if st, ok := analyzeInsert(string(prefix)); ok {
			if _, err := br.Discard(st.dataStart); err != nil {
				return newError(http.StatusBadRequest, codeSyntaxError, "SYNTAX_ERROR", "read request body: %v", err)
			}
			return h.insert(ctx, w, req, st, br)
		}
		var err error
		if sql, err = h.readQuery(br, 0); err != nil {
			return err
		}
	}
	return h.query(ctx, w, req, sql, defaultFormat, compressOut, method)
}

// readQuery reads the rest of a query from body within MaxQueryBytes.
func (h *handler) readQuery(body io.Reader, used int64) (string, error) {
	limit := h.opts.MaxQueryBytes - used
	b, err := io.ReadAll(io.LimitReader(body, limit+1))
	if err != nil {
		return "", newError(http.StatusBadRequest, codeSyntaxError, "SYNTAX_ERROR", "read request body: %v", err)
	}
	if int64(len(b)) > limit {
		return "", newError(http.StatusRequestEntityTooLarge, codeQueryTooLarge, "QUERY_IS_TOO_LARGE",
			"query is longer than %d bytes: send data as INSERT ... FORMAT with the data in the body", h.opts.MaxQueryBytes)
	}
	return string(b), nil
}

// insert streams INSERT data into the engine.
func (h *handler) insert(ctx context.Context, w http.ResponseWriter, req chdb.Request, st statement, data io.Reader) error {
	if req.ReadOnly {
		return newError(http.StatusForbidden, codeReadonly, "READONLY", "Cannot execute query in readonly mode")
	}
	req.SQL, req.Input, req.InputFormat = st.head, data, st.inputFormat
	if _, err := h.e.Run(ctx, req); err != nil {
		return engineError(ctx, err)
	}
	writeBody(w, http.StatusOK, "text/plain; charset=UTF-8", nil)
	return nil
}

// query runs a statement that carries no data and writes its result.
func (h *handler) query(ctx context.Context, w http.ResponseWriter, req chdb.Request, sql, defaultFormat string, compressOut bool, method string) error {
	if strings.TrimSpace(sql) == "" {
		return newError(http.StatusBadRequest, codeSyntaxError, "SYNTAX_ERROR", "Empty query")
	}
	st := analyze(sql)
	if st.multi {
		return newError(http.StatusBadRequest, codeSyntaxError, "SYNTAX_ERROR", "Multi-statements are not allowed")
	}
	if req.ReadOnly && !readKeywords[st.keyword] && st.first != "(" {
		return newError(http.StatusForbidden, codeReadonly, "READONLY", "Cannot execute query in readonly mode")
	}
	format := defaultFormat
	if st.format != "" {
		format = st.format
	}
	var out []byte
	switch {
	case st.keyword == "SET" || st.keyword == "USE":
		// Without a session a SET or USE has no lasting effect on a real
		// server either; running it would leak into a pooled connection.
		out = []byte{}
	case format == "Native" && strings.TrimRight(strings.TrimSpace(sql), ";") == helloQuery:
		version, tz, err := h.serverInfo(ctx)
		if err != nil {
			return engineError(ctx, err)
		}
		out = helloBlock(h.opts.DisplayName, version, tz)
	default:
		req.SQL, req.Format = sql, defaultFormat
		var err error
		if out, err = h.e.Run(ctx, req); err != nil {
			return engineError(ctx, err)
		}
		if len(out) == 0 && format == "Native" && st.format == "" && (st.keyword == "SELECT" || st.keyword == "WITH") {
			out = h.describe(ctx, req, sql)
		}
	}
	if compressOut && len(out) > 0 {
		framed, err := frame(out, method)
		if err != nil {
			return newError(http.StatusInternalServerError, codeUnknown, "UNKNOWN_EXCEPTION", "%v", err)
		}
		out = framed
	}
	w.Header().Set("X-ClickHouse-Format", format)
	writeBody(w, http.StatusOK, contentType(format), out)
	return nil
}

// describe returns an empty Native block carrying the result's columns,
// or nothing when the engine cannot describe the query.
func (h *handler) describe(ctx context.Context, req chdb.Request, sql string) []byte {
	req.SQL = "DESCRIBE TABLE (" + strings.TrimRight(strings.TrimSpace(sql), ";") + "\n)"
	req.Format = "TabSeparated"
	out, err := h.e.Run(ctx, req)
	if err != nil {
		h.log.Debug("describe empty result", "err", err)
		return nil
	}
	names, types := parseDescribe(out)
	if len(names) == 0 {
		return nil
	}
	return emptyBlock(names, types)
}

// serverInfo returns the engine's version and time zone (cached).
func (h *handler) serverInfo(ctx context.Context) (version, tz string, err error) {
	h.infoMu.Lock()
	defer h.infoMu.Unlock()
	if h.version == "" {
		out, err := h.e.Query(ctx, "SELECT version(), timezone()", "TabSeparated")
		if err != nil {
			return "", "", err
		}
		f := strings.Split(strings.TrimSpace(string(out)), "\t")
		if len(f) != 2 {
			return "", "", fmt.Errorf("unexpected server info %q", out)
		}
		h.version, h.tz = f[0], f[1]
	}
	return h.version, h.tz, nil
}

// engineError maps an engine or context error to a client error.
func engineError(ctx context.Context, err error) *httpError {
	var ce *chdb.Error
	switch {
	case errors.As(err, &ce):
		return &httpError{status: http.StatusInternalServerError, code: ce.Code, msg: ce.Message}
	case errors.Is(err, context.DeadlineExceeded):
		return newError(http.StatusInternalServerError, codeTimeout, "TIMEOUT_EXCEEDED", "Timeout exceeded: %v", err)
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return newError(http.StatusInternalServerError, codeCancelled, "QUERY_WAS_CANCELLED", "Query was cancelled")
	default:
		return newError(http.StatusInternalServerError, codeUnknown, "UNKNOWN_EXCEPTION", "%v", err)
	}
}

func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	if !errors.As(err, &he) {
		he = newError(http.StatusInternalServerError, codeUnknown, "UNKNOWN_EXCEPTION", "%v", err)
	}
	h.log.Debug("clickhouse http request failed", "code", he.code, "err", he.msg, "remote", r.RemoteAddr)
	w.Header().Set("X-ClickHouse-Exception-Code", strconv.Itoa(he.code))
	writeBody(w, he.status, "text/plain; charset=UTF-8", []byte(he.msg+"\n"))
}

func writeBody(w http.ResponseWriter, status int, ctype string, body []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// contentType returns the MIME type ClickHouse uses for a format.
func contentType(format string) string {
	f := strings.ToLower(format)
	switch {
	case strings.HasPrefix(f, "json"):
		return "application/json; charset=UTF-8"
	case strings.HasPrefix(f, "tabseparated") || strings.HasPrefix(f, "tsv"):
		return "text/tab-separated-values; charset=UTF-8"
	case strings.HasPrefix(f, "csv"):
		return "text/csv; charset=UTF-8; header=absent"
	case strings.HasPrefix(f, "pretty") || f == "vertical" || f == "markdown":
		return "text/plain; charset=UTF-8"
	default:
		return "application/octet-stream"
	}
}

// newQueryID returns a random UUID-shaped query id.
func newQueryID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

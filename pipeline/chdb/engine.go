package chdb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultConnections is the size of the connection pool when
// Options.Connections is zero.
const DefaultConnections = 2

// DefaultFormat is the output format used when a call names none.
const DefaultFormat = "TabSeparated"

// closeWait bounds how long Close waits for running statements after
// cancelling them.
const closeWait = 30 * time.Second

// Options configures Open.
type Options struct {
	// LibPath is the path of libchdb.so; empty means LibraryPath().
	LibPath string
	// DataDir is the engine's data directory (required). It is created if
	// missing. Only one process may use a directory at a time.
	DataDir string
	// MaxMemoryBytes limits the engine's memory: the server-wide limit
	// (max_server_memory_usage) and, per statement, max_memory_usage. Zero
	// keeps the engine defaults (server limit ~90% of RAM, no per-statement
	// limit).
	MaxMemoryBytes int64
	// Connections is the number of pooled connections, i.e. how many
	// statements run at once (default DefaultConnections).
	Connections int
}

// Request is one statement for Engine.Run.
type Request struct {
	// SQL is the statement. For an Input request it is the INSERT head
	// without data or FORMAT clause, e.g. "INSERT INTO t (a, b)".
	SQL string
	// Format is the output format (default DefaultFormat).
	Format string
	// Params binds {name:Type} placeholders; values are plain text and are
	// escaped here.
	Params map[string]string
	// ParamsEscaped says Params values are already in the engine's escaped
	// text form (as ClickHouse's HTTP param_<name> values are) and are passed
	// through unchanged.
	ParamsEscaped bool
	// Settings are applied to this statement only (SET before, reset to
	// DEFAULT after).
	Settings map[string]string
	// Database is the current database for this statement (default
	// "default").
	Database string
	// ReadOnly runs the statement on a connection with readonly=2, where
	// writes and DDL fail with code 164 (READONLY).
	ReadOnly bool
	// Input, when set, is streamed to the engine as the INSERT data in
	// InputFormat.
	Input io.Reader
	// InputFormat is the format of Input, e.g. "Native" or "JSONEachRow".
	InputFormat string
}

// Engine is an open embedded ClickHouse engine with a pool of connections.
// It is safe for concurrent use.
type Engine struct {
	lib     *library
	dataDir string
	opts    Options
	setup   []string // statements run on every new connection

	ctl   *conn // control connection: boots the engine, runs KILL QUERY
	rw    chan *conn
	conns []*conn

	roMu  sync.Mutex
	ro    chan *conn
	roErr error

	done    chan struct{}
	closed  atomic.Bool
	busyMu  sync.Mutex
	busy    int           // running Run calls and statements
	idle    chan struct{} // closed when busy drops to 0 after Close
	seq     atomic.Uint64
	closeMu sync.Mutex
	connMu  sync.Mutex // serialises chdb_connect with the signal dance
}

var (
	openMu  sync.Mutex
	openDir string
)

// Open loads the library (once per process), boots the engine on
// opts.DataDir and opens the connection pool.
func Open(opts Options) (*Engine, error) {
	if opts.DataDir == "" {
		return nil, errors.New("chdb: Options.DataDir is empty: give the engine a data directory")
	}
	if opts.Connections <= 0 {
		opts.Connections = DefaultConnections
	}
	if opts.MaxMemoryBytes < 0 {
		return nil, fmt.Errorf("chdb: Options.MaxMemoryBytes is %d: use 0 for the default or a positive byte count", opts.MaxMemoryBytes)
	}
	libPath := opts.LibPath
	if libPath == "" {
		p, err := LibraryPath()
		if err != nil {
			return nil, err
		}
		libPath = p
	}
	dir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, fmt.Errorf("chdb: data directory %s: %w", opts.DataDir, err)
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("chdb: create data directory: %w", err)
	}
	lib, err := loadLibrary(libPath)
	if err != nil {
		return nil, err
	}

	openMu.Lock()
	defer openMu.Unlock()
	if openDir != "" {
		return nil, fmt.Errorf("chdb: an engine is already open on %s in this process: share it, or Close it before opening %s", openDir, dir)
	}
	e := &Engine{lib: lib, dataDir: dir, opts: opts, done: make(chan struct{})}
	e.setup = []string{
		// The query profiler signals threads with SIGUSR1/SIGUSR2; keep it off
		// in a Go process.
		"SET query_profiler_real_time_period_ns = 0, query_profiler_cpu_time_period_ns = 0",
	}
	if opts.MaxMemoryBytes > 0 {
		e.setup = append(e.setup, fmt.Sprintf("SET max_memory_usage = %d", opts.MaxMemoryBytes*8/10))
	}
	ctl, err := e.connect(false)
	if err != nil {
		return nil, err
	}
	e.ctl = ctl
	e.rw = make(chan *conn, opts.Connections)
	for i := 0; i < opts.Connections; i++ {
		c, err := e.connect(false)
		if err != nil {
			e.closeConns()
			return nil, err
		}
		e.rw <- c
	}
	openDir = dir
	return e, nil
}

// connect opens one connection, protecting the Go runtime's signal handlers.
func (e *Engine) connect(readOnly bool) (*conn, error) {
	e.connMu.Lock()
	defer e.connMu.Unlock()
	argv := []string{"clickhouse", "--path=" + e.dataDir}
	if e.opts.MaxMemoryBytes > 0 {
		argv = append(argv, "--max_server_memory_usage="+strconv.FormatInt(e.opts.MaxMemoryBytes, 10))
	}
	saved := saveSignals()
	e.lib.setSignalEnabled(0)
	c, err := connect(e.lib, argv, len(e.conns))
	saved.restore()
	if err != nil {
		return nil, fmt.Errorf("chdb: connect to %s: %w", e.dataDir, err)
	}
	e.conns = append(e.conns, c)
	setup := e.setup
	if readOnly {
		setup = append(setup[:len(setup):len(setup)], "SET readonly = 2")
	}
	for _, s := range setup {
		if _, err := c.query(s, DefaultFormat); err != nil {
			return nil, fmt.Errorf("chdb: prepare connection: %s: %w", s, err)
		}
	}
	return c, nil
}

// DataDir returns the engine's absolute data directory.
func (e *Engine) DataDir() string { return e.dataDir }

// Query runs one statement and returns its output in format (default
// TabSeparated).
func (e *Engine) Query(ctx context.Context, sql, format string) ([]byte, error) {
	return e.Run(ctx, Request{SQL: sql, Format: format})
}

// QueryWithParams runs one statement with server-side {name:Type}
// parameters. Values are plain text (e.g. "it's\tfine"); they are escaped
// for the engine here and never interpolated into the SQL.
func (e *Engine) QueryWithParams(ctx context.Context, sql, format string, params map[string]string) ([]byte, error) {
	return e.Run(ctx, Request{SQL: sql, Format: format, Params: params})
}

// Insert streams data into the engine: sql is the INSERT head without data
// or FORMAT clause ("INSERT INTO t" or "INSERT INTO t (a, b)"), format names
// the input format. The data travels through a pipe read with
// INSERT ... FROM INFILE '/dev/fd/N', so it may contain anything (inline
// INSERT data would be cut at the first blank line).
func (e *Engine) Insert(ctx context.Context, sql, format string, data io.Reader) error {
	if data == nil {
		return errors.New("chdb: insert: data reader is nil")
	}
	_, err := e.Run(ctx, Request{SQL: sql, Input: data, InputFormat: format})
	return err
}

var (
	identRE  = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	formatRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
)

// Run executes one request on a pooled connection. When ctx ends first the
// statement is cancelled (KILL QUERY) and Run returns ctx's error without
// waiting for the engine to finish.
func (e *Engine) Run(ctx context.Context, req Request) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if req.Format == "" {
		req.Format = DefaultFormat
	}
	if !formatRE.MatchString(req.Format) {
		return nil, fmt.Errorf("chdb: output format %q is not a format name", req.Format)
	}
	if req.Input != nil && !formatRE.MatchString(req.InputFormat) {
		return nil, fmt.Errorf("chdb: insert: input format %q is not a format name (e.g. Native, JSONEachRow)", req.InputFormat)
	}
	names, values, err := encodeParams(req.Params, req.ParamsEscaped)
	if err != nil {
		return nil, err
	}
	pre, post, err := settingStatements(req)
	if err != nil {
		return nil, err
	}
	if !e.enter() {
		return nil, ErrClosed
	}
	defer e.leave()
	pool, err := e.pool(req.ReadOnly)
	if err != nil {
		return nil, err
	}
	var c *conn
	select {
	case c = <-pool:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-e.done:
		return nil, ErrClosed
	}

	marker := fmt.Sprintf("/*pantau-q:%d*/ ", e.seq.Add(1))
	type outcome struct {
		out []byte
		err error
	}
	ch := make(chan outcome, 1)
	e.enterInternal()
	go func() {
		defer e.leave()
		defer func() { pool <- c }()
		out, err := e.exec(c, marker, req, names, values, pre, post)
		ch <- outcome{out, err}
	}()
	select {
	case o := <-ch:
		return o.out, o.err
	case <-ctx.Done():
		e.kill(marker)
		return nil, fmt.Errorf("chdb: statement cancelled: %w", ctx.Err())
	}
}

// exec runs the request on c: settings, statement, reset.
func (e *Engine) exec(c *conn, marker string, req Request, names, values, pre, post []string) ([]byte, error) {
	for _, s := range pre {
		if _, err := c.query(s, DefaultFormat); err != nil {
			e.reset(c, post)
			return nil, err
		}
	}
	defer e.reset(c, post)
	sql := marker + req.SQL
	if req.Input == nil {
		return c.queryParams(sql, req.Format, names, values)
	}
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("chdb: insert: %w", err)
	}
	copyErr := make(chan error, 1)
	go func() {
		_, err := io.Copy(w, req.Input)
		w.Close()
		copyErr <- err
	}()
	sql = fmt.Sprintf("%s FROM INFILE '/dev/fd/%d' FORMAT %s", strings.TrimRight(sql, " \t\r\n;"), r.Fd(), req.InputFormat)
	out, qerr := c.queryParams(sql, req.Format, names, values)
	r.Close()
	cerr := <-copyErr
	if qerr != nil {
		return nil, qerr
	}
	if cerr != nil {
		return nil, fmt.Errorf("chdb: insert: read input: %w", cerr)
	}
	return out, nil
}

func (e *Engine) reset(c *conn, post []string) {
	for _, s := range post {
		_, _ = c.query(s, DefaultFormat)
	}
}

// kill cancels the statement tagged with marker, without waiting.
func (e *Engine) kill(marker string) {
	e.closeMu.Lock()
	defer e.closeMu.Unlock()
	if e.ctl == nil {
		return
	}
	_, _ = e.ctl.queryParams("KILL QUERY WHERE startsWith(query, {m:String}) ASYNC", DefaultFormat,
		[]string{"m"}, []string{escapeParam(marker)})
}

// pool returns the read-write pool, or the read-only pool (created on first use).
func (e *Engine) pool(readOnly bool) (chan *conn, error) {
	if !readOnly {
		return e.rw, nil
	}
	e.roMu.Lock()
	defer e.roMu.Unlock()
	if e.ro != nil || e.roErr != nil {
		return e.ro, e.roErr
	}
	ro := make(chan *conn, e.opts.Connections)
	for i := 0; i < e.opts.Connections; i++ {
		c, err := e.connect(true)
		if err != nil {
			e.roErr = err
			return nil, err
		}
		ro <- c
	}
	e.ro = ro
	return ro, nil
}

// settingStatements builds the SET statements that apply req's database and
// settings, and those that undo them.
func settingStatements(req Request) (pre, post []string, err error) {
	if req.Database != "" && req.Database != "default" {
		pre = append(pre, "USE "+quoteIdent(req.Database))
		post = append(post, "USE default")
	}
	if len(req.Settings) == 0 {
		return pre, post, nil
	}
	keys := make([]string, 0, len(req.Settings))
	for k := range req.Settings {
		if !identRE.MatchString(k) {
			return nil, nil, fmt.Errorf("chdb: setting name %q is not a valid identifier", k)
		}
		if req.ReadOnly && strings.EqualFold(k, "readonly") {
			continue
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return pre, post, nil
	}
	sort.Strings(keys)
	set := make([]string, len(keys))
	unset := make([]string, len(keys))
	for i, k := range keys {
		set[i] = k + " = " + quoteString(req.Settings[k])
		unset[i] = k + " = DEFAULT"
	}
	pre = append(pre, "SET "+strings.Join(set, ", "))
	post = append(post, "SET "+strings.Join(unset, ", "))
	return pre, post, nil
}

// Close cancels running statements, waits for them (bounded) and shuts the
// engine down. The data directory is released for another Open.
func (e *Engine) Close() error {
	if !e.closed.CompareAndSwap(false, true) {
		return nil
	}
	close(e.done)
	e.busyMu.Lock()
	waited := make(chan struct{})
	if e.busy == 0 {
		close(waited)
	} else {
		e.idle = waited
	}
	e.busyMu.Unlock()
	select {
	case <-waited:
	case <-time.After(100 * time.Millisecond):
		e.kill("/*pantau-q:")
		select {
		case <-waited:
		case <-time.After(closeWait):
			return fmt.Errorf("chdb: close: statements still running after %s; connections left open", closeWait)
		}
	}
	e.closeConns()
	openMu.Lock()
	openDir = ""
	openMu.Unlock()
	return nil
}

// enter counts a new Run call; false after Close.
func (e *Engine) enter() bool {
	e.busyMu.Lock()
	defer e.busyMu.Unlock()
	if e.closed.Load() {
		return false
	}
	e.busy++
	return true
}

// enterInternal counts a statement started by a Run call already counted.
func (e *Engine) enterInternal() {
	e.busyMu.Lock()
	e.busy++
	e.busyMu.Unlock()
}

func (e *Engine) leave() {
	e.busyMu.Lock()
	defer e.busyMu.Unlock()
	e.busy--
	if e.busy == 0 && e.idle != nil {
		close(e.idle)
		e.idle = nil
	}
}

// closeConns closes every connection, the control connection last (closing
// the last one shuts the engine down).
func (e *Engine) closeConns() {
	e.closeMu.Lock()
	defer e.closeMu.Unlock()
	for i := len(e.conns) - 1; i >= 0; i-- {
		e.conns[i].close()
	}
	e.conns = nil
	e.ctl = nil
}

// quoteIdent quotes a ClickHouse identifier with backticks.
func quoteIdent(s string) string {
	return "`" + strings.NewReplacer("\\", "\\\\", "`", "\\`").Replace(s) + "`"
}

// quoteString quotes a ClickHouse string literal.
func quoteString(s string) string {
	return "'" + strings.NewReplacer("\\", "\\\\", "'", "\\'").Replace(s) + "'"
}

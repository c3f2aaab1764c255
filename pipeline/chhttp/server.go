package chhttp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/biroadpim/pantau/pipeline/chdb"
)

// DefaultAddr is where Server listens by default: loopback only.
const DefaultAddr = "127.0.0.1:8123"

// DefaultShutdownTimeout bounds the graceful shutdown in Run.
const DefaultShutdownTimeout = 10 * time.Second

// ServerOptions configures NewServer.
type ServerOptions struct {
	// Addr is the listen address (default DefaultAddr).
	Addr string
	// Handler configures the HTTP interface.
	Handler HandlerOptions
	// ShutdownTimeout bounds the graceful shutdown (default
	// DefaultShutdownTimeout); requests still running are then cut off.
	ShutdownTimeout time.Duration
}

// Server serves the ClickHouse HTTP interface until its context ends.
type Server struct {
	opts ServerOptions
	srv  *http.Server

	mu    sync.Mutex
	addr  net.Addr
	ready chan struct{}
}

// NewServer returns a Server over e.
func NewServer(e *chdb.Engine, opts ServerOptions) *Server {
	if opts.Addr == "" {
		opts.Addr = DefaultAddr
	}
	if opts.ShutdownTimeout <= 0 {
		opts.ShutdownTimeout = DefaultShutdownTimeout
	}
	return &Server{
		opts: opts,
		srv: &http.Server{
			Handler:           NewHandler(e, opts.Handler),
			ReadHeaderTimeout: 10 * time.Second,
			IdleTimeout:       2 * time.Minute,
		},
		ready: make(chan struct{}),
	}
}

// Run listens on the configured address and serves until ctx ends, then
// shuts down gracefully.
func (s *Server) Run(ctx context.Context) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", s.opts.Addr)
	if err != nil {
		return fmt.Errorf("clickhouse http listen %s: %w", s.opts.Addr, err)
	}
	return s.Serve(ctx, ln)
}

// Serve serves on ln until ctx ends.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.mu.Lock()
	s.addr = ln.Addr()
	s.mu.Unlock()
	close(s.ready)
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("clickhouse http serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
	defer cancel()
	if err := s.srv.Shutdown(sctx); err != nil {
		_ = s.srv.Close()
		return fmt.Errorf("clickhouse http shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("clickhouse http serve: %w", err)
	}
	return nil
}

// Addr waits until the server listens (or ctx ends) and returns its address.
func (s *Server) Addr(ctx context.Context) (net.Addr, error) {
	select {
	case <-s.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addr, nil
}

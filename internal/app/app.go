package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/biroadpim/pantau/internal/config"
	"github.com/biroadpim/pantau/pipeline/bus"
	"github.com/biroadpim/pantau/pipeline/chdb"
	"github.com/biroadpim/pantau/pipeline/chhttp"
	"github.com/biroadpim/pantau/pipeline/process"
	"github.com/biroadpim/pantau/pipeline/store"
)

// Component is a long-running part started by Run (collectors, schedulers).
type Component interface {
	Run(ctx context.Context) error
}

// StoryService assigns story ids and keeps its signatures flushed.
type StoryService interface {
	process.StoryAssigner
	Run(ctx context.Context) error
	Close(ctx context.Context) error
}

// Options add optional parts to the application.
type Options struct {
	// Analyzer is the NLP stage; nil stores documents without analysis.
	Analyzer process.Analyzer
	// Stories builds the story assigner once the store is up; nil uses the document id.
	Stories func(a *App) (StoryService, error)
	// ModelVersion is recorded on stored rows.
	ModelVersion string
	// Collect builds the collectors once NATS is up (role collect).
	Collect func(a *App) (Component, error)
	// Serve registers API routes on mux once the store is up (role serve).
	Serve func(a *App, mux *http.ServeMux) ([]Component, error)
}

// App is a running Pantau process.
type App struct {
	Cfg      config.Config
	Log      *slog.Logger
	Registry *prometheus.Registry

	NATSServer *server.Server
	NC         *nats.Conn
	JS         jetstream.JetStream
	Engine     *chdb.Engine
	Store      *store.Store
	Processor  *process.Processor

	opts    Options
	chLn    net.Listener
	httpLn  net.Listener
	mux     *http.ServeMux
	closers []func()
	mu      sync.Mutex
}

// Start brings up the infrastructure the configured roles need: NATS (and
// the streams), the ClickHouse engine or connection, and the migrations.
// Close releases what Start opened; Run runs the components.
func Start(ctx context.Context, cfg config.Config, log *slog.Logger, opts Options) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	a := &App{Cfg: cfg, Log: log, Registry: prometheus.NewRegistry(), opts: opts, mux: http.NewServeMux()}
	a.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	ok := false
	defer func() {
		if !ok {
			a.Close()
		}
	}()
	if cfg.DataDir != "" {
		if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
			return nil, fmt.Errorf("create data directory %s: %w", cfg.DataDir, err)
		}
	}
	// The HTTP listener is bound first so a port conflict fails fast.
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	if err != nil {
		return nil, fmt.Errorf("listen on http_addr %s: %w (is another pantau running? choose another --http-addr)", cfg.HTTPAddr, err)
	}
	a.httpLn = ln
	a.closers = append(a.closers, func() { ln.Close() })
	if err := a.startNATS(ctx); err != nil {
		return nil, err
	}
	if cfg.HasRole(config.RoleProcess) || cfg.HasRole(config.RoleServe) {
		if err := a.startClickHouse(ctx); err != nil {
			return nil, err
		}
	}
	ok = true
	return a, nil
}

func (a *App) startNATS(ctx context.Context) error {
	url := a.Cfg.NATS.URL
	if url == "" {
		s, err := bus.StartEmbedded(bus.ServerOptions{
			StoreDir: filepath.Join(a.Cfg.DataDir, "nats"),
			Host:     a.Cfg.NATS.Host,
			Port:     a.Cfg.NATS.Port,
		})
		if err != nil {
			return fmt.Errorf("%w (set --nats-port to another port, or -1 for any free port)", err)
		}
		a.NATSServer = s
		a.closers = append(a.closers, func() { s.Shutdown(); s.WaitForShutdown() })
		url = s.ClientURL()
		a.Log.Info("embedded NATS started", "url", url, "store_dir", filepath.Join(a.Cfg.DataDir, "nats"))
	}
	nc, err := nats.Connect(url,
		nats.Name("pantau"),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.DisconnectErrHandler(func(_ *nats.Conn, err error) {
			if err != nil {
				a.Log.Warn("nats disconnected", "err", err)
			}
		}),
		nats.ReconnectHandler(func(c *nats.Conn) { a.Log.Info("nats reconnected", "url", c.ConnectedUrlRedacted()) }),
	)
	if err != nil {
		return fmt.Errorf("connect to nats %s: %w", url, err)
	}
	a.NC = nc
	a.closers = append(a.closers, func() { _ = nc.Drain(); nc.Close() })
	js, err := jetstream.New(nc)
	if err != nil {
		return fmt.Errorf("jetstream: %w", err)
	}
	a.JS = js
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return bus.EnsureStreams(sctx, js, a.Cfg.NATS.Streams)
}

func (a *App) startClickHouse(ctx context.Context) error {
	ch, err := OpenClickHouse(ctx, a.Cfg.DataDir, a.Cfg.ClickHouse, a.Log)
	if err != nil {
		return err
	}
	a.closers = append(a.closers, ch.Close)
	a.Engine, a.Store, a.chLn = ch.Engine, ch.Store, ch.ln
	mctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	return a.Store.Migrate(mctx)
}

// ClickHouse is an open store, with the embedded engine behind it when no
// server was configured.
type ClickHouse struct {
	Engine *chdb.Engine
	Store  *store.Store
	ln     net.Listener
	srv    *http.Server
}

// OpenClickHouse opens the store: a ClickHouse server when cfg.DSN is set,
// otherwise the embedded engine with its data under dataDir/clickhouse,
// served on ClickHouse's HTTP interface at cfg.HTTPAddr.
func OpenClickHouse(ctx context.Context, dataDir string, cfg store.Config, log *slog.Logger) (*ClickHouse, error) {
	ch := &ClickHouse{}
	ok := false
	defer func() {
		if !ok {
			ch.Close()
		}
	}()
	if cfg.Embedded() {
		lib, err := chdb.LibraryPath()
		if err != nil {
			return nil, err
		}
		dir := filepath.Join(dataDir, "clickhouse")
		e, err := chdb.Open(chdb.Options{LibPath: lib, DataDir: dir, MaxMemoryBytes: cfg.MaxMemoryBytes})
		if err != nil {
			return nil, fmt.Errorf("start embedded clickhouse in %s: %w", dir, err)
		}
		ch.Engine = e
		ln, err := net.Listen("tcp", cfg.HTTPAddr)
		if err != nil {
			return nil, fmt.Errorf("listen on clickhouse.http_addr %s: %w (choose another --clickhouse-http-addr)", cfg.HTTPAddr, err)
		}
		ch.ln = ln
		ch.srv = &http.Server{Handler: chhttp.NewHandler(e, engineUsers(cfg)), ReadHeaderTimeout: 10 * time.Second}
		go func() {
			if err := ch.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("clickhouse http interface stopped", "err", err)
			}
		}()
		cfg.HTTPAddr = ln.Addr().String()
		log.Info("embedded ClickHouse engine serving the HTTP interface", "addr", cfg.HTTPAddr, "data_dir", dir)
	}
	st, err := store.Open(ctx, cfg, log.With("component", "store"))
	if err != nil {
		return nil, err
	}
	ch.Store = st
	ok = true
	return ch, nil
}

// engineUsers gives the embedded engine's HTTP interface a read-only user
// (store.ReadOnlyUser, for Grafana and ad-hoc analysts' queries) when its
// password is configured; the default user keeps loopback-only access.
func engineUsers(cfg store.Config) chhttp.HandlerOptions {
	if cfg.ReadOnlyPassword == "" {
		return chhttp.HandlerOptions{}
	}
	return chhttp.HandlerOptions{
		Users:    map[string]string{"default": "", store.ReadOnlyUser: cfg.ReadOnlyPassword},
		ReadOnly: map[string]bool{store.ReadOnlyUser: true},
	}
}

// Addr is where the embedded engine's HTTP interface listens (empty with a server).
func (c *ClickHouse) Addr() string {
	if c.ln == nil {
		return ""
	}
	return c.ln.Addr().String()
}

// Close closes the store, the HTTP interface and the engine, in that order.
func (c *ClickHouse) Close() {
	if c.Store != nil {
		c.Store.Close()
	}
	if c.srv != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = c.srv.Shutdown(sctx)
	} else if c.ln != nil {
		c.ln.Close()
	}
	if c.Engine != nil {
		c.Engine.Close()
	}
}

// ClickHouseHTTPAddr is where the embedded engine's HTTP interface listens
// (empty with an external server).
func (a *App) ClickHouseHTTPAddr() string {
	if a.chLn == nil {
		return ""
	}
	return a.chLn.Addr().String()
}

// HTTPAddr is the address the HTTP server listens on.
func (a *App) HTTPAddr() string { return a.httpLn.Addr().String() }

// Close releases everything Start opened, in reverse order.
func (a *App) Close() {
	a.mu.Lock()
	closers := a.closers
	a.closers = nil
	a.mu.Unlock()
	for i := len(closers) - 1; i >= 0; i-- {
		closers[i]()
	}
}

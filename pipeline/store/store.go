package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// ErrUnavailable wraps errors from a store that cannot be reached.
var ErrUnavailable = errors.New("clickhouse unavailable")

// Store is the ClickHouse store.
type Store struct {
	conn driver.Conn
	db   string
	cfg  Config
	log  *slog.Logger
}

// Open connects to ClickHouse: to cfg.DSN over the native protocol (or
// whatever the DSN says), or, when DSN is empty, to the embedded engine's
// HTTP interface on cfg.HTTPAddr. It pings before returning.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if cfg.Database == "" {
		cfg.Database = DefaultDatabase
	}
	if cfg.DialTimeout == 0 {
		cfg.DialTimeout = 10 * time.Second
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var opts *clickhouse.Options
	where := ""
	if cfg.DSN != "" {
		o, err := clickhouse.ParseDSN(cfg.DSN)
		if err != nil {
			return nil, fmt.Errorf("parse clickhouse dsn: %s", redactErr(err, cfg.DSN))
		}
		opts = o
		where = SafeDSN(cfg.DSN)
	} else {
		opts = &clickhouse.Options{
			Protocol: clickhouse.HTTP,
			Addr:     []string{cfg.HTTPAddr},
		}
		where = "http://" + cfg.HTTPAddr
	}
	// Tables are always qualified with the database, which may not exist yet.
	opts.Auth.Database = ""
	opts.DialTimeout = cfg.DialTimeout
	if opts.MaxOpenConns == 0 {
		opts.MaxOpenConns = 8
	}
	conn, err := clickhouse.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("%w: open %s: %s", ErrUnavailable, where, RedactDSN(err.Error(), cfg.DSN))
	}
	pctx, cancel := context.WithTimeout(ctx, cfg.DialTimeout)
	defer cancel()
	if err := conn.Ping(pctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("%w: ping %s: %s", ErrUnavailable, where, RedactDSN(err.Error(), cfg.DSN))
	}
	return &Store{conn: conn, db: cfg.Database, cfg: cfg, log: log}, nil
}

// Conn exposes the underlying connection for read-only analytics queries.
func (s *Store) Conn() driver.Conn { return s.conn }

// Database is the database holding Pantau's tables.
func (s *Store) Database() string { return s.db }

// Close closes the connection.
func (s *Store) Close() error { return s.conn.Close() }

// Ping checks the store is reachable (used by readiness).
func (s *Store) Ping(ctx context.Context) error {
	if err := s.conn.Ping(ctx); err != nil {
		return fmt.Errorf("%w: %v", ErrUnavailable, err)
	}
	return nil
}

// table returns the qualified name of one of Pantau's tables.
func (s *Store) table(name string) string { return s.db + "." + name }

// CountDocuments returns the number of distinct documents visible to
// queries (FINAL collapses versions and redeliveries).
func (s *Store) CountDocuments(ctx context.Context) (uint64, error) {
	var n uint64
	if err := s.conn.QueryRow(ctx, "SELECT count() FROM "+s.table("documents")+" FINAL").Scan(&n); err != nil {
		return 0, fmt.Errorf("count documents: %w", err)
	}
	return n, nil
}

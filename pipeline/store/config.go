package store

import (
	"errors"
	"fmt"
	"net"
	"regexp"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// DefaultDatabase is the database Pantau's tables live in.
const DefaultDatabase = "pantau"

// Config says where the store is.
type Config struct {
	// DSN of a ClickHouse server (clickhouse://user:pass@host:9000/pantau).
	// Empty means the embedded engine served on HTTPAddr.
	DSN string `yaml:"dsn" doc:"ClickHouse server DSN, e.g. clickhouse://user:pass@host:9000/pantau; empty runs the embedded engine"`
	// HTTPAddr is where the embedded engine's HTTP interface listens.
	HTTPAddr string `yaml:"http_addr" doc:"address of the embedded engine's ClickHouse HTTP interface (loopback unless you add users)"`
	// Database holds Pantau's tables.
	Database string `yaml:"database" doc:"database holding Pantau's tables"`
	// Cluster, when set, makes migrations emit ON CLUSTER DDL with replicated and distributed tables.
	Cluster string `yaml:"cluster" doc:"ClickHouse cluster name for ON CLUSTER DDL (empty = single node)"`
	// MaxMemoryBytes limits the embedded engine's memory (0 = no limit).
	MaxMemoryBytes int64 `yaml:"max_memory_bytes" doc:"memory limit of the embedded engine in bytes (0 = unlimited)"`
	// DialTimeout bounds connecting.
	DialTimeout time.Duration `yaml:"dial_timeout" doc:"timeout for connecting to ClickHouse"`
	// ReadOnlyPassword is the password of the read-only user (grafana_ro) the migrations create on a server.
	ReadOnlyPassword string `yaml:"readonly_password" secret:"true" doc:"password for the read-only user grafana_ro that migrations create on a ClickHouse server (secret: use PANTAU_CLICKHOUSE_READONLY_PASSWORD)"`
}

// DefaultConfig returns the embedded defaults.
func DefaultConfig() Config {
	return Config{HTTPAddr: "127.0.0.1:8123", Database: DefaultDatabase, DialTimeout: 10 * time.Second, MaxMemoryBytes: 4 << 30}
}

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// Validate reports an unusable store configuration.
func (c Config) Validate() error {
	var errs []error
	if c.DSN != "" {
		if _, err := clickhouse.ParseDSN(c.DSN); err != nil {
			errs = append(errs, fmt.Errorf("clickhouse.dsn: %v; expected clickhouse://user:pass@host:9000/pantau", redactErr(err, c.DSN)))
		}
	} else if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		errs = append(errs, fmt.Errorf("clickhouse.http_addr %q: %v; expected host:port such as 127.0.0.1:8123", c.HTTPAddr, err))
	}
	if !identifier.MatchString(c.Database) {
		errs = append(errs, fmt.Errorf("clickhouse.database %q is not a plain identifier", c.Database))
	}
	if c.Cluster != "" && !identifier.MatchString(c.Cluster) {
		errs = append(errs, fmt.Errorf("clickhouse.cluster %q is not a plain identifier", c.Cluster))
	}
	if c.MaxMemoryBytes < 0 {
		errs = append(errs, fmt.Errorf("clickhouse.max_memory_bytes %d must not be negative", c.MaxMemoryBytes))
	}
	if c.DialTimeout <= 0 {
		errs = append(errs, fmt.Errorf("clickhouse.dial_timeout %s must be positive", c.DialTimeout))
	}
	return errors.Join(errs...)
}

// Embedded reports whether the configuration asks for the embedded engine.
func (c Config) Embedded() bool { return c.DSN == "" }

// redactErr keeps a DSN's password out of error messages.
func redactErr(err error, dsn string) string {
	return RedactDSN(err.Error(), dsn)
}

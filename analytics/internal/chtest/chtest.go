// Package chtest starts the embedded ClickHouse engine for the analytics
// tests: once per test binary from TestMain, served over ClickHouse's HTTP
// interface and reached with the real store client.
package chtest

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/biroadpim/pantau/pipeline/chdb"
	"github.com/biroadpim/pantau/pipeline/chhttp/chhttptest"
	"github.com/biroadpim/pantau/pipeline/store"
)

var (
	cfg        store.Config
	skipReason string
	// Engine is the embedded engine of this test binary (nil with an external server or when skipped).
	Engine *chdb.Engine
)

// Main runs m with an embedded engine. Without the library it runs m with
// every Store call skipping, except in CI (CI=true), where it fails. With
// PANTAU_TEST_CLICKHOUSE_DSN set it uses that server instead.
func Main(m *testing.M) int {
	if dsn := os.Getenv("PANTAU_TEST_CLICKHOUSE_DSN"); dsn != "" {
		cfg = store.Config{DSN: dsn, Database: store.DefaultDatabase, DialTimeout: 10 * time.Second}
		return m.Run()
	}
	// PANTAU_TEST_CHDB_DIR keeps the engine's data between runs (for
	// benchmark iterations on the generated corpus).
	env, err := chhttptest.Start(os.Getenv("PANTAU_TEST_CHDB_DIR"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer env.Close()
	skipReason, Engine = env.Skip, env.Engine
	cfg = store.Config{HTTPAddr: env.Addr, Database: store.DefaultDatabase, DialTimeout: 10 * time.Second}
	return m.Run()
}

// Tables are the tables Store empties.
var Tables = []string{"documents", "story_signatures", "story_bands"}

// Store returns a migrated store with empty tables, closed when the test ends.
func Store(t testing.TB) *store.Store {
	t.Helper()
	s := Open(t)
	for _, tb := range Tables {
		if err := s.Conn().Exec(context.Background(), "TRUNCATE TABLE "+s.Database()+"."+tb); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// Open returns a migrated store keeping what the tables hold, closed when
// the test ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	if skipReason != "" {
		t.Skipf("embedded ClickHouse engine not installed: %s (run make libchdb)", skipReason)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}

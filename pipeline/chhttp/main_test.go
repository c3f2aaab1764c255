package chhttp

import (
	"fmt"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/biroadpim/pantau/pipeline/chdb"
)

// One engine per test binary: a process holds one data directory.
var (
	engine     *chdb.Engine
	engineErr  error
	skipReason string
	srv        *httptest.Server // no auth
	authSrv    *httptest.Server // users "writer" and read-only "grafana"
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "chhttp-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if _, err := chdb.LibraryPath(); err != nil && os.Getenv("CI") != "true" {
		skipReason = fmt.Sprintf("embedded ClickHouse not installed (%v)", err)
	} else if engine, engineErr = chdb.Open(chdb.Options{DataDir: dir, MaxMemoryBytes: 4 << 30, Connections: 3}); engineErr == nil {
		srv = httptest.NewServer(NewHandler(engine, HandlerOptions{}))
		authSrv = httptest.NewServer(NewHandler(engine, HandlerOptions{
			Users:    map[string]string{"writer": "w-secret", "grafana": "g-secret"},
			ReadOnly: map[string]bool{"grafana": true},
		}))
	}
	code := m.Run()
	if srv != nil {
		srv.Close()
		authSrv.Close()
	}
	if engine != nil {
		if err := engine.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "close engine:", err)
			code = 1
		}
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// needEngine skips when the library is not installed (outside CI) and fails
// in CI or when the engine did not open.
func needEngine(t testing.TB) *chdb.Engine {
	t.Helper()
	if skipReason != "" {
		if os.Getenv("CI") == "true" {
			t.Fatal(skipReason)
		}
		t.Skip("skipping: " + skipReason)
	}
	if engineErr != nil {
		t.Fatalf("open engine: %v", engineErr)
	}
	return engine
}

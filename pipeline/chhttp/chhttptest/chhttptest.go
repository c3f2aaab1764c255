// Package chhttptest starts the embedded ClickHouse engine for a test
// binary, served on ClickHouse's HTTP interface as in `pantau run`, so that
// tests reach it with the real store client. Call Start from TestMain: the
// engine allows one data directory per process.
package chhttptest

import (
	"fmt"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/biroadpim/pantau/pipeline/chdb"
	"github.com/biroadpim/pantau/pipeline/chhttp"
)

// Env is a running engine, or the reason there is none.
type Env struct {
	// Addr is host:port of the engine's HTTP interface.
	Addr string
	// Engine is the embedded engine.
	Engine *chdb.Engine
	// Skip says why there is no engine (library not installed, outside CI);
	// tests should t.Skip with it.
	Skip    string
	cleanup []func()
}

// Start opens the engine with its data in dir (a temporary directory when
// empty). Without the library it returns an Env whose Skip explains why,
// except in CI (CI=true), where a missing library is an error.
func Start(dir string) (*Env, error) {
	lib, err := chdb.LibraryPath()
	if err != nil {
		if os.Getenv("CI") == "true" {
			return nil, fmt.Errorf("embedded ClickHouse engine missing in CI: %w", err)
		}
		return &Env{Skip: err.Error() + " (run make libchdb)"}, nil
	}
	env := &Env{}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "pantau-engine-test")
		if err != nil {
			return nil, err
		}
		dir = tmp
		env.cleanup = append(env.cleanup, func() { os.RemoveAll(tmp) })
	}
	e, err := chdb.Open(chdb.Options{LibPath: lib, DataDir: dir})
	if err != nil {
		env.Close()
		return nil, err
	}
	env.Engine = e
	env.cleanup = append(env.cleanup, func() { e.Close() })
	srv := httptest.NewServer(chhttp.NewHandler(e, chhttp.HandlerOptions{}))
	env.cleanup = append(env.cleanup, srv.Close)
	env.Addr = strings.TrimPrefix(srv.URL, "http://")
	return env, nil
}

// Close stops the HTTP interface and the engine and removes a temporary directory.
func (e *Env) Close() {
	for i := len(e.cleanup) - 1; i >= 0; i-- {
		e.cleanup[i]()
	}
	e.cleanup = nil
}

package chdb

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"testing"
)

// shared is the one engine the package tests use: a process holds one data
// directory, so tests share it and run one after another.
var (
	shared      *Engine
	sharedErr   error
	skipReason  string
	segvBefore  uintptr
	childEnvKey = "PANTAU_CHDB_TEST_CHILD"
)

func TestMain(m *testing.M) {
	if os.Getenv(childEnvKey) != "" {
		os.Exit(m.Run())
	}
	dir, err := os.MkdirTemp("", "chdb-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if _, err := LibraryPath(); err != nil && os.Getenv("CI") != "true" {
		skipReason = fmt.Sprintf("embedded ClickHouse not installed (%v)", err)
	} else {
		segvBefore = currentHandler(syscall.SIGSEGV)
		shared, sharedErr = Open(Options{DataDir: dir, MaxMemoryBytes: 4 << 30})
	}
	code := m.Run()
	if shared != nil {
		if err := shared.Close(); err != nil {
			fmt.Fprintln(os.Stderr, "close:", err)
			code = 1
		}
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// requireLibrary skips the test when the library is not installed outside
// CI; in CI (CI=true) a missing library fails the test.
func requireLibrary(t testing.TB) {
	t.Helper()
	_, err := LibraryPath()
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true but the embedded ClickHouse library is missing: %v", err)
	}
	t.Skipf("skipping: embedded ClickHouse not installed (%v)", err)
}

// engine returns the shared engine, skipping or failing as requireLibrary.
func engine(t testing.TB) *Engine {
	t.Helper()
	if skipReason != "" {
		t.Skip("skipping: " + skipReason)
	}
	requireLibrary(t)
	if sharedErr != nil {
		t.Fatalf("open shared engine: %v", sharedErr)
	}
	if shared == nil {
		t.Fatal("shared engine not opened (child process?)")
	}
	return shared
}

func mustQuery(t testing.TB, e *Engine, sql string) string {
	t.Helper()
	out, err := e.Query(context.Background(), sql, "TSV")
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return string(out)
}

package chdb

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestPersistence checks that data survives Close and re-Open in one process
// and a restart of the process. The shared engine holds this process's data
// directory, so the work runs in child processes of the test binary.
func TestPersistence(t *testing.T) {
	engine(t)
	dir := t.TempDir()
	for _, step := range []string{"write-reopen", "read"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPersistenceChild$", "-test.v")
		cmd.Env = append(os.Environ(), childEnvKey+"="+step, "PANTAU_CHDB_TEST_DIR="+dir)
		out, err := cmd.CombinedOutput()
		if err != nil || !strings.Contains(string(out), "--- PASS: TestPersistenceChild") {
			t.Fatalf("child %s: %v\n%s", step, err, out)
		}
	}
}

// TestPersistenceChild is the child half of TestPersistence.
func TestPersistenceChild(t *testing.T) {
	step := os.Getenv(childEnvKey)
	if step == "" {
		t.Skip("runs only as a child of TestPersistence")
	}
	requireLibrary(t)
	dir := os.Getenv("PANTAU_CHDB_TEST_DIR")
	ctx := context.Background()
	count := func(e *Engine) string {
		out, err := e.Query(ctx, "SELECT count(), sum(length(body)) FROM docs", "TSV")
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	const want = "3\t12\n"
	e, err := Open(Options{DataDir: dir, Connections: 1})
	if err != nil {
		t.Fatal(err)
	}
	if step == "write-reopen" {
		if _, err := e.Query(ctx, "CREATE TABLE docs (id UInt32, body String) ENGINE = MergeTree ORDER BY id", "TSV"); err != nil {
			t.Fatal(err)
		}
		if err := e.Insert(ctx, "INSERT INTO docs", "TSV", strings.NewReader("1\tabcd\n2\tefgh\n3\tijkl\n")); err != nil {
			t.Fatal(err)
		}
		if err := e.Close(); err != nil {
			t.Fatal(err)
		}
		// Re-open in the same process: the engine shuts down and boots again.
		if e, err = Open(Options{DataDir: dir, Connections: 1}); err != nil {
			t.Fatalf("re-open in one process: %v", err)
		}
	}
	if got := count(e); got != want {
		t.Fatalf("%s: rows = %q, want %q", step, got, want)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Query(ctx, "SELECT 1", "TSV"); err != ErrClosed {
		t.Fatalf("query after Close: err = %v, want ErrClosed", err)
	}
}

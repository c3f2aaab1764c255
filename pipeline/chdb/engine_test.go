package chdb

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	e := engine(t)
	mustQuery(t, e, "CREATE TABLE rt (id UInt32, title String, at DateTime64(3, 'Asia/Makassar')) ENGINE = MergeTree ORDER BY id")
	t.Cleanup(func() { mustQuery(t, e, "DROP TABLE rt") })
	mustQuery(t, e, "INSERT INTO rt VALUES (1, 'Gubernur Kaltim', '2025-01-02 08:00:00.123'), (2, 'Samarinda', '2025-01-03 09:30:00')")
	got := mustQuery(t, e, "SELECT id, title, at FROM rt ORDER BY id")
	want := "1\tGubernur Kaltim\t2025-01-02 08:00:00.123\n2\tSamarinda\t2025-01-03 09:30:00.000\n"
	if got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	out, err := e.Query(t.Context(), "SELECT count() AS n FROM rt", "JSONEachRow")
	if err != nil || string(out) != "{\"n\":2}\n" {
		t.Fatalf("JSONEachRow = %q, %v", out, err)
	}
	// An empty format means TabSeparated.
	if out, err := e.Query(t.Context(), "SELECT 'a\tb'", ""); err != nil || string(out) != "a\\tb\n" {
		t.Fatalf("default format = %q, %v", out, err)
	}
}

func TestQueryWithParams(t *testing.T) {
	e := engine(t)
	values := []struct{ name, v string }{
		{"plain", "Isran Noor"},
		{"tab", "a\tb"},
		{"newlines", "line1\nline2\n\nline4\r\n"},
		{"quotes", `it's "quoted"`},
		{"backslash", `C:\path\n not a newline \\`},
		{"nul", "a\x00b"},
		{"unicode", "Balikpapan — ibu kota Nusantara ✓"},
		{"injection", "'); DROP TABLE x; --"},
		{"empty", ""},
	}
	for _, tc := range values {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.QueryWithParams(t.Context(), "SELECT hex({v:String}), length({v:String}), {n:UInt32} + 1", "TSV",
				map[string]string{"v": tc.v, "n": "41"})
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("%s\t%d\t42\n", strings.ToUpper(hex.EncodeToString([]byte(tc.v))), len(tc.v))
			if string(out) != want {
				t.Fatalf("got %q, want %q", out, want)
			}
		})
	}
	_, err := e.QueryWithParams(t.Context(), "SELECT {n:UInt8}", "TSV", map[string]string{"n": "not a number"})
	if Code(err) == 0 {
		t.Fatalf("bad UInt8 parameter: err = %v, want engine error", err)
	}
	if _, err := e.QueryWithParams(t.Context(), "SELECT 1", "TSV", map[string]string{"bad name": "x"}); err == nil {
		t.Fatal("invalid parameter name accepted")
	}
}

func TestInsertKeepsBlankLines(t *testing.T) {
	e := engine(t)
	mustQuery(t, e, "CREATE TABLE bl (id UInt32, body String) ENGINE = MergeTree ORDER BY id")
	t.Cleanup(func() { mustQuery(t, e, "DROP TABLE bl") })
	bodies := []string{"para one\n\npara two", "\n\n\n", "tail\n\n", "plain"}

	// CSV allows raw newlines inside quoted values.
	var csv bytes.Buffer
	for i, b := range bodies {
		fmt.Fprintf(&csv, "%d,\"%s\"\n", i, b)
	}
	if err := e.Insert(t.Context(), "INSERT INTO bl", "CSV", &csv); err != nil {
		t.Fatal(err)
	}
	// JSONEachRow with blank lines between rows.
	json := "{\"id\":10,\"body\":\"a\\n\\nb\"}\n\n\n{\"id\":11,\"body\":\"c\"}\n\n"
	if err := e.Insert(t.Context(), "INSERT INTO bl (id, body)", "JSONEachRow", strings.NewReader(json)); err != nil {
		t.Fatal(err)
	}
	// Native (binary) data that holds "\n\n": produced by the engine itself.
	native, err := e.Query(t.Context(), "SELECT toUInt32(number + 20) AS id, concat('x\n\n', toString(number)) AS body FROM numbers(1000)", "Native")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(native, []byte("\n\n")) {
		t.Fatal("native data holds no blank line; test is not testing anything")
	}
	if err := e.Insert(t.Context(), "INSERT INTO bl", "Native", bytes.NewReader(native)); err != nil {
		t.Fatal(err)
	}

	out, err := e.Query(t.Context(), "SELECT body FROM bl WHERE id < 20 ORDER BY id FORMAT JSONEachRow", "JSONEachRow")
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	for _, b := range append(append([]string{}, bodies...), "a\n\nb", "c") {
		want += fmt.Sprintf("{\"body\":%q}\n", b)
	}
	if string(out) != want {
		t.Fatalf("rows = %s\nwant %s", out, want)
	}
	if got := mustQuery(t, e, "SELECT count(), countIf(body LIKE 'x\n\n%') FROM bl WHERE id >= 20"); got != "1000\t1000\n" {
		t.Fatalf("native rows = %q, want 1000 of 1000", got)
	}
}

func TestInsertErrors(t *testing.T) {
	e := engine(t)
	mustQuery(t, e, "CREATE TABLE ie (id UInt32) ENGINE = Memory")
	t.Cleanup(func() { mustQuery(t, e, "DROP TABLE ie") })
	big := strings.Repeat("1\n", 200000) // more than a pipe buffer
	tests := []struct {
		name, sql, format, data string
		code                    int
	}{
		{"unknown table", "INSERT INTO nope", "TSV", big, 60},
		{"bad data", "INSERT INTO ie", "TSV", "1\nnot a number\n", 27},
		{"unknown format", "INSERT INTO ie", "NoSuchFormat", "1\n", 73},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := e.Insert(t.Context(), tc.sql, tc.format, strings.NewReader(tc.data))
			if Code(err) != tc.code {
				t.Fatalf("err = %v (code %d), want code %d", err, Code(err), tc.code)
			}
		})
	}
	if err := e.Insert(t.Context(), "INSERT INTO ie", "TSV; DROP TABLE ie", strings.NewReader("1\n")); err == nil {
		t.Fatal("format with SQL accepted")
	}
	if got := mustQuery(t, e, "SELECT count() FROM ie"); got != "0\n" {
		t.Fatalf("count after failed inserts = %q, want 0", got)
	}
}

func TestErrors(t *testing.T) {
	e := engine(t)
	tests := []struct {
		sql  string
		code int
	}{
		{"SELECT * FROM no_such_table", 60},
		{"SELEC 1", 62},
		{"SELECT no_such_function(1)", 46},
		{"SELECT throwIf(1, 'boom')", 395},
	}
	for _, tc := range tests {
		t.Run(tc.sql, func(t *testing.T) {
			_, err := e.Query(t.Context(), tc.sql, "TSV")
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if ce.Code != tc.code || !strings.HasPrefix(ce.Message, fmt.Sprintf("Code: %d. DB::Exception:", tc.code)) {
				t.Fatalf("err = %+v, want code %d", ce, tc.code)
			}
		})
	}
}

func TestSettingsAndDatabase(t *testing.T) {
	e := engine(t)
	mustQuery(t, e, "CREATE DATABASE IF NOT EXISTS sd")
	mustQuery(t, e, "CREATE TABLE sd.only_here (x UInt8) ENGINE = Memory")
	mustQuery(t, e, "INSERT INTO sd.only_here VALUES (7)")
	t.Cleanup(func() { mustQuery(t, e, "DROP DATABASE sd") })
	def := mustQuery(t, e, "SELECT getSetting('max_threads')")

	// Run several times so every pooled connection is used.
	for i := 0; i < 4; i++ {
		out, err := e.Run(t.Context(), Request{SQL: "SELECT getSetting('max_threads'), x FROM only_here", Database: "sd",
			Settings: map[string]string{"max_threads": "1"}})
		if err != nil || string(out) != "1\t7\n" {
			t.Fatalf("with settings = %q, %v", out, err)
		}
		if got := mustQuery(t, e, "SELECT getSetting('max_threads'), currentDatabase()"); got != strings.TrimSuffix(def, "\n")+"\tdefault\n" {
			t.Fatalf("settings leaked to the next statement: %q (default %q)", got, def)
		}
	}
	_, err := e.Run(t.Context(), Request{SQL: "SELECT 1", Settings: map[string]string{"no_such_setting": "1"}})
	if Code(err) != 115 {
		t.Fatalf("unknown setting: err = %v, want code 115", err)
	}
	if _, err := e.Run(t.Context(), Request{SQL: "SELECT 1", Settings: map[string]string{"x = 1; DROP": "1"}}); err == nil {
		t.Fatal("invalid setting name accepted")
	}
}

func TestReadOnly(t *testing.T) {
	e := engine(t)
	mustQuery(t, e, "CREATE TABLE ro (x UInt8) ENGINE = Memory")
	t.Cleanup(func() { mustQuery(t, e, "DROP TABLE ro") })
	ctx := t.Context()
	for _, sql := range []string{"INSERT INTO ro VALUES (1)", "DROP TABLE ro", "CREATE TABLE ro2 (x UInt8) ENGINE = Memory"} {
		if _, err := e.Run(ctx, Request{SQL: sql, ReadOnly: true}); Code(err) != 164 {
			t.Errorf("%s as read-only: err = %v, want code 164 (READONLY)", sql, err)
		}
	}
	// The readonly setting cannot be lifted through Settings.
	_, err := e.Run(ctx, Request{SQL: "INSERT INTO ro VALUES (1)", ReadOnly: true, Settings: map[string]string{"readonly": "0"}})
	if Code(err) != 164 {
		t.Errorf("readonly=0 setting lifted read-only mode: %v", err)
	}
	out, err := e.Run(ctx, Request{SQL: "SELECT count() FROM ro", ReadOnly: true, Settings: map[string]string{"max_threads": "1"}})
	if err != nil || string(out) != "0\n" {
		t.Fatalf("read-only SELECT = %q, %v", out, err)
	}
	if err := e.Insert(ctx, "INSERT INTO ro", "TSV", strings.NewReader("5\n")); err != nil {
		t.Fatalf("read-write insert after read-only use: %v", err)
	}
}

func TestParallelPool(t *testing.T) {
	e := engine(t)
	ctx := t.Context()
	started := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	var slowErr error
	go func() {
		defer wg.Done()
		close(started)
		_, slowErr = e.Query(ctx, "SELECT sleep(2) AS parallel_probe", "TSV")
	}()
	<-started
	// While the slow statement holds one connection, another runs and sees it.
	var seen string
	for i := 0; i < 100; i++ {
		seen = mustQuery(t, e, "SELECT count() FROM system.processes WHERE query LIKE '%sleep(2) AS parallel_probe%' AND query NOT LIKE '%system.processes%'")
		if seen == "1\n" {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	wg.Wait()
	if slowErr != nil {
		t.Fatal(slowErr)
	}
	if seen != "1\n" {
		t.Fatalf("second statement never saw the first one running (got %q): pool is not parallel", seen)
	}

	// Many goroutines share the pool safely.
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		go func() {
			out, err := e.QueryWithParams(ctx, "SELECT {i:UInt32} * 2", "TSV", map[string]string{"i": fmt.Sprint(i)})
			if err == nil && string(out) != fmt.Sprintf("%d\n", i*2) {
				err = fmt.Errorf("goroutine %d got %q", i, out)
			}
			errs <- err
		}()
	}
	for i := 0; i < 16; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

func TestCancel(t *testing.T) {
	e := engine(t)
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	_, err := e.Query(ctx, "SELECT sleep(3) AS cancel_probe", "TSV")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	// The engine was told to stop: the statement leaves system.processes
	// well before its 3 s sleep ends, and the pool keeps working.
	deadline := time.Now().Add(2500 * time.Millisecond)
	for {
		n := mustQuery(t, e, "SELECT count() FROM system.processes WHERE query LIKE '%cancel_probe%' AND query NOT LIKE '%system.processes%'")
		if n == "0\n" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("cancelled statement still running")
		}
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := e.Query(context.Background(), "SELECT 1", "TSV"); err != nil {
		t.Fatal(err)
	}
	// An already cancelled context runs nothing.
	done, stop := context.WithCancel(context.Background())
	stop()
	if _, err := e.Query(done, "SELECT 1", "TSV"); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled context: err = %v", err)
	}
}

func TestGoSignalHandlersSurviveOpen(t *testing.T) {
	engine(t)
	if got := currentHandler(syscall.SIGSEGV); got != segvBefore {
		t.Fatalf("SIGSEGV handler changed by Open: %#x, was %#x", got, segvBefore)
	}
	recovered := func() (r any) {
		defer func() { r = recover() }()
		var p *struct{ x int }
		return p.x
	}()
	if err, ok := recovered.(error); !ok || !strings.Contains(err.Error(), "nil pointer dereference") {
		t.Fatalf("recover() = %v, want a nil pointer runtime error", recovered)
	}
	// Queries keep working after the Go panic.
	if got := mustQuery(t, engine(t), "SELECT 40 + 2"); got != "42\n" {
		t.Fatalf("query after panic = %q", got)
	}
}

package chdb

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLibraryPath(t *testing.T) {
	dir := t.TempDir()
	present := filepath.Join(dir, "libchdb.so")
	if err := os.WriteFile(present, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		env     string
		xdg     string
		want    string
		missing bool
	}{
		{name: "env override present", env: present, want: present},
		{name: "env override missing", env: filepath.Join(dir, "nope.so"), missing: true},
		{name: "env override is a directory", env: dir, missing: true},
		{name: "cache path missing", xdg: filepath.Join(dir, "cache"), missing: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(EnvLibrary, tc.env)
			if tc.xdg != "" {
				t.Setenv("XDG_CACHE_HOME", tc.xdg)
			}
			got, err := LibraryPath()
			if tc.missing {
				if !errors.Is(err, ErrLibraryMissing) {
					t.Fatalf("err = %v, want ErrLibraryMissing", err)
				}
				for _, hint := range []string{"make libchdb", EnvLibrary, "@chdb/lib-linux-x64-gnu"} {
					if !strings.Contains(err.Error(), hint) {
						t.Errorf("error %q does not mention %q", err, hint)
					}
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("LibraryPath() = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestCachePath(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/x/cache")
	got, err := CachePath()
	if err != nil {
		t.Fatal(err)
	}
	if want := "/x/cache/pantau/chdb/" + LibraryVersion + "/libchdb.so"; got != want {
		t.Fatalf("CachePath() = %q, want %q", got, want)
	}
}

func TestOpenRejects(t *testing.T) {
	e := engine(t)
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"no data dir", Options{}, "DataDir is empty"},
		{"negative memory", Options{DataDir: t.TempDir(), MaxMemoryBytes: -1}, "MaxMemoryBytes"},
		{"second engine", Options{DataDir: t.TempDir()}, "already open on " + e.DataDir()},
		{"missing library", Options{DataDir: t.TempDir(), LibPath: "/nonexistent/libchdb.so"}, "make libchdb"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Open(tc.opts)
			if err == nil {
				got.Close()
				t.Fatal("Open succeeded, want error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	// A different library file cannot be loaded next to the first one.
	other := filepath.Join(t.TempDir(), "libchdb.so")
	if err := os.WriteFile(other, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := loadLibrary(other); err == nil || !strings.Contains(err.Error(), "already loaded") {
		t.Fatalf("loadLibrary(other) = %v, want already loaded error", err)
	}
}

func TestParseError(t *testing.T) {
	tests := []struct {
		msg  string
		code int
	}{
		{"Code: 60. DB::Exception: Unknown table expression identifier 'nope'. (UNKNOWN_TABLE)", 60},
		{"Code: 27. DB::Exception: Code: 27. DB::Exception: Cannot parse input", 27},
		{"something odd", 0},
	}
	for _, tc := range tests {
		e := parseError(tc.msg + "\n")
		if e.Code != tc.code || e.Message != tc.msg {
			t.Errorf("parseError(%q) = %+v, want code %d", tc.msg, e, tc.code)
		}
	}
}

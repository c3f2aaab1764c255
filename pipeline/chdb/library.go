package chdb

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"unsafe"

	"github.com/ebitengine/purego"
)

// LibraryVersion is the chDB library version Pantau is built and tested
// against (npm package @chdb/lib-linux-x64-gnu).
const LibraryVersion = "26.5.3"

// EnvLibrary names the environment variable that overrides the library path.
const EnvLibrary = "PANTAU_CHDB_LIB"

const installHint = "run `make libchdb`, or set " + EnvLibrary +
	" to the path of libchdb.so from the npm package @chdb/lib-linux-x64-gnu@" + LibraryVersion

// CachePath returns where `make libchdb` installs the library:
// $XDG_CACHE_HOME (or ~/.cache) + /pantau/chdb/<version>/libchdb.so.
func CachePath() (string, error) {
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("locate cache directory: %w", err)
		}
		base = filepath.Join(home, ".cache")
	}
	return filepath.Join(base, "pantau", "chdb", LibraryVersion, "libchdb.so"), nil
}

// LibraryPath returns the path of libchdb.so: $PANTAU_CHDB_LIB when set,
// otherwise CachePath. It returns an error wrapping ErrLibraryMissing, with
// install instructions, when no file is there.
func LibraryPath() (string, error) {
	p := os.Getenv(EnvLibrary)
	if p == "" {
		var err error
		if p, err = CachePath(); err != nil {
			return "", fmt.Errorf("%w: %v; %s", ErrLibraryMissing, err, installHint)
		}
	}
	return p, checkLibrary(p)
}

func checkLibrary(p string) error {
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w at %s: %s", ErrLibraryMissing, p, installHint)
		}
		return fmt.Errorf("%w: %v; %s", ErrLibraryMissing, err, installHint)
	}
	if st.IsDir() {
		return fmt.Errorf("%w: %s is a directory; %s", ErrLibraryMissing, p, installHint)
	}
	return nil
}

// library holds the C entry points of one loaded libchdb.so.
type library struct {
	path string

	connect          func(argc int32, argv unsafe.Pointer) unsafe.Pointer
	closeConn        func(connp unsafe.Pointer)
	queryN           func(conn, q unsafe.Pointer, qlen uintptr, f unsafe.Pointer, flen uintptr) unsafe.Pointer
	queryParamsN     func(conn, q unsafe.Pointer, qlen uintptr, f unsafe.Pointer, flen uintptr, names, nameLens, values, valueLens unsafe.Pointer, n uintptr) unsafe.Pointer
	resultBuffer     func(res unsafe.Pointer) unsafe.Pointer
	resultLength     func(res unsafe.Pointer) uintptr
	resultError      func(res unsafe.Pointer) unsafe.Pointer
	resultRowsRead   func(res unsafe.Pointer) uint64
	destroyResult    func(res unsafe.Pointer)
	setSignalEnabled func(enabled int32)
}

var (
	libMu     sync.Mutex
	loadedLib *library
)

// loadLibrary loads libchdb.so once per process. Asking for a second,
// different path is an error: a process can hold only one engine.
func loadLibrary(path string) (*library, error) {
	libMu.Lock()
	defer libMu.Unlock()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("chdb library path %s: %w", path, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	if err := checkLibrary(abs); err != nil {
		return nil, err
	}
	if loadedLib != nil {
		if loadedLib.path != abs {
			return nil, fmt.Errorf("chdb: library already loaded from %s, cannot load %s in the same process", loadedLib.path, abs)
		}
		return loadedLib, nil
	}
	h, err := purego.Dlopen(abs, purego.RTLD_NOW|purego.RTLD_GLOBAL)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w (is it libchdb.so for linux x86-64? %s)", abs, err, installHint)
	}
	l := &library{path: abs}
	syms := []struct {
		name string
		fn   any
	}{
		{"chdb_connect", &l.connect},
		{"chdb_close_conn", &l.closeConn},
		{"chdb_query_n", &l.queryN},
		{"chdb_query_with_params_n", &l.queryParamsN},
		{"chdb_result_buffer", &l.resultBuffer},
		{"chdb_result_length", &l.resultLength},
		{"chdb_result_error", &l.resultError},
		{"chdb_result_rows_read", &l.resultRowsRead},
		{"chdb_destroy_query_result", &l.destroyResult},
		{"chdb_set_signal_handlers_enabled", &l.setSignalEnabled},
	}
	for _, s := range syms {
		addr, err := purego.Dlsym(h, s.name)
		if err != nil {
			return nil, fmt.Errorf("load %s: missing symbol %s (need chDB %s or newer): %w", abs, s.name, LibraryVersion, err)
		}
		purego.RegisterFunc(s.fn, addr)
	}
	loadedLib = l
	return l, nil
}

// goString copies a NUL-terminated C string.
func goString(p unsafe.Pointer) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(p, n)) != 0 {
		n++
	}
	return string(unsafe.Slice((*byte)(p), n))
}

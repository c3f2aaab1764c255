package chdb

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
)

// ErrLibraryMissing reports that libchdb.so was not found. The wrapping
// error names the path that was tried and how to install the library.
var ErrLibraryMissing = errors.New("libchdb.so not found")

// ErrClosed is returned by calls on an Engine after Close.
var ErrClosed = errors.New("chdb: engine closed")

// Error is an exception reported by the ClickHouse engine.
type Error struct {
	// Code is the ClickHouse error code (e.g. 60 for UNKNOWN_TABLE), or 0
	// when the message carried none.
	Code int
	// Message is the engine's text, normally "Code: N. DB::Exception: ...".
	Message string
}

// Error returns the engine's message.
func (e *Error) Error() string { return e.Message }

var codeRE = regexp.MustCompile(`Code: (\d+)\.`)

// parseError turns the engine's error text into an *Error.
func parseError(msg string) *Error {
	msg = strings.TrimSpace(msg)
	e := &Error{Message: msg}
	if m := codeRE.FindStringSubmatch(msg); m != nil {
		e.Code, _ = strconv.Atoi(m[1])
	}
	return e
}

// Code returns the ClickHouse error code carried by err, or 0 when err is
// not an engine error.
func Code(err error) int {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return 0
}

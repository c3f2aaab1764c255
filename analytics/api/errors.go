package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/biroadpim/pantau/pipeline/store"
)

// Error is an error for the analyst: an HTTP status and a message in
// Bahasa Indonesia.
type Error struct {
	Status  int
	Message string
}

func (e *Error) Error() string { return e.Message }

func badRequest(format string, args ...any) *Error {
	return &Error{Status: http.StatusBadRequest, Message: sprintf(format, args...)}
}

var errUnauthorized = &Error{Status: http.StatusUnauthorized,
	Message: "token tidak ada atau tidak sah: kirim header 'Authorization: Bearer <token>' dengan token dari konfigurasi api.tokens"}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func writeError(w http.ResponseWriter, e *Error) {
	_ = writeJSON(w, e.Status, map[string]string{"error": e.Message})
}

// fail answers a request whose handler failed: analyst errors as they are,
// everything else logged and summarised.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	var e *Error
	switch {
	case errors.As(err, &e):
	case errors.Is(err, context.DeadlineExceeded):
		e = &Error{Status: http.StatusGatewayTimeout, Message: "kueri terlalu lama (batas waktu habis): persempit rentang waktu atau filter lalu coba lagi"}
	case errors.Is(err, context.Canceled):
		return
	case errors.Is(err, store.ErrUnavailable):
		e = &Error{Status: http.StatusServiceUnavailable, Message: "basis data ClickHouse tidak dapat dihubungi; coba lagi beberapa saat lagi"}
	default:
		e = &Error{Status: http.StatusInternalServerError, Message: "kesalahan internal saat membaca data; detail ada di log server"}
	}
	if e.Status >= 500 {
		a.log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "status", e.Status, "err", err)
	}
	writeError(w, e)
}

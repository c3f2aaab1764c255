package api

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// wita is the time zone of the analysts.
var wita = func() *time.Location {
	if l, err := time.LoadLocation("Asia/Makassar"); err == nil {
		return l
	}
	return time.FixedZone("WITA", 8*3600)
}()

// timeParam reads an RFC 3339 time (a date alone means midnight WITA).
func timeParam(r *http.Request, name string, def time.Time) (time.Time, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return def, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", v, wita); err == nil {
		return t, nil
	}
	return time.Time{}, badRequest("parameter '%s' bukan tanggal RFC 3339 (contoh 2026-11-20T08:00:00+08:00 atau 2026-11-20): %q", name, v)
}

// rangeParams reads from and to; to defaults to now and from to to − def.
func (a *API) rangeParams(r *http.Request, def time.Duration) (time.Time, time.Time, error) {
	now := a.opts.Now()
	to, err := timeParam(r, "to", now)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	from, err := timeParam(r, "from", to.Add(-def))
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	if !from.Before(to) {
		return time.Time{}, time.Time{}, badRequest("parameter 'from' (%s) harus sebelum 'to' (%s)", from.In(wita).Format(time.RFC3339), to.In(wita).Format(time.RFC3339))
	}
	if to.Sub(from) > a.opts.MaxRange {
		return time.Time{}, time.Time{}, badRequest("rentang waktu %s – %s terlalu panjang: maksimum %d hari; persempit 'from' dan 'to'",
			from.In(wita).Format("2006-01-02"), to.In(wita).Format("2006-01-02"), int(a.opts.MaxRange.Hours()/24))
	}
	return from, to, nil
}

// intParam reads an integer in [lo, hi].
func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequest("parameter '%s' harus bilangan bulat %d–%d, bukan %q", name, lo, hi, v)
	}
	return n, nil
}

// enumParam reads one of the allowed values.
func enumParam(r *http.Request, name, def string, allowed ...string) (string, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if v == "" {
		return def, nil
	}
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", badRequest("parameter '%s' harus salah satu dari %s, bukan %q", name, strings.Join(allowed, ", "), v)
}

// textParam reads a free-text parameter of bounded length.
func textParam(r *http.Request, name string) (string, error) {
	v := strings.TrimSpace(r.URL.Query().Get(name))
	if len(v) > 200 {
		return "", badRequest("parameter '%s' terlalu panjang (maksimum 200 karakter)", name)
	}
	return v, nil
}

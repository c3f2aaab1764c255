package dates

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Indonesia's three time zones. Indonesia has no daylight saving time, so
// fixed offsets are exact and need no tz database.
var (
	WIB  = time.FixedZone("WIB", 7*3600)
	WITA = time.FixedZone("WITA", 8*3600)
	WIT  = time.FixedZone("WIT", 9*3600)
)

// ErrNoDate is returned when a string holds no recognisable date.
var ErrNoDate = errors.New("no recognisable date")

// Bounds of a plausible publication date.
const (
	minYear = 1990
	maxYear = 2100
)

var months = map[string]time.Month{
	"januari": 1, "jan": 1, "january": 1,
	"februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "february": 2,
	"maret": 3, "mar": 3, "march": 3,
	"april": 4, "apr": 4,
	"mei": 5, "may": 5,
	"juni": 6, "jun": 6, "june": 6,
	"juli": 7, "jul": 7, "july": 7,
	"agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8,
	"september": 9, "sep": 9, "sept": 9,
	"oktober": 10, "okt": 10, "oct": 10, "october": 10,
	"november": 11, "nov": 11, "nop": 11, "nopember": 11,
	"desember": 12, "des": 12, "dec": 12, "december": 12,
}

var monthAlt = func() string {
	names := make([]string, 0, len(months))
	for n := range months {
		names = append(names, n)
	}
	// Longest first so "januari" wins over "jan".
	for i := 1; i < len(names); i++ {
		for j := i; j > 0 && (len(names[j]) > len(names[j-1]) || len(names[j]) == len(names[j-1]) && names[j] < names[j-1]); j-- {
			names[j], names[j-1] = names[j-1], names[j]
		}
	}
	return strings.Join(names, "|")
}()

var (
	reISO      = regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})(?:[t\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(z\b|[+-]\d{2}:?\d{2}\b)?`)
	reDayMonth = regexp.MustCompile(`\b(\d{1,2})\s*(?:-|\s)\s*(` + monthAlt + `)\.?\s*(?:-|\s|,)\s*(\d{4})\b`)
	reMonthDay = regexp.MustCompile(`\b(` + monthAlt + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	reNumeric  = regexp.MustCompile(`\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b`)
	reClock    = regexp.MustCompile(`\b(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\b`)
	reZone     = regexp.MustCompile(`\b(wib|wita|wit|gmt|utc)\b\s*([+-]\d{1,2}(?::?\d{2})?)?|([+-]\d{2}:?\d{2})\b`)
	reRelative = regexp.MustCompile(`\b(\d+|se|satu|dua|tiga|an?)\s*(detik|menit|jam|hari|minggu|pekan|bulan|tahun|seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+(?:yang\s+)?(?:lalu|silam|ago)\b`)
	reSpaces   = regexp.MustCompile(`\s+`)
)

// Parse reads a date in any of the shapes Indonesian portals print:
//
//	"Jumat, 31 Mei 2024 14:05 WITA", "31 Mei 2024 | 14.05 WIB",
//	"31/5/2024", "Selasa (11/04/2023)", "2024-05-31T14:05:00+08:00",
//	"Fri, 31 May 2024 06:05:00 GMT", "2 jam lalu", "kemarin".
//
// A date without a zone is taken in loc (WITA when loc is nil); relative
// dates count back from now. The result is in the zone the text names, or
// in loc.
func Parse(s string, now time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = WITA
	}
	t, err := parse(s, now, loc)
	if err != nil {
		return time.Time{}, err
	}
	if t.Year() < minYear || t.Year() > maxYear {
		return time.Time{}, fmt.Errorf("parse date %q: year %d is out of range", clip(s), t.Year())
	}
	return t, nil
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}

func parse(s string, now time.Time, loc *time.Location) (time.Time, error) {
	raw := strings.TrimSpace(s)
	if raw == "" {
		return time.Time{}, fmt.Errorf("parse date: empty: %w", ErrNoDate)
	}
	if len(raw) > 200 {
		raw = raw[:200]
	}
	// Exact standard layouts first: they are the cheapest and exact.
	for _, layout := range []string{time.RFC3339Nano, time.RFC3339, time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST"} {
		if t, err := time.Parse(layout, raw); err == nil {
			return zoned(t, loc), nil
		}
	}
	low := strings.ToLower(raw)
	low = strings.NewReplacer("\u00a0", " ", "'", "", "’", "", "&nbsp;", " ").Replace(low)
	low = reSpaces.ReplaceAllString(low, " ")

	if t, ok := relative(low, now, loc); ok {
		return t, nil
	}

	var (
		y, d int
		m    time.Month
		rest string
		ok   bool
	)
	if mm := reISO.FindStringSubmatchIndex(low); mm != nil {
		g := groups(low, mm)
		y, _ = strconv.Atoi(g[1])
		mi, _ := strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
		m = time.Month(mi)
		if !validDate(y, m, d) {
			return time.Time{}, fmt.Errorf("parse date %q: invalid calendar date: %w", clip(s), ErrNoDate)
		}
		zone := loc
		if g[7] != "" {
			zone = offsetZone(g[7])
		}
		hh, mi2, ss := 0, 0, 0
		if g[4] != "" {
			hh, _ = strconv.Atoi(g[4])
			mi2, _ = strconv.Atoi(g[5])
			if g[6] != "" {
				ss, _ = strconv.Atoi(g[6])
			}
		}
		if g[7] == "" {
			if z := findZone(low[mm[1]:]); z != nil {
				zone = z
			}
		}
		if hh > 23 || mi2 > 59 || ss > 60 {
			return time.Time{}, fmt.Errorf("parse date %q: invalid time of day: %w", clip(s), ErrNoDate)
		}
		return time.Date(y, m, d, hh, mi2, ss, 0, zone), nil
	}
	if mm := reDayMonth.FindStringSubmatchIndex(low); mm != nil {
		g := groups(low, mm)
		d, _ = strconv.Atoi(g[1])
		m = months[g[2]]
		y, _ = strconv.Atoi(g[3])
		rest, ok = low[mm[1]:], true
	} else if mm := reMonthDay.FindStringSubmatchIndex(low); mm != nil {
		g := groups(low, mm)
		m = months[g[1]]
		d, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
		rest, ok = low[mm[1]:], true
	} else if mm := reNumeric.FindStringSubmatchIndex(low); mm != nil {
		g := groups(low, mm)
		d, _ = strconv.Atoi(g[1])
		mi, _ := strconv.Atoi(g[2])
		m = time.Month(mi)
		y, _ = strconv.Atoi(g[3])
		if len(g[3]) == 2 {
			y += 2000
		}
		rest, ok = low[mm[1]:], true
	}
	if !ok {
		return time.Time{}, fmt.Errorf("parse date %q: %w", clip(s), ErrNoDate)
	}
	if !validDate(y, m, d) {
		return time.Time{}, fmt.Errorf("parse date %q: invalid calendar date: %w", clip(s), ErrNoDate)
	}
	hh, mi, ss := 0, 0, 0
	if cm := reClock.FindStringSubmatch(rest); cm != nil {
		h, _ := strconv.Atoi(cm[1])
		n, _ := strconv.Atoi(cm[2])
		sec := 0
		if cm[3] != "" {
			sec, _ = strconv.Atoi(cm[3])
		}
		if h <= 23 && n <= 59 && sec <= 59 {
			hh, mi, ss = h, n, sec
		}
	}
	zone := loc
	if z := findZone(rest); z != nil {
		zone = z
	}
	return time.Date(y, m, d, hh, mi, ss, 0, zone), nil
}

// groups returns the submatches of a FindStringSubmatchIndex result.
func groups(s string, idx []int) []string {
	out := make([]string, len(idx)/2)
	for i := range out {
		if idx[2*i] >= 0 {
			out[i] = s[idx[2*i]:idx[2*i+1]]
		}
	}
	return out
}

func validDate(y int, m time.Month, d int) bool {
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Day() == d
}

// zoned keeps a parsed instant but shows it in loc when the text gave UTC
// or a bare zone abbreviation Go could not resolve.
func zoned(t time.Time, loc *time.Location) time.Time {
	name, off := t.Zone()
	switch strings.ToUpper(name) {
	case "WIB":
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), WIB)
	case "WITA":
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), WITA)
	case "WIT":
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), WIT)
	}
	if off == 0 && name != "UTC" && name != "GMT" && name != "" && name != "Z" {
		// An unknown abbreviation parses as offset 0; treat it as loc.
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
	}
	return t
}

func findZone(s string) *time.Location {
	zm := reZone.FindStringSubmatch(s)
	if zm == nil {
		return nil
	}
	if zm[3] != "" {
		return offsetZone(zm[3])
	}
	switch zm[1] {
	case "wib":
		return WIB
	case "wita":
		return WITA
	case "wit":
		return WIT
	}
	if zm[2] != "" {
		return offsetZone(zm[2])
	}
	return time.UTC
}

// offsetZone turns "+08:00", "+0800", "+8" or "z" into a location.
func offsetZone(s string) *time.Location {
	if s == "z" || s == "Z" {
		return time.UTC
	}
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	digits := strings.ReplaceAll(s[1:], ":", "")
	var h, m int
	switch {
	case len(digits) <= 2:
		h, _ = strconv.Atoi(digits)
	default:
		h, _ = strconv.Atoi(digits[:len(digits)-2])
		m, _ = strconv.Atoi(digits[len(digits)-2:])
	}
	if h > 14 || m > 59 {
		return time.UTC
	}
	off := sign * (h*3600 + m*60)
	switch off {
	case 7 * 3600:
		return WIB
	case 8 * 3600:
		return WITA
	case 9 * 3600:
		return WIT
	case 0:
		return time.UTC
	}
	return time.FixedZone("", off)
}

var wordNumbers = map[string]int{"se": 1, "satu": 1, "dua": 2, "tiga": 3, "a": 1, "an": 1}

func relative(low string, now time.Time, loc *time.Location) (time.Time, bool) {
	now = now.In(loc)
	switch {
	case strings.Contains(low, "baru saja"), strings.Contains(low, "just now"), strings.Contains(low, "beberapa detik"):
		return now, true
	case strings.Contains(low, "kemarin lusa"):
		return startOfDay(now).AddDate(0, 0, -2), true
	case strings.HasPrefix(low, "kemarin") || low == "yesterday":
		t := startOfDay(now).AddDate(0, 0, -1)
		if cm := reClock.FindStringSubmatch(low); cm != nil {
			h, _ := strconv.Atoi(cm[1])
			n, _ := strconv.Atoi(cm[2])
			if h <= 23 && n <= 59 {
				t = t.Add(time.Duration(h)*time.Hour + time.Duration(n)*time.Minute)
			}
		}
		return t, true
	case strings.HasPrefix(low, "hari ini") || low == "today":
		return startOfDay(now), true
	}
	rm := reRelative.FindStringSubmatch(low)
	if rm == nil {
		return time.Time{}, false
	}
	n, ok := wordNumbers[rm[1]]
	if !ok {
		v, err := strconv.Atoi(rm[1])
		if err != nil || v > 100000 {
			return time.Time{}, false
		}
		n = v
	}
	unit := rm[2]
	switch {
	case unit == "detik" || strings.HasPrefix(unit, "second"):
		return now.Add(-time.Duration(n) * time.Second), true
	case unit == "menit" || strings.HasPrefix(unit, "minute"):
		return now.Add(-time.Duration(n) * time.Minute), true
	case unit == "jam" || strings.HasPrefix(unit, "hour"):
		return now.Add(-time.Duration(n) * time.Hour), true
	case unit == "hari" || strings.HasPrefix(unit, "day"):
		return now.AddDate(0, 0, -n), true
	case unit == "minggu" || unit == "pekan" || strings.HasPrefix(unit, "week"):
		return now.AddDate(0, 0, -7*n), true
	case unit == "bulan" || strings.HasPrefix(unit, "month"):
		return now.AddDate(0, -n, 0), true
	default:
		return now.AddDate(-n, 0, 0), true
	}
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

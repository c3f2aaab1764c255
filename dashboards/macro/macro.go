package macro

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// AllValue is the custom "All" value of Pantau's multi-value variables. It is
// inserted as is (Grafana does not format custom all values), so a query can
// test for it with '__all' IN (${var:singlequote}).
const AllValue = "'__all'"

// Variable is the current value of one dashboard variable.
type Variable struct {
	// Values are the selected values; ignored when All is set.
	Values []string
	// All means the "All" option is selected; the variable then expands to
	// AllValue.
	All bool
}

// Context is what Grafana knows when it runs a query: the time range, the
// panel interval and the dashboard variables.
type Context struct {
	From, To time.Time
	// Interval is the panel's $__interval (at least one second is used).
	Interval time.Duration
	// Vars maps variable names (without $) to their current values.
	Vars map[string]Variable
}

// ErrUnknown reports a macro or variable the expander does not know; Grafana
// would send it to ClickHouse unexpanded.
var ErrUnknown = errors.New("unknown macro or variable")

var (
	macroRE = regexp.MustCompile(`\$__([A-Za-z_]+)`)
	varRE   = regexp.MustCompile(`\$\{([A-Za-z0-9_]+)(?::([A-Za-z]+))?\}|\$([A-Za-z][A-Za-z0-9_]*)|\[\[([A-Za-z0-9_]+)\]\]`)
)

// Expand returns sql with the plugin's macros and the dashboard variables
// replaced the way Grafana and the ClickHouse plugin do it. A multi-value
// variable must carry an explicit format (${v:singlequote}, ${v:csv}, ...).
func Expand(sql string, c Context) (string, error) {
	out, err := expandVars(sql, c.Vars)
	if err != nil {
		return "", err
	}
	return expandMacros(out, c)
}

func expandVars(sql string, vars map[string]Variable) (string, error) {
	var errs []error
	out := varRE.ReplaceAllStringFunc(sql, func(m string) string {
		g := varRE.FindStringSubmatch(m)
		name, format := g[1], g[2]
		if g[3] != "" {
			name = g[3]
		}
		if g[4] != "" {
			name = g[4]
		}
		if strings.HasPrefix(name, "__") {
			return m // a macro, expanded later
		}
		v, ok := vars[name]
		if !ok {
			errs = append(errs, fmt.Errorf("%w: variable $%s has no value", ErrUnknown, name))
			return m
		}
		s, err := formatVar(name, v, format)
		if err != nil {
			errs = append(errs, err)
			return m
		}
		return s
	})
	return out, errors.Join(errs...)
}

func formatVar(name string, v Variable, format string) (string, error) {
	if v.All {
		return AllValue, nil
	}
	switch format {
	case "":
		if len(v.Values) != 1 {
			return "", fmt.Errorf("variable $%s has %d values: use ${%s:singlequote} or another explicit format", name, len(v.Values), name)
		}
		return v.Values[0], nil
	case "singlequote":
		q := make([]string, len(v.Values))
		for i, s := range v.Values {
			q[i] = "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
		}
		return strings.Join(q, ","), nil
	case "doublequote":
		q := make([]string, len(v.Values))
		for i, s := range v.Values {
			q[i] = `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
		}
		return strings.Join(q, ","), nil
	case "csv", "raw":
		return strings.Join(v.Values, ","), nil
	case "sqlstring":
		q := make([]string, len(v.Values))
		for i, s := range v.Values {
			q[i] = "'" + strings.ReplaceAll(s, "'", "''") + "'"
		}
		return strings.Join(q, ","), nil
	}
	return "", fmt.Errorf("variable $%s: unsupported format %q", name, format)
}

// expandMacros replaces $__name and $__name(args) macros.
func expandMacros(sql string, c Context) (string, error) {
	var b strings.Builder
	rest := sql
	for {
		loc := macroRE.FindStringSubmatchIndex(rest)
		if loc == nil {
			b.WriteString(rest)
			return b.String(), nil
		}
		b.WriteString(rest[:loc[0]])
		name := rest[loc[2]:loc[3]]
		after := rest[loc[1]:]
		var args []string
		if strings.HasPrefix(after, "(") {
			end := matchParen(after)
			if end < 0 {
				return "", fmt.Errorf("macro $__%s: unbalanced parentheses", name)
			}
			args = splitArgs(after[1:end])
			after = after[end+1:]
		}
		s, err := expandMacro(name, args, c)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
		rest = after
	}
}

func matchParen(s string) int {
	depth := 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

func splitArgs(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var args []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				args = append(args, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(args, strings.TrimSpace(s[start:]))
}

func dateTime(t time.Time) string { return fmt.Sprintf("toDateTime(%d)", t.Unix()) }
func dateTime64(t time.Time) string {
	return fmt.Sprintf("fromUnixTimestamp64Milli(%d)", t.UnixMilli())
}

func expandMacro(name string, args []string, c Context) (string, error) {
	want := func(n int) error {
		if len(args) != n {
			return fmt.Errorf("macro $__%s: expected %d argument(s), got %d", name, n, len(args))
		}
		return nil
	}
	seconds := max(int(c.Interval/time.Second), 1)
	switch name {
	case "fromTime":
		return dateTime(c.From), nil
	case "toTime":
		return dateTime(c.To), nil
	case "fromTime_ms":
		return dateTime64(c.From), nil
	case "toTime_ms":
		return dateTime64(c.To), nil
	case "interval_s":
		return strconv.Itoa(seconds), nil
	case "timeFilter", "timeFilter_ms":
		if err := want(1); err != nil {
			return "", err
		}
		f := dateTime
		if name == "timeFilter_ms" {
			f = dateTime64
		}
		return fmt.Sprintf("%s >= %s AND %s <= %s", args[0], f(c.From), args[0], f(c.To)), nil
	case "dateFilter":
		if err := want(1); err != nil {
			return "", err
		}
		return fmt.Sprintf("%s >= toDate('%s') AND %s <= toDate('%s')", args[0], c.From.UTC().Format(time.DateOnly), args[0], c.To.UTC().Format(time.DateOnly)), nil
	case "timeInterval":
		if err := want(1); err != nil {
			return "", err
		}
		return fmt.Sprintf("toStartOfInterval(toDateTime(%s), INTERVAL %d second)", args[0], seconds), nil
	case "timeInterval_ms":
		if err := want(1); err != nil {
			return "", err
		}
		return fmt.Sprintf("toStartOfInterval(toDateTime64(%s, 3), INTERVAL %d millisecond)", args[0], max(c.Interval.Milliseconds(), 1)), nil
	case "timeGroup":
		if err := want(2); err != nil {
			return "", err
		}
		d, err := time.ParseDuration(strings.Trim(args[1], `'"`))
		if err != nil || d < time.Second {
			return "", fmt.Errorf("macro $__timeGroup: interval %s: want a duration such as '1h'", args[1])
		}
		return fmt.Sprintf("toStartOfInterval(toDateTime(%s), INTERVAL %d second)", args[0], int(d/time.Second)), nil
	}
	return "", fmt.Errorf("%w: $__%s", ErrUnknown, name)
}

// Names returns the distinct variable names a query refers to (without
// macros), sorted.
func Names(sql string) []string {
	seen := map[string]bool{}
	for _, g := range varRE.FindAllStringSubmatch(sql, -1) {
		name := g[1] + g[3] + g[4]
		if !strings.HasPrefix(name, "__") {
			seen[name] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

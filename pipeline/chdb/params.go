package chdb

import (
	"fmt"
	"sort"
	"strings"
)

// paramEscaper escapes a value the way the engine reads bound parameters:
// as one field of TabSeparated text.
var paramEscaper = strings.NewReplacer(
	"\\", "\\\\",
	"\t", "\\t",
	"\n", "\\n",
	"\r", "\\r",
	"\x00", "\\0",
	"\b", "\\b",
	"\f", "\\f",
	"\v", "\\v",
	"'", "\\'",
)

// escapeParam turns a plain-text value into the escaped text the engine
// expects for a {name:Type} parameter.
func escapeParam(v string) string { return paramEscaper.Replace(v) }

// encodeParams validates parameter names and escapes the values (unless
// already escaped), sorted by name for deterministic calls.
func encodeParams(params map[string]string, escaped bool) (names, values []string, err error) {
	if len(params) == 0 {
		return nil, nil, nil
	}
	names = make([]string, 0, len(params))
	for k := range params {
		if !identRE.MatchString(k) {
			return nil, nil, fmt.Errorf("chdb: parameter name %q is not a valid identifier", k)
		}
		names = append(names, k)
	}
	sort.Strings(names)
	values = make([]string, len(names))
	for i, k := range names {
		values[i] = params[k]
		if !escaped {
			values[i] = escapeParam(values[i])
		}
	}
	return names, values, nil
}

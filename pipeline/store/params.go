package store

import (
	"context"
	"strings"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// WithParams returns ctx carrying server-side query parameters for
// {name:Type} placeholders.
func WithParams(ctx context.Context, p map[string]string) context.Context {
	return clickhouse.Context(ctx, clickhouse.WithParameters(clickhouse.Parameters(p)))
}

// arrayLiteral renders strings as a ClickHouse array parameter value.
func arrayLiteral(vals []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, v := range vals {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(QuoteString(v))
	}
	b.WriteByte(']')
	return b.String()
}

// QuoteString renders s as a single-quoted ClickHouse string literal for use
// inside a parameter value (never inside SQL text).
func QuoteString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(s) + "'"
}

// ArrayParam renders strings as the value of an Array(String) parameter.
func ArrayParam(vals []string) string { return arrayLiteral(vals) }

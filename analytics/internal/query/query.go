// Package query holds what every analytics read passes to ClickHouse.
package query

import (
	"context"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// Settings apply to every analytics query. readonly=2 makes the server
// refuse writes and DDL while still accepting these settings. FINAL need
// not merge across partitions because the store keeps every version of a
// document in the partition of its first publication time
// (store.InsertDocuments), which makes FINAL about ten times cheaper.
var Settings = clickhouse.Settings{"readonly": 2, "do_not_merge_across_partitions_select_final": 1}

// WithParams returns ctx carrying the {name:Type} parameter values and the
// analytics settings.
func WithParams(ctx context.Context, params map[string]string) context.Context {
	s := make(clickhouse.Settings, len(Settings))
	for k, v := range Settings {
		s[k] = v
	}
	return clickhouse.Context(ctx, clickhouse.WithParameters(clickhouse.Parameters(params)), clickhouse.WithSettings(s))
}

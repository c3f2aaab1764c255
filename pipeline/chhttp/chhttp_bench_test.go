package chhttp

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
)

// benchBody is ~700 bytes of Indonesian news text; with the other columns a
// row is ~750 bytes.
var benchBody = strings.Repeat("Pemerintah Provinsi Kalimantan Timur menggelar rapat koordinasi penanganan banjir. ", 9)[:700]

// BenchmarkInsert measures clickhouse-go batch inserts over HTTP (LZ4) into
// the embedded engine; rows/s is the figure to read.
func BenchmarkInsert(b *testing.B) {
	needEngine(b)
	conn := open(b, srv.URL, clickhouse.CompressionLZ4, clickhouse.Auth{})
	ctx := context.Background()
	if err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS bench_docs (id UInt64, source LowCardinality(String), title String,
		body String, at DateTime64(3, 'Asia/Makassar'), tags Array(LowCardinality(String))) ENGINE = MergeTree ORDER BY (source, id)`); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = conn.Exec(context.Background(), "DROP TABLE bench_docs") })
	at := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	for _, size := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("batch=%d", size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(size * 750))
			id := uint64(0)
			for b.Loop() {
				batch, err := conn.PrepareBatch(ctx, "INSERT INTO bench_docs")
				if err != nil {
					b.Fatal(err)
				}
				for i := 0; i < size; i++ {
					id++
					if err := batch.Append(id, "kaltimpost", "Banjir di Samarinda: gubernur meninjau lokasi", benchBody, at, []string{"banjir", "samarinda"}); err != nil {
						b.Fatal(err)
					}
				}
				if err := batch.Send(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*size)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// BenchmarkSelect measures a dashboard-style aggregation and a point query
// through clickhouse-go over HTTP.
func BenchmarkSelect(b *testing.B) {
	needEngine(b)
	conn := open(b, srv.URL, clickhouse.CompressionLZ4, clickhouse.Auth{})
	ctx := context.Background()
	if err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS bench_sel (id UInt64, source LowCardinality(String), body String,
		at DateTime64(3, 'Asia/Makassar')) ENGINE = MergeTree ORDER BY (source, id)`); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = conn.Exec(context.Background(), "DROP TABLE bench_sel") })
	if err := conn.Exec(ctx, `INSERT INTO bench_sel SELECT number, ['kaltimpost','antara','tribun','prokal'][number % 4 + 1],
		repeat('berita ', 100), toDateTime64('2025-01-01 00:00:00', 3, 'Asia/Makassar') + number * 60 FROM numbers(200000)`); err != nil {
		b.Fatal(err)
	}
	queries := []struct{ name, sql string }{
		{"group_by_day_source", "SELECT toStartOfDay(at) AS d, source, count() FROM bench_sel GROUP BY d, source ORDER BY d, source"},
		{"point", "SELECT id, source, at FROM bench_sel WHERE source = 'antara' AND id = 4001"},
		{"rows_1000", "SELECT id, source, body FROM bench_sel LIMIT 1000"},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rows, err := conn.Query(ctx, q.sql)
				if err != nil {
					b.Fatal(err)
				}
				n := 0
				for rows.Next() {
					n++
				}
				if err := rows.Err(); err != nil {
					b.Fatal(err)
				}
				rows.Close()
				if n == 0 {
					b.Fatal("no rows")
				}
			}
		})
	}
}

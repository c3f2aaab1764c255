// Package chhttp serves ClickHouse's HTTP interface from the embedded
// engine (package chdb), so curl, clickhouse-go/v2 with Protocol HTTP
// (clickhouse.Open and database/sql) and Grafana's ClickHouse data source
// work against Pantau's store unmodified.
//
// What it covers: POST and GET queries on "/", "/ping", "/replicas_status";
// settings, param_<name> bound parameters, database and query_id as URL
// parameters; Native batch inserts streamed into the engine through a pipe;
// ClickHouse-framed LZ4/ZSTD compression (compress=1, decompress=1) and
// gzip/deflate/br/zstd request bodies (responses are never HTTP-compressed);
// basic auth and X-ClickHouse-User/Key with read-only users; errors as
// HTTP 500 with "Code: N. DB::Exception: ..." and X-ClickHouse-Exception-Code.
//
// The engine writes Native at protocol revision 0. clickhouse-go asks the
// server for its revision with "SELECT displayName(), version(), revision(),
// timezone()"; the handler answers that query itself with revision 0, so the
// client decodes every later result the way the engine writes it.
package chhttp

// Package chdb embeds the ClickHouse engine (chDB's libchdb.so) in the Pantau
// process without cgo.
//
// The library is loaded at run time with purego, never in init(), so a
// binary built with this package starts and reports a clear error when the
// library is missing. An Engine owns one data directory and a small pool of
// connections to it, so queries run in parallel. Query and QueryWithParams
// return the raw bytes of a result in any ClickHouse output format; Insert
// streams input data through a pipe (INSERT ... FROM INFILE '/dev/fd/N'),
// which keeps data with blank lines intact where inline INSERT data would be
// cut short.
//
// Only one data directory can be open per process, and the library can be
// loaded from one path only.
package chdb

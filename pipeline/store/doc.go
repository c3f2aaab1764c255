// Package store is Pantau's ClickHouse store: connection (a ClickHouse
// server over the native protocol, or the embedded engine over ClickHouse's
// HTTP interface), versioned migrations embedded in the binary, batched
// inserts of processed documents, and the exact counts the pipeline and its
// tests rely on.
//
// Every statement is parameterised; table names are fixed identifiers.
package store

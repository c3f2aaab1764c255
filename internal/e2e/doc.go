// Package e2e holds Pantau's end-to-end tests: the real embedded NATS
// server and the real embedded ClickHouse engine in a temporary data
// directory, documents ingested at one end and counted at the other.
package e2e

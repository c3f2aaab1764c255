// Package app wires Pantau's components for `pantau run`: the embedded or
// external NATS, the embedded ClickHouse engine (served on ClickHouse's HTTP
// interface) or an external server, the store and its migrations, the
// pipeline, the collectors, and the HTTP server. It starts them in data
// order and stops them in data order: collectors first, then the pipeline
// drains and acknowledges what it stored, then the servers and connections.
package app

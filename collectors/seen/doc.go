// Package seen remembers what the collectors already published, so a
// restart re-publishes nothing and a changed article is published again as
// a new version. The durable store is a JetStream key-value bucket
// (pantau_seen); Memory is an in-process store for one-off runs and tests.
package seen

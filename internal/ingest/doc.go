// Package ingest reads documents given as JSON lines (from other tools,
// exports, or hand-made test sets) and turns each valid line into a
// collected document; invalid lines are reported with their line number.
package ingest

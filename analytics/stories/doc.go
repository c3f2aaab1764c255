// Package stories groups near-duplicate documents into stories: syndicated
// press releases and rewrites of one event across outlets share a story id.
//
// Each document's title, lead and body are reduced to word shingles (pairs of
// consecutive content words, stop words removed), summarised by a MinHash
// signature and split into LSH bands. A document joins the story of the most
// similar earlier document whose estimated Jaccard similarity reaches the
// threshold; otherwise it starts a story named by its own id.
//
// Signatures and band keys live in ClickHouse (pantau.story_signatures and
// pantau.story_bands), so every pipeline replica sees the same stories; a
// bounded in-memory cache holds the most recent signatures, including those
// not yet flushed to ClickHouse. The first outlet of a story and the time
// each outlet followed are derived from pantau.documents by story_id and
// min(published_at).
package stories

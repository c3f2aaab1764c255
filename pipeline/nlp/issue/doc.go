// Package issue tags documents with Kaltim issues from an analyst-editable
// taxonomy (taxonomy.yaml is embedded; Load reads an override) and extracts
// key phrases for emerging-issue detection, using the Indonesian stop-word
// list (stopwords-iso, MIT; see stopwords/LICENSE).
package issue

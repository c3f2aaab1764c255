// Package langid identifies the language of a text as Indonesian ("id"),
// Banjarese ("bjn", the everyday language of much of East Kalimantan),
// English ("en") or "other", from frequent function words and
// language-specific spellings.
package langid

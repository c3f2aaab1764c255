// Package documents reads stored documents for the API and the other
// analytics packages: filtered, cursor-paginated listing and the Article
// reference every analytics result carries so its numbers are traceable.
package documents

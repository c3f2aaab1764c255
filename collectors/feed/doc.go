// Package feed discovers article URLs from RSS, Atom and RDF feeds and from
// XML sitemaps, including Google News sitemaps and sitemap indexes.
package feed

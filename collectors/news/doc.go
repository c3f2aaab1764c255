// Package news crawls one news source: it discovers article URLs from RSS,
// Atom and sitemaps and from listing pages (with bounded pagination),
// fetches new or changed articles through the polite fetch layer, joins
// articles split over pages, and builds pantauv1.Document messages.
package news

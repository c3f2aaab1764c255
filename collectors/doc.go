// Package collectors is the root of Pantau's collector module: crawlers for
// East Kalimantan news portals and public posts that publish
// pantauv1.Document messages onto NATS JetStream. The work is split by
// domain into sub-packages: sources (the registry), fetch (polite, safe HTTP
// through Colly), feed (RSS, Atom, sitemaps), extract (article extraction),
// dates (Indonesian dates), news (the news crawler), telegram, mastodon,
// youtube, csvimport, seen (persisted state) and collector (the component
// that runs them all).
package collectors

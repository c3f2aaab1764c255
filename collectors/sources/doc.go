// Package sources is the registry of what Pantau collects: news portals
// with their feeds, listing pages and article URL patterns, and public post
// sources (Telegram channels, Mastodon timelines, YouTube channels). The
// registry is YAML, decoded strictly: unknown keys, bad regular expressions
// and bad URLs are rejected with the file, line and reason. A default
// registry of East Kalimantan sources is embedded (kaltim.yaml).
package sources

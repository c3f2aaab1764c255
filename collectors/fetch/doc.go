// Package fetch is Pantau's polite and safe HTTP layer, built on Colly:
// robots.txt honoured on every URL and redirect target (robots.go states
// the RFC 9309 policy), a clear User-Agent, per-host delay and parallelism
// (colly.LimitRule), conditional GET, retries with backoff on 429 and 5xx
// (honouring Retry-After), a deadline for each whole request, bodies
// bounded after decompression (refused, or cut for streams with
// GetPrefix), bounded redirect chains, and private, loopback, link-local
// and other non-public addresses refused after DNS resolution unless a
// source allows them.
package fetch

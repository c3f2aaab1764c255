// Package fetch is Pantau's polite and safe HTTP layer, built on Colly:
// robots.txt honoured, a clear User-Agent, per-host delay and parallelism
// (colly.LimitRule), conditional GET, retries with backoff on 429 and 5xx
// (honouring Retry-After), timeouts, bounded bodies and redirect chains, and
// private, loopback and link-local addresses refused after DNS resolution
// unless a source allows them.
package fetch

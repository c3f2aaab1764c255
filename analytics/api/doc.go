// Package api is Pantau's read-only JSON API, served by `pantau run` under
// /api/v1: documents, issue trends and emerging issues, negative spikes,
// stories, leaders and message consistency, press-release pickup, source
// freshness and text analysis. Its OpenAPI 3 document is embedded and served
// at /api/v1/openapi.json and /api/v1/openapi.yaml.
//
// Every query is parameterised; page sizes and time ranges are bounded;
// errors are JSON objects {"error": "..."} with a message in Bahasa
// Indonesia. Listeners off the loopback interface require bearer tokens,
// kept only as SHA-256 hashes and compared in constant time.
package api

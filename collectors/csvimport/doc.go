// Package csvimport reads CSV exports of other social-listening tools
// (Brand24, Talkwalker, Meltwater, Netray, ...) into Pantau documents, with
// a header map naming which column holds which document field. The lead's
// `pantau ingest --format csv` wires it in.
package csvimport

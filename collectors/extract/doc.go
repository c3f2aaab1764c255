// Package extract turns a news page into a clean article: title, lead,
// body, author, section, site name, language and dates. It reads JSON-LD
// (NewsArticle/Article, also inside @graph), OpenGraph and meta tags, and
// site selectors when a source gives them, and falls back to a generic
// main-content library (go-readability by default, chosen over
// go-trafilatura by measured accuracy and speed; trafilatura stays selectable). Charsets are decoded (windows-1252, ISO-8859-1, ...),
// Indonesian boilerplate ("Baca juga:", share bars, "Ikuti Saluran
// WhatsApp", comment disclaimers, related lists, ads) is removed, and
// articles split over pages are detected so the crawler can join them.
package extract

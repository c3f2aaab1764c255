// Package quote extracts direct and indirect quotes from Indonesian news
// text and attributes them to speakers: `"…," kata X` and the other speech
// verbs (ujar, ucap, tutur, ungkap, jelas, tegas, imbuh, tambah, sambung,
// tandas, harap, saran, …), the "-nya" forms (tegasnya) resolved to the last
// named speaker, `X mengatakan, "…"`, "menurut X, …" and indirect
// "X mengatakan, …". Straight and curly quotes are handled.
package quote

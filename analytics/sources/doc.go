// Package sources reports how fresh each source's coverage is: when it last
// published and was last collected, its volume, and whether it has gone
// quiet for longer than its own rhythm explains.
package sources

package ingest

import (
	"crypto/sha256"
	"encoding/hex"
)

// ContentHash identifies a document's content (title and body).
func ContentHash(title, body string) string {
	h := sha256.New()
	h.Write([]byte(title))
	h.Write([]byte{0})
	h.Write([]byte(body))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

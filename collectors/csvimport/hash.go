package csvimport

import (
	"crypto/sha256"
	"encoding/hex"
)

// contentHash matches news.ContentHash: SHA-256 of title and body.
func contentHash(title, body string) string {
	sum := sha256.Sum256([]byte(title + "\x00" + body))
	return hex.EncodeToString(sum[:16])
}

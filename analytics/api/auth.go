package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"strings"
)

// HashToken returns the hex SHA-256 hash of a token, the form
// Options.TokenHashes takes.
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func hashTokens(tokens, hashes []string) ([][32]byte, error) {
	var out [][32]byte
	for i, t := range tokens {
		if strings.TrimSpace(t) == "" {
			return nil, fmt.Errorf("api: token %d is empty", i+1)
		}
		out = append(out, sha256.Sum256([]byte(t)))
	}
	for i, h := range hashes {
		b, err := hex.DecodeString(strings.TrimSpace(h))
		if err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("api: token hash %d is not a hex SHA-256 hash (64 hex digits)", i+1)
		}
		var x [32]byte
		copy(x[:], b)
		out = append(out, x)
	}
	return out, nil
}

// authorized checks the bearer token, comparing hashes in constant time
// against every configured token.
func (a *API) authorized(r *http.Request) bool {
	if len(a.tokens) == 0 {
		return true
	}
	h := r.Header.Get("Authorization")
	const scheme = "bearer "
	if len(h) <= len(scheme) || !strings.EqualFold(h[:len(scheme)], scheme) {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(h[len(scheme):])))
	ok := 0
	for _, t := range a.tokens {
		ok |= subtle.ConstantTimeCompare(got[:], t[:])
	}
	return ok == 1
}

// RequiresAuth reports whether a listener on addr ("host:port") is reachable
// from other machines, so the API must require tokens.
func RequiresAuth(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return true
	}
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

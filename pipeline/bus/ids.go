package bus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// trackingParams are query parameters that never change what a page shows.
var trackingParams = map[string]bool{
	"fbclid": true, "gclid": true, "dclid": true, "msclkid": true, "yclid": true,
	"igshid": true, "mc_cid": true, "mc_eid": true, "_ga": true, "ref_src": true,
	"amp": false,
}

// CanonicalURL normalises a URL so that the same article reached through
// different links gets one id: scheme and host lower-cased, default ports and
// fragments dropped, tracking parameters (utm_*, fbclid, gclid, ...) removed,
// remaining query parameters sorted, a trailing slash on non-root paths
// removed.
func CanonicalURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", fmt.Errorf("canonical url %q: %w", raw, err)
	}
	if u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("canonical url %q: not an absolute http(s) URL", raw)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("canonical url %q: scheme %q is not http or https", raw, u.Scheme)
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		u.Host = host + ":" + port
	} else {
		u.Host = host
	}
	u.Fragment = ""
	u.RawFragment = ""
	u.User = nil
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || trackingParams[lk] {
			continue
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		vals := q[k]
		sort.Strings(vals)
		for j, v := range vals {
			if i > 0 || j > 0 {
				b.WriteByte('&')
			}
			b.WriteString(url.QueryEscape(k))
			b.WriteByte('=')
			b.WriteString(url.QueryEscape(v))
		}
	}
	u.RawQuery = b.String()
	u.ForceQuery = false
	if len(u.Path) > 1 && strings.HasSuffix(u.Path, "/") {
		u.Path = strings.TrimRight(u.Path, "/")
		u.RawPath = ""
	}
	if u.Path == "" {
		u.Path = "/"
	}
	return u.String(), nil
}

// DocumentID is the stable id of a web document: the first 16 bytes of the
// SHA-256 of its canonical URL, hex-encoded.
func DocumentID(canonicalURL string) string {
	return hashID("url\x00" + canonicalURL)
}

// PostID is the stable id of a post or comment that has a native id at its
// source (a Telegram message number, a Mastodon status id, ...).
func PostID(source, nativeID string) string {
	return hashID("post\x00" + source + "\x00" + nativeID)
}

func hashID(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:16])
}

// MsgID is the JetStream Nats-Msg-Id of one version of a document: the id
// for the first version, id#v<N> for later ones, so a changed article is
// not dropped as a duplicate of its first version.
func MsgID(id string, version uint64) string {
	if version <= 1 {
		return id
	}
	return fmt.Sprintf("%s#v%d", id, version)
}

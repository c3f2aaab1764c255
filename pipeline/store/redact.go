package store

import (
	"net/url"
	"strings"
)

// RedactDSN replaces the password of dsn wherever it appears in s.
func RedactDSN(s, dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return s
	}
	if pw, ok := u.User.Password(); ok && pw != "" {
		s = strings.ReplaceAll(s, pw, "***")
	}
	return s
}

// SafeDSN returns dsn with its password masked, for logs.
func SafeDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(invalid dsn)"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "***")
		}
	}
	return u.String()
}

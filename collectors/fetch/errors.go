package fetch

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors, checked with errors.Is.
var (
	// ErrRobotsDisallowed means robots.txt forbids the URL for PantauBot.
	ErrRobotsDisallowed = errors.New("disallowed by robots.txt")
	// ErrForbiddenDomain means the URL is outside the source's allowed domains.
	ErrForbiddenDomain = errors.New("domain not allowed for this source")
	// ErrPrivateAddress means the host resolved to a private, loopback or
	// link-local address and the source does not set allow_private.
	ErrPrivateAddress = errors.New("private, loopback or link-local address refused")
	// ErrBodyTooLarge means the response exceeded the maximum body size.
	ErrBodyTooLarge = errors.New("response body too large")
	// ErrTooManyRedirects means the redirect limit was reached (or a loop).
	ErrTooManyRedirects = errors.New("too many redirects")
)

// StatusError is a non-success HTTP status.
type StatusError struct {
	Code int
	// RetryAfter is the server's Retry-After, zero when absent.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	return fmt.Sprintf("http status %d", e.Code)
}

// Retryable reports whether the status is worth retrying (429 and 5xx).
func (e *StatusError) Retryable() bool {
	return e.Code == 429 || e.Code >= 500
}

// ErrorKind classifies an error into a small, bounded set for metrics:
// robots, forbidden_domain, private_address, too_large, redirects,
// status_4xx, status_429, status_5xx, timeout, canceled, network.
func ErrorKind(err error) string {
	var se *StatusError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrRobotsDisallowed):
		return "robots"
	case errors.Is(err, ErrForbiddenDomain):
		return "forbidden_domain"
	case errors.Is(err, ErrPrivateAddress):
		return "private_address"
	case errors.Is(err, ErrBodyTooLarge):
		return "too_large"
	case errors.Is(err, ErrTooManyRedirects):
		return "redirects"
	case errors.As(err, &se):
		switch {
		case se.Code == 429:
			return "status_429"
		case se.Code >= 500:
			return "status_5xx"
		}
		return "status_4xx"
	case errors.Is(err, errTimeout):
		return "timeout"
	case errors.Is(err, errCanceled):
		return "canceled"
	}
	return "network"
}

var (
	errTimeout  = errors.New("timeout")
	errCanceled = errors.New("canceled")
)

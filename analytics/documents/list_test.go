package documents

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCursorRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 30, 0, 123e6, time.UTC)
	got, id, err := DecodeCursor(EncodeCursor(at, "doc|with|bars"))
	if err != nil || !got.Equal(at) || id != "doc|with|bars" {
		t.Fatalf("round trip: %s %q %v", got, id, err)
	}
	for _, bad := range []string{"!!", "bm9waXBl", EncodeCursor(at, "x")[:3]} {
		if _, _, err := DecodeCursor(bad); !errors.Is(err, ErrBadCursor) {
			t.Errorf("cursor %q: %v", bad, err)
		}
	}
}

func TestFilterValidate(t *testing.T) {
	now := time.Now()
	cases := []struct {
		name string
		f    Filter
		want string
	}{
		{"ok", Filter{From: now.Add(-time.Hour), To: now}, ""},
		{"reversed", Filter{From: now, To: now.Add(-time.Hour)}, "from must be before to"},
		{"too long", Filter{From: now.Add(-400 * 24 * time.Hour), To: now}, "exceeds the maximum"},
		{"limit", Filter{From: now.Add(-time.Hour), To: now, Limit: MaxLimit + 1}, "limit"},
		{"sentiment", Filter{From: now.Add(-time.Hour), To: now, Sentiment: "marah"}, "sentiment"},
	}
	for _, c := range cases {
		err := c.f.Validate()
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
	f := Filter{From: now.Add(-time.Hour), To: now}
	_ = f.Validate()
	if f.Limit != DefaultLimit {
		t.Errorf("default limit %d", f.Limit)
	}
}

package macro

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestExpand(t *testing.T) {
	ctx := Context{
		From:     time.Unix(1700000000, 0),
		To:       time.Unix(1700003600, 0),
		Interval: 5 * time.Minute,
		Vars: map[string]Variable{
			"issue":  {Values: []string{"banjir", "ikn"}},
			"source": {All: true},
			"kab":    {Values: []string{"Samarinda"}},
			"quote":  {Values: []string{"Kutai Kartanegara's"}},
		},
	}
	tests := []struct {
		name, in, want, err string
	}{
		{"time filter", "WHERE $__timeFilter(published_at)", "WHERE published_at >= toDateTime(1700000000) AND published_at <= toDateTime(1700003600)", ""},
		{"time filter ms", "$__timeFilter_ms(t)", "t >= fromUnixTimestamp64Milli(1700000000000) AND t <= fromUnixTimestamp64Milli(1700003600000)", ""},
		{"from and to", "$__fromTime, $__toTime", "toDateTime(1700000000), toDateTime(1700003600)", ""},
		{"interval", "$__timeInterval(published_at) AS time", "toStartOfInterval(toDateTime(published_at), INTERVAL 300 second) AS time", ""},
		{"interval seconds", "$__interval_s", "300", ""},
		{"time group", "$__timeGroup(collected_at, '1h')", "toStartOfInterval(toDateTime(collected_at), INTERVAL 3600 second)", ""},
		{"nested parentheses", "$__timeFilter(toDateTime(published_at))", "toDateTime(published_at) >= toDateTime(1700000000) AND toDateTime(published_at) <= toDateTime(1700003600)", ""},
		{"multi singlequote", "IN (${issue:singlequote})", "IN ('banjir','ikn')", ""},
		{"all value", "'__all' IN (${source:singlequote})", "'__all' IN ('__all')", ""},
		{"single bare", "x = '$kab'", "x = 'Samarinda'", ""},
		{"quote escaped", "${quote:singlequote}", `'Kutai Kartanegara\'s'`, ""},
		{"csv", "${issue:csv}", "banjir,ikn", ""},
		{"multi without format", "$issue", "", "explicit format"},
		{"unknown variable", "${leader:singlequote}", "", "unknown"},
		{"unknown macro", "$__timeFilterX(a)", "", "unknown"},
		{"missing argument", "$__timeFilter()", "", "expected 1"},
		{"unbalanced", "$__timeFilter(a", "", "unbalanced"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Expand(tt.in, ctx)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Expand(%q) error %v, want %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Expand(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Fatalf("Expand(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
	if _, err := Expand("$__nope", ctx); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown macro error %v is not ErrUnknown", err)
	}
}

func TestNames(t *testing.T) {
	got := Names("SELECT $__timeFilter(a) ${issue:singlequote} $kab [[src]] ${issue} $__toTime")
	want := []string{"issue", "kab", "src"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("Names = %v, want %v", got, want)
	}
}

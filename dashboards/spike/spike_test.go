package spike

import (
	"strings"
	"testing"
	"time"
)

func TestParamsValidate(t *testing.T) {
	tests := []struct {
		name string
		p    Params
		want string
	}{
		{"default", Default, ""},
		{"zero window", Params{BaselineDays: 7, MinCount: 5, Threshold: 3}, "window"},
		{"fractional window", Params{Window: 1500 * time.Millisecond, BaselineDays: 7, MinCount: 5, Threshold: 3}, "window"},
		{"long window", Params{Window: 25 * time.Hour, BaselineDays: 7, MinCount: 5, Threshold: 3}, "window"},
		{"no baseline", Params{Window: time.Hour, MinCount: 5, Threshold: 3}, "baseline"},
		{"negative count", Params{Window: time.Hour, BaselineDays: 7, MinCount: -1, Threshold: 3}, "minimum count"},
		{"zero threshold", Params{Window: time.Hour, BaselineDays: 7, MinCount: 5}, "threshold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.p.Validate()
			if tt.want == "" && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRenderings(t *testing.T) {
	for _, s := range []Scope{Overall, ByIssue} {
		sql := SQL(s)
		for _, name := range []string{"at", "window_seconds", "baseline_days", "min_count", "threshold"} {
			if !strings.Contains(sql, "{"+name+":") {
				t.Errorf("scope %d: parameter %s missing from the SQL", s, name)
			}
			if _, ok := Default.Args(time.Now())[name]; !ok {
				t.Errorf("Args has no value for %s", name)
			}
		}
		g, err := Grafana(s, Default)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(g, "{") || !strings.Contains(g, "$__toTime") || !strings.Contains(g, "< 3600") {
			t.Errorf("scope %d: Grafana rendering is wrong:\n%s", s, g)
		}
		if _, err := Grafana(s, Params{}); err == nil {
			t.Error("Grafana accepted invalid parameters")
		}
		a, err := AlertSQL(s, Default)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a, "SELECT\n    $__toTime AS time,") {
			t.Errorf("alert SQL must start with the time column:\n%s", a)
		}
	}
	if strings.Contains(NegativeSpikeSQL, "ARRAY JOIN") || !strings.Contains(NegativeSpikeByIssueSQL, "ARRAY JOIN issues") {
		t.Error("overall and per-issue SQL are mixed up")
	}
	if got := Default.Args(time.Unix(1700000000, 0))["at"]; got != "1700000000" {
		t.Errorf("at = %q, want Unix seconds", got)
	}
}

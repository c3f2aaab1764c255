package alerting

import (
	"strings"
	"testing"
	"time"
)

func goodRules() RulesFile {
	return RulesFile{APIVersion: 1, Groups: []RuleGroup{{
		OrgID: 1, Name: "g", Folder: "Pantau", Interval: Duration(time.Minute),
		Rules: []Rule{{
			UID: "r1", Title: "Aturan", Condition: "C", NoDataState: "OK", ExecErrState: "Error",
			Data: []Query{
				{RefID: "A", DatasourceUID: "clickhouse", RelativeTimeRange: &RelativeTimeRange{From: 600},
					Model: map[string]any{"refId": "A"}},
				{RefID: "B", DatasourceUID: ExprUID, Model: map[string]any{"refId": "B", "type": "reduce", "expression": "A"}},
				{RefID: "C", DatasourceUID: ExprUID, Model: map[string]any{"refId": "C", "type": "threshold", "expression": "B"}},
			},
		}},
	}}}
}

func goodContacts() ContactPointsFile {
	return ContactPointsFile{
		APIVersion: 1,
		ContactPoints: []ContactPoint{{OrgID: 1, Name: "humas", Receivers: []Receiver{
			{UID: "tg", Type: "telegram", Settings: map[string]string{"bottoken": "$T", "chatid": "$C"}},
		}}},
		Policies: []Policy{{OrgID: 1, Receiver: "humas", GroupBy: []string{"issue"}}},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*RulesFile, *ContactPointsFile)
		want string
	}{
		{"valid", func(*RulesFile, *ContactPointsFile) {}, ""},
		{"interval not multiple of 10s", func(r *RulesFile, _ *ContactPointsFile) { r.Groups[0].Interval = Duration(45 * time.Second) }, "not a positive multiple of 10s"},
		{"condition names missing refId", func(r *RulesFile, _ *ContactPointsFile) { r.Groups[0].Rules[0].Condition = "D" }, `condition "D"`},
		{"expression reads missing refId", func(r *RulesFile, _ *ContactPointsFile) {
			r.Groups[0].Rules[0].Data[2].Model["expression"] = "X"
		}, `missing refId "X"`},
		{"no relative time range", func(r *RulesFile, _ *ContactPointsFile) { r.Groups[0].Rules[0].Data[0].RelativeTimeRange = nil }, "relative time range"},
		{"unknown data source", func(r *RulesFile, _ *ContactPointsFile) { r.Groups[0].Rules[0].Data[0].DatasourceUID = "mysql" }, `"mysql" does not exist`},
		{"missing uid", func(r *RulesFile, _ *ContactPointsFile) { r.Groups[0].Rules[0].UID = "" }, "uid must be"},
		{"duplicate uid", func(r *RulesFile, _ *ContactPointsFile) {
			r.Groups[0].Rules = append(r.Groups[0].Rules, r.Groups[0].Rules[0])
		}, "duplicate uid"},
		{"model refId differs", func(r *RulesFile, _ *ContactPointsFile) { r.Groups[0].Rules[0].Data[0].Model["refId"] = "Z" }, "model.refId"},
		{"policy to unknown receiver", func(_ *RulesFile, c *ContactPointsFile) { c.Policies[0].Receiver = "ops" }, `receiver "ops"`},
		{"telegram without chat id", func(_ *RulesFile, c *ContactPointsFile) {
			delete(c.ContactPoints[0].Receivers[0].Settings, "chatid")
		}, `"chatid" is required`},
		{"bad matcher", func(_ *RulesFile, c *ContactPointsFile) {
			c.Policies[0].Routes = []Policy{{Receiver: "humas", ObjectMatchers: [][]string{{"a", "==", "b"}}}}
		}, "matcher"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, c := goodRules(), goodContacts()
			tt.edit(&r, &c)
			err := Validate(r, c, []string{"clickhouse", "prometheus"})
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestDurationString(t *testing.T) {
	for d, want := range map[time.Duration]string{0: "0s", time.Minute: "1m", 90 * time.Second: "90s", 2 * time.Hour: "2h"} {
		if got := Duration(d).String(); got != want {
			t.Errorf("Duration(%s) = %q, want %q", d, got, want)
		}
	}
}

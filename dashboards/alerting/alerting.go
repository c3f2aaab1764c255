package alerting

import (
	"strconv"
	"time"
)

// ExprUID is the data source uid of server-side expressions.
const ExprUID = "__expr__"

// RulesFile is a provisioning file of alert rule groups.
type RulesFile struct {
	APIVersion int         `yaml:"apiVersion"`
	Groups     []RuleGroup `yaml:"groups"`
}

// RuleGroup is a group of rules evaluated together at Interval.
type RuleGroup struct {
	OrgID    int64    `yaml:"orgId"`
	Name     string   `yaml:"name"`
	Folder   string   `yaml:"folder"`
	Interval Duration `yaml:"interval"`
	Rules    []Rule   `yaml:"rules"`
}

// Rule is one alert rule.
type Rule struct {
	UID       string  `yaml:"uid"`
	Title     string  `yaml:"title"`
	Condition string  `yaml:"condition"`
	Data      []Query `yaml:"data"`
	// DashboardUID and PanelID link the rule to a dashboard panel.
	DashboardUID string            `yaml:"dashboardUid,omitempty"`
	PanelID      int64             `yaml:"panelId,omitempty"`
	NoDataState  string            `yaml:"noDataState"`
	ExecErrState string            `yaml:"execErrState"`
	For          Duration          `yaml:"for"`
	Labels       map[string]string `yaml:"labels,omitempty"`
	Annotations  map[string]string `yaml:"annotations,omitempty"`
	IsPaused     bool              `yaml:"isPaused"`
}

// Query is one step of a rule: a data-source query or an expression.
type Query struct {
	RefID             string             `yaml:"refId"`
	DatasourceUID     string             `yaml:"datasourceUid"`
	QueryType         string             `yaml:"queryType,omitempty"`
	RelativeTimeRange *RelativeTimeRange `yaml:"relativeTimeRange,omitempty"`
	Model             map[string]any     `yaml:"model"`
}

// RelativeTimeRange is the query window in seconds before the evaluation.
type RelativeTimeRange struct {
	From int64 `yaml:"from"`
	To   int64 `yaml:"to"`
}

// Duration marshals as a Grafana duration string ("1m", "5m", "1h").
type Duration time.Duration

// String formats d the way Grafana writes durations.
func (d Duration) String() string {
	t := time.Duration(d)
	switch {
	case t == 0:
		return "0s"
	case t%time.Hour == 0:
		return strconv.FormatInt(int64(t/time.Hour), 10) + "h"
	case t%time.Minute == 0:
		return strconv.FormatInt(int64(t/time.Minute), 10) + "m"
	}
	return strconv.FormatInt(int64(t/time.Second), 10) + "s"
}

// MarshalYAML writes the duration string.
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

// UnmarshalYAML reads a duration string.
func (d *Duration) UnmarshalYAML(unmarshal func(any) error) error {
	var s string
	if err := unmarshal(&s); err != nil {
		return err
	}
	t, err := time.ParseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(t)
	return nil
}

// ContactPointsFile is a provisioning file of contact points and policies.
type ContactPointsFile struct {
	APIVersion    int            `yaml:"apiVersion"`
	ContactPoints []ContactPoint `yaml:"contactPoints,omitempty"`
	Policies      []Policy       `yaml:"policies,omitempty"`
}

// ContactPoint is a named set of receivers.
type ContactPoint struct {
	OrgID     int64      `yaml:"orgId"`
	Name      string     `yaml:"name"`
	Receivers []Receiver `yaml:"receivers"`
}

// Receiver is one integration (telegram, email, webhook, ...).
type Receiver struct {
	UID                   string            `yaml:"uid"`
	Type                  string            `yaml:"type"`
	Settings              map[string]string `yaml:"settings"`
	DisableResolveMessage bool              `yaml:"disableResolveMessage"`
}

// Policy is a notification policy (the root policy of an org, with routes).
type Policy struct {
	OrgID          int64      `yaml:"orgId,omitempty"`
	Receiver       string     `yaml:"receiver"`
	GroupBy        []string   `yaml:"group_by,omitempty"`
	ObjectMatchers [][]string `yaml:"object_matchers,omitempty"`
	Continue       bool       `yaml:"continue,omitempty"`
	GroupWait      string     `yaml:"group_wait,omitempty"`
	GroupInterval  string     `yaml:"group_interval,omitempty"`
	RepeatInterval string     `yaml:"repeat_interval,omitempty"`
	Routes         []Policy   `yaml:"routes,omitempty"`
}

// OnPanel returns r linked to a dashboard panel.
func (r Rule) OnPanel(dashboardUID string, panelID int64) Rule {
	r.DashboardUID, r.PanelID = dashboardUID, panelID
	return r
}

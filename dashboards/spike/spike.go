package spike

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Scope selects how negative documents are grouped.
type Scope int

const (
	// Overall counts all negative documents together (issue = 'semua').
	Overall Scope = iota
	// ByIssue counts negative documents per issue key.
	ByIssue
)

// OverallIssue is the issue value of the overall rule's single row.
const OverallIssue = "semua"

// Params are the knobs of the spike rule.
type Params struct {
	// Window is the length of the current window; whole seconds, at most 24h.
	Window time.Duration
	// BaselineDays is how many previous days form the baseline (1–28).
	BaselineDays int
	// MinCount is the minimum number of negative documents in the window.
	MinCount int
	// Threshold is the minimum score (standard deviations above the mean).
	Threshold float64
}

// Default is the rule used by the alerts: the last hour against the same hour
// on the previous 7 days, at least 5 negative documents and 3 standard
// deviations above the mean.
var Default = Params{Window: time.Hour, BaselineDays: 7, MinCount: 5, Threshold: 3}

// Validate reports parameters the SQL cannot use.
func (p Params) Validate() error {
	var errs []error
	if p.Window <= 0 || p.Window > 24*time.Hour || p.Window%time.Second != 0 {
		errs = append(errs, fmt.Errorf("spike window %s: must be whole seconds between 1s and 24h", p.Window))
	}
	if p.BaselineDays < 1 || p.BaselineDays > 28 {
		errs = append(errs, fmt.Errorf("spike baseline days %d: must be between 1 and 28", p.BaselineDays))
	}
	if p.MinCount < 0 {
		errs = append(errs, fmt.Errorf("spike minimum count %d: must not be negative", p.MinCount))
	}
	if p.Threshold <= 0 {
		errs = append(errs, fmt.Errorf("spike threshold %g: must be positive", p.Threshold))
	}
	return errors.Join(errs...)
}

// NegativeSpikeSQL is the overall spike query with ClickHouse query
// parameters; bind them with Params.Args.
var NegativeSpikeSQL = build(Overall)

// NegativeSpikeByIssueSQL is the per-issue spike query with ClickHouse query
// parameters; bind them with Params.Args.
var NegativeSpikeByIssueSQL = build(ByIssue)

// SQL returns the parameterised query for scope.
func SQL(s Scope) string {
	if s == ByIssue {
		return NegativeSpikeByIssueSQL
	}
	return NegativeSpikeSQL
}

// The placeholders of the parameterised SQL.
const (
	paramAt        = "{at:DateTime}"
	paramWindow    = "{window_seconds:UInt32}"
	paramBaseline  = "{baseline_days:UInt32}"
	paramMinCount  = "{min_count:UInt32}"
	paramThreshold = "{threshold:Float64}"
)

func build(s Scope) string {
	key, join := "'"+OverallIssue+"' AS issue", ""
	if s == ByIssue {
		key, join = "issue", "\n    ARRAY JOIN issues AS issue"
	}
	return `SELECT
    issue,
    sumIf(n, d = 0) AS negative_count,
    sumIf(n, d > 0) / ` + paramBaseline + ` AS baseline_mean,
    sqrt(greatest(sumIf(n * n, d > 0) / ` + paramBaseline + ` - baseline_mean * baseline_mean, 0)) AS baseline_sd,
    (negative_count - baseline_mean) / greatest(baseline_sd, 1) AS score,
    toUInt8(negative_count >= ` + paramMinCount + ` AND score >= ` + paramThreshold + `) AS spike
FROM
(
    SELECT
        ` + key + `,
        intDiv(age, 86400) AS d,
        count() AS n
    FROM
    (
        SELECT
            dateDiff('second', published_at, ` + paramAt + `) AS age,
            issues
        FROM pantau.documents FINAL
        WHERE sentiment_label = 'negative'
          AND NOT official
          AND published_at > ` + paramAt + ` - toIntervalDay(` + paramBaseline + ` + 1)
          AND published_at <= ` + paramAt + `
          AND age % 86400 < ` + paramWindow + `
    )` + join + `
    GROUP BY issue, d
)
GROUP BY issue
ORDER BY score DESC, issue`
}

// Args returns the query parameters for evaluating the rule at time at, as
// ClickHouse text values (at in Unix seconds).
func (p Params) Args(at time.Time) map[string]string {
	return map[string]string{
		"at":             strconv.FormatInt(at.Unix(), 10),
		"window_seconds": strconv.FormatInt(int64(p.Window/time.Second), 10),
		"baseline_days":  strconv.Itoa(p.BaselineDays),
		"min_count":      strconv.Itoa(p.MinCount),
		"threshold":      strconv.FormatFloat(p.Threshold, 'f', -1, 64),
	}
}

// Inline returns sql with every parameter written as a literal and at as
// the evaluation time expression atExpr (for example "$__toTime" or
// "toDateTime(1700000000)").
func Inline(sql string, p Params, atExpr string) (string, error) {
	if err := p.Validate(); err != nil {
		return "", err
	}
	a := p.Args(time.Unix(0, 0))
	out := strings.NewReplacer(
		paramAt, atExpr,
		paramWindow, a["window_seconds"],
		paramBaseline, a["baseline_days"],
		paramMinCount, a["min_count"],
		paramThreshold, a["threshold"],
	).Replace(sql)
	if i := strings.Index(out, "{"); i >= 0 {
		return "", fmt.Errorf("spike sql: unknown parameter near %q", out[i:min(len(out), i+30)])
	}
	return out, nil
}

// Grafana returns the query for scope as the Grafana ClickHouse plugin runs
// it: the evaluation time is $__toTime (the end of the dashboard range, or
// the alert evaluation time) and the other parameters are literals.
func Grafana(s Scope, p Params) (string, error) {
	return Inline(SQL(s), p, "$__toTime")
}

// AlertSQL returns the Grafana alert query for scope: one time-series point
// per issue, at $__toTime, whose value is the negative count when the rule
// fires and 0 otherwise. Alert on value > 0.
func AlertSQL(s Scope, p Params) (string, error) {
	q, err := Grafana(s, p)
	if err != nil {
		return "", err
	}
	return "SELECT\n    $__toTime AS time,\n    issue,\n    toFloat64(if(spike = 1, negative_count, 0)) AS value\nFROM\n(\n" +
		indent(q, "    ") + "\n)\nORDER BY issue", nil
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

package dashboards

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/biroadpim/pantau/dashboards/alerting"
	"github.com/biroadpim/pantau/dashboards/board"
	"github.com/biroadpim/pantau/dashboards/macro"
	"github.com/biroadpim/pantau/dashboards/spike"
)

// scenarios are the dashboard variable selections every query is run with.
var scenarios = []struct {
	name     string
	vars     map[string]macro.Variable
	needRows bool
}{
	{"semua", map[string]macro.Variable{
		varIssue: {All: true}, varKabupaten: {All: true}, varSource: {All: true}, varLeader: {All: true},
	}, true},
	{"terpilih", map[string]macro.Variable{
		varIssue:     {Values: []string{"banjir", "ikn"}},
		varKabupaten: {Values: []string{"Samarinda"}},
		varSource:    {Values: []string{"kaltimpost", "tribunkaltim"}},
		varLeader:    {Values: []string{"Rudy Mas'ud", "Seno Aji"}},
	}, false},
}

func queryContext(vars map[string]macro.Variable, o Options) macro.Context {
	v := map[string]macro.Variable{varPantauURL: {Values: []string{o.PantauURL}}}
	for k, x := range vars {
		v[k] = x
	}
	return macro.Context{From: anchor.Add(-7 * 24 * time.Hour), To: anchor, Interval: time.Hour, Vars: v}
}

var (
	numericRE = regexp.MustCompile(`^(Nullable\()?(U?Int\d+|Float\d+|Decimal)`)
	timeRE    = regexp.MustCompile(`^(Nullable\()?DateTime`)
	stringRE  = regexp.MustCompile(`^(Nullable\()?(LowCardinality\()?String`)
)

// checkShape verifies that a result has the columns a panel of type typ
// expects from a query of the given format.
func checkShape(typ string, tg board.Target, r result) error {
	if !slices.Equal(r.columns(), tg.Columns) {
		return fmt.Errorf("columns %v, want %v", r.columns(), tg.Columns)
	}
	types := make([]string, len(r.Meta))
	for i, m := range r.Meta {
		types[i] = m.Type
	}
	if tg.Format == board.FormatTimeSeries {
		if !timeRE.MatchString(types[0]) {
			return fmt.Errorf("time series: first column %s is %s, want DateTime", r.Meta[0].Name, types[0])
		}
		numeric := 0
		for i, ty := range types[1:] {
			switch {
			case numericRE.MatchString(ty):
				numeric++
			case !stringRE.MatchString(ty):
				return fmt.Errorf("time series: column %s is %s, want a string label or a number", r.Meta[i+1].Name, ty)
			}
		}
		if numeric == 0 {
			return fmt.Errorf("time series: no numeric column")
		}
		return nil
	}
	switch typ {
	case "stat":
		if len(types) != 1 || !numericRE.MatchString(types[0]) {
			return fmt.Errorf("stat: want one numeric column, got %v", types)
		}
		if r.Rows > 1 {
			return fmt.Errorf("stat: %d rows, want at most 1", r.Rows)
		}
	case "piechart", "bargauge":
		if len(types) != 2 || !stringRE.MatchString(types[0]) || !numericRE.MatchString(types[1]) {
			return fmt.Errorf("%s: want (label, number), got %v", typ, types)
		}
	}
	return nil
}

// TestPanelQueriesRunOnEngine expands every ClickHouse panel query with the
// plugin's macros and each variable scenario, runs it on the embedded
// engine over the fixture corpus and checks the result shape.
func TestPanelQueriesRunOnEngine(t *testing.T) {
	e := requireEngine(t)
	p, _ := render(t)
	ctx := context.Background()
	ran := 0
	for _, d := range p.Dashboards {
		for _, pn := range d.Panels {
			for _, tg := range pn.Targets {
				if tg.RawSQL == "" {
					continue
				}
				for _, sc := range scenarios {
					name := d.UID + "/" + pn.Title + "/" + sc.name
					t.Run(name, func(t *testing.T) {
						sql, err := macro.Expand(tg.RawSQL, queryContext(sc.vars, p.Options))
						if err != nil {
							t.Fatalf("expand: %v\n%s", err, tg.RawSQL)
						}
						r, err := runQuery(ctx, e, sql, nil)
						if err != nil {
							t.Fatalf("query fails: %v\n%s", err, sql)
						}
						if err := checkShape(pn.Type, tg, r); err != nil {
							t.Fatalf("wrong shape for a %s panel: %v\n%s", pn.Type, err, sql)
						}
						if sc.needRows && r.Rows == 0 {
							t.Fatalf("no rows over the fixture corpus\n%s", sql)
						}
					})
					ran++
				}
			}
		}
	}
	if ran < 40 {
		t.Errorf("only %d panel queries ran", ran)
	}
}

// TestVariableQueriesRunOnEngine runs the ClickHouse variable queries.
func TestVariableQueriesRunOnEngine(t *testing.T) {
	e := requireEngine(t)
	p, _ := render(t)
	for _, d := range p.Dashboards {
		for _, v := range d.Templating.List {
			if v.Type != "query" || v.Datasource.UID != ClickHouseUID {
				continue
			}
			t.Run(d.UID+"/"+v.Name, func(t *testing.T) {
				sql, err := macro.Expand(v.Query, queryContext(nil, p.Options))
				if err != nil {
					t.Fatal(err)
				}
				r, err := runQuery(context.Background(), e, sql, nil)
				if err != nil {
					t.Fatalf("query fails: %v\n%s", err, sql)
				}
				if len(r.Meta) != 1 || r.Rows == 0 {
					t.Fatalf("want one column with values, got %v and %d rows", r.columns(), r.Rows)
				}
			})
		}
	}
}

// alertValues runs a rule's ClickHouse query evaluated at "at" and returns
// the value per label set (the one numeric column), as Grafana's reduce
// step would see it.
func alertValues(t *testing.T, r alerting.Rule, at time.Time) map[string]float64 {
	t.Helper()
	q := r.Data[0]
	sql := q.Model["rawSql"].(string)
	mc := macro.Context{From: at.Add(-time.Duration(q.RelativeTimeRange.From) * time.Second), To: at, Interval: time.Minute}
	expanded, err := macro.Expand(sql, mc)
	if err != nil {
		t.Fatalf("rule %s: expand: %v", r.UID, err)
	}
	res, err := runQuery(context.Background(), engine, expanded, nil)
	if err != nil {
		t.Fatalf("rule %s: query fails: %v\n%s", r.UID, err, expanded)
	}
	if len(res.Meta) < 2 || res.Meta[0].Name != "time" || !timeRE.MatchString(res.Meta[0].Type) {
		t.Fatalf("rule %s: want a DateTime column named time first, got %v", r.UID, res.Meta)
	}
	valueCol := -1
	for i, m := range res.Meta[1:] {
		if numericRE.MatchString(m.Type) {
			if valueCol >= 0 {
				t.Fatalf("rule %s: more than one numeric column: %v", r.UID, res.Meta)
			}
			valueCol = i + 1
		} else if !stringRE.MatchString(m.Type) {
			t.Fatalf("rule %s: column %s (%s) is neither a label nor the value", r.UID, m.Name, m.Type)
		}
	}
	if valueCol < 0 {
		t.Fatalf("rule %s: no numeric value column", r.UID)
	}
	out := map[string]float64{}
	for _, row := range res.Data {
		var labels []string
		for i, m := range res.Meta[1:] {
			if i+1 != valueCol {
				labels = append(labels, m.Name+"="+fmt.Sprint(row[i+1]))
			}
		}
		v, err := strconv.ParseFloat(fmt.Sprint(row[valueCol]), 64)
		if err != nil {
			t.Fatalf("rule %s: value %v: %v", r.UID, row[valueCol], err)
		}
		out[strings.Join(labels, ",")] = v
	}
	return out
}

// threshold returns the value the rule's threshold step compares with (gt).
func threshold(t *testing.T, r alerting.Rule) float64 {
	t.Helper()
	for _, q := range r.Data {
		if q.RefID == r.Condition {
			c := q.Model["conditions"].([]any)[0].(map[string]any)["evaluator"].(map[string]any)
			if c["type"] != "gt" {
				t.Fatalf("rule %s: evaluator %v", r.UID, c["type"])
			}
			return c["params"].([]any)[0].(float64)
		}
	}
	t.Fatalf("rule %s: no condition step", r.UID)
	return 0
}

func firing(t *testing.T, r alerting.Rule, at time.Time) []string {
	t.Helper()
	th := threshold(t, r)
	var fired []string
	for labels, v := range alertValues(t, r, at) {
		if v > th {
			fired = append(fired, labels)
		}
	}
	slices.Sort(fired)
	return fired
}

func findRule(t *testing.T, p *Provisioning, uid string) alerting.Rule {
	t.Helper()
	for _, g := range p.Rules.Groups {
		for _, r := range g.Rules {
			if r.UID == uid {
				return r
			}
		}
	}
	t.Fatalf("no rule %s", uid)
	return alerting.Rule{}
}

// TestAlertQueriesRunOnEngine runs every ClickHouse alert query.
func TestAlertQueriesRunOnEngine(t *testing.T) {
	requireEngine(t)
	p, _ := render(t)
	n := 0
	for _, g := range p.Rules.Groups {
		for _, r := range g.Rules {
			if r.Data[0].DatasourceUID != ClickHouseUID {
				continue
			}
			t.Run(r.UID, func(t *testing.T) { alertValues(t, r, anchor) })
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d ClickHouse alert rules ran, want 3", n)
	}
}

// TestSpikeRuleFiresOnSpikeOnly: the injected burst of negative flood news
// makes both spike rules fire at the anchor, for banjir only, while no hour
// of the flat history before it fires.
func TestSpikeRuleFiresOnSpikeOnly(t *testing.T) {
	requireEngine(t)
	p, _ := render(t)
	overall := findRule(t, p, "pantau-lonjakan-negatif")
	byIssue := findRule(t, p, "pantau-lonjakan-negatif-isu")

	if got := firing(t, overall, anchor); !slices.Equal(got, []string{"issue=" + spike.OverallIssue}) {
		t.Errorf("overall rule at the spike fires for %v, want [issue=semua]", got)
	}
	if got := firing(t, byIssue, anchor); !slices.Equal(got, []string{"issue=banjir"}) {
		t.Errorf("per-issue rule at the spike fires for %v, want [issue=banjir]", got)
	}
	for k := 1; k <= 48; k++ {
		at := anchor.Add(-time.Duration(k) * time.Hour)
		if got := firing(t, overall, at); len(got) > 0 {
			t.Errorf("overall rule fires on the flat week at %s: %v", at.Format(time.DateTime), got)
		}
		if got := firing(t, byIssue, at); len(got) > 0 {
			t.Errorf("per-issue rule fires on the flat week at %s: %v", at.Format(time.DateTime), got)
		}
	}
}

// spikeRows runs the parameterised spike SQL with bound parameters (the
// analytics API's path) and returns issue → (negative_count, score, spike).
func spikeRows(t *testing.T, s spike.Scope, at time.Time) map[string][3]float64 {
	t.Helper()
	r, err := runQuery(context.Background(), engine, spike.SQL(s), spike.Default.Args(at))
	if err != nil {
		t.Fatalf("spike SQL with bound parameters: %v", err)
	}
	want := []string{"issue", "negative_count", "baseline_mean", "baseline_sd", "score", "spike"}
	if !slices.Equal(r.columns(), want) {
		t.Fatalf("spike SQL columns %v, want %v", r.columns(), want)
	}
	out := map[string][3]float64{}
	for _, row := range r.Data {
		var v [3]float64
		for i, col := range []int{1, 4, 5} {
			v[i], _ = strconv.ParseFloat(fmt.Sprint(row[col]), 64)
		}
		out[fmt.Sprint(row[0])] = v
	}
	return out
}

// TestSpikeSQLBoundParameters checks the Go path (bound parameters) against
// the Grafana path (macros expanded) and that the flat week exercises the
// score, not only the minimum count.
func TestSpikeSQLBoundParameters(t *testing.T) {
	requireEngine(t)
	for _, s := range []spike.Scope{spike.Overall, spike.ByIssue} {
		at := spikeRows(t, s, anchor)
		key := spike.OverallIssue
		if s == spike.ByIssue {
			key = "banjir"
		}
		if v := at[key]; v[2] != 1 || v[0] < 25 || v[1] < spike.Default.Threshold {
			t.Errorf("scope %d at the spike: %s = count %v score %v spike %v, want a spike of at least 25", s, key, v[0], v[1], v[2])
		}
		// The same definition rendered for Grafana gives the same rows.
		g, err := spike.Grafana(s, spike.Default)
		if err != nil {
			t.Fatal(err)
		}
		expanded, err := macro.Expand(g, macro.Context{From: anchor.Add(-8 * 24 * time.Hour), To: anchor, Interval: time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		r, err := runQuery(context.Background(), engine, expanded, nil)
		if err != nil {
			t.Fatalf("Grafana rendering fails: %v", err)
		}
		if r.Rows != len(at) {
			t.Errorf("scope %d: Grafana rendering has %d rows, bound parameters %d", s, r.Rows, len(at))
		}
		for _, row := range r.Data {
			c, _ := strconv.ParseFloat(fmt.Sprint(row[1]), 64)
			if at[fmt.Sprint(row[0])][0] != c {
				t.Errorf("scope %d: %v count %v differs from the bound-parameter result %v", s, row[0], c, at[fmt.Sprint(row[0])][0])
			}
		}
	}
	// In the flat week banjir passes the minimum count in busy hours, so it
	// is the score that keeps the rule quiet.
	busy := 0
	for k := 1; k <= 48; k++ {
		v := spikeRows(t, spike.ByIssue, anchor.Add(-time.Duration(k)*time.Hour))["banjir"]
		if v[0] >= float64(spike.Default.MinCount) {
			busy++
			if v[2] != 0 || v[1] >= spike.Default.Threshold {
				t.Errorf("flat hour -%dh: banjir count %v score %v fires", k, v[0], v[1])
			}
		}
	}
	if busy == 0 {
		t.Error("the flat week never reaches the minimum count; the test does not exercise the score")
	}
}

// TestStaleSourceRule: the source that went quiet 10 hours before the
// anchor crosses the stale threshold; active sources do not.
func TestStaleSourceRule(t *testing.T) {
	requireEngine(t)
	p, _ := render(t)
	got := firing(t, findRule(t, p, "pantau-sumber-basi"), anchor)
	if !slices.Equal(got, []string{"source=" + staleSource}) {
		t.Errorf("stale-source rule fires for %v, want [source=%s]", got, staleSource)
	}
}

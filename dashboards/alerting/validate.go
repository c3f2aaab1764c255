package alerting

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"time"
)

// SchedulerInterval is Grafana's base evaluation interval; group intervals
// must be multiples of it.
const SchedulerInterval = 10 * time.Second

var uidRE = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,40}$`)

// Validate checks rules, contact points and policies for the errors Grafana
// only logs (or silently accepts) at load time: missing or duplicate uids,
// intervals that are not multiples of 10s, a condition or expression naming
// a missing refId, data-source queries without a relative time range, and
// references to unknown data sources or receivers. datasources lists the
// data-source uids that exist.
func Validate(rules RulesFile, cps ContactPointsFile, datasources []string) error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if rules.APIVersion != 1 {
		fail("alert rules: apiVersion %d, want 1", rules.APIVersion)
	}
	uids := map[string]bool{}
	for _, g := range rules.Groups {
		where := fmt.Sprintf("rule group %q", g.Name)
		if g.Name == "" || g.Folder == "" {
			fail("%s: name and folder are required", where)
		}
		iv := time.Duration(g.Interval)
		if iv <= 0 || iv%SchedulerInterval != 0 {
			fail("%s: interval %s is not a positive multiple of %s", where, iv, SchedulerInterval)
		}
		for _, r := range g.Rules {
			errs = append(errs, validateRule(r, where, uids, datasources)...)
		}
	}
	receivers := map[string]bool{}
	recvUIDs := map[string]bool{}
	for _, cp := range cps.ContactPoints {
		if cp.Name == "" || len(cp.Receivers) == 0 {
			fail("contact point %q: name and at least one receiver are required", cp.Name)
		}
		receivers[cp.Name] = true
		for _, r := range cp.Receivers {
			if !uidRE.MatchString(r.UID) || recvUIDs[r.UID] {
				fail("contact point %q: receiver uid %q is missing, invalid or duplicate", cp.Name, r.UID)
			}
			recvUIDs[r.UID] = true
			if err := validateReceiver(r); err != nil {
				fail("contact point %q: %v", cp.Name, err)
			}
		}
	}
	var walk func(p Policy, root bool)
	walk = func(p Policy, root bool) {
		if !receivers[p.Receiver] && (root || p.Receiver != "") {
			fail("notification policy: receiver %q is not a provisioned contact point", p.Receiver)
		}
		for _, m := range p.ObjectMatchers {
			if len(m) != 3 || !slices.Contains([]string{"=", "!=", "=~", "!~"}, m[1]) {
				fail("notification policy: matcher %q must be [label, op, value]", m)
			}
		}
		for _, r := range p.Routes {
			walk(r, false)
		}
	}
	for _, p := range cps.Policies {
		walk(p, true)
	}
	return errors.Join(errs...)
}

func validateRule(r Rule, where string, uids map[string]bool, datasources []string) []error {
	var errs []error
	fail := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s, rule %q (%s): %s", where, r.Title, r.UID, fmt.Sprintf(format, args...)))
	}
	switch {
	case !uidRE.MatchString(r.UID):
		fail("uid must be 1-40 characters of letters, digits, - and _")
	case uids[r.UID]:
		fail("duplicate uid")
	}
	uids[r.UID] = true
	if r.Title == "" {
		fail("title is required")
	}
	if !slices.Contains([]string{"OK", "NoData", "Alerting", "KeepLast"}, r.NoDataState) {
		fail("noDataState %q is not OK, NoData, Alerting or KeepLast", r.NoDataState)
	}
	if !slices.Contains([]string{"OK", "Error", "Alerting", "KeepLast"}, r.ExecErrState) {
		fail("execErrState %q is not OK, Error, Alerting or KeepLast", r.ExecErrState)
	}
	if time.Duration(r.For) < 0 || time.Duration(r.For)%SchedulerInterval != 0 {
		fail("for %s is not a multiple of %s", time.Duration(r.For), SchedulerInterval)
	}
	refs := map[string]bool{}
	for _, q := range r.Data {
		if q.RefID == "" || refs[q.RefID] {
			fail("refId %q is empty or duplicate", q.RefID)
		}
		refs[q.RefID] = true
		if m, _ := q.Model["refId"].(string); m != q.RefID {
			fail("query %s: model.refId %q differs", q.RefID, m)
		}
	}
	if !refs[r.Condition] {
		fail("condition %q is not one of the refIds", r.Condition)
	}
	for _, q := range r.Data {
		if q.DatasourceUID == ExprUID {
			for _, dep := range exprInputs(q.Model) {
				if !refs[dep] {
					fail("expression %s refers to missing refId %q", q.RefID, dep)
				}
			}
			continue
		}
		if !slices.Contains(datasources, q.DatasourceUID) {
			fail("query %s: data source uid %q does not exist", q.RefID, q.DatasourceUID)
		}
		rt := q.RelativeTimeRange
		if rt == nil || rt.From <= rt.To || rt.To < 0 {
			fail("query %s: needs a relative time range with from > to >= 0", q.RefID)
		}
	}
	return errs
}

var mathRefRE = regexp.MustCompile(`\$\{?([A-Za-z][A-Za-z0-9_]*)`)

// exprInputs returns the refIds an expression reads.
func exprInputs(model map[string]any) []string {
	expr, _ := model["expression"].(string)
	switch model["type"] {
	case "math":
		var refs []string
		for _, m := range mathRefRE.FindAllStringSubmatch(expr, -1) {
			refs = append(refs, m[1])
		}
		return refs
	case "reduce", "threshold", "resample", "classic_conditions":
		if expr == "" {
			return []string{""}
		}
		return []string{expr}
	}
	return []string{"<unknown expression type " + fmt.Sprint(model["type"]) + ">"}
}

// required receiver settings per integration type.
var receiverSettings = map[string][]string{
	"telegram": {"bottoken", "chatid"},
	"email":    {"addresses"},
	"webhook":  {"url"},
	"slack":    {"url"},
}

func validateReceiver(r Receiver) error {
	keys, ok := receiverSettings[r.Type]
	if !ok {
		return fmt.Errorf("receiver %s: unsupported type %q", r.UID, r.Type)
	}
	for _, k := range keys {
		if r.Settings[k] == "" {
			return fmt.Errorf("receiver %s: setting %q is required", r.UID, k)
		}
	}
	return nil
}

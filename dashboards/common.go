package dashboards

import (
	"strings"

	"github.com/biroadpim/pantau/dashboards/board"
)

// LeaderRoles are the gazetteer roles (documents.entity_role) of the
// provincial leaders followed on the Pimpinan dashboard.
var LeaderRoles = []string{"gubernur", "wakil_gubernur", "sekda"}

// Variable names shared by the SQL below and the dashboards' templating.
const (
	varIssue     = "issue"
	varKabupaten = "kabupaten"
	varSource    = "source"
	varLeader    = "leader"
	varPantauURL = "pantau_url"
)

// inAll returns a filter that passes when variable v is "All" or expr is one
// of its values.
func inAll(v, expr string) string {
	return "('__all' IN (${" + v + ":singlequote}) OR " + expr + " IN (${" + v + ":singlequote}))"
}

// Document filters (columns of pantau.documents).
var (
	timeFilter      = "$__timeFilter(published_at)"
	issueDocFilter  = "('__all' IN (${issue:singlequote}) OR hasAny(issues, [${issue:singlequote}]))"
	issueJoinFilter = inAll(varIssue, "issue") // after ARRAY JOIN issues AS issue
	kabFilter       = inAll(varKabupaten, "metadata['kabupaten']")
	sourceFilter    = inAll(varSource, "source")
	leaderFilter    = "leader_role IN (" + quoteList(LeaderRoles) + ") AND " + inAll(varLeader, "leader")
)

// where joins conditions with AND on separate lines.
func where(conds ...string) string {
	return "WHERE " + strings.Join(conds, "\n  AND ")
}

func quoteList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = "'" + strings.ReplaceAll(v, "'", "\\'") + "'"
	}
	return strings.Join(q, ", ")
}

// Dashboard variables.
func issueVar() board.Variable {
	return board.QueryVariable(clickhouse, varIssue, "Isu",
		"SELECT DISTINCT issue FROM pantau.documents ARRAY JOIN issues AS issue WHERE $__timeFilter(published_at) ORDER BY issue")
}

func kabupatenVar() board.Variable {
	return board.QueryVariable(clickhouse, varKabupaten, "Kabupaten/Kota",
		"SELECT DISTINCT metadata['kabupaten'] AS kabupaten FROM pantau.documents WHERE $__timeFilter(published_at) AND kabupaten != '' ORDER BY kabupaten")
}

func sourceVar() board.Variable {
	return board.QueryVariable(clickhouse, varSource, "Sumber",
		"SELECT DISTINCT source FROM pantau.documents WHERE $__timeFilter(published_at) ORDER BY source")
}

func leaderVar() board.Variable {
	return board.QueryVariable(clickhouse, varLeader, "Pimpinan",
		"SELECT DISTINCT leader FROM pantau.documents ARRAY JOIN entities AS leader, entity_role AS leader_role WHERE $__timeFilter(published_at) AND leader_role IN ("+quoteList(LeaderRoles)+") ORDER BY leader")
}

func pantauURLVar(o Options) board.Variable {
	return board.Constant(varPantauURL, strings.TrimRight(o.PantauURL, "/"), "Alamat dasar server Pantau (brief dan API).")
}

// Links shared by the analysis dashboards.
func pantauLinks() []board.Link {
	return []board.Link{
		board.DashboardsLink("Dasbor Pantau", Tag),
		board.DashLink("Brief pagi", "Brief harian Biro Adpim di server Pantau", "${pantau_url}/briefs/", false),
		board.DashLink("API Pantau", "API analitik Pantau (/api/v1)", "${pantau_url}/api/v1/", false),
	}
}

// documentLinks are the data links of tables listing documents (columns
// tautan and id).
func documentLinks() []board.Link {
	return []board.Link{
		board.DataLink("Buka berita", "${__data.fields.tautan}"),
		board.DataLink("Dokumen di API Pantau", "${pantau_url}/api/v1/documents/${__data.fields.id}"),
	}
}

func newDashboard(o Options, uid, title, desc string, vars []board.Variable, panels ...board.Panel) board.Dashboard {
	vars = append(vars, pantauURLVar(o))
	return board.Dashboard{
		UID: uid, Title: title, Description: desc, Tags: []string{Tag}, Timezone: TimeZone, WeekStart: "monday",
		Editable: false, GraphTooltip: 1, Time: board.TimeRange{From: "now-7d", To: "now"}, Refresh: "5m",
		SchemaVersion: board.SchemaVersion, Version: 1,
		Links:       pantauLinks(),
		Templating:  board.Templating{List: vars},
		Annotations: board.Annotations{List: []board.Annotation{board.BuiltInAnnotation()}},
		Panels:      board.Flow(panels...),
	}
}

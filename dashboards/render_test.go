package dashboards

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/biroadpim/pantau/dashboards/alerting"
	"github.com/biroadpim/pantau/dashboards/board"
	"github.com/biroadpim/pantau/dashboards/macro"
)

var update = flag.Bool("update", false, "rewrite the committed provisioning tree in ../deploy/grafana")

// committedTree is the provisioning tree committed in the repository.
const committedTree = "../deploy/grafana"

func render(t *testing.T) (*Provisioning, Tree) {
	t.Helper()
	p, err := Build(DefaultOptions)
	if err != nil {
		t.Fatalf("build provisioning: %v", err)
	}
	tree, err := p.Tree()
	if err != nil {
		t.Fatalf("render tree: %v", err)
	}
	return p, tree
}

// TestCommittedTreeMatches regenerates the tree in memory and compares it
// with deploy/grafana; run with -update to rewrite the committed files.
func TestCommittedTreeMatches(t *testing.T) {
	_, tree := render(t)
	if *update {
		if err := tree.Write(committedTree); err != nil {
			t.Fatal(err)
		}
	}
	var committed []string
	err := filepath.WalkDir(committedTree, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(committedTree, path)
		committed = append(committed, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatalf("read committed tree (run `go test -run TestCommittedTreeMatches -update`): %v", err)
	}
	for _, p := range tree.Paths() {
		got, err := os.ReadFile(filepath.Join(committedTree, p))
		if err != nil {
			t.Errorf("%s: not committed (run `go test -run TestCommittedTreeMatches -update`): %v", p, err)
			continue
		}
		if !bytes.Equal(got, tree[p]) {
			t.Errorf("%s: committed file differs from the generated one; run `go test -run TestCommittedTreeMatches -update` in dashboards/", p)
		}
	}
	for _, p := range committed {
		if _, ok := tree[p]; !ok {
			t.Errorf("%s: committed but no longer generated; delete it", p)
		}
	}
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("testdata/dashboard.jsonschema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("dashboard.jsonschema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("dashboard.jsonschema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func validateDashboard(s *jsonschema.Schema, raw []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	if m, ok := v.(map[string]any); ok {
		delete(m, "__inputs")
		delete(m, "__requires")
	}
	return s.Validate(v)
}

// TestDashboardsMatchSchema validates every dashboard against the Grafana
// dashboard JSON schema from grafana-foundation-sdk v0.0.18.
func TestDashboardsMatchSchema(t *testing.T) {
	s := compileSchema(t)
	p, tree := render(t)
	for _, d := range p.Dashboards {
		t.Run(d.UID, func(t *testing.T) {
			if err := validateDashboard(s, tree[DashboardFile(d.UID)]); err != nil {
				t.Errorf("%s does not match the dashboard schema: %v", d.Title, err)
			}
		})
	}
	// The validator must reject what Grafana's schema forbids.
	bad := p.Dashboards[0]
	bad.Panels = slices.Clone(bad.Panels)
	bad.Panels[0].GridPos.W = 30
	raw, err := MarshalDashboard(bad)
	if err != nil {
		t.Fatal(err)
	}
	if err := validateDashboard(s, raw); err == nil {
		t.Error("a panel 30 columns wide passed the schema; the validator is not working")
	}
}

// TestDashboardsAreConsistent checks what the schema cannot: unique uids and
// panel ids, panels inside the grid, variables that exist, known metrics.
func TestDashboardsAreConsistent(t *testing.T) {
	p, _ := render(t)
	uids := map[string]bool{}
	metricRE := regexp.MustCompile(`pantau_[a-z_]+`)
	for _, d := range p.Dashboards {
		if uids[d.UID] || len(d.UID) > 40 {
			t.Errorf("dashboard uid %q is duplicate or longer than 40 characters", d.UID)
		}
		uids[d.UID] = true
		if d.Timezone != TimeZone {
			t.Errorf("%s: time zone %q, want %s", d.Title, d.Timezone, TimeZone)
		}
		vars := map[string]bool{}
		for _, v := range d.Templating.List {
			vars[v.Name] = true
		}
		ids := map[int]bool{}
		for _, pn := range d.Panels {
			if ids[pn.ID] {
				t.Errorf("%s: duplicate panel id %d", d.Title, pn.ID)
			}
			ids[pn.ID] = true
			if pn.GridPos.X+pn.GridPos.W > 24 {
				t.Errorf("%s / %s: panel leaves the 24-column grid", d.Title, pn.Title)
			}
			if len(pn.Targets) == 0 {
				t.Errorf("%s / %s: no query", d.Title, pn.Title)
			}
			for _, tg := range pn.Targets {
				q := tg.RawSQL + tg.Expr
				for _, name := range macro.Names(q) {
					if !vars[name] {
						t.Errorf("%s / %s: query uses $%s, which is not a dashboard variable", d.Title, pn.Title, name)
					}
				}
				for _, m := range metricRE.FindAllString(tg.Expr, -1) {
					m = strings.TrimSuffix(m, "_bucket")
					if !slices.Contains(Metrics, m) {
						t.Errorf("%s / %s: unknown metric %s", d.Title, pn.Title, m)
					}
				}
				if tg.RawSQL != "" && len(tg.Columns) == 0 {
					t.Errorf("%s / %s: SQL query declares no expected columns", d.Title, pn.Title)
				}
			}
		}
		for _, l := range d.Links {
			if l.Type == "link" && !strings.HasPrefix(l.URL, "${pantau_url}/") {
				t.Errorf("%s: link %q does not point at the Pantau server", d.Title, l.Title)
			}
		}
	}
}

// TestProvisioningFilesParse decodes every YAML file strictly into the
// provisioning types and validates the alerting files.
func TestProvisioningFilesParse(t *testing.T) {
	_, tree := render(t)
	strict := func(path string, v any) {
		t.Helper()
		dec := yaml.NewDecoder(bytes.NewReader(tree[path]))
		dec.KnownFields(true)
		if err := dec.Decode(v); err != nil {
			t.Fatalf("%s does not parse: %v", path, err)
		}
	}
	var rules alerting.RulesFile
	var cps, pol alerting.ContactPointsFile
	var ds dataSourcesFile
	var prov providersFile
	strict("alerting/rules.yaml", &rules)
	strict("alerting/contact-points.yaml", &cps)
	strict("alerting/policies.yaml", &pol)
	strict("datasources/pantau.yaml", &ds)
	strict("dashboards/pantau.yaml", &prov)
	cps.Policies = pol.Policies
	if err := alerting.Validate(rules, cps, dataSourceUIDs()); err != nil {
		t.Errorf("rendered alerting provisioning is invalid: %v", err)
	}
	for _, d := range ds.DataSources {
		if d.UID == ClickHouseUID {
			if d.JSONData["defaultDatabase"] != "pantau" || d.SecureJSONData["password"] != "$"+EnvClickHousePassword {
				t.Errorf("clickhouse data source: %+v", d)
			}
		}
	}
	if n := len(rules.Groups); n != 2 {
		t.Errorf("got %d rule groups, want 2", n)
	}
	for _, g := range rules.Groups {
		if g.Folder != prov.Providers[0].Folder {
			t.Errorf("rule group %s in folder %q, dashboards in %q: use one folder title", g.Name, g.Folder, prov.Providers[0].Folder)
		}
	}
	for _, p := range tree.Paths() {
		if strings.HasSuffix(p, ".json") {
			var d board.Dashboard
			dec := json.NewDecoder(bytes.NewReader(tree[p]))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&d); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
	}
}

func TestOptionsValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Options)
		want string
	}{
		{"defaults", func(*Options) {}, ""},
		{"relative pantau url", func(o *Options) { o.PantauURL = "pantau:8080" }, "pantau url"},
		{"env prometheus url", func(o *Options) { o.PrometheusURL = "${PROM}" }, ""},
		{"bad port", func(o *Options) { o.ClickHousePort = 0 }, "clickhouse port"},
		{"bad protocol", func(o *Options) { o.ClickHouseProtocol = "grpc" }, "clickhouse protocol"},
		{"relative path", func(o *Options) { o.DashboardsPath = "dashboards" }, "dashboards path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := DefaultOptions
			tt.edit(&o)
			err := o.Validate()
			if tt.want == "" && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Fatalf("error %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

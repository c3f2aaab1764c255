package scripts

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The gate runs the real govulncheck (from the module proxy) against a
// vulnerability database in the v1 file layout written by the test. The
// entries are made up for the test, since the public database is not
// reachable from this development network; the layout and the scanner are
// the real ones.

// osvEntry is the part of an OSV record govulncheck reads.
type osvEntry struct {
	SchemaVersion string     `json:"schema_version"`
	ID            string     `json:"id"`
	Modified      time.Time  `json:"modified"`
	Published     time.Time  `json:"published"`
	Summary       string     `json:"summary"`
	Details       string     `json:"details"`
	Affected      []affected `json:"affected"`
	Database      struct {
		URL string `json:"url"`
	} `json:"database_specific"`
}

type affected struct {
	Package struct {
		Name      string `json:"name"`
		Ecosystem string `json:"ecosystem"`
	} `json:"package"`
	Ranges []struct {
		Type   string              `json:"type"`
		Events []map[string]string `json:"events"`
	} `json:"ranges"`
	EcosystemSpecific struct {
		Imports []struct {
			Path    string   `json:"path"`
			Symbols []string `json:"symbols"`
		} `json:"imports"`
	} `json:"ecosystem_specific"`
}

// writeDB writes a database with the given entries (one affected module
// each) and returns its file:// URL.
func writeDB(t *testing.T, entries ...osvEntry) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"index", "ID"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	modified := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	type vulnRef struct {
		ID       string    `json:"id"`
		Modified time.Time `json:"modified"`
	}
	type moduleRef struct {
		Path  string    `json:"path"`
		Vulns []vulnRef `json:"vulns"`
	}
	modules := []moduleRef{}
	vulns := []map[string]any{}
	for _, e := range entries {
		for _, a := range e.Affected {
			modules = append(modules, moduleRef{Path: a.Package.Name, Vulns: []vulnRef{{e.ID, e.Modified}}})
		}
		vulns = append(vulns, map[string]any{"id": e.ID, "modified": e.Modified, "aliases": []string{}})
		writeJSON(t, filepath.Join(dir, "ID", e.ID+".json"), e)
	}
	writeJSON(t, filepath.Join(dir, "index", "db.json"), map[string]any{"modified": modified})
	writeJSON(t, filepath.Join(dir, "index", "modules.json"), modules)
	writeJSON(t, filepath.Join(dir, "index", "vulns.json"), vulns)
	return "file://" + dir
}

func writeJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// natsServerEntry says every version of nats-server is vulnerable through
// server.NewServer, which pipeline/bus calls to start the embedded server.
func natsServerEntry() osvEntry {
	e := osvEntry{
		SchemaVersion: "1.3.1",
		ID:            "GO-2099-0001",
		Modified:      time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Published:     time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
		Summary:       "Test entry: embedded server start is vulnerable",
		Details:       "Made up by Pantau's vulnerability gate test.",
	}
	e.Database.URL = "https://pkg.go.dev/vuln/GO-2099-0001"
	var a affected
	a.Package.Name = "github.com/nats-io/nats-server/v2"
	a.Package.Ecosystem = "Go"
	a.Ranges = append(a.Ranges, struct {
		Type   string              `json:"type"`
		Events []map[string]string `json:"events"`
	}{Type: "SEMVER", Events: []map[string]string{{"introduced": "0"}}})
	a.EcosystemSpecific.Imports = append(a.EcosystemSpecific.Imports, struct {
		Path    string   `json:"path"`
		Symbols []string `json:"symbols"`
	}{Path: "github.com/nats-io/nats-server/v2/server", Symbols: []string{"NewServer"}})
	e.Affected = []affected{a}
	return e
}

// runGate runs scripts/vulncheck.sh on pipeline/bus with the given
// environment and returns its output and whether it succeeded.
func runGate(t *testing.T, env ...string) (string, bool) {
	t.Helper()
	cmd := exec.Command("bash", "vulncheck.sh")
	cmd.Env = append(os.Environ(), "VULNCHECK_MODULES=./pipeline", "VULNCHECK_PKGS=./bus")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			t.Fatalf("running vulncheck.sh: %v", err)
		}
	}
	return string(out), err == nil
}

func TestVulncheckGate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs govulncheck")
	}
	t.Run("vulnerable call fails", func(t *testing.T) {
		out, ok := runGate(t, "VULNDB="+writeDB(t, natsServerEntry()))
		if ok {
			t.Fatalf("gate passed with a vulnerable call in pipeline/bus:\n%s", out)
		}
		for _, want := range []string{"GO-2099-0001", "NewServer", "FAILED"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("clean database passes", func(t *testing.T) {
		out, ok := runGate(t, "VULNDB="+writeDB(t))
		if !ok || !strings.Contains(out, "vulncheck: clean") {
			t.Fatalf("gate did not pass on an empty database:\n%s", out)
		}
	})
	t.Run("unreachable database is skipped, not passed", func(t *testing.T) {
		out, ok := runGate(t, "VULNDB=http://127.0.0.1:1")
		if !ok || !strings.Contains(out, "SKIPPED (not a pass)") || strings.Contains(out, "vulncheck: clean") {
			t.Fatalf("unreachable database: ok=%v\n%s", ok, out)
		}
		out, ok = runGate(t, "VULNDB=http://127.0.0.1:1", "PANTAU_REQUIRE_VULNCHECK=1")
		if ok {
			t.Fatalf("unreachable database passed with PANTAU_REQUIRE_VULNCHECK=1:\n%s", out)
		}
	})
	t.Run("missing file copy fails", func(t *testing.T) {
		out, ok := runGate(t, "VULNDB=file://"+filepath.Join(t.TempDir(), "absent"))
		if ok {
			t.Fatalf("gate passed with a database path that does not exist:\n%s", out)
		}
	})
}

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestDashboardsRender(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	env := &cmdEnv{stdout: &out, stderr: &errb}
	code := dispatch(context.Background(), env, []string{"dashboards", "render", "--out", dir, "--pantau-url", "https://pantau.example.go.id"})
	if code != 0 {
		t.Fatalf("render exit %d: %s", code, errb.String())
	}
	for _, p := range []string{"datasources/pantau.yaml", "dashboards/pantau.yaml", "dashboards/pantau/ikhtisar-isu.json", "alerting/rules.yaml", "alerting/contact-points.yaml", "alerting/policies.yaml"} {
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatalf("%s not written: %v", p, err)
		}
		if strings.HasSuffix(p, ".yaml") {
			var v map[string]any
			if err := yaml.Unmarshal(b, &v); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "dashboards/pantau/ikhtisar-isu.json"))
	if !bytes.Contains(b, []byte("https://pantau.example.go.id")) {
		t.Error("--pantau-url did not reach the dashboards")
	}
}

func TestDashboardsBadInput(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"dashboards", "render"}, "--out wajib"},
		{[]string{"dashboards", "render", "--out", "x", "--pantau-url", "pantau"}, "pantau url"},
		{[]string{"dashboards", "push"}, "--grafana-url wajib"},
		{[]string{"dashboards", "frobnicate"}, "tidak dikenal"},
	}
	t.Setenv("GRAFANA_URL", "")
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := dispatch(context.Background(), &cmdEnv{stdout: &out, stderr: &errb}, tt.args)
		if code != 2 || !strings.Contains(errb.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errb.String(), tt.want)
		}
	}
}

package e2e

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biroadpim/pantau/internal/app"
	"github.com/biroadpim/pantau/internal/config"
	"github.com/biroadpim/pantau/pipeline/store"
)

// TestReadOnlyUserOnEmbeddedEngine: with clickhouse.readonly_password set,
// the engine's HTTP interface (what Grafana uses) lets grafana_ro read
// Pantau's tables and nothing more, and refuses a wrong password.
func TestReadOnlyUserOnEmbeddedEngine(t *testing.T) {
	requireEngine(t)
	cfg := testConfig(filepath.Join(t.TempDir(), "data"), config.RoleServe)
	cfg.ClickHouse.ReadOnlyPassword = "baca-saja-123"
	a, stop := startApp(t, cfg, app.Options{})
	defer stop()
	do := func(user, pass, sql string) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, "http://"+a.ClickHouseHTTPAddr()+"/", strings.NewReader(sql))
		if user != "" {
			req.SetBasicAuth(user, pass)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, strings.TrimSpace(string(b))
	}
	if code, out := do(store.ReadOnlyUser, "baca-saja-123", "SELECT count() FROM pantau.documents FINAL"); code != 200 || out != "0" {
		t.Errorf("read-only SELECT: %d %q", code, out)
	}
	for _, sql := range []string{
		"INSERT INTO pantau.schema_migrations (version, name) VALUES (99, 'x')",
		"DROP TABLE pantau.documents",
		"SET readonly = 0",
	} {
		if code, out := do(store.ReadOnlyUser, "baca-saja-123", sql); code == 200 {
			t.Errorf("read-only user ran %q: %s", sql, out)
		}
	}
	if code, _ := do(store.ReadOnlyUser, "salah", "SELECT 1"); code != http.StatusUnauthorized {
		t.Errorf("wrong password: status %d, want 401", code)
	}
	// The pipeline's own (default, loopback) user still writes.
	if code, out := do("", "", "SELECT count() FROM pantau.schema_migrations"); code != 200 || out == "0" {
		t.Errorf("default user: %d %q", code, out)
	}
}

package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"

	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
	"gopkg.in/yaml.v3"
)

// fakeConn stands in for ClickHouse where a test only inspects routing and
// never queries (every method would panic through the nil interface).
type fakeConn struct{ driver.Conn }

func (fakeConn) Ping(context.Context) error { return nil }

// TestOpenAPIMatchesRoutes checks that every registered route is
// documented and every documented operation reaches its own route on a
// real mux.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(OpenAPIYAML, &doc); err != nil {
		t.Fatal(err)
	}
	a, err := New(Options{Conn: fakeConn{}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			pattern := strings.ToUpper(method) + " " + path
			documented[pattern] = true
			concrete := strings.NewReplacer("{id}", "contoh-id").Replace(path)
			req := httptest.NewRequest(strings.ToUpper(method), concrete, nil)
			if _, got := mux.Handler(req); got != pattern {
				t.Errorf("documented %s reaches %q on the mux", pattern, got)
			}
		}
	}
	var missing []string
	for _, p := range a.Patterns() {
		if !documented[p] {
			missing = append(missing, p)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes not in openapi.yaml: %v", missing)
	}
	if len(documented) != len(a.Patterns()) {
		t.Errorf("%d documented operations, %d routes", len(documented), len(a.Patterns()))
	}
	if _, err := OpenAPIJSON(); err != nil {
		t.Fatal(err)
	}
}

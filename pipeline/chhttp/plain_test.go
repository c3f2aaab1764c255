package chhttp

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

type response struct {
	status int
	code   string
	body   string
	header http.Header
}

func do(t *testing.T, method, rawURL, body string, hdr map[string]string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, rawURL, rd)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if cl := res.Header.Get("Content-Length"); cl != strconv.Itoa(len(b)) {
		t.Errorf("%s %s: Content-Length %q for a %d-byte body", method, rawURL, cl, len(b))
	}
	return response{res.StatusCode, res.Header.Get("X-ClickHouse-Exception-Code"), string(b), res.Header}
}

func TestPlainHTTP(t *testing.T) {
	needEngine(t)
	base := srv.URL
	do(t, "POST", base+"/", "CREATE TABLE plain (id UInt32, s String) ENGINE = MergeTree ORDER BY id", nil)
	t.Cleanup(func() { do(t, "POST", base+"/", "DROP TABLE plain", nil) })

	tests := []struct {
		name, method, path, body string
		status                   int
		want                     string // body, or body prefix for errors
		code                     string
	}{
		{"post select", "POST", "/", "SELECT 1", 200, "1\n", ""},
		{"get select", "GET", "/?query=" + url.QueryEscape("SELECT 1"), "", 200, "1\n", ""},
		{"ping", "GET", "/ping", "", 200, "Ok.\n", ""},
		{"replicas status", "GET", "/replicas_status", "", 200, "Ok.\n", ""},
		{"get root", "GET", "/", "", 200, "Ok.\n", ""},
		{"unknown path", "GET", "/nope", "", 404, "There is no handle /nope", ""},
		{"insert in body", "POST", "/", "INSERT INTO plain FORMAT TSV\n1\tsatu\n2\tdua\\n\\nbaris\n", 200, "", ""},
		{"insert values in query param", "POST", "/?query=" + url.QueryEscape("INSERT INTO plain VALUES"), "(3, 'tiga\n\nempat')", 200, "", ""},
		{"insert data in body for query param", "POST", "/?query=" + url.QueryEscape("INSERT INTO plain (id, s) FORMAT CSV"), "4,\"a\n\nb\"\n", 200, "", ""},
		{"read back", "POST", "/?default_format=JSONEachRow", "SELECT id, s FROM plain ORDER BY id", 200,
			"{\"id\":1,\"s\":\"satu\"}\n{\"id\":2,\"s\":\"dua\\n\\nbaris\"}\n{\"id\":3,\"s\":\"tiga\\n\\nempat\"}\n{\"id\":4,\"s\":\"a\\n\\nb\"}\n", ""},
		{"query param plus body", "POST", "/?query=" + url.QueryEscape("SELECT count()"), "FROM plain", 200, "4\n", ""},
		{"explicit format", "POST", "/", "SELECT 2 AS x FORMAT JSONEachRow", 200, "{\"x\":2}\n", ""},
		{"bound parameters", "POST", "/?param_id=2&param_s=" + url.QueryEscape("it's\\ttab"), "SELECT s, {s:String} FROM plain WHERE id = {id:UInt32}", 200, "dua\\n\\nbaris\tit\\'s\\ttab\n", ""},
		{"settings", "POST", "/?max_threads=1", "SELECT getSetting('max_threads')", 200, "1\n", ""},
		{"database", "POST", "/?database=system", "SELECT count() > 0 FROM one", 200, "1\n", ""},
		{"unknown table", "POST", "/", "SELECT * FROM no_such_table", 500, "Code: 60. DB::Exception:", "60"},
		{"syntax error", "POST", "/", "SELEC 1", 500, "Code: 62. DB::Exception:", "62"},
		{"unknown setting", "POST", "/?no_such_setting=1", "SELECT 1", 500, "Code: 115. DB::Exception:", "115"},
		{"empty query", "POST", "/", "", 400, "Code: 62. DB::Exception: Empty query", "62"},
		{"multi statement", "POST", "/", "SELECT 1; DROP TABLE plain", 400, "Code: 62. DB::Exception: Multi-statements", "62"},
		{"get is read-only", "GET", "/?query=" + url.QueryEscape("DROP TABLE plain"), "", 403, "Code: 164.", "164"},
		{"get insert is read-only", "GET", "/?query=" + url.QueryEscape("INSERT INTO plain VALUES (9, 'x')"), "", 403, "Code: 164.", "164"},
		{"set is a no-op", "POST", "/", "SET max_threads = 1", 200, "", ""},
		{"query too large", "POST", "/", "SELECT '" + strings.Repeat("x", DefaultMaxQueryBytes) + "'", 413, "Code: 369.", "369"},
		{"count unchanged", "POST", "/", "SELECT count() FROM plain", 200, "4\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, tc.method, base+tc.path, tc.body, nil)
			if r.status != tc.status || r.code != tc.code {
				t.Fatalf("status %d code %q body %q; want %d code %q", r.status, r.code, r.body, tc.status, tc.code)
			}
			if tc.status == 200 && r.body != tc.want || tc.status != 200 && !strings.HasPrefix(r.body, tc.want) {
				t.Fatalf("body %q, want %q", r.body, tc.want)
			}
		})
	}
	if r := do(t, "POST", base+"/", "SELECT 1", nil); r.header.Get("X-ClickHouse-Query-Id") == "" ||
		!strings.HasPrefix(r.header.Get("Content-Type"), "text/tab-separated-values") {
		t.Errorf("headers = %v", r.header)
	}
	if r := do(t, "POST", base+"/?query_id=abc-123", "SELECT 1", nil); r.header.Get("X-ClickHouse-Query-Id") != "abc-123" {
		t.Errorf("query_id not echoed: %v", r.header)
	}
}

func TestAuth(t *testing.T) {
	needEngine(t)
	base := authSrv.URL
	do(t, "POST", base+"/?user=writer&password=w-secret", "CREATE TABLE authz (x UInt8) ENGINE = Memory", nil)
	t.Cleanup(func() { do(t, "POST", base+"/?user=writer&password=w-secret", "DROP TABLE authz", nil) })
	basic := func(u, p string) map[string]string {
		req, _ := http.NewRequest("GET", "/", nil)
		req.SetBasicAuth(u, p)
		return map[string]string{"Authorization": req.Header.Get("Authorization")}
	}
	tests := []struct {
		name   string
		hdr    map[string]string
		body   string
		status int
		code   string
	}{
		{"no credentials", nil, "SELECT 1", 401, "516"},
		{"wrong password", basic("writer", "nope"), "SELECT 1", 401, "516"},
		{"unknown user", map[string]string{"X-ClickHouse-User": "eve", "X-ClickHouse-Key": "x"}, "SELECT 1", 401, "516"},
		{"writer basic auth inserts", basic("writer", "w-secret"), "INSERT INTO authz VALUES (1)", 200, ""},
		{"writer headers insert", map[string]string{"X-ClickHouse-User": "writer", "X-ClickHouse-Key": "w-secret"}, "INSERT INTO authz FORMAT TSV\n2\n", 200, ""},
		{"read-only user selects", basic("grafana", "g-secret"), "SELECT count() FROM authz", 200, ""},
		{"read-only user cannot insert", basic("grafana", "g-secret"), "INSERT INTO authz VALUES (3)", 403, "164"},
		{"read-only user cannot drop", basic("grafana", "g-secret"), "DROP TABLE authz", 403, "164"},
		{"read-only user cannot lift readonly", basic("grafana", "g-secret"), "SET readonly = 0", 403, "164"},
		{"read-only user cannot write through select", basic("grafana", "g-secret"), "SELECT * FROM authz; INSERT INTO authz VALUES (4)", 400, "62"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, "POST", base+"/", tc.body, tc.hdr)
			if r.status != tc.status || r.code != tc.code {
				t.Fatalf("status %d code %q body %q; want %d %q", r.status, r.code, r.body, tc.status, tc.code)
			}
		})
	}
	r := do(t, "POST", base+"/?user=writer&password=w-secret", "SELECT count() FROM authz", nil)
	if r.body != "2\n" {
		t.Fatalf("rows = %q, want 2", r.body)
	}
}

func TestClientDisconnectCancels(t *testing.T) {
	needEngine(t)
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", srv.URL+"/", strings.NewReader("SELECT sleep(3) AS disconnect_probe"))
	if res, err := http.DefaultClient.Do(req); err == nil {
		res.Body.Close()
		t.Fatal("request finished before the client gave up")
	}
	deadline := time.Now().Add(2500 * time.Millisecond)
	for {
		r := do(t, "POST", srv.URL+"/", "SELECT count() FROM system.processes WHERE query LIKE '%disconnect_probe%' AND query NOT LIKE '%system.processes%'", nil)
		if r.body == "0\n" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("statement kept running after the client disconnected")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestServerRun(t *testing.T) {
	e := needEngine(t)
	s := NewServer(e, ServerOptions{Addr: "127.0.0.1:0"})
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	addr, err := s.Addr(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	r := do(t, "POST", "http://"+addr.String()+"/", "SELECT 'siap'", nil)
	if r.body != "siap\n" {
		t.Fatalf("body %q", r.body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if NewServer(e, ServerOptions{}).opts.Addr != DefaultAddr {
		t.Fatal("default address is not loopback 127.0.0.1:8123")
	}
}

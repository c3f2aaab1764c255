package e2e

import (
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretsNeverLogged runs pantau with secrets in its environment, at
// debug level, exercises it, and greps everything it printed.
func TestSecretsNeverLogged(t *testing.T) {
	requireEngine(t)
	bin := pantauBinary(t)
	dir := t.TempDir()
	secrets := []string{"tok-7f3a9c2e51d04b8a", "ro-pass-0b4e8d6c2a91", "dsn-pass-5c1e7a9f3b20"}
	env := []string{
		"PANTAU_API_TOKENS=" + secrets[0],
		"PANTAU_CLICKHOUSE_READONLY_PASSWORD=" + secrets[1],
		"PANTAU_LOG_LEVEL=debug",
	}
	hp, np, cp := freePort(t), freePort(t), freePort(t)
	s := startServer(t, bin, filepath.Join(dir, "data"), hp, np, cp, env...)
	file := filepath.Join(dir, "docs.jsonl")
	corpus(t, file, 50, 0)
	if out, err := exec.Command(bin, "ingest", "--nats-url", fmt.Sprintf("nats://127.0.0.1:%d", np), file).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		if resp, err := http.Get(fmt.Sprintf("http://127.0.0.1:%d%s", hp, path)); err == nil {
			resp.Body.Close()
		}
	}
	s.stop()
	logs := s.log.String()

	// A configuration error with a DSN password must not echo it either.
	cmd := exec.Command(bin, "config", "check", "--clickhouse-dsn", "clickhouse://pantau:"+secrets[2]+"@db:notaport/pantau")
	out, _ := cmd.CombinedOutput()
	logs += string(out)
	cmd = exec.Command(bin, "run", "--data-dir", filepath.Join(dir, "x"), "--clickhouse-dsn", "clickhouse://pantau:"+secrets[2]+"@127.0.0.1:1/pantau",
		"--http-addr", fmt.Sprintf("127.0.0.1:%d", freePort(t)), "--nats-port", "-1", "--roles", "serve")
	cmd.Env = append(cmd.Environ(), "PANTAU_CLICKHOUSE_DIAL_TIMEOUT=2s")
	out, _ = cmd.CombinedOutput()
	logs += string(out)
	if !strings.Contains(logs, "connection refused") {
		t.Errorf("the unreachable-server run did not report its error:\n%s", logs)
	}
	for _, sec := range secrets {
		if strings.Contains(logs, sec) {
			t.Errorf("secret %q appears in the output", sec)
		}
	}
}

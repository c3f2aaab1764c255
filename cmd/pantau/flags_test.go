package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestFlagsOverrideEnvOverrideYAML: defaults < YAML < PANTAU_* < flags.
func TestFlagsOverrideEnvOverrideYAML(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pantau.yaml")
	if err := os.WriteFile(file, []byte("http_addr: 127.0.0.1:7001\ndata_dir: /srv/yaml\nnats:\n  port: 5001\nlog_level: warn\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PANTAU_HTTP_ADDR", "127.0.0.1:7002")
	t.Setenv("PANTAU_NATS_PORT", "5002")
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	cf := newConfigFlags(fs)
	if err := fs.Parse([]string{"--config", file, "--http-addr", "127.0.0.1:7003"}); err != nil {
		t.Fatal(err)
	}
	c, err := cf.load()
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTPAddr != "127.0.0.1:7003" {
		t.Errorf("flag must win over env and YAML: http_addr = %s", c.HTTPAddr)
	}
	if c.NATS.Port != 5002 {
		t.Errorf("env must win over YAML: nats.port = %d", c.NATS.Port)
	}
	if c.DataDir != "/srv/yaml" || c.LogLevel != "warn" {
		t.Errorf("YAML must win over defaults: data_dir %s, log_level %s", c.DataDir, c.LogLevel)
	}
	if c.Pipeline.BatchSize == 0 {
		t.Error("defaults lost")
	}
}

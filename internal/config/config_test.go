package config

import (
	"flag"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite docs/config.md")

func TestPrecedenceDefaultsYAMLEnv(t *testing.T) {
	c, err := Load("testdata/good.yml", []string{
		"PANTAU_PIPELINE_BATCH_SIZE=300",
		"PANTAU_ROLES=process, serve",
		"PATH=/usr/bin",
	})
	if err != nil {
		t.Fatal(err)
	}
	if c.DataDir != "/var/lib/pantau" || c.HTTPAddr != "127.0.0.1:9090" || c.NATS.Port != 4333 {
		t.Errorf("YAML not applied: %+v", c)
	}
	if c.Pipeline.BatchSize != 300 {
		t.Errorf("env must override YAML: batch_size = %d", c.Pipeline.BatchSize)
	}
	if c.Pipeline.Consumer.AckWait != 30*time.Second || c.NATS.Streams.Duplicates != 2*time.Hour {
		t.Errorf("nested durations: ack_wait %s, duplicates %s", c.Pipeline.Consumer.AckWait, c.NATS.Streams.Duplicates)
	}
	if c.Pipeline.BatchWait != Default().Pipeline.BatchWait {
		t.Errorf("unset key must keep its default")
	}
	if strings.Join(c.Roles, ",") != "process,serve" {
		t.Errorf("roles = %v", c.Roles)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("valid config rejected: %v", err)
	}
	if err := Set(&c, "clickhouse.dsn", "clickhouse://u:p@h:9000/pantau"); err != nil || c.ClickHouse.DSN == "" {
		t.Errorf("Set: %v", err)
	}
}

func TestBadConfigs(t *testing.T) {
	cases := []struct {
		file string
		env  []string
		want []string
	}{
		{"testdata/unknown-key.bad.yml", nil, []string{"testdata/unknown-key.bad.yml", "line 3", "batch_sise"}},
		{"testdata/bad-values.bad.yml", nil, []string{"http_addr \"nowhere\"", "unknown role \"fly\"", "pipeline.batch_size 0"}},
		{"", []string{"PANTAU_PIPELINE_BATCH_SIZE=many"}, []string{"PANTAU_PIPELINE_BATCH_SIZE", "not a whole number"}},
		{"", []string{"PANTAU_PIPELNE_BATCH_SIZE=5"}, []string{"PANTAU_PIPELNE_BATCH_SIZE is not a Pantau setting"}},
		{"", []string{"PANTAU_HTTP_ADDR=0.0.0.0:8080"}, []string{"not loopback", "PANTAU_API_TOKENS"}},
		{"testdata/missing.yml", nil, []string{"read config testdata/missing.yml"}},
	}
	for _, c := range cases {
		cfg, err := Load(c.file, c.env)
		if err == nil {
			err = cfg.Validate()
		}
		if err == nil {
			t.Errorf("%s %v: want an error", c.file, c.env)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s %v: error %q does not contain %q", c.file, c.env, err, w)
			}
		}
	}
}

func TestReferenceDocUpToDate(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	path := filepath.Join(filepath.Dir(file), "..", "..", "docs", "config.md")
	want := Reference()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run: go test ./internal/config -update, or make docs)", err)
	}
	if string(got) != want {
		t.Fatal("docs/config.md is out of date with the code: run `make docs` (or go test ./internal/config -update)")
	}
	for _, key := range []string{"`clickhouse.dsn`", "`PANTAU_NATS_URL`", "`pipeline.consumer.ack_wait`", "**(secret)**"} {
		if !strings.Contains(want, key) {
			t.Errorf("reference lacks %s", key)
		}
	}
}

func TestInlineSources(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yml")
	if err := os.WriteFile(good, []byte("sources:\n  - name: portal-uji\n    kind: news\n    feeds: [http://127.0.0.1:9/rss.xml]\n    allow: [127.0.0.1]\n    allow_private: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := Load(good, nil)
	if err != nil {
		t.Fatal(err)
	}
	list, err := c.SourceList()
	if err != nil || len(list) != 1 || list[0].Name != "portal-uji" {
		t.Fatalf("inline sources: %v %v", list, err)
	}
	bad := filepath.Join(dir, "bad.yml")
	if err := os.WriteFile(bad, []byte("sources:\n  - name: portal-uji\n    kind: news\n    colour: red\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err = Load(bad, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Validate()
	if err == nil || !strings.Contains(err.Error(), "bad.yml:4") {
		t.Fatalf("unknown source key must be reported with file and line, got %v", err)
	}
	if d, err := Default().SourceList(); err != nil || len(d) < 20 {
		t.Fatalf("built-in registry: %d sources, %v", len(d), err)
	}
}

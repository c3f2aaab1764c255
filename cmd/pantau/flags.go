package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/biroadpim/pantau/internal/config"
)

// configFlags binds the common configuration flags to a flag set; load
// applies them over defaults, the YAML file and the environment.
type configFlags struct {
	fs     *flag.FlagSet
	file   string
	values map[string]*string // yaml key -> flag value
}

// flagKeys maps flag names to configuration keys.
var flagKeys = []struct{ flag, key, usage string }{
	{"data-dir", "data_dir", "direktori data NATS dan ClickHouse tertanam"},
	{"http-addr", "http_addr", "alamat server HTTP (/healthz, /readyz, /metrics, /api/v1)"},
	{"nats-url", "nats.url", "URL server NATS eksternal (kosong = server tertanam)"},
	{"nats-port", "nats.port", "port server NATS tertanam (-1 = port bebas)"},
	{"clickhouse-dsn", "clickhouse.dsn", "DSN server ClickHouse, mis. clickhouse://user:pass@host:9000/pantau (kosong = mesin tertanam)"},
	{"clickhouse-http-addr", "clickhouse.http_addr", "alamat antarmuka HTTP ClickHouse dari mesin tertanam"},
	{"sources", "sources_file", "berkas YAML daftar sumber"},
	{"roles", "roles", "peran proses ini: collect,process,serve"},
	{"log-level", "log_level", "tingkat log: debug, info, warn, error"},
}

func newConfigFlags(fs *flag.FlagSet, names ...string) *configFlags {
	cf := &configFlags{fs: fs, values: map[string]*string{}}
	fs.StringVar(&cf.file, "config", os.Getenv("PANTAU_CONFIG"), "berkas konfigurasi YAML")
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	for _, f := range flagKeys {
		if len(names) > 0 && !want[f.flag] {
			continue
		}
		cf.values[f.key] = fs.String(f.flag, "", f.usage)
	}
	return cf
}

// load builds the configuration: defaults < YAML < env < flags set on the command line.
func (cf *configFlags) load() (config.Config, error) {
	c, err := config.Load(cf.file, os.Environ())
	if err != nil {
		return c, err
	}
	set := map[string]bool{}
	cf.fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, f := range flagKeys {
		v, ok := cf.values[f.key]
		if !ok || !set[f.flag] {
			continue
		}
		if err := config.Set(&c, f.key, *v); err != nil {
			return c, fmt.Errorf("--%s: %w", f.flag, err)
		}
	}
	return c, nil
}

// parseFlags parses args; it prints usage for --help and returns done=true.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) (done bool, code int) {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return true, 0
		}
		return true, 2
	}
	return false, 0
}

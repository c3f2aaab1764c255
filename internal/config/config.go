package config

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/biroadpim/pantau/analytics/brief"
	"github.com/biroadpim/pantau/analytics/stories"
	"github.com/biroadpim/pantau/collectors/collector"
	"github.com/biroadpim/pantau/collectors/sources"

	"github.com/biroadpim/pantau/pipeline/bus"
	"github.com/biroadpim/pantau/pipeline/process"
	"github.com/biroadpim/pantau/pipeline/store"
)

// Roles a process can run.
const (
	RoleCollect = "collect"
	RoleProcess = "process"
	RoleServe   = "serve"
)

// AllRoles is the default: everything in one process.
var AllRoles = []string{RoleCollect, RoleProcess, RoleServe}

// Config is the whole configuration of `pantau run`.
type Config struct {
	DataDir    string           `yaml:"data_dir" doc:"directory for the embedded NATS and ClickHouse data"`
	HTTPAddr   string           `yaml:"http_addr" doc:"address of the HTTP server (/healthz, /readyz, /metrics, /api/v1, /briefs)"`
	Roles      []string         `yaml:"roles" doc:"roles this process runs: collect, process, serve (comma-separated in env and flags)"`
	LogLevel   string           `yaml:"log_level" doc:"log level: debug, info, warn, error"`
	LogFormat  string           `yaml:"log_format" doc:"log format: text or json"`
	NATS       NATSConfig       `yaml:"nats"`
	ClickHouse store.Config     `yaml:"clickhouse"`
	Pipeline   process.Config   `yaml:"pipeline"`
	API        APIConfig        `yaml:"api"`
	Collector  collector.Config `yaml:"collector"`
	Stories    stories.Config   `yaml:"stories"`
	Brief      brief.Config     `yaml:"brief"`
	// SourcesFile is the source registry (YAML); empty uses Sources, or the built-in Kaltim registry.
	SourcesFile string `yaml:"sources_file" doc:"source registry YAML file; empty uses the sources key, or the built-in Kaltim registry"`
	// Sources is an inline source list (same fields as the registry file).
	Sources yaml.Node `yaml:"sources"`
	// configFile names the YAML file the configuration came from (for error messages).
	configFile string
}

// SourceList returns the sources to collect: the registry file, the inline
// list, or the built-in Kaltim registry, in that order of preference.
func (c Config) SourceList() ([]sources.Source, error) {
	switch {
	case c.SourcesFile != "":
		return sources.Load(c.SourcesFile)
	case c.Sources.Kind != 0:
		name := c.configFile
		if name == "" {
			name = "config"
		}
		return sources.DecodeList(&c.Sources, name)
	}
	return sources.Default(), nil
}

// NATSConfig says where NATS is and how the streams are limited.
type NATSConfig struct {
	URL     string           `yaml:"url" doc:"URL of an external NATS server or cluster; empty runs the embedded server"`
	Host    string           `yaml:"host" doc:"listen host of the embedded NATS server"`
	Port    int              `yaml:"port" doc:"listen port of the embedded NATS server (-1 picks a free port)"`
	Streams bus.StreamConfig `yaml:"streams"`
}

// APIConfig secures the HTTP API.
type APIConfig struct {
	Tokens     []string `yaml:"tokens" secret:"true" doc:"bearer tokens accepted by /api/v1 (required when http_addr is not loopback; secret: prefer PANTAU_API_TOKENS or a file)"`
	TokensFile string   `yaml:"tokens_file" doc:"file with one bearer token per line (alternative to tokens)"`
}

// Default returns the defaults.
func Default() Config {
	return Config{
		DataDir:    "./data",
		HTTPAddr:   "127.0.0.1:8080",
		Roles:      slices.Clone(AllRoles),
		LogLevel:   "info",
		LogFormat:  "text",
		NATS:       NATSConfig{Host: "127.0.0.1", Port: 4222, Streams: bus.DefaultStreamConfig()},
		ClickHouse: store.DefaultConfig(),
		Pipeline:   process.DefaultConfig(),
		Collector:  collector.DefaultConfig(),
		Stories:    stories.DefaultConfig(),
		Brief:      brief.DefaultConfig(),
	}
}

// Load reads defaults, then the YAML file at path (if not empty), then the
// PANTAU_* variables from env (os.Environ() form).
func Load(path string, env []string) (Config, error) {
	c := Default()
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("read config %s: %w", path, err)
		}
		if err := decodeYAML(data, &c); err != nil {
			return c, fmt.Errorf("config %s: %w", path, err)
		}
		c.configFile = path
	}
	if err := ApplyEnv(&c, env); err != nil {
		return c, err
	}
	return c, nil
}

// decodeYAML decodes strictly: unknown keys are errors with their line.
func decodeYAML(data []byte, c *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		if errors.Is(err, errEOF) {
			return nil
		}
		return err
	}
	return nil
}

// HasRole reports whether role is enabled.
func (c Config) HasRole(role string) bool { return slices.Contains(c.Roles, role) }

// Validate joins the errors of every part.
func (c Config) Validate() error {
	var errs []error
	if c.DataDir == "" && (c.NATS.URL == "" || c.ClickHouse.DSN == "") {
		errs = append(errs, errors.New("data_dir is empty: the embedded NATS and ClickHouse need a data directory"))
	}
	if _, _, err := net.SplitHostPort(c.HTTPAddr); err != nil {
		errs = append(errs, fmt.Errorf("http_addr %q: %v; expected host:port such as 127.0.0.1:8080", c.HTTPAddr, err))
	}
	if len(c.Roles) == 0 {
		errs = append(errs, errors.New("roles is empty: give at least one of collect, process, serve"))
	}
	for _, r := range c.Roles {
		if !slices.Contains(AllRoles, r) {
			errs = append(errs, fmt.Errorf("roles: unknown role %q; use collect, process or serve", r))
		}
	}
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, c.LogLevel) {
		errs = append(errs, fmt.Errorf("log_level %q: use debug, info, warn or error", c.LogLevel))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log_format %q: use text or json", c.LogFormat))
	}
	if c.NATS.URL == "" && (c.NATS.Port < -1 || c.NATS.Port > 65535) {
		errs = append(errs, fmt.Errorf("nats.port %d is not a port", c.NATS.Port))
	}
	if c.NATS.URL != "" && !strings.Contains(c.NATS.URL, "://") {
		errs = append(errs, fmt.Errorf("nats.url %q: expected nats://host:4222", c.NATS.URL))
	}
	if err := c.NATS.Streams.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.ClickHouse.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.Pipeline.Validate(); err != nil {
		errs = append(errs, err)
	}
	if c.HasRole(RoleProcess) {
		if err := c.Stories.Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	if c.HasRole(RoleServe) {
		if err := c.Brief.Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	if c.HasRole(RoleCollect) {
		if err := c.Collector.Validate(); err != nil {
			errs = append(errs, err)
		}
		if _, err := c.SourceList(); err != nil {
			errs = append(errs, err)
		}
	}
	if c.HasRole(RoleServe) && !IsLoopback(c.HTTPAddr) && len(c.API.Tokens) == 0 && c.API.TokensFile == "" {
		errs = append(errs, fmt.Errorf("http_addr %s is not loopback: set api.tokens (PANTAU_API_TOKENS) or api.tokens_file so the API is not open to the network", c.HTTPAddr))
	}
	return errors.Join(errs...)
}

// APITokens returns the configured bearer tokens: api.tokens plus the
// non-empty, non-comment lines of api.tokens_file.
func (c Config) APITokens() ([]string, error) {
	tokens := append([]string(nil), c.API.Tokens...)
	if c.API.TokensFile != "" {
		data, err := os.ReadFile(c.API.TokensFile)
		if err != nil {
			return nil, fmt.Errorf("api.tokens_file: %w", err)
		}
		for _, line := range strings.Split(string(data), "\n") {
			if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
				tokens = append(tokens, line)
			}
		}
	}
	return tokens, nil
}

// IsLoopback reports whether addr (host:port) listens on loopback only.
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

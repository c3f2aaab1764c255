package dashboards

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Data source uids, folder and time zone used throughout.
const (
	ClickHouseUID = "clickhouse"
	PrometheusUID = "prometheus"
	// Folder is the title of the Grafana folder holding dashboards and
	// alert rules. File-provisioned alert rules create the folder by title,
	// so this title is the one key shared by both.
	Folder = "Pantau"
	// FolderUID is the folder uid Push creates.
	FolderUID = "pantau"
	// TimeZone is the dashboards' time zone (WITA).
	TimeZone = "Asia/Makassar"
	// Tag is carried by every Pantau dashboard.
	Tag = "pantau"
)

// envRefRE matches a whole-value environment reference ($VAR or ${VAR}),
// which Grafana expands when it loads provisioning files.
var envRefRE = regexp.MustCompile(`^\$(\{[A-Z_][A-Z0-9_]*\}|[A-Z_][A-Z0-9_]*)$`)

// Options configure the rendered provisioning tree.
type Options struct {
	// PantauURL is the Pantau server's base URL as analysts' browsers reach
	// it; dashboards link to its /briefs/ and /api/v1/ pages.
	PantauURL string
	// ClickHouseHost, ClickHousePort and ClickHouseProtocol ("native" or
	// "http") locate ClickHouse from Grafana. Host and URLs may be a $VAR
	// reference that Grafana expands from its environment.
	ClickHouseHost     string
	ClickHousePort     int
	ClickHouseProtocol string
	// PrometheusURL is the Prometheus server Grafana queries.
	PrometheusURL string
	// DashboardsPath is where Grafana finds the dashboard JSON files (the
	// provider's options.path inside the Grafana container).
	DashboardsPath string
}

// DefaultOptions are the values of the committed deploy/grafana tree.
var DefaultOptions = Options{
	PantauURL:          "http://localhost:8080",
	ClickHouseHost:     "$CLICKHOUSE_HOST",
	ClickHousePort:     9000,
	ClickHouseProtocol: "native",
	PrometheusURL:      "$PROMETHEUS_URL",
	DashboardsPath:     "/etc/grafana/provisioning/dashboards/pantau",
}

// Validate reports unusable options, naming the field and what to fix.
func (o Options) Validate() error {
	var errs []error
	for name, raw := range map[string]string{"pantau url": o.PantauURL, "prometheus url": o.PrometheusURL} {
		if name != "pantau url" && envRefRE.MatchString(raw) {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("%s %q: want an absolute http(s) URL such as http://host:port", name, raw))
		}
	}
	if o.ClickHouseHost == "" {
		errs = append(errs, errors.New("clickhouse host is empty"))
	}
	if o.ClickHousePort <= 0 || o.ClickHousePort > 65535 {
		errs = append(errs, fmt.Errorf("clickhouse port %d: want 1-65535", o.ClickHousePort))
	}
	if o.ClickHouseProtocol != "native" && o.ClickHouseProtocol != "http" {
		errs = append(errs, fmt.Errorf("clickhouse protocol %q: want native or http", o.ClickHouseProtocol))
	}
	if !strings.HasPrefix(o.DashboardsPath, "/") {
		errs = append(errs, fmt.Errorf("dashboards path %q: want an absolute path inside the Grafana container", o.DashboardsPath))
	}
	return errors.Join(errs...)
}

package dashboards

import "github.com/biroadpim/pantau/dashboards/board"

var (
	clickhouse = board.Ref(board.ClickHouseType, ClickHouseUID)
	prometheus = board.Ref(board.PrometheusType, PrometheusUID)
)

// dataSourcesFile is provisioning/datasources/pantau.yaml.
type dataSourcesFile struct {
	APIVersion  int          `yaml:"apiVersion"`
	DataSources []dataSource `yaml:"datasources"`
}

type dataSource struct {
	Name           string            `yaml:"name"`
	UID            string            `yaml:"uid"`
	Type           string            `yaml:"type"`
	Access         string            `yaml:"access,omitempty"`
	URL            string            `yaml:"url,omitempty"`
	IsDefault      bool              `yaml:"isDefault"`
	Editable       bool              `yaml:"editable"`
	JSONData       map[string]any    `yaml:"jsonData"`
	SecureJSONData map[string]string `yaml:"secureJsonData,omitempty"`
}

// EnvClickHousePassword names the environment variable Grafana reads the
// grafana_ro password from.
const EnvClickHousePassword = "CLICKHOUSE_GRAFANA_PASSWORD"

// EnvClickHouseUser names the environment variable holding the read-only
// ClickHouse user (grafana_ro in the compose and Kubernetes deployments).
const EnvClickHouseUser = "CLICKHOUSE_GRAFANA_USER"

func dataSources(o Options) dataSourcesFile {
	return dataSourcesFile{APIVersion: 1, DataSources: []dataSource{
		{
			Name: "ClickHouse", UID: ClickHouseUID, Type: board.ClickHouseType, IsDefault: true,
			JSONData: map[string]any{
				"host": o.ClickHouseHost, "port": o.ClickHousePort, "protocol": o.ClickHouseProtocol,
				"secure": false, "defaultDatabase": "pantau", "username": "$" + EnvClickHouseUser,
			},
			SecureJSONData: map[string]string{"password": "$" + EnvClickHousePassword},
		},
		{
			Name: "Prometheus", UID: PrometheusUID, Type: board.PrometheusType, Access: "proxy", URL: o.PrometheusURL,
			JSONData: map[string]any{"timeInterval": "15s", "httpMethod": "POST"},
		},
	}}
}

// dataSourceUIDs lists the uids the rendered tree provisions.
func dataSourceUIDs() []string { return []string{ClickHouseUID, PrometheusUID} }

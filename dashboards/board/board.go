package board

// SchemaVersion is the dashboard schema version Pantau writes (Grafana 11).
const SchemaVersion = 39

// Dashboard is a Grafana dashboard as stored in JSON.
type Dashboard struct {
	UID                  string      `json:"uid"`
	Title                string      `json:"title"`
	Description          string      `json:"description,omitempty"`
	Tags                 []string    `json:"tags"`
	Timezone             string      `json:"timezone"`
	WeekStart            string      `json:"weekStart,omitempty"`
	Editable             bool        `json:"editable"`
	GraphTooltip         int         `json:"graphTooltip"`
	Time                 TimeRange   `json:"time"`
	Refresh              string      `json:"refresh,omitempty"`
	SchemaVersion        int         `json:"schemaVersion"`
	Version              int         `json:"version"`
	FiscalYearStartMonth int         `json:"fiscalYearStartMonth"`
	LiveNow              bool        `json:"liveNow"`
	Links                []Link      `json:"links"`
	Templating           Templating  `json:"templating"`
	Annotations          Annotations `json:"annotations"`
	Panels               []Panel     `json:"panels"`
}

// TimeRange is a relative or absolute time range.
type TimeRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Templating holds the dashboard variables.
type Templating struct {
	List []Variable `json:"list"`
}

// Annotations holds the annotation queries.
type Annotations struct {
	List []Annotation `json:"list"`
}

// Annotation is one annotation query.
type Annotation struct {
	Name       string         `json:"name"`
	Datasource *DataSourceRef `json:"datasource,omitempty"`
	Enable     bool           `json:"enable"`
	Hide       bool           `json:"hide"`
	IconColor  string         `json:"iconColor"`
	Type       string         `json:"type,omitempty"`
	BuiltIn    int            `json:"builtIn,omitempty"`
}

// DataSourceRef names a data source by plugin type and uid.
type DataSourceRef struct {
	Type string `json:"type,omitempty"`
	UID  string `json:"uid,omitempty"`
}

// Link is a dashboard link, panel data link or field link. Grafana reads
// title, url and targetBlank for data links; the remaining fields are
// required by the dashboard schema.
type Link struct {
	Title       string   `json:"title"`
	Type        string   `json:"type"`
	Icon        string   `json:"icon"`
	Tooltip     string   `json:"tooltip"`
	URL         string   `json:"url,omitempty"`
	Tags        []string `json:"tags"`
	AsDropdown  bool     `json:"asDropdown"`
	TargetBlank bool     `json:"targetBlank"`
	IncludeVars bool     `json:"includeVars"`
	KeepTime    bool     `json:"keepTime"`
}

// Variable is a dashboard (template) variable.
type Variable struct {
	Type        string         `json:"type"`
	Name        string         `json:"name"`
	Label       string         `json:"label,omitempty"`
	Description string         `json:"description,omitempty"`
	Hide        int            `json:"hide"`
	Datasource  *DataSourceRef `json:"datasource,omitempty"`
	Query       string         `json:"query"`
	Definition  string         `json:"definition,omitempty"`
	Current     *Option        `json:"current,omitempty"`
	Options     []Option       `json:"options"`
	Multi       bool           `json:"multi"`
	IncludeAll  bool           `json:"includeAll"`
	AllValue    string         `json:"allValue,omitempty"`
	Refresh     int            `json:"refresh"`
	Sort        int            `json:"sort"`
	SkipURLSync bool           `json:"skipUrlSync"`
}

// Option is a variable option or current value.
type Option struct {
	Selected bool `json:"selected"`
	Text     any  `json:"text"`
	Value    any  `json:"value"`
}

// GridPos places a panel on the 24-column grid.
type GridPos struct {
	H int `json:"h"`
	W int `json:"w"`
	X int `json:"x"`
	Y int `json:"y"`
}

// Panel is one visualisation.
type Panel struct {
	ID              int               `json:"id"`
	Type            string            `json:"type"`
	Title           string            `json:"title"`
	Description     string            `json:"description,omitempty"`
	Datasource      *DataSourceRef    `json:"datasource,omitempty"`
	GridPos         GridPos           `json:"gridPos"`
	Interval        string            `json:"interval,omitempty"`
	MaxDataPoints   int               `json:"maxDataPoints,omitempty"`
	Targets         []Target          `json:"targets"`
	FieldConfig     FieldConfigSource `json:"fieldConfig"`
	Options         map[string]any    `json:"options"`
	Transformations []Transformation  `json:"transformations,omitempty"`
}

// Transformation is a panel data transformation.
type Transformation struct {
	ID      string         `json:"id"`
	Options map[string]any `json:"options"`
}

// FieldConfigSource holds field defaults and overrides.
type FieldConfigSource struct {
	Defaults  FieldConfig `json:"defaults"`
	Overrides []Override  `json:"overrides"`
}

// Override changes field properties for matching fields.
type Override struct {
	Matcher    Matcher    `json:"matcher"`
	Properties []Property `json:"properties"`
}

// Matcher selects fields.
type Matcher struct {
	ID      string `json:"id"`
	Options any    `json:"options,omitempty"`
}

// Property is one overridden field property. The schema wants object values.
type Property struct {
	ID    string         `json:"id"`
	Value map[string]any `json:"value,omitempty"`
}

// FieldConfig is the display configuration of fields.
type FieldConfig struct {
	DisplayName string         `json:"displayName,omitempty"`
	Unit        string         `json:"unit,omitempty"`
	Decimals    *int           `json:"decimals,omitempty"`
	Min         *float64       `json:"min,omitempty"`
	Max         *float64       `json:"max,omitempty"`
	NoValue     string         `json:"noValue,omitempty"`
	Color       *FieldColor    `json:"color,omitempty"`
	Thresholds  *Thresholds    `json:"thresholds,omitempty"`
	Links       []Link         `json:"links,omitempty"`
	Custom      map[string]any `json:"custom,omitempty"`
}

// FieldColor is the colour scheme of a field.
type FieldColor struct {
	Mode       string `json:"mode"`
	FixedColor string `json:"fixedColor,omitempty"`
}

// Thresholds map values to colours.
type Thresholds struct {
	Mode  string      `json:"mode"`
	Steps []Threshold `json:"steps"`
}

// Threshold is one step; a nil Value is the base (−Infinity) step.
type Threshold struct {
	Color string   `json:"color"`
	Value *float64 `json:"value"`
}

// Target is one panel query, for the ClickHouse or the Prometheus data
// source.
type Target struct {
	RefID      string         `json:"refId"`
	Datasource *DataSourceRef `json:"datasource,omitempty"`

	// ClickHouse plugin fields.
	EditorType string `json:"editorType,omitempty"`
	QueryType  string `json:"queryType,omitempty"`
	RawSQL     string `json:"rawSql,omitempty"`
	// Format is 0 (time series) or 1 (table) for ClickHouse, or
	// "time_series" / "table" for Prometheus.
	Format any `json:"format,omitempty"`

	// Prometheus fields.
	Expr         string `json:"expr,omitempty"`
	LegendFormat string `json:"legendFormat,omitempty"`
	Range        bool   `json:"range,omitempty"`
	Instant      bool   `json:"instant,omitempty"`

	// Columns are the result columns the panel expects, in order (not
	// written to JSON; the tests run the query and compare).
	Columns []string `json:"-"`
}

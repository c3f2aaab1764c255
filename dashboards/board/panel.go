package board

// Plugin ids of the data sources Pantau uses.
const (
	ClickHouseType = "grafana-clickhouse-datasource"
	PrometheusType = "prometheus"
)

// ClickHouse plugin query formats.
const (
	FormatTimeSeries = 0
	FormatTable      = 1
)

// Ref returns a data source reference.
func Ref(typ, uid string) *DataSourceRef { return &DataSourceRef{Type: typ, UID: uid} }

// SQL returns a ClickHouse raw-SQL query. A time-series query must return a
// DateTime column named time first; cols lists the expected columns.
func SQL(ds *DataSourceRef, format int, sql string, cols ...string) Target {
	qt := "table"
	if format == FormatTimeSeries {
		qt = "timeseries"
	}
	return Target{Datasource: ds, EditorType: "sql", QueryType: qt, Format: format, RawSQL: sql, Columns: cols}
}

// PromQL returns a Prometheus range query with a legend.
func PromQL(ds *DataSourceRef, expr, legend string) Target {
	return Target{Datasource: ds, Expr: expr, LegendFormat: legend, Range: true, Format: "time_series"}
}

// PromInstant returns a Prometheus instant query: one value per series.
func PromInstant(ds *DataSourceRef, expr, legend string) Target {
	return Target{Datasource: ds, Expr: expr, LegendFormat: legend, Instant: true, Format: "time_series"}
}

// Size is a panel's width (of 24 columns) and height (grid rows).
type Size struct{ W, H int }

// Common panel sizes.
var (
	Full    = Size{24, 9}
	Half    = Size{12, 9}
	Third   = Size{8, 8}
	Quarter = Size{6, 4}
)

func newPanel(typ, title, desc string, s Size, targets []Target) Panel {
	var ds *DataSourceRef
	for i := range targets {
		targets[i].RefID = string(rune('A' + i))
		if ds == nil {
			ds = targets[i].Datasource
		}
	}
	return Panel{
		Type: typ, Title: title, Description: desc, Datasource: ds,
		GridPos: GridPos{W: s.W, H: s.H}, Targets: targets,
		FieldConfig: FieldConfigSource{Overrides: []Override{}},
		Options:     map[string]any{},
	}
}

// TimeSeries returns a time-series panel.
func TimeSeries(title, desc, unit string, s Size, targets ...Target) Panel {
	p := newPanel("timeseries", title, desc, s, targets)
	p.FieldConfig.Defaults = FieldConfig{Unit: unit, Custom: map[string]any{
		"drawStyle": "line", "lineWidth": 2, "fillOpacity": 10, "showPoints": "never", "spanNulls": true,
	}}
	p.Options = map[string]any{
		"legend":  map[string]any{"showLegend": true, "displayMode": "list", "placement": "bottom"},
		"tooltip": map[string]any{"mode": "multi", "sort": "desc"},
	}
	return p
}

// Bars returns a time-series panel drawn as stacked bars.
func Bars(title, desc, unit string, s Size, targets ...Target) Panel {
	p := TimeSeries(title, desc, unit, s, targets...)
	p.FieldConfig.Defaults.Custom = map[string]any{
		"drawStyle": "bars", "fillOpacity": 80, "lineWidth": 1, "stacking": map[string]any{"mode": "normal", "group": "A"},
	}
	return p
}

// Table returns a table panel.
func Table(title, desc string, s Size, targets ...Target) Panel {
	p := newPanel("table", title, desc, s, targets)
	p.FieldConfig.Defaults = FieldConfig{Custom: map[string]any{"align": "auto", "filterable": true}}
	p.Options = map[string]any{"showHeader": true, "cellHeight": "sm"}
	return p
}

// Stat returns a single-value panel showing the last value.
func Stat(title, desc, unit string, s Size, targets ...Target) Panel {
	p := newPanel("stat", title, desc, s, targets)
	p.FieldConfig.Defaults = FieldConfig{Unit: unit}
	p.Options = map[string]any{
		"reduceOptions": map[string]any{"calcs": []string{"lastNotNull"}, "fields": "", "values": false},
		"colorMode":     "value", "graphMode": "none", "textMode": "auto",
	}
	return p
}

// BarGauge returns a horizontal bar gauge over all rows (one bar per row).
func BarGauge(title, desc, unit string, s Size, targets ...Target) Panel {
	p := newPanel("bargauge", title, desc, s, targets)
	p.FieldConfig.Defaults = FieldConfig{Unit: unit, Color: &FieldColor{Mode: "continuous-BlYlRd"}}
	p.Options = map[string]any{
		"reduceOptions": map[string]any{"calcs": []string{"lastNotNull"}, "fields": "", "values": true},
		"orientation":   "horizontal", "displayMode": "gradient", "showUnfilled": true,
	}
	return p
}

// SeriesBars returns a horizontal bar gauge with one bar per series (its
// last value), for Prometheus instant queries.
func SeriesBars(title, desc, unit string, s Size, targets ...Target) Panel {
	p := BarGauge(title, desc, unit, s, targets...)
	p.Options["reduceOptions"] = map[string]any{"calcs": []string{"lastNotNull"}, "fields": "", "values": false}
	return p
}

// Pie returns a pie chart over all rows (one slice per row).
func Pie(title, desc, unit string, s Size, targets ...Target) Panel {
	p := newPanel("piechart", title, desc, s, targets)
	p.FieldConfig.Defaults = FieldConfig{Unit: unit}
	p.Options = map[string]any{
		"reduceOptions": map[string]any{"calcs": []string{"lastNotNull"}, "fields": "", "values": true},
		"pieType":       "donut",
		"legend":        map[string]any{"showLegend": true, "displayMode": "table", "placement": "right", "values": []string{"percent", "value"}},
	}
	return p
}

// WithThresholds sets absolute threshold steps: base colour, then
// (value, colour) pairs.
func (p Panel) WithThresholds(base string, steps ...any) Panel {
	t := &Thresholds{Mode: "absolute", Steps: []Threshold{{Color: base}}}
	for i := 0; i+1 < len(steps); i += 2 {
		v := toFloat(steps[i])
		t.Steps = append(t.Steps, Threshold{Value: &v, Color: steps[i+1].(string)})
	}
	p.FieldConfig.Defaults.Thresholds = t
	return p
}

// WithLinks sets field data links (offered on every cell or point).
func (p Panel) WithLinks(links ...Link) Panel {
	p.FieldConfig.Defaults.Links = links
	return p
}

// WithMinMax fixes the axis range.
func (p Panel) WithMinMax(lo, hi float64) Panel {
	p.FieldConfig.Defaults.Min, p.FieldConfig.Defaults.Max = &lo, &hi
	return p
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	panic("board: threshold value must be int or float64")
}

// DataLink returns a data link opening url in a new tab.
func DataLink(title, url string) Link {
	return Link{Title: title, Type: "link", Icon: "external link", URL: url, Tags: []string{}, TargetBlank: true}
}

// DashLink returns a dashboard link to an external url, keeping the time
// range and optionally the variables.
func DashLink(title, tooltip, url string, includeVars bool) Link {
	return Link{Title: title, Type: "link", Icon: "external link", Tooltip: tooltip, URL: url, Tags: []string{},
		TargetBlank: true, KeepTime: true, IncludeVars: includeVars}
}

// DashboardsLink returns a dropdown of the dashboards carrying tag.
func DashboardsLink(title, tag string) Link {
	return Link{Title: title, Type: "dashboards", Icon: "dashboard", Tags: []string{tag}, AsDropdown: true,
		KeepTime: true, IncludeVars: true}
}

// Flow lays panels out left to right in rows of 24 columns and numbers them
// from 1.
func Flow(panels ...Panel) []Panel {
	x, y, rowH := 0, 0, 0
	for i := range panels {
		g := &panels[i].GridPos
		if x+g.W > 24 {
			x, y, rowH = 0, y+rowH, 0
		}
		g.X, g.Y = x, y
		x += g.W
		rowH = max(rowH, g.H)
		panels[i].ID = i + 1
	}
	return panels
}

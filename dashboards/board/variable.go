package board

// AllValue is the custom "All" value of Pantau's multi-value variables; a
// query tests for it with '__all' IN (${var:singlequote}). Grafana inserts a
// custom all value without formatting.
const AllValue = "'__all'"

// QueryVariable returns a multi-value query variable with an "All" option
// (selected by default) whose values come from sql or PromQL.
func QueryVariable(ds *DataSourceRef, name, label, query string) Variable {
	return Variable{
		Type: "query", Name: name, Label: label, Datasource: ds, Query: query, Definition: query,
		Current: &Option{Selected: true, Text: []string{"All"}, Value: []string{"$__all"}},
		Options: []Option{}, Multi: true, IncludeAll: true, AllValue: AllValue,
		Refresh: 2, Sort: 1,
	}
}

// Constant returns a hidden constant variable.
func Constant(name, value, desc string) Variable {
	return Variable{
		Type: "constant", Name: name, Description: desc, Hide: 2, Query: value,
		Current: &Option{Text: value, Value: value},
		Options: []Option{{Selected: true, Text: value, Value: value}}, SkipURLSync: true,
	}
}

// BuiltInAnnotation is Grafana's standard annotation query.
func BuiltInAnnotation() Annotation {
	return Annotation{
		Name: "Anotasi & peringatan", Datasource: &DataSourceRef{Type: "grafana", UID: "-- Grafana --"},
		Enable: true, Hide: true, IconColor: "rgba(0, 211, 255, 1)", Type: "dashboard", BuiltIn: 1,
	}
}

// PromVariable returns a multi-value Prometheus label variable with an "All"
// option matching every value (use it as label=~"$name").
func PromVariable(ds *DataSourceRef, name, label, query string) Variable {
	v := QueryVariable(ds, name, label, query)
	v.AllValue = ".*"
	return v
}

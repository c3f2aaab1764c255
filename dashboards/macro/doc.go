// Package macro expands the Grafana ClickHouse plugin's macros ($__timeFilter,
// $__timeInterval, $__timeGroup, $__fromTime, $__toTime, ...) and dashboard
// variables in a query the way Grafana does before sending it to ClickHouse.
// Pantau uses it to run every provisioned panel and alert query against the
// embedded engine in tests, and the analytics API can use it to run a
// dashboard's SQL outside Grafana.
package macro

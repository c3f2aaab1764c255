// Package board models Grafana dashboards as plain typed structs that
// marshal to the dashboard JSON Grafana provisions (schema version 39), with
// small constructors for the panel kinds Pantau uses. It holds no Pantau
// content; the dashboards themselves are defined in the parent package.
package board

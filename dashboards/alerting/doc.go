// Package alerting models Grafana unified-alerting file provisioning (rule
// groups, contact points, notification policies) as typed structs that
// marshal to the YAML Grafana loads from provisioning/alerting, and checks
// the mistakes Grafana only logs at load time (Validate).
package alerting

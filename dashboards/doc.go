// Package dashboards is Pantau's Grafana provisioning as code: the data
// sources, the four dashboards (Ikhtisar Isu, Pimpinan, Media & Sumber,
// Kesehatan Pipeline), the alert rules, contact points and notification
// policy. Render produces the provisioning tree committed under
// deploy/grafana; Push creates or updates the folder, dashboards and alert
// rules on a running Grafana through its HTTP API.
//
// Everything an analyst reads (titles, labels, alert summaries) is in Bahasa
// Indonesia; dashboards use the Asia/Makassar (WITA) time zone. The negative
// spike rule comes from package spike, the one definition shared with the
// analytics API.
package dashboards

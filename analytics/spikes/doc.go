// Package spikes reports negative-coverage spikes, overall and per issue,
// with the articles behind them. Whether a spike fires is decided by the
// shared rule in dashboards/spike, the same SQL the Grafana alerts run; this
// package adds the negative share (negative / all media documents) in the
// window and in the baseline, and the newest negative articles.
package spikes

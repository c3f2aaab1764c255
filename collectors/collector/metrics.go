package collector

import (
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the collector's Prometheus series; every label set is
// bounded (source names from the registry, error kinds from a fixed list).
type metrics struct {
	pages       *prometheus.CounterVec
	published   *prometheus.CounterVec
	errors      *prometheus.CounterVec
	robots      *prometheus.CounterVec
	lastSuccess *prometheus.GaugeVec
	passSeconds *prometheus.HistogramVec
	fresh       *freshness
}

func newMetrics(reg prometheus.Registerer, now func() time.Time) (*metrics, error) {
	m := &metrics{
		pages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pantau_collector_pages_fetched_total",
			Help: "Pages (feeds, listings, articles, API responses) fetched successfully, by source.",
		}, []string{"source"}),
		published: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pantau_collector_documents_published_total",
			Help: "Documents published to NATS, by source.",
		}, []string{"source"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pantau_collector_errors_total",
			Help: "Collection errors by source and kind (robots, forbidden_domain, private_address, too_large, redirects, status_4xx, status_429, status_5xx, timeout, network, extract, feed_parse, api, publish).",
		}, []string{"source", "kind"}),
		robots: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pantau_collector_robots_refusals_total",
			Help: "URLs not fetched because robots.txt disallows them, by source.",
		}, []string{"source"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "pantau_collector_last_success_timestamp_seconds",
			Help: "Unix time of the source's last pass that finished without a fatal error.",
		}, []string{"source"}),
		passSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "pantau_collector_pass_duration_seconds",
			Help:    "Duration of one collection pass, by source.",
			Buckets: []float64{1, 5, 15, 30, 60, 120, 300, 600, 1800},
		}, []string{"source"}),
		fresh: &freshness{now: now, newest: map[string]time.Time{}},
	}
	if reg == nil {
		return m, nil
	}
	for _, c := range []prometheus.Collector{m.pages, m.published, m.errors, m.robots, m.lastSuccess, m.passSeconds, m.fresh} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// freshness exports, at scrape time, how old the newest published document
// of each source is; a growing value means a stale source.
type freshness struct {
	mu     sync.Mutex
	now    func() time.Time
	newest map[string]time.Time
}

var freshDesc = prometheus.NewDesc("pantau_collector_newest_document_age_seconds",
	"Age of the newest document published by the source (by its publication time), for the stale-source alert.",
	[]string{"source"}, nil)

func (f *freshness) observe(source string, t time.Time) {
	if t.IsZero() {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if t.After(f.newest[source]) {
		f.newest[source] = t
	}
}

func (f *freshness) Describe(ch chan<- *prometheus.Desc) { ch <- freshDesc }

func (f *freshness) Collect(ch chan<- prometheus.Metric) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	for s, t := range f.newest {
		age := now.Sub(t).Seconds()
		if age < 0 {
			age = 0
		}
		ch <- prometheus.MustNewConstMetric(freshDesc, prometheus.GaugeValue, age, s)
	}
}

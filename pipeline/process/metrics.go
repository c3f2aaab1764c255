package process

import "github.com/prometheus/client_golang/prometheus"

// Metrics are the pipeline's Prometheus metrics.
type Metrics struct {
	Documents     *prometheus.CounterVec
	DeadLetters   *prometheus.CounterVec
	BatchDuration prometheus.Histogram
	Pending       prometheus.Gauge
	InsertErrors  prometheus.Counter
	RowsInserted  prometheus.Counter
	StoreUp       prometheus.Gauge
}

// NewMetrics creates the metrics and registers them on reg (nil: not registered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Documents: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pantau_pipeline_documents_total", Help: "Documents handled per stage and outcome (ok, dead_letter).",
		}, []string{"stage", "outcome"}),
		DeadLetters: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pantau_pipeline_dead_letters_total", Help: "Messages sent to the dead-letter subject per stage.",
		}, []string{"stage"}),
		BatchDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "pantau_pipeline_batch_duration_seconds", Help: "Time to process and store one batch.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 14),
		}),
		Pending: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "pantau_pipeline_consumer_pending_messages", Help: "Messages waiting in the stream for the pipeline consumer (lag).",
		}),
		InsertErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pantau_store_insert_errors_total", Help: "Batches the store rejected (retried).",
		}),
		RowsInserted: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pantau_store_rows_inserted_total", Help: "Document rows written to the store.",
		}),
		StoreUp: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "pantau_store_up", Help: "1 when the last store write or ping succeeded.",
		}),
	}
	if reg != nil {
		reg.MustRegister(m.Documents, m.DeadLetters, m.BatchDuration, m.Pending, m.InsertErrors, m.RowsInserted, m.StoreUp)
	}
	return m
}

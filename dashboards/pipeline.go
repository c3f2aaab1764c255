package dashboards

import "github.com/biroadpim/pantau/dashboards/board"

// UIDPipeline is the uid of the "Kesehatan Pipeline" dashboard.
const UIDPipeline = "pantau-kesehatan-pipeline"

// Metrics lists the Prometheus metrics the pipeline dashboard and alerts
// read, as defined by the collectors, pipeline and store.
var Metrics = []string{
	"pantau_collector_pages_fetched_total",
	"pantau_collector_errors_total",
	"pantau_collector_documents_published_total",
	"pantau_collector_last_success_timestamp_seconds",
	"pantau_collector_newest_document_age_seconds",
	"pantau_collector_robots_refusals_total",
	"pantau_pipeline_consumer_pending_messages",
	"pantau_pipeline_documents_total",
	"pantau_pipeline_dead_letters_total",
	"pantau_pipeline_batch_duration_seconds",
	"pantau_store_insert_errors_total",
	"pantau_store_rows_inserted_total",
}

// errorRatioExpr is the share of failed fetches per source over window.
func errorRatioExpr(sel, window string) string {
	return `sum by (source) (rate(pantau_collector_errors_total` + sel + `[` + window + `]))
/
clamp_min(
  sum by (source) (rate(pantau_collector_pages_fetched_total` + sel + `[` + window + `]))
  + sum by (source) (rate(pantau_collector_errors_total` + sel + `[` + window + `])),
  1e-9
)`
}

func pipeline(o Options) board.Dashboard {
	const src = `{source=~"$source"}`
	prom := func(expr, legend string) board.Target { return board.PromQL(prometheus, expr, legend) }
	panels := []board.Panel{
		board.TimeSeries("Halaman diambil per sumber", "Laju pengambilan halaman yang berhasil.", "reqps", board.Half,
			prom(`sum by (source) (rate(pantau_collector_pages_fetched_total`+src+`[$__rate_interval]))`, "{{source}}")),
		board.TimeSeries("Galat pengambilan per sumber dan jenis", "Laju galat kolektor menurut sumber dan jenis galat.", "reqps", board.Half,
			prom(`sum by (source, kind) (rate(pantau_collector_errors_total`+src+`[$__rate_interval]))`, "{{source}} · {{kind}}")),
		board.TimeSeries("Rasio galat pengambilan", "Bagian pengambilan yang gagal per sumber (peringatan di atas 50%).", "percentunit", board.Half,
			prom(errorRatioExpr(src, "$__rate_interval"), "{{source}}")).WithMinMax(0, 1).
			WithThresholds("green", 0.2, "orange", 0.5, "red"),
		board.TimeSeries("Dokumen terbit ke NATS", "Laju dokumen yang diterbitkan kolektor ke JetStream.", "short", board.Half,
			prom(`sum by (source) (rate(pantau_collector_documents_published_total`+src+`[$__rate_interval]))`, "{{source}}")),

		board.SeriesBars("Waktu sejak pengambilan sukses terakhir", "Per sumber; merah bila lebih dari 2 jam.", "s", board.Third,
			board.PromInstant(prometheus, `time() - max by (source) (pantau_collector_last_success_timestamp_seconds`+src+`)`, "{{source}}")).
			WithThresholds("green", 3600, "orange", 7200, "red"),
		board.TimeSeries("Umur dokumen terbaru per sumber", "Kesegaran: umur dokumen terbaru yang dilihat kolektor.", "s", board.Third,
			prom(`max by (source) (pantau_collector_newest_document_age_seconds`+src+`)`, "{{source}}")).
			WithThresholds("green", 6*3600, "orange", 12*3600, "red"),
		board.SeriesBars("Penolakan robots.txt", "Halaman yang tidak diambil karena robots.txt dalam rentang waktu.", "short", board.Third,
			board.PromInstant(prometheus, `sum by (source) (increase(pantau_collector_robots_refusals_total`+src+`[$__range]))`, "{{source}}")),

		board.TimeSeries("Antrean konsumen NATS", "Pesan yang menunggu diproses (consumer lag).", "short", board.Third,
			prom(`sum(pantau_pipeline_consumer_pending_messages)`, "pesan tertunda")).
			WithThresholds("green", 1000, "orange", 5000, "red"),
		board.TimeSeries("Throughput pipeline per tahap", "Dokumen per detik menurut tahap dan hasil.", "short", board.Third,
			prom(`sum by (stage, outcome) (rate(pantau_pipeline_documents_total[$__rate_interval]))`, "{{stage}} · {{outcome}}")),
		board.Bars("Dead letter (DLQ) per tahap", "Pesan yang gagal diproses dan dikirim ke DLQ.", "short", board.Third,
			prom(`sum by (stage) (increase(pantau_pipeline_dead_letters_total[$__rate_interval]))`, "{{stage}}")),

		board.TimeSeries("Durasi batch pipeline", "Persentil 50 dan 95 durasi batch.", "s", board.Third,
			prom(`histogram_quantile(0.5, sum by (le) (rate(pantau_pipeline_batch_duration_seconds_bucket[$__rate_interval])))`, "p50"),
			prom(`histogram_quantile(0.95, sum by (le) (rate(pantau_pipeline_batch_duration_seconds_bucket[$__rate_interval])))`, "p95")),
		board.TimeSeries("Baris tersimpan di ClickHouse", "Laju baris yang disisipkan ke ClickHouse.", "short", board.Third,
			prom(`sum(rate(pantau_store_rows_inserted_total[$__rate_interval]))`, "baris/detik")),
		board.Bars("Galat insert ClickHouse", "Jumlah insert yang gagal.", "short", board.Third,
			prom(`sum(increase(pantau_store_insert_errors_total[$__rate_interval]))`, "galat")),

		board.Table("Dokumen terakhir per sumber (ClickHouse)", "Dari tabel dokumen: kapan dokumen terakhir tiap sumber dikumpulkan.", board.Full,
			board.SQL(clickhouse, board.FormatTable, `SELECT
    source AS sumber,
    max(collected_at) AS terakhir_dikumpulkan,
    round(dateDiff('second', max(collected_at), $__toTime) / 3600, 1) AS jam_sejak,
    countIf(collected_at > $__toTime - INTERVAL 1 DAY) AS dokumen_24_jam
FROM pantau.documents
WHERE collected_at > $__toTime - INTERVAL 30 DAY
  AND collected_at <= $__toTime
GROUP BY source
ORDER BY jam_sejak DESC, sumber`, "sumber", "terakhir_dikumpulkan", "jam_sejak", "dokumen_24_jam")),
	}
	d := newDashboard(o, UIDPipeline, "Kesehatan Pipeline",
		"Kolektor, antrean NATS, pipeline dan penyimpanan: keberhasilan, galat, kesegaran dan throughput.",
		[]board.Variable{board.PromVariable(prometheus, varSource, "Sumber", "label_values(pantau_collector_pages_fetched_total, source)")},
		panels...)
	d.Time = board.TimeRange{From: "now-24h", To: "now"}
	d.Refresh = "1m"
	return d
}

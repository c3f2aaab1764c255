package dashboards

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/biroadpim/pantau/dashboards/alerting"
	"github.com/biroadpim/pantau/dashboards/board"
	"github.com/biroadpim/pantau/dashboards/spike"
)

// Alert thresholds.
const (
	// StaleSourceHours: an active source (documents in the last 7 days)
	// with no new document for this long is stale.
	StaleSourceHours = 6
	// FetchStalledHours: a collector without a successful fetch for this
	// long has stalled.
	FetchStalledHours = 2
	// PendingMessagesMax is the NATS consumer backlog that counts as lag.
	PendingMessagesMax = 5000
	// ErrorRatioMax is the share of failed fetches that alerts.
	ErrorRatioMax = 0.5
	// DeadLettersMax is how many dead letters per stage in 15 minutes alert.
	DeadLettersMax = 10
)

// Environment variables Grafana reads for the contact points.
const (
	EnvTelegramBotToken = "TELEGRAM_BOT_TOKEN"
	EnvTelegramChatID   = "TELEGRAM_CHAT_ID"
	EnvAlertEmail       = "ALERT_EMAIL_TO"
	EnvAlertWebhook     = "ALERT_WEBHOOK_URL"
)

// Contact point names.
const (
	ContactHumas       = "pantau-humas"
	ContactOperasional = "pantau-operasional"
)

// Label values of the "kategori" label that routes notifications.
const (
	kategoriSentimen = "sentimen"
	kategoriPipeline = "pipeline"
)

// Rule group names.
const (
	GroupSentimen = "sentimen"
	GroupPipeline = "pipeline"
)

func exprReduce(ref, input string) alerting.Query {
	return alerting.Query{RefID: ref, DatasourceUID: alerting.ExprUID, Model: map[string]any{
		"refId": ref, "type": "reduce", "expression": input, "reducer": "last",
		"datasource": map[string]any{"type": "__expr__", "uid": alerting.ExprUID},
	}}
}

func exprThreshold(ref, input string, gt float64) alerting.Query {
	return alerting.Query{RefID: ref, DatasourceUID: alerting.ExprUID, Model: map[string]any{
		"refId": ref, "type": "threshold", "expression": input,
		"conditions": []any{map[string]any{"evaluator": map[string]any{"type": "gt", "params": []any{gt}}}},
		"datasource": map[string]any{"type": "__expr__", "uid": alerting.ExprUID},
	}}
}

func sqlQuery(ref, sql string, window time.Duration) alerting.Query {
	return alerting.Query{RefID: ref, DatasourceUID: ClickHouseUID,
		RelativeTimeRange: &alerting.RelativeTimeRange{From: int64(window / time.Second)},
		Model: map[string]any{
			"refId": ref, "editorType": "sql", "queryType": "timeseries", "format": board.FormatTimeSeries, "rawSql": sql,
			"datasource": map[string]any{"type": board.ClickHouseType, "uid": ClickHouseUID},
		}}
}

func promQuery(ref, expr string, window time.Duration) alerting.Query {
	return alerting.Query{RefID: ref, DatasourceUID: PrometheusUID,
		RelativeTimeRange: &alerting.RelativeTimeRange{From: int64(window / time.Second)},
		Model: map[string]any{
			"refId": ref, "expr": expr, "instant": true, "range": false, "editorMode": "code",
			"intervalMs": 1000, "maxDataPoints": 43200,
			"datasource": map[string]any{"type": board.PrometheusType, "uid": PrometheusUID},
		}}
}

// rule builds a rule alerting when the last value of query A is above gt.
func rule(uid, title string, a alerting.Query, gt float64, forDur time.Duration, labels, annotations map[string]string) alerting.Rule {
	return alerting.Rule{
		UID: uid, Title: title, Condition: "C",
		Data:        []alerting.Query{a, exprReduce("B", "A"), exprThreshold("C", "B", gt)},
		NoDataState: "OK", ExecErrState: "Error", For: alerting.Duration(forDur),
		Labels: labels, Annotations: annotations,
	}
}

// panelID returns the id of the panel titled title in d.
func panelID(d board.Dashboard, title string) (int64, error) {
	for _, p := range d.Panels {
		if p.Title == title {
			return int64(p.ID), nil
		}
	}
	return 0, fmt.Errorf("dashboard %s has no panel %q", d.UID, title)
}

func alertRules(o Options, ikhtisarBoard, pipelineBoard board.Dashboard) (alerting.RulesFile, error) {
	p := spike.Default
	overall, err := spike.AlertSQL(spike.Overall, p)
	if err != nil {
		return alerting.RulesFile{}, err
	}
	byIssue, err := spike.AlertSQL(spike.ByIssue, p)
	if err != nil {
		return alerting.RulesFile{}, err
	}
	spikePanel, err := panelID(ikhtisarBoard, "Lonjakan berita negatif per isu")
	if err != nil {
		return alerting.RulesFile{}, err
	}
	freshPanel, err := panelID(pipelineBoard, "Dokumen terakhir per sumber (ClickHouse)")
	if err != nil {
		return alerting.RulesFile{}, err
	}
	spikeWindow := time.Duration(p.BaselineDays+1) * 24 * time.Hour
	brief := strings.TrimRight(o.PantauURL, "/") + "/briefs/"
	sentimen := func(extra map[string]string) map[string]string {
		l := map[string]string{"kategori": kategoriSentimen, "severity": "warning"}
		for k, v := range extra {
			l[k] = v
		}
		return l
	}
	defn := fmt.Sprintf("Aturan: ≥ %d berita negatif dalam %s terakhir dan ≥ %g simpangan baku di atas rata-rata jam yang sama %d hari sebelumnya.",
		p.MinCount, durationID(p.Window), p.Threshold, p.BaselineDays)

	sentimenRules := []alerting.Rule{
		rule("pantau-lonjakan-negatif", "Lonjakan berita negatif", sqlQuery("A", overall, spikeWindow), 0, 0,
			sentimen(nil), map[string]string{
				"summary":     "{{ humanize $values.B.Value }} berita negatif dalam 1 jam terakhir, jauh di atas biasanya.",
				"description": defn + " Periksa tabel berita negatif terbaru di dasbor Ikhtisar Isu.",
				"brief_url":   brief,
			}).OnPanel(UIDIkhtisar, spikePanel),
		rule("pantau-lonjakan-negatif-isu", "Lonjakan berita negatif per isu", sqlQuery("A", byIssue, spikeWindow), 0, 0,
			sentimen(nil), map[string]string{
				"summary":     "Isu {{ $labels.issue }}: {{ humanize $values.B.Value }} berita negatif dalam 1 jam terakhir, jauh di atas biasanya.",
				"description": defn,
				"brief_url":   brief,
			}).OnPanel(UIDIkhtisar, spikePanel),
	}

	pipe := func(severity string) map[string]string {
		return map[string]string{"kategori": kategoriPipeline, "severity": severity}
	}
	stale := `SELECT
    $__toTime AS time,
    source,
    dateDiff('second', max(collected_at), $__toTime) / 3600 AS jam_tanpa_dokumen
FROM pantau.documents
WHERE collected_at > $__toTime - INTERVAL 7 DAY
  AND collected_at <= $__toTime
GROUP BY source
ORDER BY source`
	pipelineRules := []alerting.Rule{
		rule("pantau-sumber-basi", "Sumber berhenti mengirim dokumen", sqlQuery("A", stale, 7*24*time.Hour), StaleSourceHours, 10*time.Minute,
			pipe("warning"), map[string]string{
				"summary":     fmt.Sprintf("Sumber {{ $labels.source }} tidak menghasilkan dokumen baru selama {{ humanize $values.B.Value }} jam (batas %d jam).", StaleSourceHours),
				"description": "Sumber aktif dalam 7 hari terakhir tanpa dokumen baru di ClickHouse. Periksa kolektor dan situs sumbernya.",
			}).OnPanel(UIDPipeline, freshPanel),
		rule("pantau-kolektor-macet", "Kolektor tidak berhasil mengambil", promQuery("A",
			`max by (source) (time() - pantau_collector_last_success_timestamp_seconds) / 3600`, 10*time.Minute),
			FetchStalledHours, 10*time.Minute, pipe("warning"), map[string]string{
				"summary": fmt.Sprintf("Kolektor {{ $labels.source }} tidak berhasil mengambil selama {{ humanize $values.B.Value }} jam (batas %d jam).", FetchStalledHours),
			}),
		rule("pantau-antrean-pipeline", "Antrean pipeline menumpuk", promQuery("A",
			`sum(pantau_pipeline_consumer_pending_messages)`, 10*time.Minute),
			PendingMessagesMax, 10*time.Minute, pipe("warning"), map[string]string{
				"summary": fmt.Sprintf("{{ humanize $values.B.Value }} pesan menunggu di antrean NATS (batas %d).", PendingMessagesMax),
			}),
		rule("pantau-galat-kolektor", "Rasio galat kolektor tinggi", promQuery("A", errorRatioExpr("", "15m"), 30*time.Minute),
			ErrorRatioMax, 15*time.Minute, pipe("warning"), map[string]string{
				"summary": "{{ humanizePercentage $values.B.Value }} pengambilan {{ $labels.source }} gagal dalam 15 menit terakhir.",
			}),
		rule("pantau-dead-letter", "Pesan gagal diproses (DLQ)", promQuery("A",
			`sum by (stage) (increase(pantau_pipeline_dead_letters_total[15m]))`, 30*time.Minute),
			DeadLettersMax, 0, pipe("warning"), map[string]string{
				"summary": "{{ humanize $values.B.Value }} pesan masuk DLQ tahap {{ $labels.stage }} dalam 15 menit terakhir.",
			}),
		rule("pantau-galat-insert", "Penyimpanan ke ClickHouse gagal", promQuery("A",
			`sum(increase(pantau_store_insert_errors_total[10m]))`, 20*time.Minute),
			0, 0, pipe("critical"), map[string]string{
				"summary": "{{ humanize $values.B.Value }} insert ke ClickHouse gagal dalam 10 menit terakhir; data bisa tertunda.",
			}),
	}
	return alerting.RulesFile{APIVersion: 1, Groups: []alerting.RuleGroup{
		{OrgID: 1, Name: GroupSentimen, Folder: Folder, Interval: alerting.Duration(5 * time.Minute), Rules: sentimenRules},
		{OrgID: 1, Name: GroupPipeline, Folder: Folder, Interval: alerting.Duration(time.Minute), Rules: pipelineRules},
	}}, nil
}

// durationID writes a window in Bahasa Indonesia ("1 jam", "30 menit").
func durationID(d time.Duration) string {
	if d%time.Hour == 0 {
		return strconv.Itoa(int(d/time.Hour)) + " jam"
	}
	return strconv.Itoa(int(d/time.Minute)) + " menit"
}

func contactPoints() alerting.ContactPointsFile {
	telegram := alerting.Receiver{UID: "pantau-humas-telegram", Type: "telegram", Settings: map[string]string{
		"bottoken": "$" + EnvTelegramBotToken, "chatid": "$" + EnvTelegramChatID,
	}}
	email := func(uid string) alerting.Receiver {
		return alerting.Receiver{UID: uid, Type: "email", Settings: map[string]string{"addresses": "$" + EnvAlertEmail}}
	}
	webhook := func(uid string) alerting.Receiver {
		return alerting.Receiver{UID: uid, Type: "webhook", Settings: map[string]string{"url": "$" + EnvAlertWebhook, "httpMethod": "POST"}}
	}
	return alerting.ContactPointsFile{APIVersion: 1, ContactPoints: []alerting.ContactPoint{
		{OrgID: 1, Name: ContactHumas, Receivers: []alerting.Receiver{telegram, email("pantau-humas-email"), webhook("pantau-humas-webhook")}},
		{OrgID: 1, Name: ContactOperasional, Receivers: []alerting.Receiver{email("pantau-ops-email"), webhook("pantau-ops-webhook")}},
	}}
}

func policies() alerting.ContactPointsFile {
	return alerting.ContactPointsFile{APIVersion: 1, Policies: []alerting.Policy{{
		OrgID: 1, Receiver: ContactHumas,
		GroupBy:   []string{"grafana_folder", "alertname", "issue"},
		GroupWait: "30s", GroupInterval: "5m", RepeatInterval: "4h",
		Routes: []alerting.Policy{{
			Receiver:       ContactOperasional,
			ObjectMatchers: [][]string{{"kategori", "=", kategoriPipeline}},
			GroupBy:        []string{"alertname", "source", "stage"},
			RepeatInterval: "2h",
		}},
	}}}
}

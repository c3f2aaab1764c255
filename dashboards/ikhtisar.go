package dashboards

import (
	"github.com/biroadpim/pantau/dashboards/board"
	"github.com/biroadpim/pantau/dashboards/spike"
)

// UIDIkhtisar is the uid of the "Ikhtisar Isu" dashboard.
const UIDIkhtisar = "pantau-ikhtisar-isu"

func ikhtisar(o Options) (board.Dashboard, error) {
	docs := where(timeFilter, issueDocFilter, kabFilter, sourceFilter)
	joined := where(timeFilter, issueJoinFilter, kabFilter, sourceFilter)
	rising := where("published_at > $__toTime - INTERVAL 8 DAY", "published_at <= $__toTime", issueJoinFilter, kabFilter, sourceFilter)

	spikeSQL, err := spike.Grafana(spike.ByIssue, spike.Default)
	if err != nil {
		return board.Dashboard{}, err
	}

	ch := func(format int, sql string, cols ...string) board.Target {
		return board.SQL(clickhouse, format, sql, cols...)
	}
	panels := []board.Panel{
		board.Stat("Total berita", "Jumlah dokumen dalam rentang waktu dan filter terpilih.", "short", board.Quarter,
			ch(board.FormatTable, "SELECT count() AS berita\nFROM pantau.documents FINAL\n"+docs, "berita")),
		board.Stat("Berita negatif", "Persentase dokumen bernada negatif.", "percent", board.Quarter,
			ch(board.FormatTable, "SELECT round(100 * countIf(sentiment_label = 'negative') / greatest(count(), 1), 1) AS negatif_persen\nFROM pantau.documents FINAL\n"+docs, "negatif_persen")).
			WithThresholds("green", 25, "orange", 40, "red"),
		board.Stat("Indeks nada", "Rata-rata skor sentimen (−1 sangat negatif, +1 sangat positif).", "none", board.Quarter,
			ch(board.FormatTable, "SELECT round(avgOrNull(sentiment_score), 2) AS nada\nFROM pantau.documents FINAL\n"+docs, "nada")).
			WithThresholds("red", -0.2, "orange", 0.1, "green"),
		board.Stat("Cerita unik", "Jumlah cerita setelah salinan dan sindikasi digabung (story_id).", "short", board.Quarter,
			ch(board.FormatTable, "SELECT uniqExact(if(story_id = '', id, story_id)) AS cerita\nFROM pantau.documents FINAL\n"+docs, "cerita")),

		board.Bars("Volume berita per isu", "Jumlah dokumen per isu per interval.", "short", board.Half,
			ch(board.FormatTimeSeries, `SELECT
    $__timeInterval(published_at) AS time,
    issue,
    count() AS berita
FROM pantau.documents FINAL
ARRAY JOIN issues AS issue
`+joined+`
GROUP BY time, issue
ORDER BY time, issue`, "time", "issue", "berita")),
		board.TimeSeries("Nada pemberitaan per isu", "Rata-rata skor sentimen per isu (−1 negatif, +1 positif).", "none", board.Half,
			ch(board.FormatTimeSeries, `SELECT
    $__timeInterval(published_at) AS time,
    issue,
    round(avg(sentiment_score), 3) AS nada
FROM pantau.documents FINAL
ARRAY JOIN issues AS issue
`+joined+`
GROUP BY time, issue
ORDER BY time, issue`, "time", "issue", "nada")).WithMinMax(-1, 1),

		board.Table("Isu yang sedang naik", "24 jam terakhir (sampai akhir rentang waktu) dibanding rata-rata harian 7 hari sebelumnya.", board.Half,
			ch(board.FormatTable, `SELECT
    issue AS isu,
    countIf(published_at > $__toTime - INTERVAL 1 DAY) AS berita_24_jam,
    round(countIf(published_at <= $__toTime - INTERVAL 1 DAY) / 7, 1) AS rata_harian_7_hari,
    round((berita_24_jam + 1) / (rata_harian_7_hari + 1), 2) AS rasio_kenaikan,
    countIf(published_at > $__toTime - INTERVAL 1 DAY AND sentiment_label = 'negative') AS negatif_24_jam
FROM pantau.documents FINAL
ARRAY JOIN issues AS issue
`+rising+`
GROUP BY issue
HAVING berita_24_jam > 0
ORDER BY rasio_kenaikan DESC, berita_24_jam DESC
LIMIT 15`, "isu", "berita_24_jam", "rata_harian_7_hari", "rasio_kenaikan", "negatif_24_jam")),
		board.Table("Lonjakan berita negatif per isu", "Aturan peringatan yang sama (paket spike): berita negatif 1 jam terakhir dibanding jam yang sama 7 hari sebelumnya. Tidak mengikuti filter.", board.Half,
			ch(board.FormatTable, `SELECT
    issue AS isu,
    negative_count AS negatif_1_jam,
    round(baseline_mean, 2) AS rata_rata_7_hari,
    round(baseline_sd, 2) AS simpangan_baku,
    round(score, 2) AS skor,
    if(spike = 1, 'LONJAKAN', '-') AS status
FROM
(
`+spikeSQL+`
)`, "isu", "negatif_1_jam", "rata_rata_7_hari", "simpangan_baku", "skor", "status")),

		board.Table("Berita negatif terbaru", "Dokumen bernada negatif terbaru; klik sel untuk membuka berita atau dokumennya di API Pantau.", board.Full,
			ch(board.FormatTable, `SELECT
    published_at AS waktu,
    title AS judul,
    source AS media,
    arrayStringConcat(issues, ', ') AS isu,
    metadata['kabupaten'] AS kabupaten,
    round(sentiment_score, 2) AS skor,
    url AS tautan,
    id
FROM pantau.documents FINAL
`+docs+`
  AND sentiment_label = 'negative'
ORDER BY published_at DESC
LIMIT 100`, "waktu", "judul", "media", "isu", "kabupaten", "skor", "tautan", "id")).WithLinks(documentLinks()...),

		board.Table("Entitas teratas", "Tokoh, lembaga dan tempat yang paling sering disebut, dengan rata-rata nada terhadapnya.", board.Third,
			ch(board.FormatTable, `SELECT
    entity AS entitas,
    any(entity_type_) AS jenis,
    count() AS sebutan,
    round(avg(entity_score_), 2) AS nada
FROM pantau.documents FINAL
ARRAY JOIN entities AS entity, entity_type AS entity_type_, entity_score AS entity_score_
`+docs+`
GROUP BY entity
ORDER BY sebutan DESC, entitas
LIMIT 20`, "entitas", "jenis", "sebutan", "nada")),
		board.BarGauge("Frasa kunci teratas", "Frasa kunci yang paling sering muncul.", "short", board.Third,
			ch(board.FormatTable, `SELECT
    phrase AS frasa,
    count() AS jumlah
FROM pantau.documents FINAL
ARRAY JOIN keyphrases AS phrase
`+docs+`
GROUP BY phrase
ORDER BY jumlah DESC, frasa
LIMIT 15`, "frasa", "jumlah")),
		board.Table("Frasa kunci yang naik", "Frasa kunci 24 jam terakhir dibanding rata-rata harian 7 hari sebelumnya.", board.Third,
			ch(board.FormatTable, `SELECT
    phrase AS frasa,
    countIf(published_at > $__toTime - INTERVAL 1 DAY) AS jumlah_24_jam,
    round(countIf(published_at <= $__toTime - INTERVAL 1 DAY) / 7, 1) AS rata_harian_7_hari,
    round((jumlah_24_jam + 1) / (rata_harian_7_hari + 1), 2) AS rasio_kenaikan
FROM pantau.documents FINAL
ARRAY JOIN keyphrases AS phrase
`+where("published_at > $__toTime - INTERVAL 8 DAY", "published_at <= $__toTime", issueDocFilter, kabFilter, sourceFilter)+`
GROUP BY phrase
HAVING jumlah_24_jam >= 2
ORDER BY rasio_kenaikan DESC, jumlah_24_jam DESC
LIMIT 15`, "frasa", "jumlah_24_jam", "rata_harian_7_hari", "rasio_kenaikan")),
	}
	return newDashboard(o, UIDIkhtisar, "Ikhtisar Isu",
		"Volume dan nada pemberitaan per isu, isu yang sedang naik, berita negatif, entitas dan frasa kunci.",
		[]board.Variable{issueVar(), kabupatenVar(), sourceVar()}, panels...), nil
}

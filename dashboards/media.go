package dashboards

import "github.com/biroadpim/pantau/dashboards/board"

// UIDMedia is the uid of the "Media & Sumber" dashboard.
const UIDMedia = "pantau-media-sumber"

func media(o Options) board.Dashboard {
	docs := where(timeFilter, issueDocFilter, kabFilter, sourceFilter)
	media := where(timeFilter, issueDocFilter, kabFilter, sourceFilter, "NOT official")
	// Press-release pickup ignores the source filter: a release and the media
	// copies of it come from different sources by definition.
	stories := where(timeFilter, issueDocFilter, kabFilter, "story_id != ''")

	ch := func(format int, sql string, cols ...string) board.Target {
		return board.SQL(clickhouse, format, sql, cols...)
	}
	panels := []board.Panel{
		board.Stat("Media aktif", "Jumlah media (non-resmi) yang memberitakan dalam rentang waktu.", "short", board.Quarter,
			ch(board.FormatTable, "SELECT uniqExact(source) AS media\nFROM pantau.documents FINAL\n"+media, "media")),
		board.Stat("Berita media", "Jumlah dokumen dari media (bukan rilis resmi).", "short", board.Quarter,
			ch(board.FormatTable, "SELECT count() AS berita\nFROM pantau.documents FINAL\n"+media, "berita")),
		board.Stat("Rilis resmi", "Jumlah rilis pemerintah (official).", "short", board.Quarter,
			ch(board.FormatTable, "SELECT count() AS rilis\nFROM pantau.documents FINAL\n"+where(timeFilter, issueDocFilter, kabFilter, sourceFilter, "official"), "rilis")),
		board.Stat("Rilis yang dimuat media", "Persentase rilis resmi yang dimuat ulang oleh sedikitnya satu media (cerita yang sama).", "percent", board.Quarter,
			ch(board.FormatTable, `SELECT round(100 * countIf(berita_media > 0) / greatest(count(), 1), 1) AS rilis_dimuat_persen
FROM
(
    SELECT story_id, countIf(NOT official) AS berita_media
    FROM pantau.documents FINAL
    `+stories+`
    GROUP BY story_id
    HAVING countIf(official) > 0
)`, "rilis_dimuat_persen")).WithThresholds("red", 30, "orange", 60, "green"),

		board.Pie("Pangsa pemberitaan per media", "Share of voice: bagian tiap media dari seluruh berita.", "short", board.Half,
			ch(board.FormatTable, `SELECT
    source AS media,
    count() AS berita
FROM pantau.documents FINAL
`+media+`
GROUP BY source
ORDER BY berita DESC, media
LIMIT 15`, "media", "berita")),
		board.Table("Nada per media", "Jumlah berita, pangsa dan nada tiap media.", board.Half,
			ch(board.FormatTable, `SELECT
    source AS media,
    count() AS berita,
    round(100 * berita / sum(berita) OVER (), 1) AS pangsa_persen,
    countIf(sentiment_label = 'positive') AS positif,
    countIf(sentiment_label = 'neutral') AS netral,
    countIf(sentiment_label = 'negative') AS negatif,
    round(avg(sentiment_score), 2) AS nada
FROM pantau.documents FINAL
`+media+`
GROUP BY source
ORDER BY berita DESC, media`, "media", "berita", "pangsa_persen", "positif", "netral", "negatif", "nada")),

		board.Bars("Volume per media", "Jumlah berita tiap media per interval.", "short", board.Half,
			ch(board.FormatTimeSeries, `SELECT
    $__timeInterval(published_at) AS time,
    source AS media,
    count() AS berita
FROM pantau.documents FINAL
`+media+`
GROUP BY time, media
ORDER BY time, media`, "time", "media", "berita")),
		board.TimeSeries("Nada per media", "Rata-rata skor sentimen tiap media per interval.", "none", board.Half,
			ch(board.FormatTimeSeries, `SELECT
    $__timeInterval(published_at) AS time,
    source AS media,
    round(avg(sentiment_score), 3) AS nada
FROM pantau.documents FINAL
`+media+`
GROUP BY time, media
ORDER BY time, media`, "time", "media", "nada")).WithMinMax(-1, 1),

		board.Table("Penyerapan siaran pers", "Rilis resmi dan media yang memuat cerita yang sama (story_id).", board.Full,
			ch(board.FormatTable, `SELECT
    minIf(published_at, official) AS waktu,
    argMinIf(title, published_at, official) AS rilis,
    anyIf(source, official) AS penerbit,
    countIf(NOT official) AS berita_media,
    uniqExactIf(source, NOT official) AS media_memuat,
    arrayStringConcat(arraySort(groupUniqArrayIf(source, NOT official)), ', ') AS daftar_media
FROM pantau.documents FINAL
`+stories+`
GROUP BY story_id
HAVING countIf(official) > 0
ORDER BY waktu DESC
LIMIT 50`, "waktu", "rilis", "penerbit", "berita_media", "media_memuat", "daftar_media")),

		board.Bars("Rilis resmi vs media", "Jumlah rilis pemerintah dan berita media per interval.", "short", board.Half,
			ch(board.FormatTimeSeries, `SELECT
    $__timeInterval(published_at) AS time,
    if(official, 'Rilis resmi', 'Media') AS jenis,
    count() AS dokumen
FROM pantau.documents FINAL
`+docs+`
GROUP BY time, jenis
ORDER BY time, jenis`, "time", "jenis", "dokumen")),
		board.Table("Rilis resmi vs media per isu", "Per isu: jumlah dan nada rilis resmi dibanding pemberitaan media.", board.Half,
			ch(board.FormatTable, `SELECT
    issue AS isu,
    countIf(official) AS rilis_resmi,
    countIf(NOT official) AS berita_media,
    round(avgIf(sentiment_score, official), 2) AS nada_rilis,
    round(avgIf(sentiment_score, NOT official), 2) AS nada_media
FROM pantau.documents FINAL
ARRAY JOIN issues AS issue
`+where(timeFilter, issueJoinFilter, kabFilter, sourceFilter)+`
GROUP BY issue
ORDER BY rilis_resmi + berita_media DESC, isu`, "isu", "rilis_resmi", "berita_media", "nada_rilis", "nada_media")),
	}
	return newDashboard(o, UIDMedia, "Media & Sumber",
		"Pangsa pemberitaan dan nada per media, penyerapan siaran pers, rilis resmi dibanding media.",
		[]board.Variable{issueVar(), kabupatenVar(), sourceVar()}, panels...)
}

package dashboards

import "github.com/biroadpim/pantau/dashboards/board"

// UIDPimpinan is the uid of the "Pimpinan" dashboard.
const UIDPimpinan = "pantau-pimpinan"

func pimpinan(o Options) board.Dashboard {
	const leaderJoin = "ARRAY JOIN entities AS leader, entity_role AS leader_role, entity_score AS leader_score, entity_label AS leader_label\n"
	leaders := where(timeFilter, issueDocFilter, sourceFilter, leaderFilter)
	// A quote counts when its speaker is one of the document's entities with
	// a leader role.
	quoteFilter := "has(arrayFilter((name, role) -> role IN (" + quoteList(LeaderRoles) + "), entities, entity_role), speaker)"
	quotes := where(timeFilter, issueDocFilter, sourceFilter, quoteFilter, inAll(varLeader, "speaker"))

	ch := func(format int, sql string, cols ...string) board.Target {
		return board.SQL(clickhouse, format, sql, cols...)
	}
	panels := []board.Panel{
		board.Stat("Sebutan pimpinan", "Jumlah sebutan pimpinan terpilih.", "short", board.Quarter,
			ch(board.FormatTable, "SELECT count() AS sebutan\nFROM pantau.documents FINAL\n"+leaderJoin+leaders, "sebutan")),
		board.Stat("Nada terhadap pimpinan", "Rata-rata nada pemberitaan terhadap pimpinan terpilih (−1 sampai +1).", "none", board.Quarter,
			ch(board.FormatTable, "SELECT round(avgOrNull(leader_score), 2) AS nada\nFROM pantau.documents FINAL\n"+leaderJoin+leaders, "nada")).
			WithThresholds("red", -0.2, "orange", 0.1, "green"),
		board.Stat("Sebutan bernada negatif", "Persentase sebutan pimpinan dengan nada negatif.", "percent", board.Quarter,
			ch(board.FormatTable, "SELECT round(100 * countIf(leader_label = 'negative') / greatest(count(), 1), 1) AS negatif_persen\nFROM pantau.documents FINAL\n"+leaderJoin+leaders, "negatif_persen")).
			WithThresholds("green", 20, "orange", 35, "red"),
		board.Stat("Kutipan", "Jumlah kutipan pimpinan terpilih.", "short", board.Quarter,
			ch(board.FormatTable, "SELECT count() AS kutipan\nFROM pantau.documents FINAL\nARRAY JOIN quote_speaker AS speaker\n"+quotes, "kutipan")),

		board.Bars("Sebutan per pimpinan", "Jumlah dokumen yang menyebut tiap pimpinan per interval.", "short", board.Half,
			ch(board.FormatTimeSeries, `SELECT
    $__timeInterval(published_at) AS time,
    leader AS pimpinan,
    count() AS sebutan
FROM pantau.documents FINAL
`+leaderJoin+leaders+`
GROUP BY time, pimpinan
ORDER BY time, pimpinan`, "time", "pimpinan", "sebutan")),
		board.TimeSeries("Nada terhadap tiap pimpinan", "Rata-rata nada terhadap tiap pimpinan per interval (−1 negatif, +1 positif).", "none", board.Half,
			ch(board.FormatTimeSeries, `SELECT
    $__timeInterval(published_at) AS time,
    leader AS pimpinan,
    round(avg(leader_score), 3) AS nada
FROM pantau.documents FINAL
`+leaderJoin+leaders+`
GROUP BY time, pimpinan
ORDER BY time, pimpinan`, "time", "pimpinan", "nada")).WithMinMax(-1, 1),

		board.Table("Ringkasan per pimpinan", "Sebutan dan nada per pimpinan dalam rentang waktu terpilih.", board.Full,
			ch(board.FormatTable, `SELECT
    leader AS pimpinan,
    any(leader_role) AS jabatan,
    count() AS sebutan,
    countIf(leader_label = 'positive') AS positif,
    countIf(leader_label = 'neutral') AS netral,
    countIf(leader_label = 'negative') AS negatif,
    round(avg(leader_score), 2) AS nada,
    uniqExact(source) AS media
FROM pantau.documents FINAL
`+leaderJoin+leaders+`
GROUP BY leader
ORDER BY sebutan DESC, pimpinan`, "pimpinan", "jabatan", "sebutan", "positif", "netral", "negatif", "nada", "media")),

		board.Table("Kutipan terbaru", "Kutipan langsung dan tidak langsung pimpinan; klik sel untuk membuka berita.", board.Full,
			ch(board.FormatTable, `SELECT
    published_at AS waktu,
    speaker AS pimpinan,
    quote AS kutipan,
    source AS media,
    title AS judul,
    url AS tautan,
    id
FROM pantau.documents FINAL
ARRAY JOIN quote_speaker AS speaker, quote_text AS quote
`+quotes+`
ORDER BY published_at DESC
LIMIT 100`, "waktu", "pimpinan", "kutipan", "media", "judul", "tautan", "id")).WithLinks(documentLinks()...),

		board.Table("Tanda konsistensi pesan", "Per pimpinan dan isu: kutipan yang muncul sekaligus di berita positif dan negatif, atau dengan nada yang sangat berbeda antar-media, perlu dicek tim humas.", board.Full,
			ch(board.FormatTable, `SELECT
    speaker AS pimpinan,
    issue AS isu,
    count() AS kutipan,
    uniqExact(source) AS media,
    countIf(sentiment_label = 'positive') AS di_berita_positif,
    countIf(sentiment_label = 'negative') AS di_berita_negatif,
    round(max(sentiment_score) - min(sentiment_score), 2) AS rentang_nada,
    multiIf(di_berita_positif > 0 AND di_berita_negatif > 0, 'Periksa: muncul di berita positif dan negatif',
            rentang_nada >= 1, 'Periksa: nada sangat berbeda antar-media',
            'Konsisten') AS tanda
FROM pantau.documents FINAL
ARRAY JOIN quote_speaker AS speaker
ARRAY JOIN issues AS issue
`+quotes+`
GROUP BY speaker, issue
ORDER BY tanda = 'Konsisten', kutipan DESC, pimpinan, isu
LIMIT 100`, "pimpinan", "isu", "kutipan", "media", "di_berita_positif", "di_berita_negatif", "rentang_nada", "tanda")),
	}
	return newDashboard(o, UIDPimpinan, "Pimpinan",
		"Sebutan, nada, kutipan dan konsistensi pesan Gubernur, Wakil Gubernur dan Sekda Kaltim.",
		[]board.Variable{leaderVar(), issueVar(), sourceVar()}, panels...)
}

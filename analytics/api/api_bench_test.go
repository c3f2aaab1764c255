package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/pipeline/store"
)

// benchDocs is the size of the synthetic corpus.
const benchDocs = 1_000_000

// benchNow is the end of the synthetic corpus, which spans 90 days.
var benchNow = time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("WITA", 8*3600))

// generateSQL builds the corpus inside the engine in one statement: eight
// outlets and an official source, nine issues, regions, leaders with quotes
// for 2% of documents, 25% negative, and every 50th document an official
// release whose story three outlets join.
const generateSQL = `INSERT INTO pantau.documents (id, source, kind, url, canonical_url, title, lead, body, author, section,
 published_at, collected_at, processed_at, language, official, sentiment_label, sentiment_score,
 entities, entity_text, entity_type, entity_role, entity_label, entity_score, quote_speaker, quote_text,
 issues, keyphrases, story_id, content_hash, metadata, model_version, doc_version, version)
SELECT
    concat('doc-', toString(number)) AS id,
    if(number % 50 = 0, 'diskominfo-kaltim', ['tribun-kaltim','kaltimpost','kaltimtoday','korankaltim','niaga-asia','sapos','prokal','antara-kaltim'][number % 8 + 1]) AS source,
    'article', concat('https://', source, '.example/', id), concat('https://', source, '.example/', id),
    concat(issue, ' di ', region, ': ', arrayStringConcat(arraySlice(words, h % 50 + 1, 6), ' ')) AS title,
    arrayStringConcat(arraySlice(words, intDiv(h, 50) % 50 + 1, 25), ' ') AS lead,
    concat(lead, ' ', arrayStringConcat(arraySlice(words, intDiv(h, 2500) % 50 + 1, 100), ' '), ' ', toString(number)) AS body,
    'Redaksi', 'daerah',
    fromUnixTimestamp64Milli(toInt64({at_ms:Int64} - number * 7776 - cityHash64(number, 9) % 7776)) AS published_at,
    published_at + INTERVAL 5 MINUTE, published_at + INTERVAL 6 MINUTE,
    'id', number % 50 = 0,
    multiIf(h % 100 < 25, 'negative', h % 100 < 60, 'positive', 'neutral') AS label,
    multiIf(label = 'negative', -0.6, label = 'positive', 0.5, 0.0) AS score,
    if(h % 5 = 0, [region, leader], [region]) AS ents,
    ents, if(h % 5 = 0, ['LOC', 'PER'], ['LOC']), if(h % 5 = 0, ['', leader_role], ['']),
    arrayMap(x -> label, ents), arrayMap(x -> toFloat32(score), ents),
    if(h % 50 = 7, [leader], []), if(h % 50 = 7, [concat('Kami targetkan ', toString(h % 900), ' rumah selesai tahun ini.')], []),
    if(h % 7 = 0, [issue, 'infrastruktur'], [issue]),
    [phrase],
    if(number % 50 < 4, concat('doc-', toString(number - number % 50)), id),
    hex(h), map(), 'bench', 1, bitShiftLeft(toUInt64(1), 42)
FROM
(
    SELECT number, cityHash64(number) AS h,
        ['banjir','jalan_rusak','pendidikan','investasi','kesehatan_bpjs','ikn','listrik_padam','air_bersih','korupsi'][h % 9 + 1] AS issue,
        ['Samarinda','Balikpapan','Bontang','Kutai Kartanegara','Berau','Paser','Penajam Paser Utara','Kutai Timur'][intDiv(h, 9) % 8 + 1] AS region,
        ['Rudy Mas''ud','Seno Aji','Sri Wahyuni','Andi Harun','Rahmad Mas''ud','Basri Rase','Edi Damansyah','Sri Juniarsih'][intDiv(h, 97) % 8 + 1] AS leader,
        concat('Pejabat ', leader) AS leader_role,
        concat(issue, ' ', lower(region)) AS phrase,
        arrayConcat(splitByChar(' ', 'warga pemerintah daerah provinsi kota kabupaten program kegiatan anggaran pembangunan masyarakat kepala dinas bidang layanan publik rapat koordinasi evaluasi target capaian proyek kontraktor pekerjaan lokasi kecamatan kelurahan desa sungai jembatan pasar harga kebutuhan pokok petugas lapangan laporan data tahun bulan pekan rencana usulan dewan komisi fraksi anggota'), splitByChar(' ', 'sosialisasi pelatihan peserta siswa guru tenaga medis pasien perawat fasilitas gedung kantor perusahaan tambang sawit batu bara pelabuhan bandara kendaraan armada penumpang tarif subsidi banjir longsor kebakaran hutan lahan asap kabut jalan berlubang rusak parah perbaikan'), splitByChar(' ', 'warga pemerintah daerah provinsi kota kabupaten program kegiatan anggaran pembangunan masyarakat kepala dinas bidang layanan publik rapat koordinasi evaluasi target capaian proyek kontraktor pekerjaan lokasi kecamatan kelurahan desa sungai jembatan pasar harga kebutuhan pokok petugas lapangan laporan data tahun bulan pekan rencana usulan dewan komisi fraksi anggota')) AS words
    FROM numbers({n:UInt64})
)`

// benchServer serves the API over the synthetic corpus, generating it
// unless the engine already holds it (with -count > 1).
func benchServer(b *testing.B) http.Handler {
	b.Helper()
	s := chtest.Open(b)
	ctx := context.Background()
	var n uint64
	if err := s.Conn().QueryRow(ctx, "SELECT count() FROM pantau.documents").Scan(&n); err != nil {
		b.Fatal(err)
	}
	if n != benchDocs {
		start := time.Now()
		if err := s.Conn().Exec(ctx, "TRUNCATE TABLE pantau.documents"); err != nil {
			b.Fatal(err)
		}
		err := s.Conn().Exec(store.WithParams(ctx, map[string]string{"at_ms": strconv.FormatInt(benchNow.UnixMilli(), 10), "n": strconv.Itoa(benchDocs)}), generateSQL)
		if err != nil {
			b.Fatal(err)
		}
		// Merge the parts, as the engine's background merges would by the
		// time a real corpus reaches this size.
		if err := s.Conn().Exec(ctx, "OPTIMIZE TABLE pantau.documents FINAL"); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d documents in %s", benchDocs, time.Since(start).Round(time.Millisecond))
	}
	a, err := New(Options{Conn: s.Conn(), Now: func() time.Time { return benchNow }})
	if err != nil {
		b.Fatal(err)
	}
	return a.Handler()
}

// BenchmarkQueries measures the API's main requests on one million
// synthetic documents in the embedded engine (target ≤ 100 ms each):
//
//	go test -run '^$' -bench Queries -benchtime 10x ./api/
//
// Set PANTAU_TEST_CHDB_DIR to a directory to keep the generated corpus
// between runs.
func BenchmarkQueries(b *testing.B) {
	day := func(d int) string { return url.QueryEscape(benchNow.AddDate(0, 0, -d).Format(time.RFC3339)) }
	cases := []struct{ name, path string }{
		{"documents", "/api/v1/documents"},
		{"documents_issue_negative", "/api/v1/documents?issue=banjir&sentiment=negative&limit=50"},
		{"documents_search_q_7d", "/api/v1/documents?q=jembatan%20pasar"},
		{"documents_search_q_30d", "/api/v1/documents?q=jembatan%20pasar&from=" + day(30)},
		{"documents_entity_30d", "/api/v1/documents?entity=Samarinda&from=" + day(30)},
		{"issues", "/api/v1/issues"},
		{"spikes", "/api/v1/spikes"},
		{"stories", "/api/v1/stories/doc-50"},
		{"leaders", "/api/v1/leaders"},
		{"leader", "/api/v1/leaders/Seno%20Aji"},
		{"releases", "/api/v1/releases"},
		{"sources", "/api/v1/sources"},
	}
	h := benchServer(b)
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuTime()
			n := 0
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, c.path, nil))
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", c.path, rec.Code, rec.Body.String())
				}
				n++
			}
			// The engine runs in this process, so its CPU time per request
			// is measured too: a figure a busy machine inflates less than
			// wall time.
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(n), "cpu-ms/op")
		})
	}
}

// cpuTime is the user and system CPU time of this process.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

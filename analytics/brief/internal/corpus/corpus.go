// Package corpus builds the morning-brief test corpus: eight days of
// background Kaltim coverage (analytics/internal/fixture) before the brief
// of Friday 20 November 2026, and the day's known events in the covered
// period (19 Nov 05:00 – 20 Nov 05:00 WITA): a negative flood story spread
// over six outlets that names the governor, a second flood story, a new
// illegal-mining issue, two official releases (one picked up, one not), the
// governor and vice-governor contradicting each other on the flood and a
// quote of the regional secretary. Documents after the cutoff exist too, so
// that a brief that leaks them fails.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/biroadpim/pantau/analytics/internal/fixture"
	"github.com/biroadpim/pantau/pipeline/store"
)

// WITA is the corpus time zone.
var WITA = fixture.WITA

// Date is the brief date of the corpus; Cutoff the end of its period.
var (
	Date   = time.Date(2026, 11, 20, 0, 0, 0, 0, WITA)
	Cutoff = time.Date(2026, 11, 20, 5, 0, 0, 0, WITA)
	// Start is the start of the covered period.
	Start = Cutoff.Add(-24 * time.Hour)
)

// Leaders of the corpus.
const (
	Governor     = fixture.Governor
	ViceGovernor = fixture.ViceGovernor
	Secretary    = fixture.Secretary
)

// Outlets are the display titles of the corpus's sources.
var Outlets = map[string]string{
	"tribun-kaltim": "Tribun Kaltim", "kaltimpost": "Kaltim Post", "kaltimtoday": "Kaltimtoday",
	"korankaltim": "Koran Kaltim", "niaga-asia": "Niaga.Asia", "sapos": "Samarinda Pos", "prokal": "Prokal",
	"antara-kaltim": "Antara Kaltim", "diskominfo-kaltim": "Diskominfo Kaltim",
}

// Options vary the corpus.
type Options struct {
	// Outage drops every document of this source collected in the 30 hours
	// before the cutoff (a collector that stopped).
	Outage string
}

// Day builds the corpus.
func Day(o Options) []store.Document {
	r := rand.New(rand.NewPCG(20261120, 6))
	docs := fixture.Background(r, Cutoff.Add(-8*24*time.Hour), Cutoff.Add(3*time.Hour))
	docs = append(docs, floods(r)...)
	docs = append(docs, mining(r)...)
	docs = append(docs, releases()...)
	docs = append(docs, statements()...)
	if o.Outage != "" {
		kept := docs[:0]
		for _, d := range docs {
			if d.Source == o.Outage && d.CollectedAt.After(Cutoff.Add(-30*time.Hour)) {
				continue
			}
			kept = append(kept, d)
		}
		docs = kept
	}
	return docs
}

var words = strings.Fields(`warga petugas posko bantuan sungai kecamatan kelurahan rumah jalan sekolah
	pasar air listrik perahu relawan logistik malam pagi hujan drainase pompa tanggul lurah camat`)

func filler(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = words[r.IntN(len(words))]
	}
	return strings.Join(w, " ")
}

func doc(id, source string, at time.Time, title, body, label string, score float32, issue string) store.Document {
	return store.Document{
		ID: id, Source: source, Kind: "article", URL: "https://" + source + ".example/berita/" + id,
		CanonicalURL: "https://" + source + ".example/berita/" + id, Title: title, Body: body,
		PublishedAt: at, CollectedAt: at.Add(5 * time.Minute), ProcessedAt: at.Add(6 * time.Minute),
		Language: "id", SentimentLabel: label, SentimentScore: score, Official: source == fixture.OfficialSource,
		Entities: []string{"Samarinda"}, EntityText: []string{"Samarinda"}, EntityType: []string{"LOC"},
		EntityRole: []string{""}, EntityLabel: []string{label}, EntityScore: []float32{score},
		QuoteSpeaker: []string{}, QuoteText: []string{}, Issues: []string{issue}, Keyphrases: []string{},
		StoryID: id, Metadata: map[string]string{}, ModelVersion: "brief-fixture", DocVersion: 1,
	}
}

func mention(d *store.Document, name, text, role, label string, score float32) {
	d.Entities = append(d.Entities, name)
	d.EntityText = append(d.EntityText, text)
	d.EntityType = append(d.EntityType, "PER")
	d.EntityRole = append(d.EntityRole, role)
	d.EntityLabel = append(d.EntityLabel, label)
	d.EntityScore = append(d.EntityScore, score)
}

const dikeBody = `Tanggul di tepi Sungai Karang Mumus jebol pada Kamis sore sehingga banjir merendam ribuan rumah di lima kecamatan Samarinda. Ketinggian air mencapai satu meter di Sempaja, Bengkuring dan Gunung Lingai. Badan Penanggulangan Bencana Daerah mencatat lebih dari empat ratus rumah terdampak dan ratusan warga mengungsi ke masjid serta sekolah terdekat. Petugas memasang karung pasir dan pompa air, namun hujan deras yang terus turun membuat genangan belum surut hingga malam.`

const complaintBody = `Warga korban banjir Samarinda mengeluhkan lambannya penanganan oleh Pemerintah Provinsi Kalimantan Timur. Di posko Bengkuring, pengungsi mengaku belum menerima bantuan makanan dan air bersih sejak tanggul jebol. Mereka menilai Gubernur Rudy Mas'ud belum turun langsung meninjau lokasi dan meminta pemprov segera mengirim perahu karet, dapur umum serta layanan kesehatan bagi anak-anak dan lansia.`

// floods adds two negative flood stories in the afternoon and evening of
// 19 November: the dike failure (12 articles, 6 outlets) and the complaints
// about the response (8 articles, 4 outlets, negative toward the governor).
func floods(r *rand.Rand) []store.Document {
	var out []store.Document
	titles := []string{"Tanggul Jebol, Banjir Rendam Lima Kecamatan di Samarinda", "Banjir Samarinda Meluas Usai Tanggul Karang Mumus Jebol",
		"Ratusan Warga Samarinda Mengungsi Akibat Tanggul Jebol"}
	srcs := []string{"tribun-kaltim", "kaltimpost", "kaltimtoday", "korankaltim", "niaga-asia", "sapos"}
	for i := 0; i < 12; i++ {
		at := Start.Add(10*time.Hour + time.Duration(i)*17*time.Minute)
		d := doc(fmt.Sprintf("banjir-tanggul-%02d", i), srcs[i%6], at, titles[i%3], dikeBody+" "+filler(r, 8), "negative", -0.7, "banjir")
		d.Keyphrases = []string{"tanggul jebol", "banjir samarinda"}
		out = append(out, d)
	}
	ctitles := []string{"Korban Banjir Samarinda Keluhkan Lambannya Penanganan Pemprov", "Pengungsi Banjir Belum Terima Bantuan, Gubernur Diminta Turun"}
	csrcs := []string{"sapos", "prokal", "tribun-kaltim", "niaga-asia"}
	for i := 0; i < 8; i++ {
		at := Start.Add(14*time.Hour + time.Duration(i)*23*time.Minute)
		d := doc(fmt.Sprintf("banjir-keluhan-%02d", i), csrcs[i%4], at, ctitles[i%2], complaintBody+" "+filler(r, 8), "negative", -0.8, "banjir")
		d.Keyphrases = []string{"banjir samarinda", "penanganan banjir"}
		mention(&d, Governor, "Gubernur Rudy Mas'ud", fixture.GovernorRole, "negative", -0.6)
		out = append(out, d)
	}
	return out
}

var miningTitles = []string{
	"Tambang Batu Bara Ilegal Ditemukan di Tenggarong Seberang",
	"Polisi Sita Alat Berat di Lokasi Tambang Ilegal Kukar",
	"Warga Muara Badak Protes Tambang Ilegal Dekat Permukiman",
	"DPRD Minta Pemprov Tindak Tegas Tambang Ilegal di Kukar",
	"Lubang Bekas Tambang Ilegal Ancam Keselamatan Anak",
	"Jalan Desa Rusak Dilalui Truk Tambang Ilegal",
	"Aktivis Lingkungan Laporkan Tambang Ilegal ke Gakkum",
}

// mining adds a new issue: seven reports of illegal mining in Kutai
// Kartanegara from four outlets, each its own story.
func mining(r *rand.Rand) []store.Document {
	var out []store.Document
	srcs := []string{"kaltimpost", "kaltimtoday", "antara-kaltim", "prokal"}
	for i := 0; i < 7; i++ {
		at := Start.Add(3*time.Hour + time.Duration(i)*95*time.Minute)
		d := doc(fmt.Sprintf("tambang-%02d", i), srcs[i%4], at,
			miningTitles[i],
			"Aktivitas tambang batu bara ilegal ditemukan di Kutai Kartanegara. "+filler(r, 60), "negative", -0.6, "tambang_ilegal")
		d.Entities[0], d.EntityText[0] = "Kutai Kartanegara", "Kutai Kartanegara"
		d.Keyphrases = []string{"tambang ilegal"}
		out = append(out, d)
	}
	return out
}

const releaseTitle = "Pemprov Kaltim Salurkan Bantuan Rp5 Miliar untuk Korban Banjir Mahakam Ulu"

const releaseBody = `Pemerintah Provinsi Kalimantan Timur menyalurkan bantuan senilai Rp5 miliar untuk korban banjir di Kabupaten Mahakam Ulu. Bantuan berupa beras, minyak goreng, obat-obatan, selimut, terpal dan perahu karet diserahkan langsung kepada pemerintah kabupaten di Ujoh Bilang pada Kamis pagi.
Gubernur Kalimantan Timur Rudy Mas'ud mengatakan penyaluran bantuan dilakukan bertahap melalui jalur sungai karena akses darat menuju Long Apari dan Long Pahangai masih terputus. Badan Penanggulangan Bencana Daerah mengerahkan empat puluh personel serta dua unit kapal cepat untuk menjangkau kampung terisolasi.
Menurut data posko, sebanyak 2.300 kepala keluarga di sebelas kampung terdampak luapan Sungai Mahakam. Pemprov juga menyiapkan dapur umum, layanan kesehatan keliling dan air bersih selama masa tanggap darurat empat belas hari.`

// releases adds the morning release and its pickup (verbatim, edited,
// shortened and a critical rewrite; one more copy after the cutoff) and an
// afternoon release nobody carried.
func releases() []store.Document {
	at := Start.Add(4 * time.Hour)
	rel := doc("rilis-bantuan-mahulu", fixture.OfficialSource, at, releaseTitle, releaseBody, "positive", 0.4, "banjir")
	mention(&rel, Governor, "Gubernur Kalimantan Timur Rudy Mas'ud", fixture.GovernorRole, "positive", 0.5)
	out := []store.Document{rel}
	paras := strings.Split(releaseBody, "\n")
	for _, p := range []struct {
		source, title, body, label string
		after                      time.Duration
		score                      float32
	}{
		{"antara-kaltim", releaseTitle, releaseBody, "positive", 40 * time.Minute, 0.4},
		{"kaltimtoday", "Rp5 Miliar Bantuan Banjir Mahulu Disalurkan Pemprov", "SAMARINDA - " + releaseBody, "positive", 2 * time.Hour, 0.3},
		{"korankaltim", "Korban Banjir Mahulu Terima Bantuan Pemprov Kaltim", paras[0] + "\n" + paras[1] + "\n" + paras[2], "neutral", 5 * time.Hour, 0.1},
		{"sapos", "Bantuan Banjir Mahulu Dinilai Terlambat, Warga Long Apari Masih Terisolasi",
			"Warga Long Apari mengeluhkan bantuan banjir yang baru tiba setelah sepekan terisolasi. " + paras[0] + " " + paras[2] +
				" Namun warga menilai penyaluran terlambat dan logistik belum merata di kampung terisolasi.", "negative", 14 * time.Hour, -0.5},
		{"prokal", "Pemprov Salurkan Bantuan Banjir ke Mahakam Ulu", releaseBody, "positive", 26 * time.Hour, 0.3},
	} {
		out = append(out, doc("pickup-"+p.source, p.source, at.Add(p.after), p.title, p.body, p.label, p.score, "banjir"))
	}
	out = append(out, doc("rilis-pelantikan", fixture.OfficialSource, Start.Add(8*time.Hour),
		"Gubernur Lantik Tiga Kepala Perangkat Daerah di Lingkungan Pemprov Kaltim",
		"Gubernur Kalimantan Timur melantik tiga kepala perangkat daerah hasil seleksi terbuka di Lamin Etam. Pelantikan disaksikan para asisten dan kepala biro. Pejabat baru diminta segera menyusun rencana kerja, memperbaiki layanan publik dan menjaga integritas.",
		"neutral", 0, "pelayanan_publik"))
	return out
}

func statement(id, source string, at time.Time, title, body, speaker, role, quote, issue, label string, score float32) store.Document {
	d := doc(id, source, at, title, body, label, score, issue)
	d.EntityLabel[0], d.EntityScore[0] = "neutral", 0
	mention(&d, speaker, speaker, role, label, score)
	d.QuoteSpeaker = []string{speaker}
	d.QuoteText = []string{quote}
	return d
}

// statements adds the governor and the vice-governor contradicting each
// other on the flood, and a quote of the regional secretary.
func statements() []store.Document {
	gq := "Banjir di Samarinda sudah surut dan hanya 120 rumah terdampak, situasi terkendali."
	vq := "Banjir di Samarinda belum surut, lebih dari 400 rumah terdampak dan warga masih mengungsi."
	sq := "Pertumbuhan investasi Kaltim 12 persen menunjukkan kepercayaan investor terus meningkat."
	return []store.Document{
		statement("pernyataan-gubernur-banjir", "kaltimpost", Start.Add(16*time.Hour), "Gubernur: Banjir Samarinda Sudah Surut",
			"Gubernur Kalimantan Timur Rudy Mas'ud menyatakan kondisi banjir di Samarinda membaik. \""+gq+"\" katanya.",
			Governor, fixture.GovernorRole, gq, "banjir", "positive", 0.5),
		statement("pernyataan-wagub-banjir", "tribun-kaltim", Start.Add(19*time.Hour), "Wagub Seno Aji: Banjir Samarinda Belum Surut",
			"Wakil Gubernur Seno Aji meninjau posko pengungsian. \""+vq+"\" ujarnya.",
			ViceGovernor, fixture.ViceRole, vq, "banjir", "negative", -0.5),
		statement("pernyataan-sekda-investasi", "kaltimtoday", Start.Add(5*time.Hour), "Sekda: Kepercayaan Investor Meningkat",
			"Sekda Sri Wahyuni membuka forum investasi daerah. \""+sq+"\"",
			Secretary, fixture.SecRole, sq, "investasi", "positive", 0.5),
	}
}

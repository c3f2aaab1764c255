package nlp

import (
	"strings"
	"testing"
)

// TestNewsShapes checks the written shapes of Indonesian regional news that
// the tagger alone gets wrong: titles before names, agencies followed by
// their head, places inside role phrases, places that contain a city name,
// datelines, addresses, and statements introduced by a pronoun or by
// "menurut".
func TestNewsShapes(t *testing.T) {
	a := newAnalyzer(t)
	type ent struct{ typ, text, canonical string }
	tests := []struct {
		name   string
		text   string
		want   []ent
		absent []string // entity texts that must not be found
	}{
		{
			name:   "role words are not part of the name; the region is a place",
			text:   "Gubernur Kaltim Rudy Mas'ud bersama Wakil Gubernur Seno Aji meninjau lokasi banjir.",
			want:   []ent{{"LOC", "Kaltim", "Kalimantan Timur"}, {"PER", "Rudy Mas'ud", "Rudy Mas'ud"}, {"PER", "Seno Aji", "Seno Aji"}},
			absent: []string{"Gubernur Kaltim Rudy Mas'ud", "Wakil Gubernur Seno Aji"},
		},
		{
			name: "an agency, then its head",
			text: "Kepala BPBD Balikpapan Usman Ali mengatakan pihaknya telah mengevakuasi 45 keluarga.",
			want: []ent{{"ORG", "BPBD Balikpapan", "BPBD Balikpapan"}, {"PER", "Usman Ali", "Usman Ali"}},
		},
		{
			name: "an institution inside a role phrase keeps its gazetteer name",
			text: "Kepala Diskominfo Kaltim Rizal Fahmi Noor membuka acara itu. Rapat dipimpin Wakil Ketua DPRD Kaltim Syarifuddin Noor.",
			want: []ent{{"ORG", "Diskominfo Kaltim", "Dinas Komunikasi dan Informatika Kaltim"},
				{"PER", "Rizal Fahmi Noor", "Rizal Fahmi Noor"}, {"ORG", "DPRD Kaltim", "DPRD Kalimantan Timur"}},
		},
		{
			name: "a place that contains a city name is another place",
			text: "Banjir merendam rumah warga di Kelurahan Gunung Samarinda, Balikpapan Utara, dan Samarinda Seberang.",
			want: []ent{{"LOC", "Kelurahan Gunung Samarinda", "Kelurahan Gunung Samarinda"},
				{"LOC", "Balikpapan Utara", "Balikpapan Utara"}, {"LOC", "Samarinda Seberang", "Samarinda Seberang"}},
		},
		{
			name: "dateline, address and the Wali Kota title",
			text: "SEPINGGAN – Wali Kota Samarinda Andi Harun meninjau Jalan Soekarno-Hatta Km 5 dan Jembatan Mahakam IV.",
			want: []ent{{"LOC", "SEPINGGAN", "Sepinggan"}, {"LOC", "Samarinda", "Samarinda"}, {"PER", "Andi Harun", "Andi Harun"},
				{"LOC", "Jalan Soekarno-Hatta", "Jalan Soekarno-Hatta"}, {"LOC", "Jembatan Mahakam IV", "Jembatan Mahakam IV"}},
			absent: []string{"Kota Samarinda"},
		},
		{
			name: "an agency cut by the tagger joins its region",
			text: "Petugas Dinas Kebudayaan dan Pariwisata Berau memeriksa dermaga. Kejaksaan Tinggi Kalimantan Timur memeriksa saksi.",
			want: []ent{{"ORG", "Dinas Kebudayaan dan Pariwisata Berau", "Dinas Kebudayaan dan Pariwisata Berau"},
				{"ORG", "Kejaksaan Tinggi Kalimantan Timur", "Kejaksaan Tinggi Kalimantan Timur"}},
		},
		{
			name: "government acronyms are written out; a bare Pemprov is the one the article names",
			text: "Pemprov Kaltara menggelar rapat. Pemprov Kaltim menyiapkan anggaran. Pemprov akan memperbaiki jalan. Pemkab Mahakam Ulu menyalurkan bantuan.",
			want: []ent{{"ORG", "Pemprov Kaltara", "Pemerintah Provinsi Kaltara"}, {"ORG", "Pemprov", "Pemerintah Provinsi Kalimantan Timur"},
				{"ORG", "Pemkab Mahakam Ulu", "Pemerintah Kabupaten Mahakam Ulu"}},
		},
		{
			name: "span repairs: company to Tbk, then its head; rank before a name; a council commission",
			text: "Presiden Direktur PT Surya Khatulistiwa Energi Tbk Lydia Halim menambahkan, perusahaan merekrut 230 tenaga kerja. " +
				"Kepala Polsek Sambutan AKP Dedi Kurniawan Saleh mengatakan, pihaknya memeriksa saksi. " +
				"Rapat dengar pendapat Komisi III DPRD Kaltim digelar Senin.",
			want: []ent{{"ORG", "PT Surya Khatulistiwa Energi Tbk", "PT Surya Khatulistiwa Energi Tbk"},
				{"PER", "Lydia Halim", "Lydia Halim"}, {"PER", "Dedi Kurniawan Saleh", "Dedi Kurniawan Saleh"},
				{"ORG", "Komisi III DPRD Kaltim", "Komisi III DPRD Kaltim"}},
			absent: []string{"AKP", "AKP Dedi Kurniawan Saleh", "Tbk Lydia"},
		},
		{
			name: "a name after an agency and its region; a name between commas after a role",
			text: "Kepala Dinas Lingkungan Hidup Kaltim Heriansyah Nurdin mengakui reklamasi belum dilaksanakan. " +
				"Ketua RT 12, Mappiasse, menuturkan warga sudah tiga kali mengusulkan tanggul.",
			want: []ent{{"ORG", "Dinas Lingkungan Hidup Kaltim", "Dinas Lingkungan Hidup Kaltim"},
				{"PER", "Heriansyah Nurdin", "Heriansyah Nurdin"}, {"PER", "Mappiasse", "Mappiasse"}},
		},
		{
			name: "an acronym the article defines names its later uses",
			text: "Mahasiswa Institut Teknologi Kalimantan (ITK) memenangi lomba robotik. Rektor ITK menyambut baik capaian itu.",
			want: []ent{{"ORG", "Institut Teknologi Kalimantan", "Institut Teknologi Kalimantan"},
				{"ORG", "ITK", "Institut Teknologi Kalimantan"}},
		},
		{
			name: "a short form of a gazetteer person",
			text: "Wali Kota Balikpapan Rahmad Mas'ud meninjau pasar. Rahmad meminta pedagang tidak menaikkan harga.",
			want: []ent{{"PER", "Rahmad", "Rahmad Mas'ud"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := a.Analyze(tc.text)
			got := map[string]string{} // "TYPE text" → canonical
			for _, e := range r.Entities {
				got[e.Type+" "+e.Text] = e.Canonical
				if tc.text[e.Start:e.End] != e.Text {
					t.Errorf("entity %q has offsets %d..%d that do not match the text", e.Text, e.Start, e.End)
				}
			}
			for _, w := range tc.want {
				c, ok := got[w.typ+" "+w.text]
				if !ok {
					t.Errorf("missing %s %q; got %v", w.typ, w.text, got)
					continue
				}
				if c != w.canonical {
					t.Errorf("%s %q: canonical %q, want %q", w.typ, w.text, c, w.canonical)
				}
			}
			for _, ab := range tc.absent {
				for k := range got {
					if strings.HasSuffix(k, " "+ab) {
						t.Errorf("found %q, which should not be an entity", k)
					}
				}
			}
		})
	}
}

// TestStatementsByPronounAndMenurut checks indirect statements whose
// speaker is a pronoun ("Ia mengatakan, …") or a name the tagger missed
// after "menurut", and the verb "keluh".
func TestStatementsByPronounAndMenurut(t *testing.T) {
	a := newAnalyzer(t)
	text := "Kepala Dinas Perdagangan Kaltim Nurhadi Wibowo meninjau Pasar Segiri. Ia menyebutkan, operasi pasar akan digelar di lima titik mulai pekan depan. " +
		"Menurut Yamin, tarif tahun ini tidak berubah dibanding tahun lalu. " +
		"\"Air sudah tiga hari tidak mengalir ke rumah kami,\" keluh Lusiana Tambunan, warga Sepinggan."
	r := a.Analyze(text)
	want := map[string]string{ // quote prefix → speaker canonical
		"operasi pasar akan digelar": "Nurhadi Wibowo",
		"tarif tahun ini tidak":      "Yamin",
		"Air sudah tiga hari tidak":  "Lusiana Tambunan",
	}
	for prefix, speaker := range want {
		found := false
		for _, q := range r.Quotes {
			if strings.HasPrefix(q.Text, prefix) {
				found = true
				if q.Canonical != speaker {
					t.Errorf("quote %q: speaker %q, want %q", prefix, q.Canonical, speaker)
				}
			}
		}
		if !found {
			t.Errorf("quote %q not found; got %+v", prefix, r.Quotes)
		}
	}
}

// TestNewsTone checks that event words set the tone of news: a ceremony
// with a quote about past hardship stays non-negative, a fire report is
// negative.
func TestNewsTone(t *testing.T) {
	a := newAnalyzer(t)
	ceremony := "Wakil Gubernur Kaltim Seno Aji meluncurkan pendaftaran beasiswa tahap kedua di Universitas Mulawarman. " +
		"\"Tidak boleh ada anak Kaltim yang putus kuliah karena biaya,\" tegas Seno. " +
		"Rektor Unmul menyambut baik program tersebut."
	if r := a.Analyze(ceremony); r.Sentiment.Label == "negative" {
		t.Errorf("scholarship launch: tone %+v, want neutral or positive", r.Sentiment)
	}
	fire := "Kebakaran hebat melanda permukiman padat di Samarinda Seberang. Sebanyak 23 rumah ludes terbakar dan 97 jiwa kehilangan tempat tinggal."
	if r := a.Analyze(fire); r.Sentiment.Label != "negative" {
		t.Errorf("fire report: tone %+v, want negative", r.Sentiment)
	}
}

// TestDocumentShapes checks the shapes across a document's parts: the
// dateline opens the body, not the text, and a headline's capitals are not
// names when the body writes the words in lower case.
func TestDocumentShapes(t *testing.T) {
	a := newAnalyzer(t)
	r := a.AnalyzeDocument("Jalan Rusak di Kutai Barat Dikeluhkan Warga", "",
		"SENDAWAR – Warga Kecamatan Barong Tongkok mengeluhkan jalan rusak sepanjang dua kilometer. "+
			"Kepala Dinas PUPR Kutai Barat Yohanes Lie mengatakan perbaikan dimulai bulan depan.")
	var locs []string
	for _, e := range r.Entities {
		if e.Type == "LOC" {
			locs = append(locs, e.Text)
		}
		if strings.HasPrefix(e.Text, "Jalan Rusak") {
			t.Errorf("headline words taken for a place: %+v", e)
		}
	}
	for _, want := range []string{"SENDAWAR", "Kecamatan Barong Tongkok", "Kutai Barat"} {
		found := false
		for _, l := range locs {
			found = found || l == want
		}
		if !found {
			t.Errorf("place %q not found; places %q", want, locs)
		}
	}
}

package sentiment

// newsTone is a small hand-written lexicon of news event words whose tone
// SmSA (reviews and comments) never taught the model: floods, casualties,
// illegal mining, corruption on one side; inaugurations, awards and
// appreciation on the other. In news mode each hit outside a negation scope
// shifts the sentence logits by its weight.
var newsTone = map[string]float64{
	// negative events and complaints
	"banjir": -1, "kebanjiran": -1, "terendam": -1, "merendam": -1, "rendam": -0.8, "genangan": -0.6,
	"tergenang": -0.8, "menggenangi": -0.8, "korban": -0.8, "tewas": -1.2, "meninggal": -0.8,
	"mengungsi": -0.8, "pengungsi": -0.6, "pengungsian": -0.6, "longsor": -1, "kebakaran": -1,
	"terbakar": -1, "rusak": -1, "kerusakan": -1, "merusak": -1, "hancur": -1, "tercemar": -1,
	"mencemari": -1, "cemari": -1, "pencemaran": -1, "limbah": -0.6, "ilegal": -1.2, "korupsi": -1.2,
	"suap": -1, "pungli": -1, "tersangka": -1, "ditahan": -0.8, "ditangkap": -0.8, "kecelakaan": -1,
	"pembunuhan": -1.2, "pencurian": -1, "narkoba": -1, "keluhkan": -1, "mengeluhkan": -1,
	"dikeluhkan": -1, "keluhan": -0.8, "kecewa": -1, "protes": -0.8, "padam": -0.8, "pemadaman": -0.8,
	"macet": -0.8, "kemacetan": -0.8, "langka": -0.8, "kelangkaan": -0.8, "krisis": -1,
	"kekurangan": -0.8, "stunting": -0.5, "miskin": -0.6, "kemiskinan": -0.6, "pengangguran": -0.6,
	"phk": -0.8, "gagal": -1, "terlambat": -0.6, "mangkrak": -1, "terbengkalai": -1, "sengketa": -0.6,
	"konflik": -0.8, "bentrok": -1, "kritik": -0.6, "mengkritik": -0.8, "lamban": -0.8, "buruk": -1,
	"parah": -1, "darurat": -0.6, "bencana": -0.8, "wabah": -0.8, "hoaks": -0.6, "gatal": -0.6,
	"berbau": -0.6, "keruh": -0.6, "merugikan": -1, "kerugian": -0.8, "tenggelam": -1, "menabrak": -0.8,
	"ditabrak": -0.8, "amblas": -1, "ambles": -1, "berlubang": -1, "putus": -0.6, "kekeringan": -0.8,
	"asap": -0.5, "karhutla": -1, "menolak": -0.5, "ancaman": -0.8, "mengancam": -0.8, "bahaya": -0.8,
	"berbahaya": -0.8, "rawan": -0.5, "capek": -0.8, "prihatin": -0.5, "menderita": -1, "keracunan": -1,
	"penganiayaan": -1, "pemerasan": -1, "penipuan": -1, "gratifikasi": -1, "tipikor": -1, "defisit": -0.5,
	"banjirnya": -1, "luapan": -0.6, "meluap": -0.8, "tanpa izin": -1,
	// positive ceremonies, achievements and appreciation
	"meresmikan": 0.8, "peresmian": 0.6, "melantik": 0.6, "pelantikan": 0.5, "dilantik": 0.5,
	"apresiasi": 1, "mengapresiasi": 1, "diapresiasi": 1, "penghargaan": 1, "prestasi": 1,
	"berprestasi": 1, "juara": 1, "sukses": 1, "berhasil": 0.8, "keberhasilan": 0.8, "menyukseskan": 0.8,
	"meraih": 0.6, "selamat": 0.6, "bangga": 1, "optimistis": 0.8, "optimis": 0.8, "mendukung": 0.5,
	"dukungan": 0.5, "kolaborasi": 0.5, "sinergi": 0.5, "inovasi": 0.6, "terbaik": 0.8, "lancar": 0.6,
	"khidmat": 0.6, "meriah": 0.6, "bermanfaat": 0.6, "sejahtera": 0.6, "kesejahteraan": 0.5,
	"gratis": 0.5, "harmonis": 0.6, "kondusif": 0.6, "amanah": 0.5, "integritas": 0.5, "semarak": 0.6,
	"membanggakan": 1, "mengembirakan": 1, "menggembirakan": 1, "pulih": 0.5,
	// more news events: fires and disasters, losses, unrest, misuse
	"ludes": -1, "hangus": -1, "melanda": -0.6, "kehilangan": -0.6, "terdampak": -0.6, "tertimbun": -1,
	"korsleting": -0.5, "hotspot": -0.8, "kesulitan": -0.6, "kendala": -0.4, "mogok": -0.8,
	"demonstrasi": -0.5, "tunggakan": -0.6, "menunggak": -0.6, "antrean": -0.5, "mahal": -0.6,
	"melonjak": -0.6, "penyelewengan": -1, "penyalahgunaan": -1, "dugaan": -0.4, "tercemarnya": -1,
	"abrasi": -0.8, "jebol": -1, "roboh": -1, "ambruk": -1, "kekerasan": -1, "pelecehan": -1,
	"penyimpangan": -0.8, "pengaduan": -0.4, "mengadu": -0.6, "dikecam": -1, "kecam": -1,
	"menuding": -0.8, "tuding": -0.8, "pembiaran": -1, "membiarkan": -0.4, "terisolasi": -0.8,
	// more good news: launches, aid, access, awards
	"meluncurkan": 0.6, "peluncuran": 0.6, "diluncurkan": 0.6, "beasiswa": 0.6, "santunan": 0.6,
	"bantuan": 0.5, "membantu": 0.5, "memperlancar": 0.8, "mempermudah": 0.8, "memudahkan": 0.8,
	"kemudahan": 0.6, "adipura": 1, "antusias": 0.8, "bersyukur": 0.8, "syukur": 0.6,
	"mengantongi": 0.5, "diraih": 0.6, "raih": 0.6, "tercapai": 0.6, "capaian": 0.5, "pencapaian": 0.6,
	"menyerahkan": 0.4, "penyerahan": 0.4, "diserahkan": 0.4, "manfaat": 0.5, "memanfaatkan": 0.3,
	"terwujud": 0.8, "mewujudkan": 0.5, "meningkatkan": 0.4, "percontohan": 0.6, "unggul": 0.8,
	"memangkas": 0.5, "dikembalikan": 0.6, "mengembalikan": 0.4, "senang": 0.6, "gembira": 0.8,
	"diresmikan": 0.6, "terselesaikan": 0.6, "tuntas": 0.6, "menuntaskan": 0.6,
}

// newsPhrases are two-word entries of the news lexicon; a phrase replaces
// the weights of its words.
var newsPhrases = map[[2]string]float64{
	{"menyambut", "baik"}: 1, {"terima", "kasih"}: 0.6, {"tanpa", "izin"}: -1, {"lebih", "mudah"}: 0.8,
	{"wajar", "tanpa"}: 1, {"titik", "api"}: -1, {"unjuk", "rasa"}: -0.6, {"tidak", "layak"}: -1,
	{"tepat", "waktu"}: 0.5, {"lebih", "baik"}: 0.6, {"angka", "kemiskinan"}: -0.3,
	{"resmi", "dibuka"}: 0.8, {"jalur", "evakuasi"}: 0, {"waktu", "tempuh"}: 0,
}

// remedies are government responses to a bad event: "memperbaiki jalan
// rusak", "penanganan banjir", "menindak tambang ilegal". The event words in
// the three words after one do not make the sentence negative; criticism
// of the response ("penanganan banjir lamban") still does.
var remedies = map[string]bool{
	"memperbaiki": true, "perbaikan": true, "diperbaiki": true, "menangani": true, "penanganan": true,
	"ditangani": true, "mengatasi": true, "diatasi": true, "menanggulangi": true, "penanggulangan": true,
	"mencegah": true, "pencegahan": true, "dicegah": true, "mengantisipasi": true, "antisipasi": true,
	"memulihkan": true, "pemulihan": true, "dipulihkan": true, "membenahi": true, "pembenahan": true,
	"dibenahi": true, "rehabilitasi": true, "merehabilitasi": true, "menindak": true, "penindakan": true,
	"ditindak": true, "memberantas": true, "pemberantasan": true, "diberantas": true, "menertibkan": true,
	"penertiban": true, "ditertibkan": true, "mengurangi": true, "mengendalikan": true, "pengendalian": true,
}

// criticism words keep their weight inside a remedy's scope.
var criticism = map[string]bool{
	"lamban": true, "lambat": true, "buruk": true, "gagal": true, "kecewa": true, "mangkrak": true,
	"terlambat": true, "kritik": true, "mengkritik": true, "dikecam": true, "kecam": true, "protes": true,
	"keluhkan": true, "mengeluhkan": true, "dikeluhkan": true, "pembiaran": true, "membiarkan": true,
}

// phraseFirst holds the first words of newsPhrases.
var phraseFirst = func() map[string]bool {
	m := map[string]bool{}
	for ph := range newsPhrases {
		m[ph[0]] = true
	}
	return m
}()

// newsShift returns the logit shifts (negative class, positive class) of
// the news lexicon hits in words, capped.
func newsShift(words []word) (neg, pos float64) {
	remedyLeft := 0
	for i := 0; i < len(words); i++ {
		w := &words[i]
		if w.punct {
			remedyLeft = 0
			continue
		}
		v := w.tone
		if remedyLeft > 0 {
			remedyLeft--
			if v < 0 && !criticism[w.norm] {
				v = 0
			}
		}
		if w.remedy {
			remedyLeft = 3
		}
		if w.phrase && i+1 < len(words) && !words[i+1].punct {
			if pv, ok := newsPhrases[[2]string{w.norm, words[i+1].norm}]; ok {
				v = pv
				i++
			}
		}
		if v == 0 {
			continue
		}
		if w.neg {
			// "tidak ada korban", "tidak rusak": a negated bad event is
			// good news; a negated good word ("tidak berhasil") is bad.
			v = -v
		}
		if v < 0 {
			neg -= v
		} else {
			pos += v
		}
	}
	neg *= newsScale
	pos *= newsScale
	if neg > 3 {
		neg = 3
	}
	if pos > 3 {
		pos = 3
	}
	return neg, pos
}

// newsScale multiplies the lexicon hits before the cap. SmSA taught the
// model little about news, so in news mode the event words must outweigh
// its guesses. Chosen on Pantau's news dev set
// (pipeline/nlp/testdata/news/dev.jsonl, 36 articles): document tone
// accuracy 0.64 at 1, 0.72 at 2, 0.83 at 2.5, 0.86 at 3 and 0.83 from 3.5
// up; 2.5 is the more cautious of the best values.
const newsScale = 2.5

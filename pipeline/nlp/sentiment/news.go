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
	"membanggakan": 1, "mengembirakan": 1, "menggembirakan": 1, "terima kasih": 0.6, "pulih": 0.5,
}

// newsShift returns the logit shifts (negative class, positive class) of
// the news lexicon hits in words, capped.
func newsShift(words []word) (neg, pos float64) {
	for i := range words {
		w := &words[i]
		if w.punct {
			continue
		}
		v := w.tone
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
	if neg > 3 {
		neg = 3
	}
	if pos > 3 {
		pos = 3
	}
	return neg, pos
}

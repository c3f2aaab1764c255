package nlp

// The written shapes of Indonesian regional news that the tagger alone gets
// wrong: datelines, places and bodies opened by a head word, bodies and
// their heads, ranks and titles, companies, appositions, acronyms, and the
// word lists these rules use. analyze runs patternSpans and fixSpans
// between tagging and the gazetteer merge.

import (
	"slices"
	"strings"

	"github.com/biroadpim/pantau/pipeline/nlp/ner"
	"github.com/biroadpim/pantau/pipeline/nlp/quote"
	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

// patternSpans adds the names Indonesian news writes in fixed shapes that
// the tagger misses or cuts: the all-caps dateline ("TENGGARONG –"), places
// opened by a place word ("Kelurahan Gunung Samarinda", "Jalan MT
// Haryono"), places made of a known place and a direction ("Balikpapan
// Utara"), an agency followed by its region ("Dinas Pemadam Kebakaran
// Samarinda") and agency acronyms the tagger did not tag ("Disperindagkop
// Kaltim"). A pattern span replaces the tagger mentions it overlaps.
func (a *Analyzer) patternSpans(w *work, text string) {
	toks, low := w.toks, w.low
	n := len(toks)
	capWord := func(i int) bool {
		if i >= n || toks[i].Kind != token.Word || toks[i].Text[0] < 'A' || toks[i].Text[0] > 'Z' {
			return false
		}
		// a headline capital the body writes in lower case is no name
		_, lowered := slices.BinarySearch(w.lowered, int32(i))
		return !lowered
	}
	sameSentence := func(i, j int) bool { return i < n && j < n && w.sentOf[i] == w.sentOf[j] }
	// gazetteer place matches by start token
	entries := a.gaz.Entries()
	if cap(w.gazLoc) < n+1 {
		w.gazLoc = make([]int32, n+1)
	}
	gazLoc := w.gazLoc[:n+1]
	clear(gazLoc)
	for _, g := range w.matches {
		if !g.Context && entries[g.Entry].Type == ner.LOC {
			gazLoc[g.Start] = int32(g.End)
		}
	}
	add := w.add[:0]
	defer func() { w.add = add[:0] }()
	put := func(start, end int, typ string) {
		add = append(add, mention{start: start, end: end, typ: typ, entry: -1, sentence: w.sentOf[start]})
	}
	// the dateline: up to three all-caps words opening a paragraph, then a
	// dash
	for i := 0; i < n; i++ {
		if i > 0 && !hasNewline(text[toks[i-1].End:toks[i].Start]) {
			continue
		}
		if k := datelineEnd(toks[i:]); k > 0 && int(gazLoc[i]) != i+k {
			put(i, i+k, ner.LOC)
		}
	}
	for i := 0; i < n; i++ {
		if gazLoc[i] == 0 && (toks[i].Text[0] < 'A' || toks[i].Text[0] > 'Z') {
			continue // the shapes below open with a capital or a known place
		}
		switch {
		case capWord(i) && placeHead[low[i]]:
			j := i + 1
			if j < n && toks[j].Text == "." && low[i] == "jl" {
				j++
			}
			k := j
			for k < n && k-j < 5 && sameSentence(i, k) && (capWord(k) || isRoman(toks[k].Text) ||
				(toks[k].Kind == token.Number && k > j)) && !isKnownWord(toks[k].Text) && !addressWord[low[k]] {
				k++
			}
			if k > j {
				put(i, k, ner.LOC)
				i = k - 1
			}
		case gazLoc[i] > 0:
			e := int(gazLoc[i])
			if capWord(e) && placeSuffix[low[e]] && sameSentence(i, e) {
				put(i, e+1, ner.LOC)
				i = e
			}
		case gazLoc[i+1] > 0 && i+1 < n && isAcronym(toks[i].Text) && !notBody[low[i]] && covered(w.ments, i) < 0 &&
			sameSentence(i, i+1) && (i > 0 || datelineEnd(toks) == 0):
			// "KONI Kaltim", "LPTQ Bontang": an acronym before a region is a
			// body's branch
			put(i, int(gazLoc[i+1]), ner.ORG)
			i = int(gazLoc[i+1]) - 1
		case isOrgHead(toks[i], low[i]):
			if covered(w.ments, i) >= 0 {
				continue
			}
			k := i + 1
			if k+2 < n && toks[k].Kind == token.Number && toks[k+1].Text == "/" && capWord(k+2) {
				// "Kodim 0912/Kutai Barat", "Korem 091/Aji Surya Natakesuma"
				k += 2
				if gazLoc[k] > 0 {
					k = int(gazLoc[k])
				} else {
					for k < n && k-i < 8 && capWord(k) && sameSentence(i, k) {
						k++
					}
				}
			} else if k < n && gazLoc[k] > 0 && sameSentence(i, k) {
				k = int(gazLoc[k])
			}
			put(i, k, ner.ORG)
			i = k - 1
		}
	}
	// an agency the tagger found or cut, then its region: "Dinas
	// Kebudayaan" + "dan Pariwisata Berau", "Kejaksaan" + "Tinggi
	// Kalimantan Timur", "SMPN" + "1 Samarinda"
	nt, na := len(w.ments), len(add)
	for x := 0; x < nt+na; x++ {
		var m mention
		if x < nt {
			m = w.ments[x]
		} else {
			m = add[x-nt]
		}
		if m.typ != ner.ORG {
			continue
		}
		for k := m.end; k < n && k-m.end < 4 && sameSentence(m.start, k); k++ {
			if gazLoc[k] > 0 {
				e := int(gazLoc[k])
				if capWord(e) && placeSuffix[low[e]] {
					e++ // "Puskesmas Sangatta Utara"
				}
				add = append(add, mention{start: m.start, end: e, typ: ner.ORG, entry: -1, sentence: m.sentence})
				break
			}
			if c := covered(w.ments, k); c >= 0 && w.ments[c].typ == ner.PER && !orgTail[low[w.ments[c].start]] {
				break // a person, not "Cabang Balikpapan"
			}
			if !capWord(k) && toks[k].Kind != token.Number && !(low[k] == "dan" && capWord(k+1)) {
				break
			}
		}
	}
	if len(add) == 0 {
		return
	}
	keep := w.ments[:0]
	for _, m := range w.ments {
		overlapped := false
		for _, p := range add {
			if m.start < p.end && p.start < m.end {
				overlapped = true
				break
			}
		}
		if !overlapped {
			keep = append(keep, m)
		}
	}
	w.ments = mergeByStart(w, keep, add)
}

// mergeByStart returns the mentions of sorted (in order) and extra (any
// order, few) in one list sorted by start, built in w's scratch; on equal
// starts those of sorted come first. It spares sorting the whole list when
// a few mentions join a sorted one.
func mergeByStart(w *work, sorted, extra []mention) []mention {
	for i := 1; i < len(extra); i++ { // insertion sort: extra is short
		for j := i; j > 0 && extra[j].start < extra[j-1].start; j-- {
			extra[j], extra[j-1] = extra[j-1], extra[j]
		}
	}
	out := w.merged[:0]
	i, j := 0, 0
	for i < len(sorted) || j < len(extra) {
		if j == len(extra) || i < len(sorted) && sorted[i].start <= extra[j].start {
			out = append(out, sorted[i])
			i++
		} else {
			out = append(out, extra[j])
			j++
		}
	}
	// the old list's storage becomes the next scratch
	w.merged = sorted[:0]
	return out
}

// isTitleWord reports titles, honorifics and ranks, those the tagger knows
// and the police and military ranks it does not.
func isTitleWord(low string) bool {
	return ner.IsTitle(low) || ranks[low]
}

var ranks = map[string]bool{
	"akp": true, "iptu": true, "ipda": true, "aipda": true, "bripka": true, "briptu": true, "bripda": true,
	"brigadir": true, "kompol": true, "letkol": true, "mayjen": true, "laksma": true, "marsma": true,
	"serka": true, "serma": true, "pelda": true, "kasat": true, "kanit": true, "kasubag": true, "pol": true,
	"inf": true, "kav": true, "arm": true, "czi": true, "cpm": true, "kolonel": true, "letda": true, "lettu": true,
	"kapt": true, "mayor": true, "komjen": true, "laksda": true, "capt": true,
}

// degrees are academic degrees written after a name ("Hendro Wicaksono,
// M.Sc."); their letters are not names.
var degrees = map[string]bool{
	"sp": true, "st": true, "mt": true, "msc": true, "mm": true, "mh": true, "sh": true, "se": true,
	"skm": true, "mpd": true, "spd": true, "phd": true, "ssos": true, "sip": true, "mkes": true,
	"sked": true, "ak": true, "mba": true, "msi": true, "ma": true, "spog": true, "mars": true,
}

// fixSpans repairs tagger spans by the written shapes of news: a span does
// not run across a dash, start with a lower-case word ("Majelis hakim
// Pengadilan Negeri …") or join two bodies over "dan"; an organisation
// ends before a title or rank and before the name after its region or
// "Tbk" ("Kejari Kukar Irwansyah Batubara"); a company runs to its last
// capitalised word ("PT Kaltim Mitra Jalan Tbk"); an agency word before a
// body belongs to it ("Dinas" + "PUPR Kukar"); "Komisi III" is a body; a
// title abbreviation opens a person ("Ir. Bagus Santika Putra"); adjacent
// person spans are one name; titles, initials and degrees are not names;
// an agency word makes a place-typed span a body ("Puskesmas Sempaja").
func fixSpans(w *work) {
	toks, low := w.toks, w.low
	n := len(toks)
	capWord := func(i int) bool {
		return i >= 0 && i < n && toks[i].Kind == token.Word && toks[i].Text[0] >= 'A' && toks[i].Text[0] <= 'Z'
	}
	isDash := func(i int) bool {
		t := toks[i].Text
		return toks[i].Kind == token.Punct && (t == "–" || t == "—" || t == "-" && i > 0 && toks[i-1].End < toks[i].Start)
	}
	add := w.add[:0]
	defer func() { w.add = add[:0] }()
	changed := false
	cutUntil := 0 // the end of a company name that ran over later spans
	out := w.ments[:0]
	for _, m := range w.ments {
		if m.entry >= 0 {
			out = append(out, m)
			continue
		}
		if m.start < cutUntil {
			// "PT … Tbk" + "Tbk Lydia": what is left after the company is
			// its own, a person when it reads as a name
			m.start = cutUntil
			changed = true
			if m.start >= m.end {
				continue
			}
			if m.typ == ner.ORG && isName(toks[m.start:m.end]) {
				m.typ = ner.PER
			}
		}
		// across a dash or "dan" + a new body: keep the part before it,
		// the part after is its own
		for k := m.start + 1; k < m.end-1; k++ {
			if isDash(k) || m.typ == ner.ORG && low[k] == "dan" && (companyPrefix[low[k+1]] || isOrgHead(toks[k+1], low[k+1])) {
				add = append(add, mention{start: k + 1, end: m.end, typ: m.typ, entry: -1, sentence: w.sentOf[k+1]})
				m.end = k
				changed = true
				break
			}
		}
		// a name does not open with a lower-case word: start after the last
		// one that is not a connector ("Majelis hakim Pengadilan …")
		for k := m.end - 1; k > m.start; k-- {
			if c := toks[k].Text[0]; toks[k].Kind == token.Word && c >= 'a' && c <= 'z' && !connector[low[k]] {
				m.start = k + 1
				changed = true
				break
			}
		}
		if m.start >= m.end {
			continue
		}
		if c := toks[m.start].Text[0]; toks[m.start].Kind == token.Word && c >= 'a' && c <= 'z' && m.end-m.start > 1 {
			m.start++ // "gudang Bulog"
			changed = true
		}
		switch m.typ {
		case ner.ORG:
			for k := m.start + 1; k < m.end; k++ {
				if e := int(w.gazLoc[k]); e > m.end && w.sentOf[e-1] == m.sentence {
					m.end = e // "BPBD Kutai" + "Timur": the region is whole
					changed = true
					break
				}
			}
			if len(toks[m.start].Text) <= 6 && m.end-m.start == 1 && notBody[low[m.start]] {
				changed = true
				continue // "RPJMD", "CSR": plans and programmes, not bodies
			}
			if companyPrefix[low[m.start]] || low[m.start] == "bpjs" {
				// run to the last capitalised word: "PT Kaltim Mitra Jalan Tbk"
				e := m.end
				for e < n && e-m.start < 8 && w.sentOf[e] == m.sentence && (capWord(e) || toks[e].Kind == token.Number) &&
					!isTitleWord(low[e]) && low[e] != "dan" && low[e-1] != "tbk" {
					e++
				}
				if e > m.end {
					m.end = e
					cutUntil = e
					changed = true
				}
			}
			for k := m.start + 1; k < m.end; k++ {
				if isTitleWord(low[k]) {
					// "Polresta Samarinda AKP Yudha": the body ends before the rank
					j := k + 1
					if j < m.end && toks[j].Text == "." {
						j++
					}
					if j < m.end && isName(toks[j:m.end]) {
						add = append(add, mention{start: j, end: m.end, typ: ner.PER, entry: -1, sentence: m.sentence})
					}
					m.end = k
					changed = true
					break
				}
				e := int(w.gazLoc[k])
				if low[k] == "tbk" {
					e = k + 1
				}
				if e > k && e < m.end && isName(toks[e:m.end]) && !orgTail[low[e]] {
					// "Kejari Kukar Irwansyah Batubara", "… Tbk Lydia Halim":
					// the body, then its head
					add = append(add, mention{start: e, end: m.end, typ: ner.PER, entry: -1, sentence: m.sentence})
					m.end = e
					changed = true
					break
				}
			}
			if k := m.start - 1; k >= 0 && agencyWord[low[k]] && capWord(k) && w.sentOf[k] == m.sentence {
				m.start = k // "Dinas" + "PUPR Kukar"
				changed = true
			}
		case ner.LOC:
			if isOrgHead(toks[m.start], low[m.start]) {
				m.typ = ner.ORG
				changed = true
			} else if k := m.start - 1; k >= 0 && capWord(k) && w.sentOf[k] == m.sentence && covered(w.ments, k) < 0 &&
				(agencyWord[low[k]] || isOrgHead(toks[k], low[k])) {
				// "Pemerintah" + "Kabupaten Kutai Barat", "RSUD" + "Taman
				// Husada", "Kelompok" + "Tani Sumber Rejeki": a body
				m.start, m.typ = k, ner.ORG
				changed = true
			}
		}
		if m.typ == ner.PER || m.typ == ner.ORG {
			if m.end-m.start == 1 && (len(toks[m.start].Text) <= 2 || isTitleWord(low[m.start])) {
				changed = true
				continue // "RM", "M", a rank alone
			}
			if degrees[low[m.start]] && m.start > 0 && (toks[m.start-1].Text == "," || toks[m.start-1].Text == ".") {
				changed = true
				continue // ", Sp.PD", ", M.Sc."
			}
		}
		if m.typ == ner.LOC && m.end-m.start == 1 && placeHead[low[m.start]] {
			changed = true
			continue // "Jalan" alone
		}
		out = append(out, m)
	}
	w.ments = out
	// dropped agency words and merged spans leave mentions to tidy below
	for i := 0; i+2 < n; i++ {
		switch {
		case toks[i+1].Text == "." && titleAbbrev[low[i]] && capWord(i+2):
			// a title abbreviation and its full stop open a person: "Ir.
			// Bagus Santika Putra", "H. Darlis Pattiwiri", "dr. Maya Angelina"
			k := i + 2
			for k < n && k-i-2 < 4 && capWord(k) && !isTitleWord(low[k]) && !isKnownWord(toks[k].Text) && w.sentOf[k] == w.sentOf[i] {
				k++
			}
			if k > i+2 && isName(toks[i+2:k]) {
				add = append(add, mention{start: i + 2, end: k, typ: ner.PER, entry: -1, sentence: w.sentOf[i]})
			}
		case low[i] == "komisi" && capWord(i) && isRoman(toks[i+1].Text):
			// "Komisi III", and the council after it: "Komisi III DPRD Kaltim"
			k := i + 2
			if c := covered(w.ments, k); c >= 0 && w.ments[c].start == k && w.ments[c].typ == ner.ORG {
				k = w.ments[c].end
			} else if k < n && low[k] == "dprd" {
				k++
				if k < n && w.gazLoc[k] > 0 {
					k = int(w.gazLoc[k])
				}
			}
			add = append(add, mention{start: i, end: k, typ: ner.ORG, entry: -1, sentence: w.sentOf[i]})
		}
	}
	if len(add) > 0 {
		keep := w.ments[:0]
		for _, m := range w.ments {
			drop := false
			for _, p := range add {
				if m.start < p.end && p.start < m.end && m.entry < 0 && !(m.start <= p.start && m.end >= p.end && m.typ == p.typ) {
					drop = true
					break
				}
			}
			if !drop {
				keep = append(keep, m)
			}
		}
		w.ments = keep
		for _, p := range add {
			if p.end > p.start && covered(w.ments, p.start) < 0 {
				w.ments = append(w.ments, p)
			}
		}
		changed = true
	}
	if changed {
		w.sortMentions()
	}
	mergeAdjacentPersons(w)
	// a name set off by commas after a role, or before a speech verb, is a
	// person: "Ketua RT 12, Mappiasse, menuturkan …", "Ayah korban,
	// Saparuddin, …"
	for k := range w.ments {
		m := &w.ments[k]
		if m.entry >= 0 || m.typ == ner.PER || m.end-m.start > 3 || m.start < 2 || m.end >= n ||
			toks[m.start-1].Text != "," || toks[m.end].Text != "," || !isName(toks[m.start:m.end]) || placeHead[low[m.start]] {
			continue
		}
		role := personNoun[low[m.start-2]] || isTitleWord(low[m.start-2]) ||
			toks[m.start-2].Kind == token.Number && m.start >= 3 && (low[m.start-3] == "rt" || low[m.start-3] == "rw")
		if role || m.end+1 < n && quote.IsSpeechVerb(low[m.end+1]) {
			m.typ = ner.PER
		}
	}
	// a person span cut after its first names: take the capitalised words
	// before it back when a title, rank or comma stands before them; titles
	// inside the span go ("AKP Yudha Pratama Ginting")
	inGaz := func(i int) bool {
		for _, g := range w.matches {
			if g.Start <= i && i < g.End {
				return true
			}
		}
		return false
	}
	for k := range w.ments {
		m := &w.ments[k]
		if m.typ != ner.PER || m.entry >= 0 {
			continue
		}
		for m.start < m.end-1 && isTitleWord(low[m.start]) {
			m.start++
		}
		j := m.start
		for j > 0 && m.start-j < 2 && capWord(j-1) && !isTitleWord(low[j-1]) && !isKnownWord(toks[j-1].Text) &&
			!sentenceOpener[low[j-1]] && covered(w.ments, j-1) < 0 && w.sentOf[j-1] == m.sentence && !inGaz(j-1) {
			j--
		}
		if j < m.start && (j == 0 || isTitleWord(low[j-1]) || toks[j-1].Text == "," || toks[j-1].Text == "." && j > 1 && titleAbbrev[low[j-2]] ||
			inGaz(j-1) || low[j-1] == "tbk" || orgEndsAt(w.ments, j)) {
			// "…, Heriansyah Nurdin", "Kepala DLH Kaltim Heriansyah Nurdin"
			m.start = j
		}
	}
}

// mergeAdjacentPersons joins person spans that touch: "Heriansyah" +
// "Nurdin" is one name. Mentions are sorted by start.
func mergeAdjacentPersons(w *work) {
	out := w.ments[:0]
	for _, m := range w.ments {
		if k := len(out) - 1; k >= 0 && m.typ == ner.PER && out[k].typ == ner.PER && out[k].entry < 0 && m.entry < 0 &&
			out[k].end == m.start && m.sentence == out[k].sentence {
			out[k].end = m.end
			continue
		}
		out = append(out, m)
	}
	w.ments = out
}

// orgEndsAt reports whether an organisation or place mention ends just
// before token i.
func orgEndsAt(ms []mention, i int) bool {
	for _, m := range ms {
		if m.end == i && m.typ != ner.PER {
			return true
		}
	}
	return false
}

// personNoun are words for people that an apposition with a name follows:
// "Ayah korban, Saparuddin,".
var personNoun = map[string]bool{
	"warga": true, "korban": true, "ayah": true, "ibu": true, "anak": true, "istri": true, "suami": true,
	"rt": true, "rw": true, "pengemudi": true, "sopir": true, "nelayan": true, "pedagang": true, "petani": true,
	"guru": true, "siswa": true, "mahasiswa": true, "mahasiswi": true, "tokoh": true, "pemilik": true,
	"pengelola": true, "saksi": true, "keluarga": true, "kakak": true, "adik": true, "orang": true,
	"tua": true, "pengunjung": true, "penumpang": true, "buruh": true, "karyawan": true, "relawan": true,
}

// linkAcronyms gives an acronym the article defines ("Institut Teknologi
// Kalimantan (ITK)", "Bank Indonesia (BI) Balikpapan") the full name as its
// canonical, for every later body that opens with it ("BI Balikpapan" →
// "Bank Indonesia Balikpapan"), and tags its untagged uses as bodies.
func linkAcronyms(w *work, text string) {
	toks := w.toks
	n := len(toks)
	var acr, full []string
	for k := range w.ments {
		m := &w.ments[k]
		if m.typ != ner.ORG {
			continue
		}
		// the tagger may stop short of the acronym: "Institut Teknologi" +
		// "Kalimantan (ITK)"
		e := m.end
		for e < n && e-m.end < 2 && toks[e].Kind == token.Word && toks[e].Text[0] >= 'A' && toks[e].Text[0] <= 'Z' &&
			covered(w.ments, e) < 0 {
			e++
		}
		if e+2 >= n || toks[e].Text != "(" || toks[e+2].Text != ")" {
			continue
		}
		a := toks[e+1].Text
		if len(a) < 2 || len(a) > 8 || !isUpper(a) || toks[e+1].Kind != token.Word || a[0] != toks[m.start].Text[0] {
			continue
		}
		if e > m.end {
			m.canonical += text[toks[m.end-1].End:toks[e-1].End]
			m.end = e
		}
		acr, full = append(acr, a), append(full, m.canonical)
	}
	if len(acr) == 0 {
		return
	}
	for k := range w.ments {
		m := &w.ments[k]
		if m.typ != ner.ORG || m.entry >= 0 {
			continue
		}
		for i, a := range acr {
			if toks[m.start].Text == a && !(m.start > 0 && toks[m.start-1].Text == "(") {
				m.canonical = full[i] + m.canonical[len(a):]
				break
			}
		}
	}
	added := false
	for i := 0; i < n; i++ {
		for j, a := range acr {
			if toks[i].Text != a || (i > 0 && toks[i-1].Text == "(") || covered(w.ments, i) >= 0 {
				continue
			}
			w.ments = append(w.ments, mention{start: i, end: i + 1, typ: ner.ORG, entry: -1, canonical: full[j], sentence: w.sentOf[i]})
			added = true
		}
	}
	if added {
		w.sortMentions()
	}
}

// notBody are acronyms of plans, budgets, programmes, documents and kinds
// of school that the tagger takes for bodies.
var notBody = map[string]bool{
	"rpjmd": true, "rpjmn": true, "rkpd": true, "apbd": true, "apbn": true, "apbdp": true, "sphp": true,
	"csr": true, "pad": true, "umkm": true, "ktp": true, "bbm": true, "lpg": true, "ppdb": true, "smp": true,
	"sma": true, "smk": true, "sd": true, "slb": true, "paud": true, "pns": true, "asn": true, "pppk": true,
	"ott": true, "dbd": true, "tbc": true, "wtp": true, "lhp": true, "opd": true, "pokir": true,
	"bansos": true, "blt": true, "kur": true, "nik": true, "npwp": true, "stnk": true, "bpkb": true,
	"pintar": true, "rdp": true, "perda": true, "pergub": true, "raperda": true, "amdal": true, "iup": true,
	"sar": true, "pmt": true, "tmmd": true, "mtq": true, "hut": true,
}

// connector words may stand inside a name: "Dinas Kebudayaan dan
// Pariwisata", "Bank of …".
var connector = map[string]bool{
	"dan": true, "of": true, "and": true, "the": true, "de": true, "van": true, "bin": true, "binti": true,
	"br": true, "boru": true,
}

// agencyWord are words that open a body's name when a body follows.
var agencyWord = map[string]bool{
	"dinas": true, "badan": true, "kantor": true, "biro": true, "bidang": true, "bagian": true, "balai": true,
	"lembaga": true, "dewan": true, "pengadilan": true, "kejaksaan": true, "kepolisian": true,
	"kementerian": true, "direktorat": true, "sekretariat": true, "inspektorat": true, "unit": true,
	"pemerintah": true, "kelompok": true, "forum": true, "persatuan": true, "ikatan": true, "asosiasi": true,
	"himpunan": true, "koperasi": true, "yayasan": true, "komunitas": true, "paguyuban": true, "pos": true,
}

// sentenceOpener are capitalised words that open sentences, not names.
var sentenceOpener = map[string]bool{
	"warga": true, "kepala": true, "menurut": true, "sementara": true, "selain": true, "dalam": true,
	"pada": true, "saat": true, "para": true, "sebelumnya": true, "sedangkan": true, "adapun": true,
	"namun": true, "kemudian": true, "sebanyak": true, "hal": true, "di": true, "ke": true, "dari": true,
	"sang": true, "si": true, "tersangka": true, "korban": true, "pelaku": true, "pasien": true,
	"senin": true, "selasa": true, "rabu": true, "kamis": true, "jumat": true, "sabtu": true, "minggu": true,
}

// titleAbbrev are titles written as an abbreviation with a full stop.
var titleAbbrev = map[string]bool{"ir": true, "h": true, "hj": true, "dr": true, "drs": true, "dra": true, "prof": true, "kh": true}

// orgTail are words that continue a body's name after its region
// ("Bank Kaltim Syariah"), not the name of a person.
var orgTail = map[string]bool{
	"syariah": true, "tbk": true, "persero": true, "cabang": true, "wilayah": true, "raya": true,
	"perwakilan": true, "regional": true,
}

// hasNewline reports a line break in the short gap between two tokens.
func hasNewline(gap string) bool {
	for i := 0; i < len(gap); i++ {
		if gap[i] == '\n' {
			return true
		}
	}
	return false
}

// covered returns the index of the mention covering token i, or -1.
func covered(ms []mention, i int) int {
	for k, m := range ms {
		if m.start <= i && i < m.end {
			return k
		}
	}
	return -1
}

// datelineEnd returns the end of an all-caps dateline opening the text
// ("SAMARINDA –", "TANA PASER -"), or 0.
func datelineEnd(toks []token.Token) int {
	k := 0
	for k < len(toks) && k < 3 && toks[k].Kind == token.Word && len(toks[k].Text) > 1 && isUpper(toks[k].Text) {
		k++
	}
	if k == 0 || k >= len(toks) {
		return 0
	}
	switch toks[k].Text {
	case "–", "-", "—", ",":
		return k
	}
	return 0
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// titleWords writes an all-caps name in title case: "TANA PASER" → "Tana Paser".
func titleWords(s string) string {
	b := []byte(strings.ToLower(s))
	for i := range b {
		if (i == 0 || b[i-1] == ' ' || b[i-1] == '-') && b[i] >= 'a' && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

// isAcronym reports an all-capital word of two to eight letters ("KONI",
// "BKSDA").
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func isRoman(s string) bool {
	if s == "" || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'I', 'V', 'X':
		default:
			return false
		}
	}
	return true
}

// mergeAdjacentOrg joins an organisation span with an organisation span
// right after it, and a company name with the name-like span after it
// ("PT Karya" + "Lestari"): the tagger sometimes splits long company and
// agency names. A person after an agency stays a person: "Kepala BPBD
// Balikpapan Usman Ali" is the agency, then its head.
func mergeAdjacentOrg(sp []ner.Span, low []string) []ner.Span {
	out := sp[:0]
	for _, s := range sp {
		if n := len(out); n > 0 && out[n-1].Type == ner.ORG && out[n-1].End == s.Start &&
			(s.Type == ner.ORG || (s.Type != ner.LOC && companyPrefix[low[out[n-1].Start]])) {
			out[n-1].End = s.End
			continue
		}
		out = append(out, s)
	}
	return out
}

// orgExpansion writes out the government acronyms that open a body's name,
// so that the short and the long form share one canonical name.
var orgExpansion = map[string]string{
	"pemprov": "Pemerintah Provinsi", "pemkab": "Pemerintah Kabupaten", "pemkot": "Pemerintah Kota",
	"pemdes": "Pemerintah Desa", "kejati": "Kejaksaan Tinggi", "kejari": "Kejaksaan Negeri",
	"bps": "Badan Pusat Statistik", "bapenda": "Badan Pendapatan Daerah", "dinkes": "Dinas Kesehatan",
	"dishub": "Dinas Perhubungan", "disdik": "Dinas Pendidikan", "disdikbud": "Dinas Pendidikan dan Kebudayaan",
	"damkar": "Dinas Pemadam Kebakaran",
}

// homeGovernment returns the gazetteer entry that is the only government
// named prefix + " …" ("Pemerintah Provinsi Kalimantan Timur"), or -1 when
// there is none or more than one.
func (a *Analyzer) homeGovernment(prefix string) int {
	found := -1
	for i, e := range a.gaz.Entries() {
		if e.Type == ner.ORG && strings.HasPrefix(e.Name, prefix+" ") {
			if found >= 0 {
				return -1
			}
			found = i
		}
	}
	return found
}

// bareGovernment are the expanded government names without a region.
var bareGovernment = map[string]bool{
	"Pemerintah Provinsi": true, "Pemerintah Kabupaten": true, "Pemerintah Kota": true, "Pemerintah Desa": true,
}

// placeHead lists the words that open the name of a place or structure:
// "Kelurahan Gunung Samarinda", "Jalan MT Haryono", "Jembatan Mahakam IV".
var placeHead = map[string]bool{
	"jalan": true, "jl": true, "jembatan": true, "sungai": true, "bandara": true, "pelabuhan": true,
	"bendungan": true, "pasar": true, "taman": true, "gunung": true, "pulau": true, "danau": true,
	"teluk": true, "simpang": true, "terminal": true, "waduk": true, "tanjung": true, "kelurahan": true,
	"kecamatan": true, "desa": true, "kampung": true, "gedung": true, "museum": true, "stadion": true,
	"gang": true, "dusun": true, "selat": true, "terowongan": true, "perumahan": true, "masjid": true,
	"pantai": true, "kawasan": true, "bukit": true, "muara": true, "tana": true, "tanah": true,
}

// addressWord lists the words that end a place name in an address:
// "Jalan Soekarno-Hatta Km 5", "Jalan Juanda No 12", "Gang Mawar RT 3".
var addressWord = map[string]bool{"km": true, "no": true, "nomor": true, "rt": true, "rw": true, "blok": true}

// placeSuffix lists the words that make another place of a place name
// they follow: "Samarinda Seberang", "Balikpapan Utara".
var placeSuffix = map[string]bool{
	"utara": true, "selatan": true, "timur": true, "barat": true, "tengah": true, "kota": true,
	"seberang": true, "ulu": true, "ilir": true, "hulu": true, "hilir": true, "baru": true,
}

// orgHead lists single words that name a body on their own (agencies,
// police and courts, state companies); "Dis…" agency acronyms are matched
// by shape (Disperindagkop, Dishub, Disnakertrans).
var orgHead = map[string]bool{
	"bappeda": true, "bapenda": true, "dinkes": true, "polres": true, "polresta": true, "polsek": true,
	"kodim": true, "korem": true, "kejari": true, "kejati": true, "perumda": true, "pdam": true,
	"rsud": true, "bpbd": true, "bps": true, "bmkg": true, "basarnas": true, "bnpb": true, "bpjs": true,
	"bulog": true, "kpu": true, "bawaslu": true, "dprd": true, "pertamina": true, "pln": true,
	"pelindo": true, "pemkab": true, "pemkot": true, "pemprov": true, "uptd": true, "bpkad": true,
	"bkd": true, "inspektorat": true, "ombudsman": true, "kpk": true, "bpk": true, "ojk": true,
	"satpol": true, "damkar": true, "puskesmas": true, "lantamal": true, "lanud": true, "kesbangpol": true,
	"koni": true, "lptq": true, "bksda": true, "pelni": true, "politani": true, "lanal": true, "asdp": true,
	"ksop": true, "dkp": true, "disbun": true, "pendim": true, "unmul": true, "polnes": true, "uinsi": true,
	"kejagung": true, "bnn": true, "bnnp": true, "bpom": true, "bbpom": true, "kanwil": true, "kemenag": true,
	"bwsk": true, "bpjn": true, "bpn": true, "imigrasi": true,
}

func isOrgHead(t token.Token, low string) bool {
	if t.Kind != token.Word || t.Text[0] < 'A' || t.Text[0] > 'Z' {
		return false
	}
	if orgHead[low] {
		return true
	}
	// Dis + at least three letters, capitalised as an acronym word
	if len(low) >= 6 && strings.HasPrefix(t.Text, "Dis") && t.Text[3] >= 'a' && t.Text[3] <= 'z' {
		for i := 0; i < len(low); i++ {
			if low[i] < 'a' || low[i] > 'z' {
				return false
			}
		}
		return !strings.HasPrefix(low, "disk") || strings.HasPrefix(low, "diskominfo")
	}
	return false
}

// companyPrefix lists the words that open a company or foundation name.
var companyPrefix = map[string]bool{
	"pt": true, "cv": true, "ud": true, "pd": true, "perum": true, "perumda": true,
	"perseroda": true, "koperasi": true, "yayasan": true, "bumd": true,
}

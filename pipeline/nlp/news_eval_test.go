package nlp

// News evaluation: hand-written, annotated Kaltim regional-news articles and
// public posts (testdata/news/{dev,dev2,dev3,test,test2}.jsonl, invented
// texts, no real articles). dev, dev2 and dev3 were written one after the
// other, each in other styles and topics, to check that changes tuned on
// the earlier ones generalise; test and test2 are only measured, never
// tuned on. The test runs the analyzer as `pantau analyze` does for
// {"id","text"} input (Analyze(text)) and reports entity, canonical-name,
// quote and document-tone metrics. Run with
//
//	go test ./nlp -run News -v -count=1
//
// and set PANTAU_NEWS_EVAL_ERRORS=1 to also log every error.
//
// Annotation conventions (see the data):
//   - Entities: every PER, ORG and LOC mention in order of appearance,
//     repeats included. Titles, honorifics and degrees are outside PER spans
//     ("Gubernur Kaltim Rudy Mas'ud" → LOC "Kaltim", PER "Rudy Mas'ud";
//     "Kombes Pol", "Prof.", "dr.", "H.", "Hj.", "Acil", "Ibu", "Pak",
//     ", S.T., M.T." are not part of the name). An institution followed by
//     its head gives ORG + PER ("Kepala BPBD Balikpapan Usman Ali"). The
//     region inside an institution name is not a separate LOC ("Pemprov
//     Kaltim", "DPRD Kaltim" are one ORG). Administrative and geographic
//     words written capitalised before a name belong to the LOC span
//     ("Kelurahan Baqa", "Kecamatan Long Kali", "Sungai Mahakam",
//     "Jalan Gajah Mada", "Jembatan Mahakam"). Datelines are LOC; "(ANTARA)"
//     is ORG. Events, hashtags, programme names (Gratispol) and ethnic
//     groups are not annotated; predicted EVT entities are ignored.
//   - Canonical: the gazetteer name when the entity is in the embedded
//     gazetteer ("Kaltim" → "Kalimantan Timur", "Polda Kaltim" → "Polda
//     Kalimantan Timur", "Dinas PUPR Kaltim" → "Dinas PUPR-PERA Kaltim");
//     otherwise the fullest form of the name in the same article, without
//     titles ("Usman" → "Usman Ali"), with Pemkab/Pemkot/Pemprov written
//     out ("Pemerintah Kabupaten Mahakam Ulu"). Sub-district places keep
//     their own name ("Gunung Samarinda" → "Kelurahan Gunung Samarinda",
//     not the city).
//   - Quotes: direct quotes (straight or curly marks; `"…," kata X`,
//     `"…," tegasnya`) and reported speech after a speech verb (mengatakan,
//     menyatakan, menjelaskan [bahwa], menegaskan, menuturkan, menambahkan,
//     menyampaikan, mengungkapkan, menyebutkan, menerangkan, memaparkan,
//     menilai, mengakui) or "menurut X, …" / "kata X, …". Requests and
//     appeals (meminta, mengimbau) are not quotes. Speaker is the canonical
//     name of the speaker (pronouns and "-nya" resolve to the last named
//     speaker; an institution may speak). Text excludes quote marks and the
//     closing comma or full stop.
//   - Tone: the article's tone for a government-communication reader.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

type newsGoldEntity struct {
	Text      string `json:"text"`
	Type      string `json:"type"`
	Canonical string `json:"canonical"`
}

type newsGoldQuote struct {
	Speaker string `json:"speaker"`
	Text    string `json:"text"`
}

type newsItem struct {
	ID       string           `json:"id"`
	Kind     string           `json:"kind"`
	Tone     string           `json:"tone"`
	Text     string           `json:"text"`
	Entities []newsGoldEntity `json:"entities"`
	Quotes   []newsGoldQuote  `json:"quotes"`
}

var (
	newsTypes = []string{"PER", "ORG", "LOC"}
	newsTones = []string{"negative", "neutral", "positive"}
)

func loadNewsItems(t testing.TB, split string) []newsItem {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "news", split+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var items []newsItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		var it newsItem
		dec := json.NewDecoder(strings.NewReader(s))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&it); err != nil {
			t.Fatalf("%s.jsonl line %d: %v", split, line, err)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return items
}

func newsIsWordByte(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// newsFind returns the first occurrence of sub in s at or after from that
// starts and ends on a word boundary, or -1.
func newsFind(s, sub string, from int) int {
	for from <= len(s) {
		k := strings.Index(s[from:], sub)
		if k < 0 {
			return -1
		}
		k += from
		before, _ := utf8.DecodeLastRuneInString(s[:k])
		after, _ := utf8.DecodeRuneInString(s[k+len(sub):])
		if (k == 0 || !newsIsWordByte(before)) && (k+len(sub) == len(s) || !newsIsWordByte(after)) {
			return k
		}
		from = k + 1
	}
	return -1
}

type newsSpan struct {
	start, end int
	typ        string
	canonical  string
}

// locateGold finds the gold entity spans in order; ok is false if one is
// missing.
func locateGold(it newsItem) ([]newsSpan, bool) {
	var out []newsSpan
	pos := 0
	for _, e := range it.Entities {
		k := newsFind(it.Text, e.Text, pos)
		if k < 0 {
			return out, false
		}
		out = append(out, newsSpan{k, k + len(e.Text), e.Type, e.Canonical})
		pos = k + len(e.Text)
	}
	return out, true
}

// normQuote lower-cases, collapses white space and trims quote marks and
// final punctuation.
func normQuote(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.Trim(s, " \"'“”‘’.,;:!?")
}

func quoteTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !newsIsWordByte(r) && r != '-' && r != '\'' })
}

// quoteOverlap scores how well a predicted quote matches a gold one: 1 when
// one contains the other (the shorter having at least three words), else the
// token Jaccard; a match needs a score of at least 0.6.
func quoteOverlap(gold, pred string) float64 {
	g, p := normQuote(gold), normQuote(pred)
	if g == "" || p == "" {
		return 0
	}
	gt, pt := quoteTokens(g), quoteTokens(p)
	if min(len(gt), len(pt)) >= 3 && (strings.Contains(g, p) || strings.Contains(p, g)) {
		return 1
	}
	set := map[string]int{}
	for _, w := range gt {
		set[w] |= 1
	}
	for _, w := range pt {
		set[w] |= 2
	}
	inter := 0
	for _, v := range set {
		if v == 3 {
			inter++
		}
	}
	if len(set) == 0 {
		return 0
	}
	return float64(inter) / float64(len(set))
}

type prf struct{ tp, fp, fn int }

func (c prf) p() float64  { return ratio(c.tp, c.tp+c.fp) }
func (c prf) r() float64  { return ratio(c.tp, c.tp+c.fn) }
func (c prf) f1() float64 { return f1(c.p(), c.r()) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// newsMetrics are the figures for one split.
type newsMetrics struct {
	n          int
	ents       map[string]*prf // by type, plus "ALL"
	canonOK    int             // correctly detected entities with the gold canonical
	canonN     int             // correctly detected entities
	quotesGold int
	quotesPred int
	quotesHit  int // gold quotes matched
	speakerOK  int // of those, with the right speaker
	toneConf   [3][3]int
	flips      int
	errors     []string
}

func (m *newsMetrics) toneAcc() float64 {
	ok := 0
	for i := range 3 {
		ok += m.toneConf[i][i]
	}
	return ratio(ok, m.n)
}

func (m *newsMetrics) toneMacroF1() float64 {
	s := 0.0
	for c := range 3 {
		tp, pred, gold := m.toneConf[c][c], 0, 0
		for o := range 3 {
			pred += m.toneConf[o][c]
			gold += m.toneConf[c][o]
		}
		s += f1(ratio(tp, pred), ratio(tp, gold))
	}
	return s / 3
}

func evalNews(t testing.TB, a *Analyzer, items []newsItem) *newsMetrics {
	m := &newsMetrics{n: len(items), ents: map[string]*prf{"ALL": {}}}
	for _, ty := range newsTypes {
		m.ents[ty] = &prf{}
	}
	errf := func(format string, args ...any) { m.errors = append(m.errors, fmt.Sprintf(format, args...)) }
	for _, it := range items {
		res := a.Analyze(it.Text)
		gold, ok := locateGold(it)
		if !ok {
			t.Fatalf("%s: gold entity not found in text (run TestNewsEvalDataValid)", it.ID)
		}

		// Entities: exact (type, span) match; EVT predictions are ignored.
		type key struct {
			start, end int
			typ        string
		}
		goldAt := map[key]newsSpan{}
		for _, g := range gold {
			goldAt[key{g.start, g.end, g.typ}] = g
		}
		seen := map[key]bool{}
		for _, e := range res.Entities {
			if !slices.Contains(newsTypes, e.Type) {
				continue
			}
			if e.Start < 0 || e.End > len(it.Text) || e.Start > e.End || it.Text[e.Start:e.End] != e.Text {
				t.Errorf("%s: entity %q offsets %d..%d do not point at its text", it.ID, e.Text, e.Start, e.End)
				continue
			}
			k := key{e.Start, e.End, e.Type}
			if seen[k] {
				continue
			}
			seen[k] = true
			if g, ok := goldAt[k]; ok {
				m.ents[e.Type].tp++
				m.ents["ALL"].tp++
				m.canonN++
				if strings.EqualFold(strings.TrimSpace(e.Canonical), g.canonical) {
					m.canonOK++
				} else {
					errf("%s CANON %s %q: gold %q, predicted %q", it.ID, e.Type, e.Text, g.canonical, e.Canonical)
				}
				continue
			}
			m.ents[e.Type].fp++
			m.ents["ALL"].fp++
			note := ""
			for _, g := range gold {
				if g.start < e.End && e.Start < g.end {
					note += fmt.Sprintf(" (gold %s %q)", g.typ, it.Text[g.start:g.end])
				}
			}
			errf("%s FP %s %q%s", it.ID, e.Type, e.Text, note)
		}
		for _, g := range gold {
			k := key{g.start, g.end, g.typ}
			if seen[k] {
				continue
			}
			m.ents[g.typ].fn++
			m.ents["ALL"].fn++
			note := ""
			for _, e := range res.Entities {
				if e.Start < g.end && g.start < e.End {
					note += fmt.Sprintf(" (predicted %s %q)", e.Type, e.Text)
				}
			}
			errf("%s FN %s %q%s", it.ID, g.typ, it.Text[g.start:g.end], note)
		}

		// Quotes: each gold quote takes the best unused predicted quote.
		m.quotesGold += len(it.Quotes)
		m.quotesPred += len(res.Quotes)
		used := make([]bool, len(res.Quotes))
		for _, gq := range it.Quotes {
			best, bestScore := -1, 0.6
			for i, pq := range res.Quotes {
				if used[i] {
					continue
				}
				if s := quoteOverlap(gq.Text, pq.Text); s >= bestScore {
					best, bestScore = i, s
				}
			}
			if best < 0 {
				errf("%s QUOTE-MISSED [%s] %q", it.ID, gq.Speaker, gq.Text)
				continue
			}
			used[best] = true
			m.quotesHit++
			pq := res.Quotes[best]
			if strings.EqualFold(strings.TrimSpace(pq.Speaker), gq.Speaker) || strings.EqualFold(strings.TrimSpace(pq.Canonical), gq.Speaker) {
				m.speakerOK++
			} else {
				errf("%s SPEAKER %q: gold %q, predicted %q (canonical %q)", it.ID, short(gq.Text), gq.Speaker, pq.Speaker, pq.Canonical)
			}
		}
		for i, pq := range res.Quotes {
			if !used[i] {
				errf("%s QUOTE-EXTRA [%s] %q", it.ID, pq.Canonical, short(pq.Text))
			}
		}

		// Tone.
		gi, pi := slices.Index(newsTones, it.Tone), slices.Index(newsTones, res.Sentiment.Label)
		if gi < 0 || pi < 0 {
			t.Fatalf("%s: tone gold %q predicted %q", it.ID, it.Tone, res.Sentiment.Label)
		}
		m.toneConf[gi][pi]++
		if gi != pi {
			errf("%s TONE gold %s, predicted %s (score %.2f)", it.ID, it.Tone, res.Sentiment.Label, res.Sentiment.Score)
		}
		if gi != 1 && pi != 1 && gi != pi {
			m.flips++
		}
	}
	return m
}

func short(s string) string {
	if len(s) <= 60 {
		return s
	}
	cut := 60
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func logNewsMetrics(t *testing.T, split string, m *newsMetrics) {
	t.Logf("== %s: %d items ==", split, m.n)
	t.Logf("%-5s %5s %5s %5s %5s %5s %5s", "type", "P", "R", "F1", "tp", "fp", "fn")
	for _, ty := range append(slices.Clone(newsTypes), "ALL") {
		c := m.ents[ty]
		t.Logf("%-5s %5.3f %5.3f %5.3f %5d %5d %5d", ty, c.p(), c.r(), c.f1(), c.tp, c.fp, c.fn)
	}
	t.Logf("canonical accuracy %.3f (%d/%d correctly detected)", ratio(m.canonOK, m.canonN), m.canonOK, m.canonN)
	t.Logf("quotes: recall %.3f (%d/%d), speaker accuracy %.3f (%d/%d), precision %.3f (%d predicted)",
		ratio(m.quotesHit, m.quotesGold), m.quotesHit, m.quotesGold,
		ratio(m.speakerOK, m.quotesHit), m.speakerOK, m.quotesHit,
		ratio(m.quotesHit, m.quotesPred), m.quotesPred)
	t.Logf("tone: accuracy %.3f, macro-F1 %.3f, polarity flips %d", m.toneAcc(), m.toneMacroF1(), m.flips)
	t.Logf("tone confusion (rows gold neg/neu/pos, cols predicted): %v", m.toneConf)
	if os.Getenv("PANTAU_NEWS_EVAL_ERRORS") != "" {
		for _, e := range m.errors {
			t.Log("  " + e)
		}
	}
}

// newsFloors are regression floors on a held-out split.
type newsFloors struct {
	entityF1, perF1, canonical, quoteRec, speakerAcc, toneAcc, toneF1 float64
	maxFlips                                                          int
}

// Floors on the held-out splits, about 0.05 under the figures measured
// after the news-shape work (patterns for datelines, places, agencies and
// their heads, role phrases, span repairs; pronoun and "menurut"
// statements; the weighted news lexicon). dev, dev2 and dev3 were used to
// develop those changes; test and test2 were only measured (test2 was
// written after the rules, by someone who had not seen the analyzer's
// errors). bd2358f is the analyzer before the work.
//
//	                 test                   test2
//	                 bd2358f  news shapes   bd2358f  news shapes
//	entity micro-F1  0.629    0.905         0.707    0.932
//	PER F1           0.618    0.945         —        0.912
//	canonical        0.944    0.991         0.925    0.967
//	quote recall     0.667    0.833         0.733    0.856
//	speaker acc.     0.600    0.960         0.697    0.935
//	tone accuracy    0.500    0.667         0.600    0.667
//	tone macro-F1    0.469    0.625         0.569    0.638
//	polarity flips   1        0             1        2
//
// The tone figures are after the first sentence's weight went from 1.5 to
// 2.5 (chosen on the dev sets); before that change they were test 0.722 /
// 0.704 / 0 flips and test2 0.633 / 0.605 / 3 flips: one item fewer right
// on test, one more on test2, one flip fewer. With 18 items one more tone
// error costs 0.056 on test, so its tone floors allow exactly one. Raise
// the floors as the analyzer improves.
var newsHeldOutFloors = map[string]newsFloors{
	"test":  {entityF1: 0.85, perF1: 0.89, canonical: 0.93, quoteRec: 0.78, speakerAcc: 0.90, toneAcc: 0.61, toneF1: 0.57, maxFlips: 1},
	"test2": {entityF1: 0.88, perF1: 0.86, canonical: 0.91, quoteRec: 0.80, speakerAcc: 0.88, toneAcc: 0.61, toneF1: 0.58, maxFlips: 3},
}

func TestNewsEval(t *testing.T) {
	a, err := New(Options{})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	for _, split := range []string{"dev", "dev2", "dev3", "test", "test2"} {
		m := evalNews(t, a, loadNewsItems(t, split))
		logNewsMetrics(t, split, m)
		f, ok := newsHeldOutFloors[split]
		if !ok {
			continue
		}
		check := func(name string, got, floor float64) {
			if got < floor {
				t.Errorf("%s split %s %.3f below floor %.2f", split, name, got, floor)
			}
		}
		check("entity micro-F1", m.ents["ALL"].f1(), f.entityF1)
		check("PER F1", m.ents["PER"].f1(), f.perF1)
		check("canonical accuracy", ratio(m.canonOK, m.canonN), f.canonical)
		check("quote recall", ratio(m.quotesHit, m.quotesGold), f.quoteRec)
		check("speaker accuracy", ratio(m.speakerOK, m.quotesHit), f.speakerAcc)
		check("tone accuracy", m.toneAcc(), f.toneAcc)
		check("tone macro-F1", m.toneMacroF1(), f.toneF1)
		if m.flips > f.maxFlips {
			t.Errorf("%s split: %d polarity flips, at most %d allowed", split, m.flips, f.maxFlips)
		}
	}
}

func TestNewsEvalDataValid(t *testing.T) {
	want := map[string]int{"dev": 36, "dev2": 30, "dev3": 30, "test": 18, "test2": 30}
	sentences := map[string]string{} // sentence → split, to keep the splits apart
	for _, split := range []string{"dev", "dev2", "dev3", "test", "test2"} {
		items := loadNewsItems(t, split)
		if len(items) != want[split] {
			t.Errorf("%s: %d items, want %d", split, len(items), want[split])
		}
		ids := map[string]bool{}
		tones := map[string]int{}
		for _, it := range items {
			if !strings.HasPrefix(it.ID, split+"-") || ids[it.ID] {
				t.Errorf("%s: bad or duplicate id %q", split, it.ID)
			}
			ids[it.ID] = true
			if it.Kind != "news" && it.Kind != "post" {
				t.Errorf("%s: kind %q", it.ID, it.Kind)
			}
			if !slices.Contains(newsTones, it.Tone) {
				t.Errorf("%s: tone %q", it.ID, it.Tone)
			}
			tones[it.Tone]++
			if strings.TrimSpace(it.Text) == "" || !utf8.ValidString(it.Text) {
				t.Errorf("%s: empty or invalid text", it.ID)
			}
			for _, e := range it.Entities {
				if !slices.Contains(newsTypes, e.Type) {
					t.Errorf("%s: entity %q type %q", it.ID, e.Text, e.Type)
				}
				if e.Text == "" || strings.TrimSpace(e.Text) != e.Text || strings.TrimSpace(e.Canonical) == "" {
					t.Errorf("%s: entity %+v has empty or padded fields", it.ID, e)
				}
			}
			if spans, ok := locateGold(it); !ok {
				t.Errorf("%s: entity %q not found (in order, on word boundaries) after %d located", it.ID,
					it.Entities[len(spans)].Text, len(spans))
			}
			for _, q := range it.Quotes {
				if strings.TrimSpace(q.Speaker) == "" || strings.TrimSpace(q.Text) == "" {
					t.Errorf("%s: quote %+v has empty fields", it.ID, q)
					continue
				}
				if !strings.Contains(it.Text, q.Text) {
					t.Errorf("%s: quote text %q not in the article", it.ID, q.Text)
				}
				if strings.HasSuffix(q.Text, ",") || strings.ContainsAny(q.Text[:1]+q.Text[len(q.Text)-1:], "\"“”") {
					t.Errorf("%s: quote text %q keeps a quote mark or the closing comma", it.ID, q.Text)
				}
				named := false
				for _, e := range it.Entities {
					named = named || strings.EqualFold(e.Canonical, q.Speaker)
				}
				if !named {
					t.Errorf("%s: quote speaker %q is not the canonical of any entity in the article", it.ID, q.Speaker)
				}
			}
			for _, s := range strings.FieldsFunc(it.Text, func(r rune) bool { return r == '.' || r == '!' || r == '?' }) {
				s = strings.TrimSpace(s)
				if len(s) < 40 {
					continue
				}
				if other, ok := sentences[s]; ok && other != split {
					t.Errorf("%s: sentence shared with the %s split: %q", it.ID, other, s)
				}
				sentences[s] = split
			}
		}
		for _, tone := range newsTones {
			if share := ratio(tones[tone], len(items)); share < 0.25 || share > 0.45 {
				t.Errorf("%s: tone %s is %.0f%% of the items", split, tone, 100*share)
			}
		}
	}
}

package nlp

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/biroadpim/pantau/pipeline/nlp/gazetteer"
	"github.com/biroadpim/pantau/pipeline/nlp/issue"
	"github.com/biroadpim/pantau/pipeline/nlp/langid"
	"github.com/biroadpim/pantau/pipeline/nlp/ner"
	"github.com/biroadpim/pantau/pipeline/nlp/quote"
	"github.com/biroadpim/pantau/pipeline/nlp/sentiment"
	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

// Analyzer runs the whole analysis. Build it once with New; it is safe for
// concurrent use.
type Analyzer struct {
	sent  *sentiment.Model
	ner   *ner.Model
	gaz   *gazetteer.Gazetteer
	tax   *issue.Taxonomy
	maxKP int
	pool  sync.Pool
	// home maps a bare government name ("Pemerintah Provinsi") to the
	// gazetteer's only entry that extends it, when there is exactly one
	home map[string]int
	// nameWords[i] are the words of gazetteer entry i's canonical name,
	// and nameLow the same lower-cased
	nameWords, nameLow [][]string
}

// work is per-call scratch space, pooled.
type work struct {
	toks    []token.Token
	sents   []token.Span
	words   []string
	spans   []ner.Span
	matches []gazetteer.Match
	ments   []mention
	probs   [][3]float64
	sentOf  []int
	low     []string
	kpl     []string
	kp      issue.KeyPhraser
	lowText []byte
	// words written in lower case outside the title (see writtenLower)
	lowerIdx []int32
	lowerSet bool
	voteIdx  map[string]int32
	votes    [][5]int
	// canonicalise
	parts  []string
	nameAt [][2]int
	full   [][2]int
	// entity sentiment
	aggIdx map[string]int32
	aggs   []entityAgg
	// patternSpans: end of the gazetteer place starting at each token (0
	// if none), and the spans found
	gazLoc []int32
	add    []mention
	merged []mention // scratch of mergeByStart
	// scratch of sortMentions
	sortIdx []int32
	sortTmp []mention
	// title words the tagger saw lower-cased (token indices, in order)
	lowered []int32
	// quotes
	qm                   []quote.Mention
	known                map[string]bool
	menurutAt, pronounAt []int
}

// entityAgg sums the tone of the sentences that mention one entity.
type entityAgg struct {
	p    [3]float64
	n    int
	last int // last sentence counted
}

// mention is an entity mention over token indices.
type mention struct {
	start, end int // token indices
	typ        string
	entry      int // gazetteer entry, -1 if none
	canonical  string
	role       string
	sentence   int
}

// New loads the embedded models and the gazetteer and taxonomy (embedded
// defaults or the override files named in opts).
func New(opts Options) (*Analyzer, error) {
	a := &Analyzer{maxKP: opts.MaxKeyphrases}
	if a.maxKP <= 0 {
		a.maxKP = DefaultMaxKeyphrases
	}
	var err error
	if a.sent, err = sentiment.Default(); err != nil {
		return nil, fmt.Errorf("new analyzer: %w", err)
	}
	if a.ner, err = ner.Default(); err != nil {
		return nil, fmt.Errorf("new analyzer: %w", err)
	}
	if opts.GazetteerFile != "" {
		a.gaz, err = gazetteer.LoadFile(opts.GazetteerFile)
	} else {
		a.gaz, err = gazetteer.Default()
	}
	if err != nil {
		return nil, fmt.Errorf("new analyzer: %w", err)
	}
	if opts.TaxonomyFile != "" {
		a.tax, err = issue.LoadFile(opts.TaxonomyFile)
	} else {
		a.tax, err = issue.Default()
	}
	if err != nil {
		return nil, fmt.Errorf("new analyzer: %w", err)
	}
	for _, e := range a.gaz.Entries() {
		a.nameWords = append(a.nameWords, strings.Fields(e.Name))
		a.nameLow = append(a.nameLow, strings.Fields(strings.ToLower(e.Name)))
	}
	a.home = map[string]int{}
	for bare := range bareGovernment {
		if e := a.homeGovernment(bare); e >= 0 {
			a.home[bare] = e
		}
	}
	a.pool.New = func() any { return &work{} }
	return a, nil
}

// ModelVersion identifies the analysis code generation and the embedded
// models (it changes whenever a model is retrained); store it with each
// analysis.
func ModelVersion() string {
	return "nlp2-s" + sentiment.ModelHash() + "-n" + ner.ModelHash()
}

// Analyze analyses one text. Offsets in the result are byte offsets into
// text.
func (a *Analyzer) Analyze(text string) Result {
	return a.analyze(text, 0, 0)
}

// AnalyzeDocument analyses a news document. The title and lead weigh more in
// the document sentiment, issues and key phrases. The text analysed (and
// the base of all offsets) is title + "\n\n" + lead + "\n\n" + body, with
// empty parts left out.
func (a *Analyzer) AnalyzeDocument(title, lead, body string) Result {
	var b strings.Builder
	b.Grow(len(title) + len(lead) + len(body) + 4)
	titleEnd, leadEnd := 0, 0
	for i, part := range []string{title, lead, body} {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(part)
		switch i {
		case 0:
			titleEnd = b.Len()
			leadEnd = b.Len()
		case 1:
			leadEnd = b.Len()
		}
	}
	return a.analyze(b.String(), titleEnd, leadEnd)
}

func (a *Analyzer) analyze(text string, titleEnd, leadEnd int) Result {
	w := a.pool.Get().(*work)
	defer a.pool.Put(w)
	res := Result{Entities: []Entity{}, Quotes: []Quote{}, Issues: []string{}, Keyphrases: []string{}}
	w.toks = token.Tokenize(w.toks[:0], text)
	toks := w.toks
	w.lowerTokens(text)
	res.Language = langid.DetectLower(toks, w.low)
	if len(toks) == 0 {
		res.Sentiment = Sentiment{Label: "neutral", Confidence: 1}
		return res
	}
	w.sents = token.Sentences(w.sents[:0], text, toks)
	w.sentOf = w.sentOf[:0]
	w.probs = w.probs[:0]
	w.ments = w.ments[:0]
	w.matches = a.gaz.FindLower(w.matches[:0], toks, w.low)

	w.lowerSet = false
	w.lowered = w.lowered[:0]
	// Per sentence: sentiment and NER.
	ti := 0
	for si, s := range w.sents {
		a0 := ti
		for ti < len(toks) && toks[ti].Start < s.End {
			w.sentOf = append(w.sentOf, si)
			ti++
		}
		st := toks[a0:ti]
		p := a.sent.PredictTokensLower(st, w.low[a0:ti], true)
		w.probs = append(w.probs, p.Probs)
		w.words = w.words[:0]
		for _, t := range st {
			w.words = append(w.words, t.Text)
		}
		if titleCase(st) {
			// Headlines capitalise every word: lower-case the words that
			// the body writes in lower case, so the tagger sees real names.
			for i, t := range st {
				if l := w.low[a0+i]; l != t.Text && (headlineLower[l] || w.writtenLower(l, titleEnd)) {
					w.words[i] = l
					if s.Start < titleEnd {
						w.lowered = append(w.lowered, int32(a0+i))
					}
				}
			}
		}
		w.spans = mergeAdjacentOrg(a.ner.TagLower(w.spans[:0], w.words, w.low[a0:ti]), w.low[a0:ti])
		for _, sp := range w.spans {
			w.ments = append(w.ments, mention{start: a0 + sp.Start, end: a0 + sp.End, typ: sp.Type, entry: -1, sentence: si})
		}
	}
	for ti < len(toks) {
		w.sentOf = append(w.sentOf, len(w.sents)-1)
		ti++
	}
	a.patternSpans(w, text)
	fixSpans(w)
	a.mergeGazetteer(w)
	mergeAdjacentPersons(w)
	a.canonicalise(w, text)
	linkAcronyms(w, text)
	a.propagate(w, text)
	unifyTypes(w, text)

	// Document sentiment: sentences weighted by position and polarity.
	var doc [3]float64
	total := 0.0
	for si, s := range w.sents {
		p := w.probs[si]
		wt := 1.0
		switch {
		case s.Start < titleEnd:
			wt = 3
		case s.Start < leadEnd:
			wt = 2
		case si == 0 && titleEnd == 0:
			// without a title, the first sentence states the event. 2.5
			// was chosen on the news dev sets (tone accuracy 68 → 69 of 96,
			// positive/negative flips 4 → 2 against 1.5; 4 gave 68 and 2)
			wt = 2.5
		}
		pol := p[2] - p[0]
		if pol < 0 {
			pol = -pol
		}
		wt *= 0.25 + pol
		for c := range doc {
			doc[c] += wt * p[c]
		}
		total += wt
	}
	for c := range doc {
		doc[c] /= total
	}
	res.Sentiment = toSentiment(doc)
	res.Sentences = make([]SentenceTone, len(w.sents))
	for si, sp := range w.sents {
		res.Sentences[si] = SentenceTone{Start: sp.Start, End: sp.End, Sentiment: toSentiment(w.probs[si])}
	}

	// Quotes. A speaker no mention covered ("ujar Suwarso") is a person:
	// tag the name throughout the text and extract again, so that "-nya"
	// forms and later mentions resolve to them.
	dropOverlaps(w)
	quotes := a.extractQuotes(w, text)
	if a.addSpeakers(w, text, quotes) {
		a.canonicalise(w, text)
		linkAcronyms(w, text)
		a.propagate(w, text)
		unifyTypes(w, text)
		dropOverlaps(w)
		quotes = a.extractQuotes(w, text)
	}
	res.Quotes = append(res.Quotes, quotes...)

	// Entities with entity-level sentiment.
	// Mentions are sorted by start, so each entity's sentences come in
	// order and a sentence is new when it is past the last one counted.
	if w.aggIdx == nil {
		w.aggIdx = map[string]int32{}
	}
	clear(w.aggIdx)
	w.aggs = w.aggs[:0]
	for _, m := range w.ments {
		k, ok := w.aggIdx[m.canonical]
		if !ok {
			k = int32(len(w.aggs))
			w.aggIdx[m.canonical] = k
			w.aggs = append(w.aggs, entityAgg{last: -1})
		}
		if g := &w.aggs[k]; m.sentence > g.last {
			g.last = m.sentence
			for c := range g.p {
				g.p[c] += w.probs[m.sentence][c]
			}
			g.n++
		}
	}
	for _, m := range w.ments {
		g := &w.aggs[w.aggIdx[m.canonical]]
		var p [3]float64
		for c := range p {
			p[c] = g.p[c] / float64(g.n)
		}
		st, en := toks[m.start].Start, toks[m.end-1].End
		res.Entities = append(res.Entities, Entity{
			Text: text[st:en], Type: m.typ, Start: st, End: en,
			Canonical: m.canonical, Role: m.role, Sentiment: toSentiment(p),
		})
	}

	resolveSpeakers(res.Quotes, res.Entities)

	// Issues and key phrases, the title counting double.
	res.Issues = append(res.Issues, a.tax.TagLower(toks, w.low, func(i int) int {
		if toks[i].Start < titleEnd {
			return 2
		}
		return 1
	})...)
	res.Keyphrases = append(res.Keyphrases, w.kp.KeyPhrasesLower(toks, w.kpLow(), a.maxKP, func(i int) float64 {
		if toks[i].Start < titleEnd {
			return 2
		}
		return 1
	})...)
	return res
}

func toSentiment(p [3]float64) Sentiment {
	pr := sentiment.Prediction{Probs: p}
	return Sentiment{Label: pr.Label().String(), Score: round4(pr.Score()), Confidence: round4(pr.Confidence())}
}

func round4(x float64) float64 {
	if x < 0 {
		return -float64(int64(-x*10000+0.5)) / 10000
	}
	return float64(int64(x*10000+0.5)) / 10000
}

// mergeGazetteer combines tagger mentions with gazetteer matches: a longer
// or equal gazetteer match wins; a longer tagger span of the same type takes
// the gazetteer's canonical name; bare role words resolve to the office
// holder named last (or the first candidate).
func (a *Analyzer) mergeGazetteer(w *work) {
	entries := a.gaz.Entries()
	covered := func(i int) int { // index of tagger mention covering token i
		for k, m := range w.ments {
			if m.start <= i && i < m.end {
				return k
			}
		}
		return -1
	}
	var ctx []gazetteer.Match
	for _, g := range w.matches {
		if g.Context {
			ctx = append(ctx, g)
			continue
		}
		if e := entries[g.Entry]; e.Type == ner.PER {
			// "Wakil Gubernur Seno Aji": the person is the name; the role
			// words are not part of it, a place among them is a place
			if i := a.nameStart(w, g.Start, g.End, g.Entry); i > g.Start {
				for _, sub := range a.namesIn(w, g.Start, i) {
					a.applyMatch(w, sub)
				}
				g.Start = i
			}
		}
		a.applyMatch(w, g)
	}
	w.sortMentions()
	// Bare role words.
	for _, g := range ctx {
		if covered(g.Start) >= 0 || covered(g.End-1) >= 0 {
			a.applyNamesIn(w, g.Start, g.End) // "Kepala [Diskominfo Kaltim] Rizal"
			continue
		}
		next := g.End
		// skip a region between the role and a name: "Gubernur Kalimantan Timur Rudy"
		for next < len(w.toks) {
			k := covered(next)
			if k < 0 || w.ments[k].typ != ner.LOC {
				break
			}
			next = w.ments[k].end
		}
		if next < len(w.toks) {
			if k := covered(next); k >= 0 && w.ments[k].start == next && w.ments[k].typ == ner.PER {
				a.applyNamesIn(w, g.Start, g.End)
				continue // a name follows: "Gubernur Rudy"
			}
			if nt := w.toks[next]; nt.Kind == token.Word && nt.Text[0] >= 'A' && nt.Text[0] <= 'Z' && !isKnownWord(nt.Text) {
				a.applyNamesIn(w, g.Start, g.End)
				continue // an unrecognised name follows
			}
		}
		best, bestPos := g.Candidates[0], -1
		for _, c := range g.Candidates {
			for _, m := range w.ments {
				if m.entry == c && m.start < g.Start && m.start > bestPos {
					best, bestPos = c, m.start
				}
			}
		}
		e := entries[best]
		w.ments = append(w.ments, mention{start: g.Start, end: g.End, typ: e.Type, entry: best,
			canonical: e.Name, role: e.Role, sentence: w.sentOf[g.Start]})
	}
	w.sortMentions()
}

// applyNamesIn merges the institutions and places named inside a role
// phrase followed by a name ("Kepala Diskominfo Kaltim Rizal", "Gubernur
// Kaltim Rudy").
func (a *Analyzer) applyNamesIn(w *work, from, to int) {
	for _, sub := range a.namesIn(w, from, to) {
		a.applyMatch(w, sub)
	}
}

// applyMatch merges one gazetteer match into the mentions: a longer or
// equal gazetteer match wins; a longer tagger span of the same type takes
// the gazetteer's canonical name.
func (a *Analyzer) applyMatch(w *work, g gazetteer.Match) {
	e := a.gaz.Entries()[g.Entry]
	if e.Type == ner.LOC && g.End-g.Start > 1 && w.low[g.Start] == "kota" && g.Start > 0 && w.low[g.Start-1] == "wali" {
		g.Start++ // "Wali Kota Samarinda": the title holds "Kota"
	}
	overlap := false
	for i := range w.ments {
		if m := &w.ments[i]; m.end > g.Start && m.start < g.End && m.entry < 0 {
			overlap = true
			break
		}
	}
	if !overlap {
		w.ments = append(w.ments, mention{start: g.Start, end: g.End, typ: e.Type, entry: g.Entry,
			canonical: e.Name, role: e.Role, sentence: w.sentOf[g.Start]})
		return
	}
	absorbed := false
	keep := w.ments[:0]
	for _, m := range w.ments {
		if m.end <= g.Start || m.start >= g.End || m.entry >= 0 {
			keep = append(keep, m)
			continue
		}
		longer := m.start <= g.Start && m.end >= g.End && m.end-m.start > g.End-g.Start
		if longer && m.typ == e.Type && e.Type == ner.ORG && m.start == g.Start && isName(w.toks[g.End:m.end]) {
			// "BPBD Kota Samarinda Suwarso": the institution, then its head
			keep = append(keep, mention{start: g.End, end: m.end, typ: ner.PER, entry: -1, sentence: m.sentence})
			continue
		}
		if longer && m.typ == ner.LOC && e.Type == ner.LOC && !adminPrefixOnly(w.low, m.start, g.Start, g.End, m.end) {
			// "Kelurahan Gunung Samarinda", "Balikpapan Utara": another
			// place that contains the name; it keeps its own name
			keep = append(keep, m)
			absorbed = true
			continue
		}
		if longer {
			// a body with words before the known name is a unit of it
			// ("Komisi III DPRD Kaltim"): it keeps its own name
			if m.typ == e.Type && !(e.Type == ner.ORG && m.start < g.Start) {
				m.entry, m.canonical, m.role = g.Entry, e.Name, e.Role
			}
			keep = append(keep, m)
			absorbed = true
			continue
		}
		// the gazetteer match wins: drop the tagger mention
	}
	w.ments = keep
	if !absorbed {
		w.ments = append(w.ments, mention{start: g.Start, end: g.End, typ: e.Type, entry: g.Entry,
			canonical: e.Name, role: e.Role, sentence: w.sentOf[g.Start]})
	}
}

// nameStart returns the first token in from..to-1 that belongs to the
// canonical name of gazetteer entry (so that an alias with role words,
// "Gubernur Kaltim Rudy Mas'ud", yields the name alone), or from when none
// does.
func (a *Analyzer) nameStart(w *work, from, to, entry int) int {
	for i := from; i < to; i++ {
		if w.toks[i].Kind != token.Word {
			continue
		}
		l := w.low[i]
		for _, part := range a.nameLow[entry] {
			if strings.HasPrefix(part, l) && (len(part) == len(l) || !isLetter(part[len(l)])) {
				return i
			}
		}
	}
	return from
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// namesIn returns the gazetteer institutions and places named in tokens
// from..to-1 (a role phrase: "Kepala Diskominfo Kaltim", "Gubernur Kaltim"),
// as matches on the whole text.
func (a *Analyzer) namesIn(w *work, from, to int) []gazetteer.Match {
	entries := a.gaz.Entries()
	var out []gazetteer.Match
	var ms [4]gazetteer.Match
	for j := from; j < to; j++ {
		// the longest match starting at j, but role phrases do not count:
		// "Gubernur Kaltim" holds the place "Kaltim"
		for _, g := range a.gaz.FindLower(ms[:0], w.toks[j:to], w.low[j:to]) {
			if g.Start != 0 || g.Context || entries[g.Entry].Type == ner.PER {
				continue
			}
			out = append(out, gazetteer.Match{Start: j, End: j + g.End, Entry: g.Entry})
			j += g.End - 1
			break
		}
	}
	return out
}

// adminPrefixOnly reports whether the tokens of a place mention outside the
// gazetteer match g0..g1 are only an administrative prefix ("Kota
// Samarinda", "Kabupaten Berau"), so the mention is the gazetteer's place.
func adminPrefixOnly(low []string, m0, g0, g1, m1 int) bool {
	if g1 != m1 {
		return false
	}
	for i := m0; i < g0; i++ {
		switch low[i] {
		case "kota", "kabupaten", "kab", "provinsi", "prov", "pemkot", "pemkab", "pemprov":
		default:
			return false
		}
	}
	return true
}

// isKnownWord reports capitalised words that may follow a role word without
// being a name ("Gubernur Kaltim", "Gubernur Juga").
func isKnownWord(s string) bool {
	switch token.Lower(s) {
	case "kaltim", "kalimantan", "juga", "pun", "menegaskan", "mengatakan", "dan", "saat", "di", "yang":
		return true
	}
	return false
}

// canonicalise sets the canonical names of mentions not in the gazetteer:
// titles are stripped and short forms ("Faldo", "Prof Hendri") resolve to
// the full name used elsewhere in the text.
func (a *Analyzer) canonicalise(w *work, text string) {
	// the name parts of mention k are w.parts[w.nameAt[k][0]:w.nameAt[k][1]];
	// full lists the multi-word person names, in order
	w.parts = w.parts[:0]
	w.nameAt = w.nameAt[:0]
	w.full = w.full[:0]
	for k := range w.ments {
		m := &w.ments[k]
		w.nameAt = append(w.nameAt, [2]int{})
		if m.entry >= 0 {
			if m.typ == ner.PER {
				// a gazetteer person's full name resolves short forms the
				// gazetteer does not list ("Rahmad" → "Rahmad Mas'ud")
				from := len(w.parts)
				w.parts = append(w.parts, a.nameWords[m.entry]...)
				if len(w.parts)-from >= 2 {
					w.full = append(w.full, [2]int{from, len(w.parts)})
				}
			}
			continue
		}
		from := len(w.parts)
		first := -1        // token of the first part
		contiguous := true // parts are the tokens first..end-1, one space apart
		for i := m.start; i < m.end; i++ {
			t := w.toks[i]
			if t.Kind == token.Punct {
				if t.Text == "'" || t.Text == "-" || t.Text == "/" || t.Text == "&" {
					w.parts = append(w.parts, t.Text)
				} else {
					contiguous = false
				}
			} else if m.typ == ner.PER && len(w.parts) == from && ner.IsTitle(w.low[i]) && i+1 < m.end {
				continue
			} else {
				w.parts = append(w.parts, t.Text)
			}
			if first < 0 && len(w.parts) > from {
				first = i
			}
			if i > first && first >= 0 && text[w.toks[i-1].End:t.Start] != " " && w.toks[i-1].End != t.Start {
				contiguous = false
			}
		}
		parts := w.parts[from:]
		switch {
		case len(parts) == 0:
			w.parts = append(w.parts, text[w.toks[m.start].Start:w.toks[m.end-1].End])
			parts = w.parts[from:]
			m.canonical = parts[0]
		case contiguous:
			// the same string as strings.Join(parts, " "), without copying
			m.canonical = text[w.toks[first].Start:w.toks[m.end-1].End]
		default:
			m.canonical = strings.Join(parts, " ")
		}
		if m.typ == ner.LOC && len(m.canonical) > 4 && isUpper(m.canonical) {
			m.canonical = titleWords(m.canonical) // the dateline "TANA PASER"
		}
		if m.typ == ner.ORG {
			// "Pemkab Mahakam Ulu" and "Pemerintah Kabupaten Mahakam Ulu"
			// are one body
			if full, ok := orgExpansion[w.low[m.start]]; ok {
				m.canonical = full + m.canonical[len(w.toks[m.start].Text):]
			}
		}
		w.nameAt[k] = [2]int{from, len(w.parts)}
		if m.typ == ner.PER && len(parts) >= 2 {
			w.full = append(w.full, [2]int{from, len(w.parts)})
		}
	}
	for k := range w.ments {
		m := &w.ments[k]
		if m.entry < 0 && m.typ == ner.ORG {
			// a short body name is the fuller one the article uses ("Komisi
			// III" → "Komisi III DPRD Kaltim", "Pemprov" → "Pemerintah
			// Provinsi Kalimantan Timur"; the nearest before it, else the
			// first after); a bare "Pemprov" with none is the gazetteer's
			// only one: the home province's
			best := -1
			for i, o := range w.ments {
				if o.typ == ner.ORG && len(o.canonical) > len(m.canonical) &&
					strings.HasPrefix(o.canonical, m.canonical+" ") && (best < 0 || o.start < m.start) {
					best = i
				}
			}
			if best >= 0 {
				o := w.ments[best]
				m.canonical, m.entry, m.role = o.canonical, o.entry, o.role
			} else if e, ok := a.home[m.canonical]; ok {
				g := a.gaz.Entries()[e]
				m.canonical, m.entry, m.role = g.Name, e, g.Role
			}
			continue
		}
		name := w.parts[w.nameAt[k][0]:w.nameAt[k][1]]
		if m.entry >= 0 || m.typ != ner.PER || len(name) == 0 {
			continue
		}
		for _, fa := range w.full {
			if f := w.parts[fa[0]:fa[1]]; len(f) > len(name) && containsAll(f, name) {
				m.canonical = strings.Join(f, " ")
				break
			}
		}
	}
}

func containsAll(full, short []string) bool {
	for _, s := range short {
		found := false
		for _, f := range full {
			if strings.EqualFold(f, s) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// headlineLower are words that start upper case in headlines but are never
// names on their own.
var headlineLower = map[string]bool{
	"di": true, "ke": true, "dari": true, "dan": true, "yang": true, "untuk": true, "dengan": true,
	"minta": true, "akan": true, "tak": true, "tidak": true, "jadi": true, "ini": true, "itu": true,
	"baru": true, "lantik": true, "resmikan": true, "rusak": true, "rendam": true, "soal": true,
}

// writtenLower reports whether the lower-case word l occurs outside the
// title written in lower case. The first call indexes those words in an
// open-addressing table of token numbers.
func (w *work) writtenLower(l string, titleEnd int) bool {
	if !w.lowerSet {
		w.lowerSet = true
		size := 16
		for size < 2*len(w.toks) {
			size *= 2
		}
		if cap(w.lowerIdx) < size {
			w.lowerIdx = make([]int32, size)
		}
		w.lowerIdx = w.lowerIdx[:size]
		clear(w.lowerIdx)
		mask := uint32(size - 1)
	next:
		for ti, t := range w.toks {
			if t.Start < titleEnd || t.Kind != token.Word || t.Text[0] < 'a' || t.Text[0] > 'z' {
				continue
			}
			for i := wordHash(t.Text) & mask; ; i = (i + 1) & mask {
				k := w.lowerIdx[i]
				if k == 0 {
					w.lowerIdx[i] = int32(ti + 1)
					break
				}
				if w.toks[k-1].Text == t.Text {
					continue next // already indexed
				}
			}
		}
	}
	mask := uint32(len(w.lowerIdx) - 1)
	for i := wordHash(l) & mask; ; i = (i + 1) & mask {
		k := w.lowerIdx[i]
		if k == 0 {
			return false
		}
		if w.toks[k-1].Text == l {
			return true
		}
	}
}

// wordHash hashes a word for writtenLower's table (FNV-1a, 32 bits).
func wordHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// lowerTokens sets w.low to the lower-cased token texts. Lower-casing the
// whole text once costs one allocation instead of one per capitalised
// token; tokens with non-ASCII letters are lower-cased on their own (their
// length may change).
func (w *work) lowerTokens(text string) {
	w.lowText = append(w.lowText[:0], text...)
	for i, c := range w.lowText {
		if c >= 'A' && c <= 'Z' {
			w.lowText[i] = c + 'a' - 'A'
		}
	}
	var lt string // built on the first capitalised token
	w.low = w.low[:0]
	for _, t := range w.toks {
		upper, ascii := false, true
		for i := 0; i < len(t.Text); i++ {
			c := t.Text[i]
			if c >= 0x80 {
				ascii = false
				break
			}
			upper = upper || c >= 'A' && c <= 'Z'
		}
		switch {
		case !ascii:
			w.low = append(w.low, token.Lower(t.Text))
		case !upper:
			w.low = append(w.low, t.Text)
		default:
			if lt == "" {
				lt = string(w.lowText)
			}
			w.low = append(w.low, lt[t.Start:t.End])
		}
	}
}

// titleCase reports a headline-style sentence: most words capitalised.
func titleCase(st []token.Token) bool {
	words, caps := 0, 0
	for _, t := range st {
		if t.Kind != token.Word {
			continue
		}
		words++
		if c := t.Text[0]; c >= 'A' && c <= 'Z' {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// propagate tags later and earlier occurrences of a recognised person name
// (same words, capitalised) that the tagger missed, for document-level
// consistency.
func (a *Analyzer) propagate(w *work, text string) {
	n := len(w.ments)
	covered := make([]bool, len(w.toks))
	for _, m := range w.ments {
		for i := m.start; i < m.end; i++ {
			covered[i] = true
		}
	}
	seen := map[string]bool{}
	for k := 0; k < n; k++ {
		m := w.ments[k]
		if m.typ != ner.PER || m.entry >= 0 {
			continue
		}
		// the name without titles: match its last len(name) tokens
		first := m.start
		for first < m.end-1 && ner.IsTitle(token.Lower(w.toks[first].Text)) {
			first++
		}
		ln := m.end - first
		key := text[w.toks[first].Start:w.toks[m.end-1].End]
		if seen[key] {
			continue
		}
		seen[key] = true
		for i := 0; i+ln <= len(w.toks); i++ {
			if covered[i] {
				continue
			}
			ok := true
			for j := 0; j < ln; j++ {
				if covered[i+j] || w.toks[i+j].Text != w.toks[first+j].Text {
					ok = false
					break
				}
			}
			if !ok || (i+ln < len(w.toks) && covered[i+ln] && false) {
				continue
			}
			for j := 0; j < ln; j++ {
				covered[i+j] = true
			}
			w.ments = append(w.ments, mention{start: i, end: i + ln, typ: ner.PER, entry: -1,
				canonical: m.canonical, sentence: w.sentOf[i]})
		}
	}
	if len(w.ments) > n {
		w.sortMentions()
	}
}

// isName reports capitalised words that are not institution or place cues.
func isName(toks []token.Token) bool {
	if len(toks) == 0 || len(toks) > 4 {
		return false
	}
	for _, t := range toks {
		if t.Kind != token.Word || t.Text[0] < 'A' || t.Text[0] > 'Z' {
			return false
		}
		switch l := token.Lower(t.Text); l {
		case "kaltim", "kota", "kabupaten", "provinsi", "kalimantan", "timur", "samarinda", "balikpapan":
			return false
		default:
			if isTitleWord(l) {
				return false
			}
		}
	}
	return true
}

// unifyTypes gives every mention of the same surface name outside the
// gazetteer its majority type (ties go to PER), so that one name is not a
// person in one sentence and a place in the next.
func unifyTypes(w *work, text string) {
	// votes per canonical name: PER, ORG, LOC, EVT and any other type
	if w.voteIdx == nil {
		w.voteIdx = map[string]int32{}
	}
	clear(w.voteIdx)
	w.votes = w.votes[:0]
	for _, m := range w.ments {
		if m.entry >= 0 {
			continue
		}
		k, ok := w.voteIdx[m.canonical]
		if !ok {
			k = int32(len(w.votes))
			w.voteIdx[m.canonical] = k
			w.votes = append(w.votes, [5]int{})
		}
		w.votes[k][typeSlot(m.typ)]++
	}
	for i := range w.ments {
		m := &w.ments[i]
		if m.entry >= 0 {
			continue
		}
		v := &w.votes[w.voteIdx[m.canonical]]
		kinds := 0
		for _, n := range v {
			if n > 0 {
				kinds++
			}
		}
		if kinds < 2 {
			continue
		}
		best, bn := m.typ, -1
		for slot, t := range unifyOrder {
			if v[slot] > bn {
				best, bn = t, v[slot]
			}
		}
		m.typ = best
	}
}

// unifyOrder lists the entity types in the order unifyTypes breaks ties.
var unifyOrder = [...]string{ner.PER, ner.ORG, ner.LOC, ner.EVT}

// typeSlot is the index of typ in unifyOrder, or len(unifyOrder).
func typeSlot(typ string) int {
	for i, t := range unifyOrder {
		if t == typ {
			return i
		}
	}
	return len(unifyOrder)
}

// resolveSpeakers maps speakers that no entity covered (a fallback name
// such as "Prof Hendri") to the full name of a person in the text.
func resolveSpeakers(qs []Quote, ents []Entity) {
	known := map[string]bool{}
	for _, e := range ents {
		known[e.Canonical] = true
	}
	var full [][]string
	fullDone := false
	for i := range qs {
		q := &qs[i]
		if known[q.Canonical] {
			continue
		}
		var parts []string
		for _, f := range strings.Fields(q.Canonical) {
			if len(parts) == 0 && ner.IsTitle(token.Lower(strings.TrimSuffix(f, "."))) {
				continue
			}
			parts = append(parts, f)
		}
		if len(parts) == 0 {
			continue
		}
		q.Canonical = strings.Join(parts, " ")
		if !fullDone {
			// the multi-word person names, split once, only when needed
			fullDone = true
			for _, e := range ents {
				if e.Type == ner.PER {
					if f := strings.Fields(e.Canonical); len(f) >= 2 {
						full = append(full, f)
					}
				}
			}
		}
		for _, f := range full {
			if len(f) > len(parts) && containsAll(f, parts) {
				q.Canonical = strings.Join(f, " ")
				break
			}
		}
	}
}

// extractQuotes runs quote extraction over the current mentions.
func (a *Analyzer) extractQuotes(w *work, text string) []Quote {
	qm := w.qm[:0]
	defer func() { w.qm = qm[:0] }()
	for _, m := range w.ments {
		if m.typ == ner.PER || m.typ == ner.ORG {
			st, en := w.toks[m.start].Start, w.toks[m.end-1].End
			qm = append(qm, quote.Mention{Start: st, End: en, Text: text[st:en], Canonical: m.canonical, Person: m.typ == ner.PER})
		}
	}
	h := quote.Hints{Given: true, Menurut: w.menurutAt[:0], Pronoun: w.pronounAt[:0]}
	for i, l := range w.low {
		switch l {
		case "menurut":
			h.Menurut = append(h.Menurut, w.toks[i].Start)
		case "ia", "dia", "beliau":
			if c := w.toks[i].Text[0]; c >= 'A' && c <= 'Z' {
				h.Pronoun = append(h.Pronoun, w.toks[i].Start)
			}
		}
	}
	w.menurutAt, w.pronounAt = h.Menurut, h.Pronoun
	return quote.ExtractHinted(text, qm, h)
}

// addSpeakers tags as persons the speaker names that quote extraction found
// without a mention; it reports whether it added or retyped any mention.
func (a *Analyzer) addSpeakers(w *work, text string, qs []Quote) bool {
	if w.known == nil {
		w.known = map[string]bool{}
	}
	known := w.known
	clear(known)
	for _, m := range w.ments {
		if m.typ == ner.PER {
			known[m.canonical] = true
		}
	}
	changed := false
	var name []string
	for _, q := range qs {
		if known[q.Canonical] || known[q.Speaker] {
			continue
		}
		name = name[:0]
		for _, f := range strings.Fields(q.Speaker) {
			if len(name) == 0 && ner.IsTitle(token.Lower(strings.TrimSuffix(f, "."))) {
				continue
			}
			name = append(name, f)
		}
		if len(name) == 0 || len(name) > 4 {
			continue
		}
		known[q.Canonical] = true
		for i := 0; i+len(name) <= len(w.toks); i++ {
			ok := true
			for j, n := range name {
				if w.toks[i+j].Text != n {
					ok = false
					break
				}
			}
			if !ok {
				continue
			}
			k := -1
			for mi, m := range w.ments {
				if m.start < i+len(name) && m.end > i {
					k = mi
					break
				}
			}
			switch {
			case k < 0:
				w.ments = append(w.ments, mention{start: i, end: i + len(name), typ: ner.PER, entry: -1, sentence: w.sentOf[i]})
				changed = true
			case w.ments[k].entry < 0 && w.ments[k].typ != ner.PER && w.ments[k].start == i && w.ments[k].end == i+len(name):
				w.ments[k].typ = ner.PER
				changed = true
			}
		}
	}
	if changed {
		w.sortMentions()
	}
	return changed
}

// kpLow returns the lower-cased tokens with person names and their titles
// blanked out, for key phrases.
func (w *work) kpLow() []string {
	w.kpl = append(w.kpl[:0], w.low...)
	for _, m := range w.ments {
		if m.typ != ner.PER {
			continue
		}
		for i := m.start; i < m.end; i++ {
			w.kpl[i] = ""
		}
		if m.start > 0 && ner.IsTitle(w.kpl[m.start-1]) {
			w.kpl[m.start-1] = ""
		}
	}
	return w.kpl
}

// sortByStart sorts mentions by their first token. It makes the same
// comparisons and swaps as sort.Slice did (both are the same pattern-
// defeating quicksort), so mentions that start together keep the order
// they always had, without sort.Slice's reflection.
func sortByStart(ms []mention) {
	var idx []int32
	var tmp []mention
	sortMentions(ms, &idx, &tmp)
}

// sortMentions sorts w.ments like sortByStart, with w's scratch.
func (w *work) sortMentions() { sortMentions(w.ments, &w.sortIdx, &w.sortTmp) }

// sortMentions sorts ms by start. The quicksort runs on indices, so its
// swaps move four bytes, not a whole mention; the comparisons are the same
// as on the mentions, so the order is the same. idx and tmp are scratch.
func sortMentions(ms []mention, idx *[]int32, tmp *[]mention) {
	// most calls find the mentions already in order: skip the sort then
	// (only when no two start together, so ties keep sort.Slice's order)
	sorted := true
	for i := 1; i < len(ms); i++ {
		if ms[i].start <= ms[i-1].start {
			sorted = false
			break
		}
	}
	if sorted {
		return
	}
	ix := (*idx)[:0]
	for i := range ms {
		ix = append(ix, int32(i))
	}
	slices.SortFunc(ix, func(a, b int32) int { return cmp.Compare(ms[a].start, ms[b].start) })
	t := append((*tmp)[:0], ms...)
	for i, j := range ix {
		ms[i] = t[j]
	}
	*idx, *tmp = ix, t[:0]
}

// dropOverlaps keeps, of mentions that overlap, the one that starts first
// (the longer one on a tie); mentions are sorted by start.
func dropOverlaps(w *work) {
	slices.SortStableFunc(w.ments, func(a, b mention) int {
		if a.start != b.start {
			return cmp.Compare(a.start, b.start)
		}
		return cmp.Compare(b.end, a.end)
	})
	out := w.ments[:0]
	end := -1
	for _, m := range w.ments {
		if m.start < end {
			continue
		}
		out = append(out, m)
		end = m.end
	}
	w.ments = out
}

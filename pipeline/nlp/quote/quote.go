package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Mention is a person (or, as fallback, organisation) mention the caller
// found in the text, with byte offsets and its canonical name.
type Mention struct {
	Start, End int
	Text       string
	Canonical  string
	// Person is true for PER mentions; others are used only when no
	// person is named.
	Person bool
}

// Quote is an attributed quote.
type Quote struct {
	Speaker   string `json:"speaker"`
	Canonical string `json:"canonical"`
	Text      string `json:"text"`
	Direct    bool   `json:"direct"`
	// Start and End are the byte offsets of the quoted text.
	Start int `json:"-"`
	End   int `json:"-"`
}

// postVerbs are speech verbs that follow a direct quote: `"…," kata X`.
var postVerbs = map[string]bool{
	"kata": true, "ujar": true, "ucap": true, "tutur": true, "ungkap": true, "jelas": true,
	"tegas": true, "imbuh": true, "tambah": true, "sambung": true, "tandas": true, "harap": true,
	"saran": true, "terang": true, "papar": true, "sebut": true, "kilah": true, "pinta": true,
	"ajak": true, "seru": true, "urai": true, "beber": true, "timpal": true, "pungkas": true,
	"lanjut": true, "katanya": true, "tukas": true, "akui": true, "klaim": true, "tanya": true,
	"jawab": true, "cetus": true, "ingat": true, "sambut": true, "aku": true, "ujarnya": true,
	"keluh": true, "pesan": true, "kenang": true,
}

// preVerbs introduce speech before a quote or an indirect statement:
// `X mengatakan, "…"`, `X menegaskan bahwa …`.
var preVerbs = map[string]bool{
	"mengatakan": true, "menegaskan": true, "menjelaskan": true, "mengungkapkan": true,
	"menyampaikan": true, "berkata": true, "menuturkan": true, "menambahkan": true, "menyebutkan": true,
	"menyatakan": true, "memaparkan": true, "menerangkan": true, "mengakui": true, "berharap": true,
	"mengharapkan": true, "menyarankan": true, "mengimbau": true, "meminta": true, "mengajak": true,
	"bilang": true, "menilai": true, "mengklaim": true, "membeberkan": true, "menandaskan": true,
	"berujar": true, "bertutur": true, "menekankan": true, "mengingatkan": true, "menyebut": true,
}

// IsSpeechVerb reports a lower-case verb that introduces speech
// ("mengatakan", "menuturkan").
func IsSpeechVerb(w string) bool { return preVerbs[w] }

// pronouns refer back to the last named speaker.
var pronouns = map[string]bool{"dia": true, "ia": true, "beliau": true, "nya": true}

type quoted struct{ start, end int } // inner text span

// Hints carries word positions a caller that already tokenised the text
// knows, so that the extractor need not search the text for them: the byte
// offsets of the word "menurut" (any case) and of Ia, Dia or Beliau written
// capitalised. With Given false the extractor searches itself.
type Hints struct {
	Given            bool
	Menurut, Pronoun []int
}

// Extract finds the quotes in text. mentions must be sorted by Start.
func Extract(text string, mentions []Mention) []Quote {
	return ExtractHinted(text, mentions, Hints{})
}

// ExtractHinted is Extract with the word positions of h.
func ExtractHinted(text string, mentions []Mention, h Hints) []Quote {
	var out []Quote
	qs := findQuoted(text)
	lastSpeaker := -1 // index into mentions
	lastQuoteEnd := -1
	lastAttributed := -1 // index into out
	mi := 0
	for _, q := range qs {
		// remember the last person mentioned before this quote
		for mi < len(mentions) && mentions[mi].End <= q.start {
			if mentions[mi].Person {
				lastSpeaker = mi
			}
			mi++
		}
		body := strings.TrimSpace(text[q.start:q.end])
		body = strings.TrimRight(body, ",")
		if !hasWords(body, 3) {
			continue // scare quotes and titles, not speech
		}
		closeEnd := q.end + quoteLen(text, q.end)
		sp, ok := afterQuote(text, closeEnd, mentions, lastSpeaker)
		if !ok {
			sp, ok = beforeQuote(text, q.start, mentions)
		}
		if !ok && lastAttributed >= 0 && q.start-lastQuoteEnd < 600 {
			// continuation of the previous speaker's quote
			p := out[lastAttributed]
			sp, ok = speaker{p.Speaker, p.Canonical, -1}, true
		}
		if !ok {
			continue
		}
		out = append(out, Quote{Speaker: sp.text, Canonical: sp.canonical, Text: body, Direct: true, Start: q.start, End: q.end})
		lastAttributed = len(out) - 1
		lastQuoteEnd = closeEnd
		if sp.mention >= 0 {
			lastSpeaker = sp.mention
		}
	}
	out = append(out, indirect(text, mentions, qs, h)...)
	return out
}

type speaker struct {
	text, canonical string
	mention         int
}

// afterQuote handles `"…," kata X` and `"…," tegasnya`.
func afterQuote(text string, pos int, mentions []Mention, last int) (speaker, bool) {
	rest := text[pos:]
	// skip spaces and commas
	i := 0
	for i < len(rest) && (rest[i] == ' ' || rest[i] == ',' || rest[i] == '\t') {
		i++
	}
	w, n := nextWord(rest[i:])
	if w == "" {
		return speaker{}, false
	}
	lw := strings.ToLower(w)
	verb := lw
	nya := false
	if strings.HasSuffix(lw, "nya") && postVerbs[lw[:len(lw)-3]] {
		verb, nya = lw[:len(lw)-3], true
	}
	if !postVerbs[verb] {
		return speaker{}, false
	}
	if verb == "katanya" || verb == "ujarnya" {
		nya = true
	}
	if nya {
		if last < 0 {
			return speaker{}, false
		}
		return speaker{mentions[last].Text, mentions[last].Canonical, last}, true
	}
	after := pos + i + n
	// "kata dia", "ujar beliau"
	w2, _ := nextWord(text[after:])
	if pronouns[strings.ToLower(w2)] {
		if last < 0 {
			return speaker{}, false
		}
		return speaker{mentions[last].Text, mentions[last].Canonical, last}, true
	}
	end := sentenceEnd(text, after)
	if k := firstMention(mentions, after, end, true); k >= 0 {
		return speaker{mentions[k].Text, mentions[k].Canonical, k}, true
	}
	if k := firstMention(mentions, after, end, false); k >= 0 {
		return speaker{mentions[k].Text, mentions[k].Canonical, k}, true
	}
	if name := capitalRun(text[after:end]); name != "" {
		return speaker{name, name, -1}, true
	}
	return speaker{}, false
}

// beforeQuote handles `X mengatakan, "…"` and `Menurut X, "…"` within the
// sentence that holds the opening quote.
func beforeQuote(text string, qstart int, mentions []Mention) (speaker, bool) {
	open := qstart - 1
	for open > 0 && !utf8.RuneStart(text[open]) {
		open--
	}
	start := sentenceStart(text, open)
	seg := strings.ToLower(text[start:open])
	hasVerb := false
	for _, f := range strings.FieldsFunc(seg, notLetter) {
		if preVerbs[f] || f == "menurut" {
			hasVerb = true
			break
		}
	}
	if !hasVerb {
		return speaker{}, false
	}
	for _, person := range []bool{true, false} {
		for k := len(mentions) - 1; k >= 0; k-- {
			m := mentions[k]
			if m.Start >= start && m.End <= open && m.Person == person {
				return speaker{m.Text, m.Canonical, k}, true
			}
		}
	}
	return speaker{}, false
}

// indirect finds "menurut X, …" and "X mengatakan, …" statements outside
// direct quotes.
func indirect(text string, mentions []Mention, qs []quoted, h Hints) []Quote {
	var out []Quote
	inQuote := func(p int) bool {
		for _, q := range qs {
			if p >= q.start-1 && p <= q.end+1 {
				return true
			}
		}
		return false
	}
	for k, m := range mentions {
		if !m.Person || inQuote(m.Start) {
			continue
		}
		// "menurut X, …"
		if menurutBefore(text, m.Start) {
			end := sentenceEnd(text, m.End)
			c := strings.IndexByte(text[m.End:end], ',')
			if c >= 0 {
				body := strings.TrimSpace(text[m.End+c+1 : end])
				if hasWords(body, 3) && !hasQuoteMark(body) {
					out = append(out, Quote{Speaker: m.Text, Canonical: m.Canonical, Text: trimEnd(body), Start: m.End + c + 1, End: end})
				}
			}
			continue
		}
		// "X mengatakan, …" / "X menegaskan bahwa …" (X may be followed by
		// an apposition: "X, Kepala BPBD, mengatakan …")
		end := sentenceEnd(text, m.End)
		after := text[m.End:end]
		stop := len(after)
		if stop > 100 {
			stop = 100 // the verb comes within a short apposition
		}
		if k+1 < len(mentions) && mentions[k+1].Start < end {
			// the verb must come before the next person mention
			if p := mentions[k+1].Start - m.End; p < stop && mentions[k+1].Person {
				stop = max(p, 0) // overlapping mentions leave no room for a verb
			}
		}
		idx, vlen := findPreVerb(after[:stop])
		if idx < 0 || idx > 80 {
			continue
		}
		bodyStart := m.End + idx + vlen
		body, ok := reported(text[bodyStart:end])
		if !ok {
			continue
		}
		out = append(out, Quote{Speaker: m.Text, Canonical: m.Canonical, Text: trimEnd(body), Start: bodyStart, End: end})
	}
	if !h.Given {
		h.Menurut, h.Pronoun = findWords(text)
	}
	out = append(out, pronounIndirect(text, mentions, h.Pronoun, inQuote)...)
	out = append(out, menurutUnnamed(text, mentions, h.Menurut, inQuote)...)
	return out
}

// menurutUnnamed finds "Menurut Yamin, …" where no mention covers the name
// (the tagger missed it): the capitalised words up to the comma are the
// speaker.
func menurutUnnamed(text string, mentions []Mention, at []int, inQuote func(int) bool) []Quote {
	var out []Quote
	for _, p := range at {
		off := p + len("menurut ")
		if off > len(text) || inQuote(p) {
			continue
		}
		end := sentenceEnd(text, off)
		c := strings.IndexByte(text[off:end], ',')
		if c <= 0 {
			continue
		}
		name := strings.TrimSpace(text[off : off+c])
		if name == "" || capitalRun(name) != name || strings.Count(name, " ") > 3 {
			continue
		}
		named := false
		for _, m := range mentions {
			if m.Start < off+c && m.End > off {
				named = true
				break
			}
		}
		body := strings.TrimSpace(text[off+c+1 : end])
		if named || !hasWords(body, 3) || hasQuoteMark(body) {
			continue
		}
		out = append(out, Quote{Speaker: name, Canonical: name, Text: trimEnd(body), Start: off + c + 1, End: end})
	}
	return out
}

// reported returns the reported statement in s, the rest of a sentence
// after a speech verb ("…, bahwa operasi pasar akan digelar"), and whether
// it is one: at least three words and no direct quote.
func reported(s string) (string, bool) {
	body := strings.TrimLeft(s, " ,:")
	if len(body) >= 6 && strings.EqualFold(body[:6], "bahwa ") {
		body = body[6:]
	}
	return body, hasWords(body, 3) && !hasQuoteMark(body)
}

// asciiWord returns the bounds of the first run of ASCII letters in s at or
// after i, or (len(s), len(s)).
func asciiWord(s string, i int) (int, int) {
	for i < len(s) && !isASCIILetter(s[i]) {
		i++
	}
	j := i
	for j < len(s) && isASCIILetter(s[j]) {
		j++
	}
	return i, j
}

// findWords returns the byte offsets of the word "menurut" (any case) and
// of Ia, Dia and Beliau written capitalised.
func findWords(text string) (menurut, pronoun []int) {
	for i, j := asciiWord(text, 0); i < len(text); i, j = asciiWord(text, j) {
		switch w := text[i:j]; {
		case strings.EqualFold(w, "menurut"):
			menurut = append(menurut, i)
		case w == "Ia" || w == "Dia" || w == "Beliau":
			pronoun = append(pronoun, i)
		}
	}
	return menurut, pronoun
}

// hasQuoteMark reports a straight or curly double quote in s.
func hasQuoteMark(s string) bool {
	if strings.IndexByte(s, '"') >= 0 {
		return true
	}
	for i := strings.IndexByte(s, 0xE2); i >= 0 && i+2 < len(s); {
		if s[i+1] == 0x80 && (s[i+2] == 0x9C || s[i+2] == 0x9D) { // “ ”
			return true
		}
		k := strings.IndexByte(s[i+1:], 0xE2)
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// pronounIndirect finds "Ia mengatakan, …" (Ia, Dia, Beliau opening a
// sentence, then a speech verb): the speaker is the last person named
// before it.
func pronounIndirect(text string, mentions []Mention, at []int, inQuote func(int) bool) []Quote {
	var out []Quote
	for _, start := range at {
		{
			w, _ := nextWord(text[start:])
			off := start + len(w)
			if sentenceStart(text, start) != start || inQuote(start) {
				continue
			}
			verb, vend := nextWord(text[off:])
			if !preVerbs[verb] {
				continue
			}
			bodyStart := off + vend
			end := sentenceEnd(text, bodyStart)
			body, ok := reported(text[bodyStart:end])
			if !ok {
				continue
			}
			last := -1
			for k, m := range mentions {
				if m.End > start {
					break
				}
				if m.Person {
					last = k
				}
			}
			if last < 0 {
				continue
			}
			m := mentions[last]
			out = append(out, Quote{Speaker: m.Text, Canonical: m.Canonical, Text: trimEnd(body), Start: bodyStart, End: end})
		}
	}
	return out
}

// menurutBefore reports whether "menurut" is one of the three words before
// pos in its sentence.
func menurutBefore(text string, pos int) bool {
	i := pos
	for w := 0; w < 3; w++ {
		for i > 0 && (text[i-1] == ' ' || text[i-1] == ',') {
			i--
		}
		j := i
		for j > 0 && isASCIILetter(text[j-1]) {
			j--
		}
		if j == i {
			return false
		}
		if strings.EqualFold(text[j:i], "menurut") {
			return true
		}
		i = j
	}
	return false
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// findPreVerb returns the offset and length of the first speech verb in s
// (lower-case words only, as verbs are written), or -1.
func findPreVerb(s string) (int, int) {
	for i, j := asciiWord(s, 0); i < len(s); i, j = asciiWord(s, j) {
		if s[i] >= 'a' && s[i] <= 'z' && j-i >= 5 && preVerbs[s[i:j]] {
			return i, j - i
		}
	}
	return -1, 0
}

type field struct {
	s string
	i int
}

func fieldsIdx(s string) []field {
	var out []field
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			out = append(out, field{s[start:i], start})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, field{s[start:], start})
	}
	return out
}

func trimEnd(s string) string { return strings.TrimRight(strings.TrimSpace(s), ".") }

// findQuoted returns the inner spans of quoted passages. Curly quotes pair
// “…”; straight double quotes pair in order. A quote left open at a
// paragraph end (news style for multi-paragraph quotes) closes there.
func findQuoted(text string) []quoted {
	var out []quoted
	open := -1
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && c != '"' && c != '\n' {
			i++ // no other ASCII byte opens or closes a quote
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '“' || (r == '"' && open < 0):
			if open >= 0 && r == '“' {
				// unclosed previous quote: close it before this one
				out = append(out, quoted{open, trimSpaceEnd(text, open, i)})
			}
			open = i + n
		case (r == '”' || r == '"') && open >= 0:
			out = append(out, quoted{open, i})
			open = -1
		case r == '\n' && open >= 0 && i+1 < len(text) && text[i+1] == '\n':
			out = append(out, quoted{open, i})
			open = -1
		}
		i += n
	}
	return out
}

func trimSpaceEnd(text string, start, end int) int {
	for end > start && (text[end-1] == ' ' || text[end-1] == '\n') {
		end--
	}
	return end
}

func quoteLen(text string, pos int) int {
	if pos >= len(text) {
		return 0
	}
	r, n := utf8.DecodeRuneInString(text[pos:])
	if r == '"' || r == '”' {
		return n
	}
	return 0
}

func nextWord(s string) (string, int) {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsLetter(r) {
			break
		}
		j += n
	}
	return s[i:j], j
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// hasWords reports whether s has at least n words (runs of letters); it
// stops at the n-th.
func hasWords(s string, n int) bool {
	in := false
	for i := 0; i < len(s); {
		var l bool
		if c := s[i]; c < utf8.RuneSelf {
			l = isASCIILetter(c)
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			l = unicode.IsLetter(r)
			i += size
		}
		if l && !in {
			if n--; n <= 0 {
				return true
			}
		}
		in = l
	}
	return n <= 0
}

// sentenceEnd returns the end of the sentence containing pos: the next
// '.', '!', '?' or newline that is not part of an abbreviation.
func sentenceEnd(text string, pos int) int {
	for i := pos; i < len(text); i++ {
		switch text[i] {
		case '\n':
			return i
		case '!', '?':
			return i
		case '.':
			// initials and titles: "H.", "Dr.", "M." followed by a capital
			j := i - 1
			for j >= 0 && unicode.IsLetter(rune(text[j])) {
				j--
			}
			if i-j-1 <= 3 && i+2 < len(text) && text[i+1] == ' ' && text[i+2] >= 'A' && text[i+2] <= 'Z' && i-j-1 > 0 && text[j+1] >= 'A' && text[j+1] <= 'Z' {
				continue
			}
			if i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' {
				continue
			}
			return i
		}
	}
	return len(text)
}

// sentenceStart returns the start of the sentence containing pos.
func sentenceStart(text string, pos int) int {
	for i := pos - 1; i >= 0; i-- {
		switch text[i] {
		case '\n':
			return i + 1
		case '.', '!', '?':
			if i+1 < len(text) && text[i+1] == ' ' {
				j := i - 1
				for j >= 0 && unicode.IsLetter(rune(text[j])) {
					j--
				}
				if i-j-1 <= 3 && i-j-1 > 0 && text[j+1] >= 'A' && text[j+1] <= 'Z' {
					continue // initial or title
				}
				return i + 2
			}
		}
	}
	return 0
}

func firstMention(ms []Mention, from, to int, person bool) int {
	for k, m := range ms {
		if m.Start >= from && m.Start < to && m.Person == person {
			return k
		}
	}
	return -1
}

// capitalRun returns the first run of capitalised words in s, a fallback
// speaker name when no mention was recognised.
func capitalRun(s string) string {
	fs := fieldsIdx(s)
	start, end := -1, -1
	for _, f := range fs {
		r, _ := utf8.DecodeRuneInString(f.s)
		if unicode.IsUpper(r) {
			if start < 0 {
				start = f.i
			}
			end = f.i + len(f.s)
		} else if start >= 0 {
			break
		}
	}
	if start < 0 {
		return ""
	}
	return s[start:end]
}

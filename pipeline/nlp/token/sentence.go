package token

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// abbreviations end with a dot that does not end a sentence.
var abbreviations = map[string]bool{
	"dr": true, "drs": true, "ir": true, "prof": true, "h": true, "hj": true, "st": true, "sh": true,
	"m": true, "no": true, "jl": true, "jln": true, "kh": true, "tgl": true, "dll": true, "dsb": true,
	"pj": true, "plt": true, "plh": true, "kec": true, "kab": true, "kel": true, "rp": true, "bpk": true,
	"mr": true, "mrs": true, "sdr": true, "a": true, "b": true, "c": true, "d": true, "e": true,
	"s": true, "sp": true, "mm": true, "msi": true, "mt": true, "mpd": true, "se": true, "ak": true,
	"ssos": true, "ap": true, "mh": true, "skm": true, "ttd": true, "yth": true, "hlm": true,
}

// Sentences splits text into sentence spans using its tokens. A sentence
// ends at '.', '!', '?' or '…' (not after a known abbreviation or an
// initial) and at line breaks; closing quotes and brackets right after the
// end mark stay in the sentence.
func Sentences(dst []Span, text string, toks []Token) []Span {
	start := -1
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if start < 0 {
			start = t.Start
		}
		end := false
		if t.Kind == Punct {
			switch t.Text {
			case "!", "?", "…":
				end = true
			case ".":
				end = !(i > 0 && toks[i-1].End == t.Start && toks[i-1].Kind == Word &&
					isAbbreviation(toks[i-1].Text))
			}
		}
		e := t.End
		if end {
			for i+1 < len(toks) && toks[i+1].Kind == Punct && isCloser(toks[i+1].Text) && toks[i+1].Start == e {
				i++
				e = toks[i].End
			}
		}
		if !end && i+1 < len(toks) && hasNewline(text[toks[i].End:toks[i+1].Start]) {
			end = true
		}
		if end {
			dst = append(dst, Span{start, e})
			start = -1
		}
	}
	if start >= 0 {
		dst = append(dst, Span{start, toks[len(toks)-1].End})
	}
	return dst
}

func isCloser(s string) bool {
	switch s {
	case "\"", "”", "’", "'", ")", "]", "»":
		return true
	}
	return false
}

func hasNewline(s string) bool {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			n++
		}
	}
	return n >= 1
}

// isAbbreviation reports whether the word, lower-cased, is in
// abbreviations (without allocating: they are short).
func isAbbreviation(w string) bool {
	var b [8]byte
	if len(w) > len(b) {
		return false // longer than any abbreviation
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return abbreviations[string(b[:len(w)])]
}

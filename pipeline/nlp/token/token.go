package token

import (
	"unicode"
	"unicode/utf8"
)

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota // letters and digits, with inner hyphens, apostrophes and dots
	Number             // digits only (with inner separators)
	Punct              // one punctuation rune
	Emoji              // one emoji or pictograph
)

// Token is a span of the input text.
type Token struct {
	Text       string
	Start, End int // byte offsets into the input
	Kind       Kind
}

// Tokenize appends the tokens of text to dst and returns it. Offsets are
// byte offsets into text.
func Tokenize(dst []Token, text string) []Token {
	i := 0
	for i < len(text) {
		r, n := decode(text[i:])
		switch {
		case r < utf8.RuneSelf && asciiSpace[r] || r >= utf8.RuneSelf && (unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'):
			i += n
		case isWordRune(r):
			start := i
			allDigit := true
			for i < len(text) {
				if c := text[i]; c < utf8.RuneSelf {
					if asciiWord[c] {
						allDigit = allDigit && c >= '0' && c <= '9'
						i++
						continue
					}
					r, n = rune(c), 1
				} else {
					r, n = utf8.DecodeRuneInString(text[i:])
					if isWordRune(r) {
						allDigit = allDigit && unicode.IsDigit(r)
						i += n
						continue
					}
				}
				// Inner joiners: kue-kue, Mas'ud, 1.000, 3,5 (digits only).
				if (r == '-' || r == '\'' || r == '’' || r == '.' || r == ',') && i+n < len(text) {
					r2, _ := utf8.DecodeRuneInString(text[i+n:])
					prev, _ := utf8.DecodeLastRuneInString(text[start:i])
					if isWordRune(r2) {
						if r == '-' || ((r == '\'' || r == '’') && unicode.IsLetter(prev) && unicode.IsLetter(r2)) ||
							((r == '.' || r == ',') && unicode.IsDigit(prev) && unicode.IsDigit(r2)) {
							i += n
							continue
						}
					}
				}
				break
			}
			k := Word
			if allDigit {
				k = Number
			}
			dst = append(dst, Token{Text: text[start:i], Start: start, End: i, Kind: k})
		case isEmoji(r):
			start := i
			i += n
			// Swallow variation selectors and skin-tone modifiers.
			for i < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[i:])
				if r2 == '\ufe0f' || r2 == '\u200d' || (r2 >= 0x1F3FB && r2 <= 0x1F3FF) {
					i += n2
					continue
				}
				break
			}
			dst = append(dst, Token{Text: text[start:i], Start: start, End: i, Kind: Emoji})
		default:
			dst = append(dst, Token{Text: text[i : i+n], Start: i, End: i + n, Kind: Punct})
			i += n
		}
	}
	return dst
}

// asciiSpace marks the ASCII runes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// asciiWord marks the ASCII runes isWordRune accepts.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for r := range t {
		t[r] = isWordRune(rune(r))
	}
	return t
}()

// decode is utf8.DecodeRuneInString with the ASCII case inlined.
func decode(s string) (rune, int) {
	if c := s[0]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isEmoji(r rune) bool {
	return r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF || r >= 0x1F000 && r <= 0x1F2FF
}

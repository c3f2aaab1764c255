package stories

import (
	"strings"
	"unicode"
)

// stopwords are frequent Indonesian function words and reporting verbs that
// carry no event information; dropping them makes rewrites of one event look
// more alike.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`yang dan di ke dari untuk dengan ini itu pada dalam akan juga adalah
		oleh sebagai atau karena para ia telah sudah bahwa tersebut saat ada bisa agar secara lebih hingga
		serta kami kita mereka kata ujar ucap jelas katanya ujarnya ucapnya jelasnya tuturnya tutur sebut
		menurut dia nya pun lagi masih yakni yaitu namun tetapi tapi jika kalau maka sehingga setelah
		sebelum ketika sejumlah beberapa banyak semua setiap kepada bagi antara tentang seperti the of a an`) {
		m[w] = true
	}
	return m
}()

// maxWords bounds the words read from one document: syndicated copies agree
// most at the start, while outlets append their own footers.
const maxWords = 600

// words returns the lower-cased content words of text.
func words(text string) []string {
	out := make([]string, 0, 64)
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(w) < 2 || stopwords[w] {
			continue
		}
		out = append(out, w)
		if len(out) == maxWords {
			break
		}
	}
	return out
}

// fnv64 is FNV-1a: stable across processes and versions, so every replica
// computes the same shingles.
func fnv64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix64 is the splitmix64 finaliser.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// Shingles returns the distinct hashed word bigrams of text.
func Shingles(text string) []uint64 {
	ws := words(text)
	if len(ws) < 2 {
		return nil
	}
	seen := make(map[uint64]struct{}, len(ws))
	out := make([]uint64, 0, len(ws))
	prev := fnv64(ws[0])
	for _, w := range ws[1:] {
		cur := fnv64(w)
		h := mix64(prev*31 + cur)
		prev = cur
		if _, dup := seen[h]; dup {
			continue
		}
		seen[h] = struct{}{}
		out = append(out, h)
	}
	return out
}

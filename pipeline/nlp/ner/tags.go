package ner

import "strings"

// Entity types.
const (
	PER = "PER"
	ORG = "ORG"
	LOC = "LOC"
	EVT = "EVT"
)

// tags are the BIO tags in model order; index 0 is O.
var tags = [...]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-EVT", "I-EVT"}

const numTags = len(tags)

func tagIndex(t string) int {
	for i, s := range tags {
		if s == t {
			return i
		}
	}
	return 0
}

// mapTag maps data set tags to the model's: NERP's PPL, PLC and IND become
// PER, LOC and ORG; tags without a counterpart (FNB) become O.
func mapTag(t string) string {
	if t == "O" || len(t) < 3 {
		return "O"
	}
	pre, typ := t[:2], t[2:]
	switch typ {
	case "PPL", "PER":
		typ = PER
	case "PLC", "LOC":
		typ = LOC
	case "IND", "ORG":
		typ = ORG
	case "EVT":
		typ = EVT
	default:
		return "O"
	}
	if pre != "B-" && pre != "I-" {
		return "O"
	}
	return pre + typ
}

// Span is a typed entity over token indices [Start, End).
type Span struct {
	Type       string
	Start, End int
}

// spans decodes BIO tag indices into entity spans; an I- tag that does not
// continue an entity of its type starts a new one.
func spans(dst []Span, path []int) []Span {
	cur := -1
	for i, t := range path {
		name := tags[t]
		if t == 0 {
			if cur >= 0 {
				dst[cur].End = i
				cur = -1
			}
			continue
		}
		typ := name[2:]
		if strings.HasPrefix(name, "I-") && cur >= 0 && dst[cur].Type == typ {
			continue
		}
		if cur >= 0 {
			dst[cur].End = i
		}
		dst = append(dst, Span{Type: typ, Start: i, End: i + 1})
		cur = len(dst) - 1
	}
	if cur >= 0 {
		dst[cur].End = len(path)
	}
	return dst
}

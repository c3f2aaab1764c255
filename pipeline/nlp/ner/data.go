package ner

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// Sentence is one tagged sentence. Cased is false for data sets that were
// lower-cased (NERP), so case features are not learned from them.
type Sentence struct {
	Words []string
	Tags  []string
	Cased bool
}

// ReadCoNLL reads a column file: one token per line with the token first
// and the tag last, a blank line between sentences (CRLF allowed). Tags are
// mapped to PER/ORG/LOC/EVT (see mapTag).
func ReadCoNLL(path string, cased bool) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read ner data: %w", err)
	}
	defer f.Close()
	var out []Sentence
	cur := Sentence{Cased: cased}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(strings.TrimRight(sc.Text(), "\r"))
		if s == "" {
			if len(cur.Words) > 0 {
				out = append(out, cur)
				cur = Sentence{Cased: cased}
			}
			continue
		}
		fs := strings.Fields(s)
		if len(fs) < 2 {
			return nil, fmt.Errorf("read ner data %s:%d: want \"token ... tag\", got %q", path, line, s)
		}
		cur.Words = append(cur.Words, fs[0])
		cur.Tags = append(cur.Tags, mapTag(fs[len(fs)-1]))
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read ner data %s: %w", path, err)
	}
	if len(cur.Words) > 0 {
		out = append(out, cur)
	}
	return out, nil
}

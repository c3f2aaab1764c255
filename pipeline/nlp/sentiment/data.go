package sentiment

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
)

// Example is one labelled text.
type Example struct {
	Text  string
	Label Label
}

// ReadSmSA reads an SmSA file: one "text<TAB>label" per line.
func ReadSmSA(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read smsa: %w", err)
	}
	defer f.Close()
	var out []Example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if s == "" {
			continue
		}
		i := strings.LastIndexByte(s, '\t')
		if i < 0 {
			return nil, fmt.Errorf("read smsa %s:%d: no tab between text and label", path, line)
		}
		l, err := ParseLabel(strings.TrimSpace(s[i+1:]))
		if err != nil {
			return nil, fmt.Errorf("read smsa %s:%d: %w", path, line, err)
		}
		out = append(out, Example{Text: s[:i], Label: l})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read smsa %s: %w", path, err)
	}
	return out, nil
}

// ReadNusaX reads a NusaX-senti CSV file with columns id,text,label.
func ReadNusaX(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read nusax: %w", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("read nusax %s: header: %w", path, err)
	}
	ti, li := -1, -1
	for i, h := range head {
		switch h {
		case "text":
			ti = i
		case "label":
			li = i
		}
	}
	if ti < 0 || li < 0 {
		return nil, fmt.Errorf("read nusax %s: header needs text and label columns, got %v", path, head)
	}
	var out []Example
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read nusax %s: %w", path, err)
		}
		l, err := ParseLabel(rec[li])
		if err != nil {
			return nil, fmt.Errorf("read nusax %s: %w", path, err)
		}
		out = append(out, Example{Text: rec[ti], Label: l})
	}
	return out, nil
}

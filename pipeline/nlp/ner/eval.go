package ner

import (
	"fmt"
	"io"
	"sort"
)

// TypeMetrics holds entity-level precision, recall and F1 of one type.
type TypeMetrics struct {
	Precision, Recall, F1 float64
	Gold, Pred, Correct   int
}

// Metrics is the entity-level (exact span and type) evaluation.
type Metrics struct {
	Types   map[string]TypeMetrics
	Overall TypeMetrics
}

// Evaluate tags every sentence and compares entities with the gold ones,
// counting only the given types (all when types is empty).
func (m *Model) Evaluate(data []Sentence, types ...string) Metrics {
	want := map[string]bool{}
	for _, t := range types {
		want[t] = true
	}
	keep := func(t string) bool { return len(want) == 0 || want[t] }
	counts := map[string]*TypeMetrics{}
	get := func(t string) *TypeMetrics {
		if counts[t] == nil {
			counts[t] = &TypeMetrics{}
		}
		return counts[t]
	}
	for _, t := range types {
		get(t)
	}
	var gp []int
	for _, s := range data {
		gp = gp[:0]
		for _, t := range s.Tags {
			gp = append(gp, tagIndex(t))
		}
		gold := spans(nil, gp)
		pred := m.Tag(nil, s.Words)
		gs := map[Span]bool{}
		for _, g := range gold {
			if keep(g.Type) {
				gs[g] = true
				get(g.Type).Gold++
			}
		}
		for _, p := range pred {
			if !keep(p.Type) {
				continue
			}
			get(p.Type).Pred++
			if gs[p] {
				get(p.Type).Correct++
			}
		}
	}
	out := Metrics{Types: map[string]TypeMetrics{}}
	var all TypeMetrics
	for t, c := range counts {
		finish(c)
		out.Types[t] = *c
		all.Gold += c.Gold
		all.Pred += c.Pred
		all.Correct += c.Correct
	}
	finish(&all)
	out.Overall = all
	return out
}

func finish(c *TypeMetrics) {
	if c.Pred > 0 {
		c.Precision = float64(c.Correct) / float64(c.Pred)
	}
	if c.Gold > 0 {
		c.Recall = float64(c.Correct) / float64(c.Gold)
	}
	if c.Precision+c.Recall > 0 {
		c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
	}
}

// Write prints the metrics as a small table.
func (m Metrics) Write(w io.Writer, name string) {
	fmt.Fprintf(w, "%s\n", name)
	fmt.Fprintf(w, "  %-8s %9s %9s %9s %7s\n", "tipe", "presisi", "recall", "F1", "emas")
	keys := make([]string, 0, len(m.Types))
	for k := range m.Types {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := m.Types[k]
		fmt.Fprintf(w, "  %-8s %9.4f %9.4f %9.4f %7d\n", k, c.Precision, c.Recall, c.F1, c.Gold)
	}
	c := m.Overall
	fmt.Fprintf(w, "  %-8s %9.4f %9.4f %9.4f %7d\n", "semua", c.Precision, c.Recall, c.F1, c.Gold)
}

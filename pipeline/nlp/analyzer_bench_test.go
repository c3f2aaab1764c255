package nlp

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/biroadpim/pantau/pipeline/nlp/ner"
	"github.com/biroadpim/pantau/pipeline/nlp/token"
)

// cpuTime returns the user and system CPU time of the process so far. With
// -cpu 1 the benchmark loop is the only Go code running, so CPU time per
// operation is a steadier per-core figure than wall-clock time on a shared,
// loaded machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// benchText builds a news text of about size bytes from the fixtures.
func benchText(b testing.TB, size int) string {
	var sb strings.Builder
	for _, f := range []string{"banjir_samarinda.txt", "pelantikan.txt", "tambang_ilegal.txt"} {
		title, body := article(b, f)
		sb.WriteString(title + "\n\n" + body + "\n\n")
	}
	all := sb.String()
	for len(all) < size {
		all += all
	}
	cut := strings.LastIndex(all[:size], "\n\n")
	if cut < size/2 {
		cut = size
	}
	return all[:cut]
}

// BenchmarkAnalyze measures the full analysis (language, sentence and
// entity sentiment, NER, gazetteer, quotes, issues, key phrases) per
// document. Run with -cpu 1 for the per-core figure.
func BenchmarkAnalyze(b *testing.B) {
	a := newAnalyzer(b)
	for _, size := range []int{2 << 10, 8 << 10} {
		text := benchText(b, size)
		b.Run(sizeName(size), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			c0 := cpuTime()
			for b.Loop() {
				_ = a.Analyze(text)
			}
			cpu := cpuTime() - c0
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(b.N)/cpu.Seconds(), "cpu-docs/s")
		})
	}
}

// BenchmarkStages isolates the expensive stages on a 2 KB article.
func BenchmarkStages(b *testing.B) {
	a := newAnalyzer(b)
	text := benchText(b, 2<<10)
	b.Run("sentiment-doc", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = a.sent.Predict(text)
		}
	})
	// per-sentence work as analyze does it
	toks := token.Tokenize(nil, text)
	var sents [][]token.Token
	var words, lows [][]string
	ti := 0
	for _, s := range token.Sentences(nil, text, toks) {
		a0 := ti
		for ti < len(toks) && toks[ti].Start < s.End {
			ti++
		}
		var w, l []string
		for _, t := range toks[a0:ti] {
			w = append(w, t.Text)
			l = append(l, token.Lower(t.Text))
		}
		sents, words, lows = append(sents, toks[a0:ti]), append(words, w), append(lows, l)
	}
	b.Run("sentiment-sentences", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for i, st := range sents {
				_ = a.sent.PredictTokensLower(st, lows[i], true)
			}
		}
	})
	b.Run("ner-sentences", func(b *testing.B) {
		b.ReportAllocs()
		var sp []ner.Span
		for b.Loop() {
			for i := range words {
				sp = a.ner.TagLower(sp[:0], words[i], lows[i])
			}
		}
	})
}

func sizeName(n int) string {
	return strings.TrimSuffix(strings.TrimSuffix(itoa(n>>10), "")+"KB", "")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for n > 0 {
		d = append([]byte{byte('0' + n%10)}, d...)
		n /= 10
	}
	return string(d)
}

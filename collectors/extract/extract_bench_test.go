package extract

import (
	"testing"
)

// BenchmarkExtract measures pages/s of Pantau's extraction (with each
// fallback) next to the raw libraries, on the same pages, by page.
func BenchmarkExtract(b *testing.B) {
	pages := corpus(b)
	for _, pg := range []page{pages[0], pages[1], pages[2], pages[5]} {
		for _, m := range methods {
			b.Run(pg.name+"/"+m.name, func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(int64(len(pg.html)))
				for b.Loop() {
					m.run(pg)
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			})
		}
	}
}

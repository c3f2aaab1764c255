package brief

import (
	"context"
	"fmt"
	"strconv"
	"testing"

	"github.com/biroadpim/pantau/analytics/brief/internal/corpus"
	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/pipeline/store"
)

// synthSQL generates n documents inside the engine, spread over the 30 days
// before the cutoff: eight outlets and an official source, 24 issues, three
// tones, the governor in one document in five, stories of three documents.
const synthSQL = `INSERT INTO pantau.documents
SELECT concat('syn-', toString(number)) AS id,
       arrayElement(['tribun-kaltim','kaltimpost','kaltimtoday','korankaltim','niaga-asia','sapos','prokal','antara-kaltim','diskominfo-kaltim'], (number % 9) + 1) AS source,
       'article', concat('https://example.test/', toString(number)), '',
       concat('Berita sintetis nomor ', toString(number)), '', 'isi', '', '',
       fromUnixTimestamp64Milli({end:Int64} - toInt64(cityHash64(number) % 2592000000)) AS published_at,
       published_at, published_at, 'id', number % 9 = 8,
       arrayElement(['positive','neutral','negative'], (cityHash64(number, 1) % 3) + 1) AS label, 0.0,
       if(number % 5 = 0, ['Samarinda', 'Rudy Mas''ud'], ['Samarinda']) AS entities,
       entities, if(number % 5 = 0, ['LOC', 'PER'], ['LOC']),
       if(number % 5 = 0, ['', 'Gubernur Kalimantan Timur (2025–2030)'], ['']),
       if(number % 5 = 0, [label, label], [label]), if(number % 5 = 0, [0.0, 0.0], [0.0]),
       if(number % 50 = 0, ['Rudy Mas''ud'], []), if(number % 50 = 0, ['Kami tangani segera.'], []),
       [arrayElement(['banjir','tambang_ilegal','ikn','jalan_rusak','karhutla','stunting','inflasi_bahan_pokok','listrik_padam','air_bersih','ppdb','kesehatan_bpjs','pilkada','korupsi','investasi','humas_keterbukaan','lingkungan','pendidikan','kemiskinan_sosial','infrastruktur','bbm_antrean','kamtibmas','pelayanan_publik','anggaran_daerah','transportasi'], (cityHash64(number, 2) % 24) + 1)],
       [concat('frasa ', toString(cityHash64(number, 3) % 500))],
       concat('story-', toString(intDiv(number, 3))), '', map(), 'bench', 1, 1
FROM numbers({n:UInt64})`

func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			s := chtest.Store(b)
			loaded = "bench"
			ctx := store.WithParams(context.Background(), map[string]string{"n": strconv.Itoa(n), "end": strconv.FormatInt(corpus.Cutoff.UnixMilli(), 10)})
			if err := s.Conn().Exec(ctx, synthSQL); err != nil {
				b.Fatal(err)
			}
			if err := s.Conn().Exec(context.Background(), "OPTIMIZE TABLE pantau.documents FINAL"); err != nil {
				b.Fatal(err)
			}
			g := newTestGenerator(b, s)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				br, err := g.Generate(context.Background(), corpus.Date)
				if err != nil {
					b.Fatal(err)
				}
				if br.Headline.Total.N == 0 {
					b.Fatal("no documents in the period")
				}
				if _, err := HTML(br); err != nil {
					b.Fatal(err)
				}
				if _, err := Markdown(br); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

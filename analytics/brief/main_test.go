package brief

import (
	"context"
	"flag"
	"os"
	"testing"
	"time"

	"github.com/biroadpim/pantau/analytics/brief/internal/corpus"
	"github.com/biroadpim/pantau/analytics/internal/chtest"
	"github.com/biroadpim/pantau/analytics/internal/fixture"
	"github.com/biroadpim/pantau/analytics/internal/seed"
	"github.com/biroadpim/pantau/pipeline/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestMain(m *testing.M) { os.Exit(chtest.Main(m)) }

// loaded remembers which corpus the engine holds, so tests sharing one do
// not reload it.
var loaded = "none"

// loadDay returns a store holding the corpus with o (the brief tables emptied).
func loadDay(t testing.TB, o corpus.Options) *store.Store {
	t.Helper()
	key := "day:" + o.Outage
	if loaded == key {
		s := chtest.Open(t)
		truncateBriefs(t, s)
		return s
	}
	s := chtest.Store(t)
	truncateBriefs(t, s)
	loaded = "none"
	seed.Load(t, s, fixture.Corpus{Docs: corpus.Day(o)})
	loaded = key
	return s
}

// emptyStore returns a store without documents.
func emptyStore(t testing.TB) *store.Store {
	t.Helper()
	s := chtest.Store(t)
	truncateBriefs(t, s)
	loaded = "empty"
	return s
}

func truncateBriefs(t testing.TB, s *store.Store) {
	t.Helper()
	for _, tb := range []string{"briefs", "brief_deliveries"} {
		if err := s.Conn().Exec(context.Background(), "TRUNCATE TABLE "+s.Database()+"."+tb); err != nil {
			t.Fatal(err)
		}
	}
}

// generatedAt is the fixed generation time of the golden briefs.
var generatedAt = time.Date(2026, 11, 20, 6, 0, 3, 0, WITA)

func testConfig() Config {
	c := DefaultConfig()
	c.BaseURL = "https://pantau.example"
	c.GrafanaURL = "https://grafana.example/d/pantau-ringkasan"
	c.OutletWeights = []string{"tribun-kaltim=1.5", "kaltimpost=1.5", "antara-kaltim=1.2"}
	return c
}

func newTestGenerator(t testing.TB, s *store.Store) *Generator {
	t.Helper()
	g, err := NewGenerator(s.Conn(), testConfig(), GeneratorOptions{Outlets: corpus.Outlets, Now: func() time.Time { return generatedAt }})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

package query

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
)

func TestMain(m *testing.M) { os.Exit(chtest.Main(m)) }

func TestAnalyticsQueriesCannotWrite(t *testing.T) {
	s := chtest.Store(t)
	ctx := WithParams(context.Background(), map[string]string{"id": "x"})
	var n uint64
	if err := s.Conn().QueryRow(ctx, "SELECT count() FROM pantau.documents FINAL WHERE id = {id:String}").Scan(&n); err != nil {
		t.Fatalf("read with analytics settings: %v", err)
	}
	err := s.Conn().Exec(ctx, "TRUNCATE TABLE pantau.story_bands")
	if err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Fatalf("a write with the analytics settings: %v, want a readonly refusal", err)
	}
}

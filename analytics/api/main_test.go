package api

import (
	"os"
	"testing"

	"github.com/biroadpim/pantau/analytics/internal/chtest"
)

func TestMain(m *testing.M) { os.Exit(chtest.Main(m)) }

package brief

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biroadpim/pantau/analytics/brief/internal/corpus"
)

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to create it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs from the golden file at line %d:\n got: %s\nwant: %s\n(run with -update if the change is intended)", name, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs from the golden file in length: %d lines, want %d (run with -update if intended)", name, len(gl), len(wl))
	}
}

func TestGenerateFixtureDay(t *testing.T) {
	s := loadDay(t, corpus.Options{})
	g := newTestGenerator(t, s)
	b, err := g.Generate(context.Background(), corpus.Date)
	if err != nil {
		t.Fatal(err)
	}
	js, err := JSON(b)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "day.json", js)
	md, err := Markdown(b)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "day.md", md)
	html, err := HTML(b)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "day.html", html)
}

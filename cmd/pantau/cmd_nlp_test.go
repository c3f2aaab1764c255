package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := dispatch(context.Background(), &cmdEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}, args)
	return code, out.String(), errb.String()
}

func TestAnalyzeCommand(t *testing.T) {
	in := `{"id":"a1","text":"\"Kami tidak ingin warga terus menjadi korban banjir,\" kata Gubernur Kaltim Rudy Mas'ud di Samarinda."}` + "\n" +
		"Makanannya gak enak bgt, kecewa\n" +
		`{"id":"a3","title":"Pelantikan pejabat Pemprov Kaltim","body":"Acara berlangsung lancar dan khidmat."}` + "\n"
	code, out, errs := runCmd(t, in, "analyze")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d output lines, want 3:\n%s", len(lines), out)
	}
	var r struct {
		ID        string `json:"id"`
		Sentiment struct{ Label string }
		Quotes    []struct{ Canonical string }
		Issues    []string
	}
	if err := json.Unmarshal([]byte(lines[0]), &r); err != nil {
		t.Fatal(err)
	}
	if r.ID != "a1" || len(r.Quotes) != 1 || r.Quotes[0].Canonical != "Rudy Mas'ud" || len(r.Issues) == 0 || r.Issues[0] != "banjir" {
		t.Errorf("first result %+v", r)
	}
	if err := json.Unmarshal([]byte(lines[1]), &r); err != nil {
		t.Fatal(err)
	}
	if r.ID != "2" || r.Sentiment.Label != "negative" {
		t.Errorf("plain-text line: %+v", r)
	}
}

func TestAnalyzeCommandBadJSON(t *testing.T) {
	code, _, errs := runCmd(t, "{not json\n", "analyze")
	if code == 0 || !strings.Contains(errs, "baris 1") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
}

func TestEvalAndTrainNeedData(t *testing.T) {
	code, _, errs := runCmd(t, "", "eval", "--data", "/nonexistent")
	if code == 0 || !strings.Contains(errs, "--data") {
		t.Fatalf("eval: exit %d, stderr %q", code, errs)
	}
	code, _, errs = runCmd(t, "", "train", "parser")
	if code == 0 || !strings.Contains(errs, "sentiment atau ner") {
		t.Fatalf("train: exit %d, stderr %q", code, errs)
	}
}

// TestTrainNER retrains the (small, fast) NER model into a temporary file
// and checks that it loads and scores like the embedded one.
func TestTrainNER(t *testing.T) {
	data := filepath.Join("..", "..", "pipeline", "nlp", "data")
	out := filepath.Join(t.TempDir(), "ner.bin")
	code, stdout, errs := runCmd(t, "", "train", "ner", "--data", data, "--out", out, "--seed", "1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(stdout, "semua") {
		t.Errorf("no metrics printed: %s", stdout)
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		t.Fatalf("model not written: %v", err)
	}
}

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/biroadpim/pantau/pipeline/bus"
)

func TestIngestReportsBadLinesAndExitStatus(t *testing.T) {
	s, err := bus.StartEmbedded(bus.ServerOptions{StoreDir: t.TempDir(), Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Shutdown(); s.WaitForShutdown() }()
	file := filepath.Join(t.TempDir(), "docs.jsonl")
	lines := `{"url":"https://kaltimpost.id/a","source":"kaltim-post","title":"Banjir","body":"x","published_at":"2024-05-31T14:05:00+08:00"}
{"url":"https://kaltimpost.id/b","source":"kaltim-post","title":"Jalan","body":"x","published_at":"kemarin"}
{"url":"https://kaltimpost.id/c","source":"kaltim-post","title":"Tambang","body":"x","published_at":"2024-05-31T15:05:00+08:00"}
`
	if err := os.WriteFile(file, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func() (int, string) {
		var out, errb bytes.Buffer
		code := dispatch(context.Background(), &cmdEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb},
			[]string{"ingest", "--quiet", "--nats-url", s.ClientURL(), file})
		return code, errb.String()
	}
	code, stderr := run()
	if code != 1 {
		t.Errorf("exit status %d, want 1 (one bad line)", code)
	}
	for _, want := range []string{"baris 2", "published_at \"kemarin\"", "2 dokumen terkirim", "1 baris gagal"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	_, stderr = run()
	if !strings.Contains(stderr, "0 dokumen terkirim, 2 duplikat") {
		t.Errorf("second ingest must add nothing:\n%s", stderr)
	}
	var out, errb bytes.Buffer
	if code := dispatch(context.Background(), &cmdEnv{stdout: &out, stderr: &errb}, []string{"ingest", "--nats-url", s.ClientURL(), "/nonexistent.jsonl"}); code != 2 || !strings.Contains(errb.String(), "tidak bisa membuka /nonexistent.jsonl") {
		t.Errorf("missing file: %d %s", code, errb.String())
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for name := range commands {
		var out, errb bytes.Buffer
		code := dispatch(context.Background(), &cmdEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, []string{name, "--help"})
		if code != 0 {
			t.Errorf("%s --help: exit %d\n%s%s", name, code, out.String(), errb.String())
		}
		if !strings.Contains(out.String()+errb.String(), "Pemakaian") {
			t.Errorf("%s --help prints no usage:\n%s%s", name, out.String(), errb.String())
		}
	}
}

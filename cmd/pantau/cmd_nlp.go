package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/biroadpim/pantau/pipeline/nlp"
	"github.com/biroadpim/pantau/pipeline/nlp/ner"
	"github.com/biroadpim/pantau/pipeline/nlp/sentiment"
)

// defaultNLPData is the training and evaluation data, relative to the
// repository root.
const defaultNLPData = "pipeline/nlp/data"

func init() {
	register(command{name: "analyze", summary: "analisis teks (sentimen, entitas, kutipan, isu) dari stdin", run: runAnalyze})
	register(command{name: "eval", summary: "ukur model NLP pada data valid/dev", run: runEval})
	register(command{name: "train", summary: "latih ulang model NLP (sentiment | ner)", run: runTrain})
}

func runAnalyze(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	gaz := fs.String("gazetteer", "", "berkas YAML gazetir pengganti (bawaan: gazetir Kaltim tertanam)")
	tax := fs.String("taxonomy", "", "berkas YAML taksonomi isu pengganti (bawaan: taksonomi tertanam)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Pemakaian: pantau analyze [opsi] < masukan\n\n"+
			"Membaca satu dokumen per baris dari stdin: JSON {\"id\",\"text\"} (boleh juga \"title\",\n"+
			"\"lead\", \"body\") atau teks biasa, lalu menulis satu baris JSON hasil analisis per dokumen.\n\nOpsi:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	a, err := nlp.New(nlp.Options{GazetteerFile: *gaz, TaxonomyFile: *tax})
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau analyze: %v\n", err)
		return 1
	}
	sc := bufio.NewScanner(env.stdin)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	out := bufio.NewWriter(env.stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	line := 0
	for sc.Scan() {
		if ctx.Err() != nil {
			return 130
		}
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		var in struct {
			ID    string `json:"id"`
			Text  string `json:"text"`
			Title string `json:"title"`
			Lead  string `json:"lead"`
			Body  string `json:"body"`
		}
		var res nlp.Result
		if strings.HasPrefix(s, "{") {
			if err := json.Unmarshal([]byte(s), &in); err != nil {
				fmt.Fprintf(env.stderr, "pantau analyze: baris %d bukan JSON yang sah (%v); kirim {\"id\",\"text\"} atau teks biasa\n", line, err)
				return 1
			}
			if in.Text != "" {
				res = a.Analyze(in.Text)
			} else {
				res = a.AnalyzeDocument(in.Title, in.Lead, in.Body)
			}
			res.ID = in.ID
		} else {
			res = a.Analyze(s)
			res.ID = fmt.Sprint(line)
		}
		if err := enc.Encode(res); err != nil {
			fmt.Fprintf(env.stderr, "pantau analyze: tulis hasil: %v\n", err)
			return 1
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintf(env.stderr, "pantau analyze: baca stdin: %v (baris maksimal 16 MB)\n", err)
		return 1
	}
	return 0
}

func runEval(_ context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	data := fs.String("data", defaultNLPData, "direktori data latih/valid")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Pemakaian: pantau eval [opsi]\n\n"+
			"Mengukur model tertanam: sentimen (presisi/recall/F1 per kelas, macro-F1) pada SmSA valid\n"+
			"dan NusaX valid; entitas (F1 per tipe dan keseluruhan) pada IDNer-news-2k dev.\n\nOpsi:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := checkDataDir(*data); err != nil {
		fmt.Fprintf(env.stderr, "pantau eval: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.stdout, "Model NLP %s\n\n", nlp.ModelVersion())
	sm, err := sentiment.Default()
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau eval: %v\n", err)
		return 1
	}
	res, err := sm.EvaluateDir(*data)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau eval: %v\n", err)
		return 1
	}
	fmt.Fprintln(env.stdout, "== Sentimen ==")
	for _, r := range res {
		r.Metrics.Write(env.stdout, r.Name)
	}
	nm, err := ner.Default()
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau eval: %v\n", err)
		return 1
	}
	met, err := nm.EvaluateDir(*data)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau eval: %v\n", err)
		return 1
	}
	fmt.Fprintln(env.stdout, "\n== Entitas (tingkat entitas, span dan tipe tepat) ==")
	met.Write(env.stdout, "IDNer-news-2k dev")
	return 0
}

func runTrain(_ context.Context, env *cmdEnv, args []string) int {
	usage := "Pemakaian: pantau train sentiment|ner [--seed N] [--out BERKAS] [--data DIR]\n\n" +
		"Melatih ulang model secara deterministik (dengan seed) dari data repositori dan menulis\n" +
		"berkas model (bawaan: berkas yang ditanam di binary; bangun ulang binary sesudahnya)."
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(env.stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	what := args[0]
	if what != "sentiment" && what != "ner" {
		fmt.Fprintf(env.stderr, "pantau train: model %q tidak dikenal; pilih sentiment atau ner\n", what)
		return 2
	}
	fs := flag.NewFlagSet("train "+what, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	seed := fs.Uint64("seed", 1, "seed pengacakan (hasil sama untuk seed sama)")
	data := fs.String("data", defaultNLPData, "direktori data latih")
	out := fs.String("out", filepath.Join("pipeline/nlp", what, "model.bin"), "berkas model keluaran")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, usage+"\n\nOpsi:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := checkDataDir(*data); err != nil {
		fmt.Fprintf(env.stderr, "pantau train: %v\n", err)
		return 1
	}
	start := time.Now()
	var save func(io.Writer) error
	switch what {
	case "sentiment":
		cfg := sentiment.DefaultTrainConfig
		cfg.Seed = *seed
		m, err := sentiment.TrainDir(*data, cfg)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau train: %v\n", err)
			return 1
		}
		res, err := m.EvaluateDir(*data)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau train: %v\n", err)
			return 1
		}
		for _, r := range res {
			r.Metrics.Write(env.stdout, r.Name)
		}
		save = m.Save
	case "ner":
		cfg := ner.DefaultTrainConfig
		cfg.Seed = *seed
		m, err := ner.TrainDir(*data, cfg)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau train: %v\n", err)
			return 1
		}
		met, err := m.EvaluateDir(*data)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau train: %v\n", err)
			return 1
		}
		met.Write(env.stdout, "IDNer-news-2k dev")
		save = m.Save
	}
	if err := writeFileAtomic(*out, save); err != nil {
		fmt.Fprintf(env.stderr, "pantau train: %v\n", err)
		return 1
	}
	fmt.Fprintf(env.stdout, "model %s ditulis ke %s (%s)\n", what, *out, time.Since(start).Round(time.Millisecond))
	return 0
}

func checkDataDir(dir string) error {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("direktori data %q tidak ada; jalankan dari akar repositori atau beri --data pipeline/nlp/data", dir)
	}
	return nil
}

func writeFileAtomic(path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".model-*")
	if err != nil {
		return fmt.Errorf("tulis model %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("tulis model %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("tulis model %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("tulis model %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("tulis model %s: %w", path, err)
	}
	return nil
}

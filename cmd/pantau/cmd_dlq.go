package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/biroadpim/pantau/pipeline/bus"
)

func init() {
	register(command{name: "dlq", summary: "lihat atau kirim ulang pesan yang gagal diproses (dead letter)", run: runDLQ})
}

var wita = time.FixedZone("WITA", 8*3600)

func runDLQ(ctx context.Context, env *cmdEnv, args []string) int {
	usage := "Pemakaian:\n  pantau dlq list [--stage TAHAP] [--limit N] [--nats-url URL]\n  pantau dlq replay [--keep] [--nats-url URL] NOMOR...|--all [--stage TAHAP]\n\nPesan yang tidak bisa diproses pipeline disimpan di pantau.dlq.<tahap> beserta alasannya.\n'replay' mengirimnya kembali ke pipeline (setelah penyebabnya diperbaiki) dan menghapusnya dari DLQ."
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(env.stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	sub := args[0]
	fs := flag.NewFlagSet("pantau dlq "+sub, flag.ContinueOnError)
	natsURL := fs.String("nats-url", envOr("PANTAU_NATS_URL", "nats://127.0.0.1:4222"), "URL server NATS")
	stage := fs.String("stage", "", "hanya tahap ini (decode, normalize, analyze, stories, deliver)")
	limit := fs.Int("limit", 100, "jumlah pesan paling banyak (list)")
	keep := fs.Bool("keep", false, "jangan hapus dari DLQ setelah dikirim ulang (replay)")
	all := fs.Bool("all", false, "kirim ulang semua pesan (replay), atau semua dari --stage")
	if done, code := parseFlags(fs, args[1:], env.stderr); done {
		return code
	}
	nc, err := nats.Connect(*natsURL, nats.Name("pantau-dlq"), nats.Timeout(5*time.Second))
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau dlq: tidak bisa terhubung ke NATS %s: %v\n", *natsURL, err)
		return 1
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau dlq: %v\n", err)
		return 1
	}
	switch sub {
	case "list":
		entries, err := bus.ListDeadLetters(ctx, js, *stage, *limit)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau dlq: %v\n", err)
			return 1
		}
		if len(entries) == 0 {
			fmt.Fprintln(env.stdout, "DLQ kosong")
			return 0
		}
		fmt.Fprintf(env.stdout, "%-6s %-16s %-10s %-28s %s\n", "NOMOR", "WAKTU (WITA)", "TAHAP", "SUBJEK", "ALASAN / DOKUMEN")
		for _, e := range entries {
			what := e.Letter.GetReason()
			if e.Doc != nil {
				what += " — " + truncateText(e.Doc.GetTitle(), 60)
			}
			fmt.Fprintf(env.stdout, "%-6d %-16s %-10s %-28s %s\n", e.Seq, e.Time.In(wita).Format("2006-01-02 15:04"), e.Letter.GetStage(), e.Letter.GetSubject(), what)
		}
		return 0
	case "replay":
		var seqs []uint64
		if *all {
			entries, err := bus.ListDeadLetters(ctx, js, *stage, 0)
			if err != nil {
				fmt.Fprintf(env.stderr, "pantau dlq: %v\n", err)
				return 1
			}
			for _, e := range entries {
				seqs = append(seqs, e.Seq)
			}
		}
		for _, a := range fs.Args() {
			n, err := strconv.ParseUint(a, 10, 64)
			if err != nil {
				fmt.Fprintf(env.stderr, "pantau dlq replay: %q bukan nomor pesan (lihat kolom NOMOR di 'pantau dlq list')\n", a)
				return 2
			}
			seqs = append(seqs, n)
		}
		if len(seqs) == 0 {
			fmt.Fprintln(env.stderr, "pantau dlq replay: sebutkan nomor pesan, atau --all")
			return 2
		}
		failed := 0
		for _, s := range seqs {
			if _, err := bus.ReplayDeadLetter(ctx, js, s, *keep); err != nil {
				fmt.Fprintf(env.stderr, "pantau dlq replay: %v\n", err)
				failed++
			}
		}
		fmt.Fprintf(env.stdout, "%d pesan dikirim ulang, %d gagal\n", len(seqs)-failed, failed)
		if failed > 0 {
			return 1
		}
		return 0
	}
	fmt.Fprintf(env.stderr, "pantau dlq: subperintah tidak dikenal %q (list atau replay)\n", sub)
	return 2
}

func truncateText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/biroadpim/pantau/internal/app"
)

func init() {
	register(command{name: "run", summary: "jalankan Pantau: NATS, ClickHouse, kolektor, pipeline, API", run: runRun})
}

func runRun(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("pantau run", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Pemakaian: pantau run [opsi]\n\nMenjalankan semua komponen dalam satu proses (atau peran tertentu dengan --roles).\nTanpa --nats-url dan --clickhouse-dsn, NATS dan ClickHouse berjalan tertanam di --data-dir.\n\nOpsi:")
		fs.PrintDefaults()
	}
	cf := newConfigFlags(fs)
	if done, code := parseFlags(fs, args, env.stderr); done {
		return code
	}
	cfg, err := cf.load()
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau run: konfigurasi salah: %v\n", err)
		return 2
	}
	if err := cfg.Validate(); err != nil {
		fmt.Fprintf(env.stderr, "pantau run: konfigurasi salah:\n%v\n", err)
		return 2
	}
	log := app.NewLogger(env.stderr, cfg.LogLevel, cfg.LogFormat)
	opts, err := app.DefaultOptions(cfg)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau run: gagal memulai: %v\n", err)
		return 1
	}
	a, err := app.Start(ctx, cfg, log, opts)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau run: gagal memulai: %v\n", err)
		return 1
	}
	if err := a.Run(ctx); err != nil {
		fmt.Fprintf(env.stderr, "pantau run: berhenti karena galat: %v\n", err)
		return 1
	}
	return 0
}

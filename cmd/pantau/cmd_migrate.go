package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/biroadpim/pantau/internal/app"
	"github.com/biroadpim/pantau/pipeline/store"
)

func init() {
	register(command{name: "migrate", summary: "terapkan migrasi skema ClickHouse (atau cetak DDL-nya)", run: runMigrate})
}

func runMigrate(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("pantau migrate", flag.ContinueOnError)
	cluster := fs.String("cluster", "", "nama klaster ClickHouse: DDL ON CLUSTER dengan tabel Replicated*MergeTree lokal dan tabel Distributed")
	dryRun := fs.Bool("dry-run", false, "cetak DDL tanpa menjalankannya")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Pemakaian: pantau migrate [--clickhouse-dsn DSN] [--cluster NAMA] [--dry-run]\n\nMenerapkan migrasi skema yang tertanam di biner (juga dijalankan otomatis oleh 'pantau run').\nTanpa --clickhouse-dsn, mesin ClickHouse tertanam di --data-dir yang dipakai.\n\nOpsi:")
		fs.PrintDefaults()
	}
	cf := newConfigFlags(fs, "data-dir", "clickhouse-dsn", "clickhouse-http-addr", "log-level")
	if done, code := parseFlags(fs, args, env.stderr); done {
		return code
	}
	cfg, err := cf.load()
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau migrate: konfigurasi salah: %v\n", err)
		return 2
	}
	if *cluster != "" {
		cfg.ClickHouse.Cluster = *cluster
	}
	if err := cfg.ClickHouse.Validate(); err != nil {
		fmt.Fprintf(env.stderr, "pantau migrate: konfigurasi salah:\n%v\n", err)
		return 2
	}
	if *dryRun {
		stmts, err := store.DDL(cfg.ClickHouse)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau migrate: %v\n", err)
			return 1
		}
		fmt.Fprintln(env.stdout, strings.Join(stmts, ";\n\n")+";")
		return 0
	}
	log := app.NewLogger(env.stderr, cfg.LogLevel, cfg.LogFormat)
	if cfg.ClickHouse.Embedded() {
		cfg.ClickHouse.HTTPAddr = "127.0.0.1:0"
	}
	ch, err := app.OpenClickHouse(ctx, cfg.DataDir, cfg.ClickHouse, log)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau migrate: %v\n", err)
		return 1
	}
	defer ch.Close()
	if err := ch.Store.Migrate(ctx); err != nil {
		fmt.Fprintf(env.stderr, "pantau migrate: %v\n", err)
		return 1
	}
	fmt.Fprintln(env.stdout, "migrasi selesai")
	return 0
}

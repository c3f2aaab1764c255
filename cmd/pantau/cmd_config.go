package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/biroadpim/pantau/internal/config"
)

func init() {
	register(command{name: "config", summary: "periksa konfigurasi atau cetak rujukannya", run: runConfig})
}

func runConfig(_ context.Context, env *cmdEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(env.stdout, "Pemakaian:\n  pantau config reference          cetak rujukan konfigurasi (docs/config.md)\n  pantau config check [--config F]  periksa konfigurasi (default < YAML < env < flag)")
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "reference":
		fmt.Fprint(env.stdout, config.Reference())
		return 0
	case "check":
		fs := flag.NewFlagSet("pantau config check", flag.ContinueOnError)
		cf := newConfigFlags(fs)
		if done, code := parseFlags(fs, args[1:], env.stderr); done {
			return code
		}
		c, err := cf.load()
		if err == nil {
			err = c.Validate()
		}
		if err != nil {
			fmt.Fprintf(env.stderr, "konfigurasi salah:\n%v\n", err)
			return 1
		}
		fmt.Fprintln(env.stdout, "konfigurasi sah")
		return 0
	}
	fmt.Fprintf(env.stderr, "pantau config: subperintah tidak dikenal %q (reference atau check)\n", args[0])
	return 2
}

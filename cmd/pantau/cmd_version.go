package main

import (
	"context"
	"fmt"
	"runtime"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func init() {
	register(command{name: "version", summary: "cetak versi Pantau", run: runVersion})
}

func runVersion(_ context.Context, env *cmdEnv, args []string) int {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
		fmt.Fprintln(env.stdout, "Pemakaian: pantau version\n\nMencetak versi Pantau dan Go yang dipakai.")
		return 0
	}
	fmt.Fprintf(env.stdout, "pantau %s (%s)\n", version, runtime.Version())
	return 0
}

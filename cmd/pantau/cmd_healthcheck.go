package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"time"
)

func init() {
	register(command{name: "healthcheck", summary: "periksa endpoint kesehatan (untuk HEALTHCHECK kontainer)", run: runHealthcheck})
}

func runHealthcheck(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("pantau healthcheck", flag.ContinueOnError)
	url := fs.String("url", "http://127.0.0.1:8080/healthz", "URL yang diperiksa")
	timeout := fs.Duration("timeout", 3*time.Second, "batas waktu")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Pemakaian: pantau healthcheck [--url URL] [--timeout 3s]\n\nKeluar 0 bila URL menjawab 2xx, 1 bila tidak (dipakai HEALTHCHECK kontainer tanpa shell).\n\nOpsi:")
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, env.stderr); done {
		return code
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau healthcheck: URL %q tidak sah: %v\n", *url, err)
		return 2
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau healthcheck: %s tidak terjangkau: %v\n", *url, err)
		return 1
	}
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		fmt.Fprintf(env.stderr, "pantau healthcheck: %s menjawab %s\n", *url, resp.Status)
		return 1
	}
	return 0
}

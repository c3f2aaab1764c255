package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/biroadpim/pantau/dashboards"
)

func init() {
	register(command{name: "dashboards", summary: "buat atau kirim dasbor dan peringatan Grafana", run: runDashboards})
}

const dashboardsUsage = `Pemakaian:
  pantau dashboards render --out DIR [opsi]
      Menulis pohon provisioning Grafana (datasources/, dashboards/, alerting/) ke DIR.
  pantau dashboards push --grafana-url URL [opsi]
      Membuat atau memperbarui folder, dasbor dan aturan peringatan lewat API Grafana.
      Kredensial dari lingkungan: GRAFANA_TOKEN, atau GRAFANA_USER dan GRAFANA_PASSWORD.

Jalankan 'pantau dashboards <render|push> --help' untuk opsi tiap subperintah.`

func runDashboards(ctx context.Context, env *cmdEnv, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(env.stdout, dashboardsUsage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	switch args[0] {
	case "render":
		return runDashboardsRender(env, args[1:])
	case "push":
		return runDashboardsPush(ctx, env, args[1:])
	}
	fmt.Fprintf(env.stderr, "pantau dashboards: subperintah tidak dikenal %q; pilih render atau push\n", args[0])
	return 2
}

// dashboardOptionFlags registers the flags that shape the rendered
// provisioning.
func dashboardOptionFlags(fs *flag.FlagSet) *dashboards.Options {
	o := dashboards.DefaultOptions
	fs.StringVar(&o.PantauURL, "pantau-url", o.PantauURL, "alamat dasar server Pantau yang dibuka analis (tautan /briefs/ dan /api/v1/)")
	fs.StringVar(&o.ClickHouseHost, "clickhouse-host", o.ClickHouseHost, "host ClickHouse dilihat dari Grafana (boleh $VAR lingkungan Grafana)")
	fs.IntVar(&o.ClickHousePort, "clickhouse-port", o.ClickHousePort, "port ClickHouse")
	fs.StringVar(&o.ClickHouseProtocol, "clickhouse-protocol", o.ClickHouseProtocol, "protokol ClickHouse: native atau http")
	fs.StringVar(&o.PrometheusURL, "prometheus-url", o.PrometheusURL, "alamat Prometheus dilihat dari Grafana (boleh $VAR)")
	fs.StringVar(&o.DashboardsPath, "dashboards-path", o.DashboardsPath, "direktori berkas JSON dasbor di dalam kontainer Grafana")
	return &o
}

func runDashboardsRender(env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("pantau dashboards render", flag.ContinueOnError)
	out := fs.String("out", "", "direktori tujuan pohon provisioning (wajib), mis. deploy/grafana")
	opts := dashboardOptionFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Pemakaian: pantau dashboards render --out DIR [opsi]\n\nMenulis provisioning Grafana Pantau: sumber data, dasbor, aturan peringatan,\ntitik kontak dan kebijakan notifikasi. Berkas lain di DIR tidak dihapus.\n\nOpsi:")
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, env.stderr); done {
		return code
	}
	if *out == "" {
		fmt.Fprintln(env.stderr, "pantau dashboards render: --out wajib diisi, mis. --out deploy/grafana")
		return 2
	}
	tree, err := dashboards.Render(*opts)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau dashboards render: %v\n", err)
		return 2
	}
	if err := tree.Write(*out); err != nil {
		fmt.Fprintf(env.stderr, "pantau dashboards render: %v\n", err)
		return 1
	}
	for _, p := range tree.Paths() {
		fmt.Fprintf(env.stdout, "ditulis %s/%s\n", *out, p)
	}
	return 0
}

func runDashboardsPush(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("pantau dashboards push", flag.ContinueOnError)
	grafanaURL := fs.String("grafana-url", os.Getenv("GRAFANA_URL"), "alamat Grafana, mis. http://grafana:3000 (bawaan: $GRAFANA_URL)")
	opts := dashboardOptionFlags(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Pemakaian: pantau dashboards push --grafana-url URL [opsi]\n\nMembuat atau memperbarui folder \"Pantau\", dasbor dan aturan peringatan lewat API\nGrafana; aman dijalankan berulang. Jangan dipakai pada Grafana yang sudah memuat\ndasbor yang sama dari berkas provisioning.\nKredensial: GRAFANA_TOKEN (token akun layanan), atau GRAFANA_USER dan GRAFANA_PASSWORD.\n\nOpsi:")
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, env.stderr); done {
		return code
	}
	if *grafanaURL == "" {
		fmt.Fprintln(env.stderr, "pantau dashboards push: --grafana-url wajib diisi (atau GRAFANA_URL)")
		return 2
	}
	p, err := dashboards.Build(*opts)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau dashboards push: %v\n", err)
		return 2
	}
	rep, err := p.Push(ctx, dashboards.PushOptions{
		URL: *grafanaURL, Token: os.Getenv("GRAFANA_TOKEN"),
		User: os.Getenv("GRAFANA_USER"), Password: os.Getenv("GRAFANA_PASSWORD"),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau dashboards push: gagal: %v\n", err)
		return 1
	}
	state := "sudah ada"
	if rep.FolderCreated {
		state = "dibuat"
	}
	fmt.Fprintf(env.stdout, "folder %s (%s)\n", rep.FolderUID, state)
	fmt.Fprintf(env.stdout, "dasbor disimpan: %d, aturan dibuat: %d, aturan diperbarui: %d\n",
		len(rep.Dashboards), len(rep.RulesCreated), len(rep.RulesUpdated))
	return 0
}

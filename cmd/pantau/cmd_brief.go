package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/biroadpim/pantau/analytics/brief"
	"github.com/biroadpim/pantau/internal/app"
	"github.com/biroadpim/pantau/internal/config"
	"github.com/biroadpim/pantau/pipeline/store"
)

func init() {
	register(command{name: "brief", summary: "buat Brief Isu Pagi untuk satu tanggal (html, pdf, md, json)", run: runBrief})
}

// briefConfig returns the brief settings of the main configuration.
func briefConfig(cfg config.Config) brief.Config { return cfg.Brief }

func runBrief(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("pantau brief", flag.ContinueOnError)
	date := fs.String("date", "", "tanggal brief YYYY-MM-DD (WITA); kosong = brief terakhir yang periodenya sudah berakhir")
	format := fs.String("format", "html", "format keluaran: "+strings.Join(brief.Formats, ", "))
	out := fs.String("out", "", "berkas keluaran (kosong = stdout)")
	chURL := fs.String("clickhouse-url", "", "antarmuka HTTP ClickHouse dari 'pantau run' yang sedang berjalan, mis. http://127.0.0.1:8123 (mesin tertanam di --data-dir hanya bisa dibuka satu proses)")
	baseURL := fs.String("base-url", "", "URL dasar Pantau untuk tautan di brief (bawaan dari konfigurasi brief.base_url)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Pemakaian: pantau brief [--date YYYY-MM-DD] [--format html|pdf|md|json] [--out BERKAS]\n                    [--clickhouse-url http://127.0.0.1:8123 | --clickhouse-dsn DSN | --data-dir DIR]\n\nMembuat Brief Isu Pagi untuk 24 jam sampai pukul 05.00 WITA pada tanggal itu.\nPDF memerlukan Chromium (apt-get install chromium).\n\nOpsi:")
		fs.PrintDefaults()
	}
	cf := newConfigFlags(fs, "data-dir", "clickhouse-dsn", "clickhouse-http-addr", "sources", "log-level")
	if done, code := parseFlags(fs, args, env.stderr); done {
		return code
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(env.stderr, "pantau brief: "+format+"\n", a...)
		return code
	}
	valid := false
	for _, f := range brief.Formats {
		valid = valid || f == *format
	}
	if !valid {
		return fail(2, "format %q tidak dikenal: pakai %s", *format, strings.Join(brief.Formats, ", "))
	}
	var day time.Time
	if *date != "" {
		d, err := brief.ParseDate(*date)
		if err != nil {
			return fail(2, "--date: %v", err)
		}
		day = d
	}
	cfg, err := cf.load()
	if err != nil {
		return fail(2, "konfigurasi salah: %v", err)
	}
	bc := briefConfig(cfg)
	if *baseURL != "" {
		bc.BaseURL = *baseURL
	}
	if err := bc.Validate(); err != nil {
		return fail(2, "konfigurasi brief salah:\n%v", err)
	}
	outlets := map[string]string{}
	if srcs, err := cfg.SourceList(); err == nil {
		for _, s := range srcs {
			outlets[s.Name] = s.Title
		}
	}
	log := app.NewLogger(env.stderr, cfg.LogLevel, cfg.LogFormat)
	var st *store.Store
	switch {
	case *chURL != "":
		u, err := url.Parse(*chURL)
		if err != nil || u.Scheme != "http" || u.Host == "" {
			return fail(2, "--clickhouse-url %q: harus berbentuk http://host:port, mis. http://127.0.0.1:8123", *chURL)
		}
		host := u.Host
		if _, _, err := net.SplitHostPort(host); err != nil {
			host = net.JoinHostPort(host, "8123")
		}
		c := cfg.ClickHouse
		c.DSN, c.HTTPAddr = "", host
		if st, err = store.Open(ctx, c, log); err != nil {
			return fail(1, "%v (apakah 'pantau run' berjalan dan antarmuka ClickHouse-nya di %s?)", err, host)
		}
		defer st.Close()
	default:
		c := cfg.ClickHouse
		if c.Embedded() {
			c.HTTPAddr = "127.0.0.1:0"
		}
		ch, err := app.OpenClickHouse(ctx, cfg.DataDir, c, log)
		if err != nil {
			return fail(1, "%v (bila 'pantau run' sedang memakai --data-dir ini, pakai --clickhouse-url http://%s)", err, cfg.ClickHouse.HTTPAddr)
		}
		defer ch.Close()
		if err := ch.Store.Migrate(ctx); err != nil {
			return fail(1, "%v", err)
		}
		st = ch.Store
	}
	g, err := brief.NewGenerator(st.Conn(), bc, brief.GeneratorOptions{Outlets: outlets, Log: log})
	if err != nil {
		return fail(2, "%v", err)
	}
	if day.IsZero() {
		now := time.Now().In(brief.WITA)
		day = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, brief.WITA)
		if _, to := g.Period(day); now.Before(to) {
			day = day.AddDate(0, 0, -1)
		}
	}
	b, err := g.Generate(ctx, day)
	if err != nil {
		return fail(1, "%v", err)
	}
	var data []byte
	switch *format {
	case brief.FormatHTML:
		data, err = brief.HTML(b)
	case brief.FormatMD:
		data, err = brief.Markdown(b)
	case brief.FormatJSON:
		data, err = brief.JSON(b)
	case brief.FormatPDF:
		var html []byte
		if html, err = brief.HTML(b); err == nil {
			data, err = brief.PDFRenderer{Chromium: bc.Chromium}.PDF(ctx, html)
		}
	}
	if err != nil {
		return fail(1, "%v", err)
	}
	var w io.Writer = env.stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return fail(1, "tidak dapat menulis %s: %v", *out, err)
		}
		defer f.Close()
		w = f
	}
	if _, err := w.Write(data); err != nil {
		return fail(1, "tulis keluaran: %v", err)
	}
	if *out != "" {
		fmt.Fprintf(env.stderr, "brief %s (%s) ditulis ke %s\n", b.Date, *format, *out)
	}
	return 0
}

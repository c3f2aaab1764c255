package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/biroadpim/pantau/internal/ingest"
	"github.com/biroadpim/pantau/pipeline/bus"
)

func init() {
	register(command{name: "ingest", summary: "kirim dokumen dari berkas JSON Lines ke pipeline", run: runIngest})
}

func runIngest(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("pantau ingest", flag.ContinueOnError)
	natsURL := fs.String("nats-url", envOr("PANTAU_NATS_URL", "nats://127.0.0.1:4222"), "URL server NATS (server tertanam 'pantau run' secara bawaan)")
	window := fs.Int("window", 1024, "jumlah dokumen yang boleh menunggu konfirmasi NATS sekaligus")
	quiet := fs.Bool("quiet", false, "jangan tampilkan kemajuan")
	format := fs.String("format", "jsonl", "format masukan: jsonl, atau csv (ekspor alat social listening lain)")
	headerMap := fs.String("header-map", "", "csv: peta kolom ke bidang, mis. \"Judul=title,Isi=body,Tautan=url,Tanggal=published_at\"")
	csvSource := fs.String("source", "", "csv: nama sumber untuk baris yang tidak menyebut sumbernya")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Pemakaian: pantau ingest [opsi] BERKAS.jsonl|BERKAS.csv|-

Mengirim dokumen (satu objek JSON per baris) ke NATS untuk diproses pipeline.
Kolom: url, source, kind (article|post|comment), title, body, published_at (RFC 3339),
opsional: id, author, lead, section, lang, official, metadata.
Baris yang salah dilaporkan dengan nomornya dan dilewati; sisanya tetap dikirim.
Dengan --format csv, baris pertama adalah kepala kolom; --header-map memetakan kolom ke bidang.
Status keluar 1 bila ada baris yang gagal.

Opsi:`)
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, env.stderr); done {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.stderr, "pantau ingest: sebutkan satu berkas JSON Lines, atau '-' untuk stdin")
		return 2
	}
	var in io.Reader = env.stdin
	name := fs.Arg(0)
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau ingest: tidak bisa membuka %s: %v\n", name, err)
			return 2
		}
		defer f.Close()
		in = f
	}
	nc, err := nats.Connect(*natsURL, nats.Name("pantau-ingest"), nats.Timeout(5*time.Second))
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau ingest: tidak bisa terhubung ke NATS %s: %v\nApakah 'pantau run' (atau 'make run') sudah berjalan? Atau beri --nats-url.\n", *natsURL, err)
		return 1
	}
	defer nc.Close()
	js, err := jetstream.New(nc, jetstream.WithPublishAsyncMaxPending(*window))
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau ingest: %v\n", err)
		return 1
	}
	if _, err := js.Stream(ctx, bus.RawStream); err != nil {
		if !errors.Is(err, jetstream.ErrStreamNotFound) {
			fmt.Fprintf(env.stderr, "pantau ingest: stream %s tidak terbaca: %v\n", bus.RawStream, err)
			return 1
		}
		if err := bus.EnsureStreams(ctx, js, bus.DefaultStreamConfig()); err != nil {
			fmt.Fprintf(env.stderr, "pantau ingest: %v\n", err)
			return 1
		}
	}
	start := time.Now()
	progress := func(s ingest.Stats) {
		if !*quiet {
			fmt.Fprintf(env.stderr, "\r%d dokumen dibaca, %d terkirim, %d duplikat, %d gagal (%.0f dok/detik)   ",
				s.Lines, s.Published, s.Duplicates, s.Failed, float64(s.Lines)/time.Since(start).Seconds())
		}
	}
	onError := func(err error) { fmt.Fprintf(env.stderr, "\n%s: %v\n", name, err) }
	var docs ingest.Documents
	switch *format {
	case "jsonl":
		docs = ingest.NewReader(in)
	case "csv":
		hm, err := ingest.ParseHeaderMap(*headerMap)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau ingest: --header-map: %v\n", err)
			return 2
		}
		c, err := ingest.NewCSV(in, hm, *csvSource)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau ingest: %s: %v\n", name, err)
			return 2
		}
		docs = c
	default:
		fmt.Fprintf(env.stderr, "pantau ingest: --format %q tidak dikenal (jsonl atau csv)\n", *format)
		return 2
	}
	st, err := ingest.Publish(ctx, js, docs, *window, onError, progress)
	if !*quiet {
		fmt.Fprintln(env.stderr)
	}
	fmt.Fprintf(env.stderr, "selesai: %d dokumen terkirim, %d duplikat (sudah pernah dikirim), %d baris gagal, dalam %s\n",
		st.Published, st.Duplicates, st.Failed, time.Since(start).Round(time.Millisecond))
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau ingest: dihentikan: %v\n", err)
		return 1
	}
	if st.Failed > 0 {
		return 1
	}
	return 0
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

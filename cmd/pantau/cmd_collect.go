package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/biroadpim/pantau/collectors/collector"
	"github.com/biroadpim/pantau/collectors/seen"
	"github.com/biroadpim/pantau/collectors/sources"
	"github.com/biroadpim/pantau/pipeline/bus"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

func init() {
	register(command{name: "collect", summary: "kumpulkan berita dan unggahan publik dari sumber ke NATS", run: runCollect})
}

func runCollect(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("pantau collect", flag.ContinueOnError)
	once := fs.Bool("once", false, "satu putaran saja lalu berhenti (bawaan: terus berjalan sesuai interval tiap sumber)")
	only := fs.String("source", "", "kumpulkan hanya sumber bernama ini")
	file := fs.String("sources", os.Getenv("PANTAU_SOURCES_FILE"), "berkas YAML daftar sumber (bawaan: daftar Kaltim bawaan)")
	natsURL := fs.String("nats-url", envOr("PANTAU_NATS_URL", "nats://127.0.0.1:4222"), "URL server NATS (server tertanam 'pantau run' secara bawaan)")
	contact := fs.String("contact", envOr("PANTAU_COLLECTOR_CONTACT", collector.DefaultConfig().Contact), "URL/e-mail kontak di User-Agent PantauBot")
	delay := fs.Duration("delay", collector.DefaultConfig().Delay, "jeda antar-permintaan ke satu situs")
	retries := fs.Int("retries", collector.DefaultConfig().Retries, "percobaan ulang untuk 429, 5xx dan batas waktu")
	list := fs.Bool("list", false, "cetak daftar sumber lalu keluar")
	logLevel := fs.String("log-level", "info", "tingkat log: debug, info, warn, error")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Pemakaian: pantau collect [opsi]

Mengambil berita dari portal dan unggahan publik sesuai daftar sumber, lalu
mengirim dokumen baru atau yang berubah ke NATS (pantau.raw.<sumber>). URL yang
sudah pernah dikirim diingat di NATS (bucket pantau_seen), sehingga putaran
berikutnya tidak mengirim ulang. robots.txt dipatuhi.

Opsi:`)
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, env.stderr); done {
		return code
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(env.stderr, "pantau collect: --log-level %q tidak dikenal (debug, info, warn, error)\n", *logLevel)
		return 2
	}
	logger := slog.New(slog.NewTextHandler(env.stderr, &slog.HandlerOptions{Level: level})).With("component", "collector")

	var all []sources.Source
	if *file != "" {
		l, err := sources.Load(*file)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau collect: daftar sumber tidak sah:\n%v\n", err)
			return 2
		}
		all = l
	} else {
		all = sources.Default()
	}
	if *list {
		for _, s := range all {
			state := "aktif"
			if s.Disabled {
				state = "nonaktif"
			}
			fmt.Fprintf(env.stdout, "%-22s %-9s %-9s %s\n", s.Name, s.Kind, state, s.Title)
		}
		return 0
	}
	selected, err := sources.Select(all, *only)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau collect: %v\n", err)
		return 2
	}
	if len(selected) == 0 {
		fmt.Fprintln(env.stderr, "pantau collect: tidak ada sumber aktif untuk dikumpulkan")
		return 2
	}

	nc, err := nats.Connect(*natsURL, nats.Name("pantau-collect"), nats.Timeout(5*time.Second))
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau collect: tidak bisa terhubung ke NATS %s: %v\nApakah 'pantau run' sudah berjalan? Atau beri --nats-url.\n", *natsURL, err)
		return 1
	}
	defer nc.Close()
	js, err := jetstream.New(nc)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau collect: %v\n", err)
		return 1
	}
	if _, err := js.Stream(ctx, bus.RawStream); err != nil {
		if !errors.Is(err, jetstream.ErrStreamNotFound) {
			fmt.Fprintf(env.stderr, "pantau collect: stream %s tidak terbaca: %v\n", bus.RawStream, err)
			return 1
		}
		if err := bus.EnsureStreams(ctx, js, bus.DefaultStreamConfig()); err != nil {
			fmt.Fprintf(env.stderr, "pantau collect: %v\n", err)
			return 1
		}
	}
	kv, err := bus.EnsureSeenBucket(ctx, js, 1)
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau collect: %v\n", err)
		return 1
	}
	cfg := collector.DefaultConfig()
	cfg.Contact = *contact
	cfg.Delay = *delay
	cfg.Retries = *retries
	if *delay < time.Second {
		cfg.RandomDelay = 0
	}
	pub := &countingPublisher{p: bus.NewPublisher(js)}
	c, err := collector.New(collector.Options{
		Sources:       selected,
		Publisher:     pub,
		Seen:          seen.NewKV(kv),
		Logger:        logger,
		Config:        cfg,
		YouTubeAPIKey: os.Getenv("PANTAU_YOUTUBE_API_KEY"),
	})
	if err != nil {
		fmt.Fprintf(env.stderr, "pantau collect: %v\n", err)
		return 2
	}
	start := time.Now()
	if *once {
		err = c.RunOnce(ctx)
	} else {
		fmt.Fprintf(env.stderr, "mengumpulkan %d sumber terus-menerus; hentikan dengan Ctrl+C\n", len(selected))
		err = c.Run(ctx)
	}
	fmt.Fprintf(env.stderr, "selesai: %d dokumen terkirim dari %d sumber dalam %s\n", pub.n.Load(), len(selected), time.Since(start).Round(time.Millisecond))
	if err != nil && ctx.Err() == nil {
		fmt.Fprintf(env.stderr, "pantau collect: %v\n", err)
		return 1
	}
	return 0
}

// countingPublisher counts what was published for the summary line.
type countingPublisher struct {
	p *bus.Publisher
	n atomic.Int64
}

func (c *countingPublisher) Publish(ctx context.Context, doc *pantauv1.Document) error {
	if err := c.p.Publish(ctx, doc); err != nil {
		return err
	}
	c.n.Add(1)
	return nil
}

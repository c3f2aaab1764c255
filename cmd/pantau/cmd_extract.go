package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/biroadpim/pantau/collectors/dates"
	"github.com/biroadpim/pantau/collectors/extract"
	"github.com/biroadpim/pantau/collectors/fetch"
	"github.com/biroadpim/pantau/collectors/sources"
)

func init() {
	register(command{name: "extract", summary: "ekstrak satu artikel berita (berkas atau URL) dan cetak sebagai JSON", run: runExtract})
}

// extractOutput is what `pantau extract` prints; times are RFC 3339 in WITA.
type extractOutput struct {
	URL          string   `json:"url"`
	CanonicalURL string   `json:"canonical_url,omitempty"`
	Title        string   `json:"title"`
	PublishedAt  string   `json:"published_at"`
	ModifiedAt   string   `json:"modified_at,omitempty"`
	Author       string   `json:"author"`
	Lead         string   `json:"lead,omitempty"`
	Section      string   `json:"section,omitempty"`
	Body         string   `json:"body"`
	SiteName     string   `json:"site_name"`
	Language     string   `json:"language"`
	Method       string   `json:"method,omitempty"`
	AllPagesURL  string   `json:"all_pages_url,omitempty"`
	NextPages    []string `json:"next_pages,omitempty"`
}

func runExtract(ctx context.Context, env *cmdEnv, args []string) int {
	fs := flag.NewFlagSet("pantau extract", flag.ContinueOnError)
	pageURL := fs.String("url", "", "URL asli halaman bila masukan berupa berkas (untuk tautan relatif dan URL kanonis)")
	fallback := fs.String("fallback", string(extract.FallbackReadability), "pustaka ekstraksi cadangan: readability atau trafilatura")
	titleSel := fs.String("selector-title", "", "selektor CSS judul (opsional)")
	bodySel := fs.String("selector-body", "", "selektor CSS isi berita (opsional)")
	dateSel := fs.String("selector-date", "", "selektor CSS tanggal (opsional)")
	authorSel := fs.String("selector-author", "", "selektor CSS penulis (opsional)")
	allowPrivate := fs.Bool("allow-private", false, "izinkan alamat lokal/privat (hanya untuk portal uji)")
	contentType := fs.String("content-type", "", "Content-Type berkas, mis. 'text/html; charset=windows-1252' (bawaan: dari tag meta)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), `Pemakaian: pantau extract [opsi] BERKAS|URL

Mengekstrak judul, tanggal terbit, penulis dan isi bersih satu halaman berita,
lalu mencetaknya sebagai JSON. Berguna saat menambah sumber baru: periksa bahwa
judul, tanggal (WITA) dan isi sudah benar sebelum sumber dimasukkan ke registri.
URL diambil dengan aturan yang sama dengan kolektor (robots.txt dipatuhi).

Opsi:`)
		fs.PrintDefaults()
	}
	if done, code := parseFlags(fs, args, env.stderr); done {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(env.stderr, "pantau extract: sebutkan satu berkas HTML atau URL")
		return 2
	}
	in := fs.Arg(0)
	opts := extract.Options{
		Selectors: sources.Selectors{Title: *titleSel, Body: *bodySel, Date: *dateSel, Author: *authorSel},
		Fallback:  extract.Fallback(*fallback),
	}
	switch opts.Fallback {
	case extract.FallbackTrafilatura, extract.FallbackReadability:
	default:
		fmt.Fprintf(env.stderr, "pantau extract: --fallback %q tidak dikenal; pakai trafilatura atau readability\n", *fallback)
		return 2
	}
	var (
		body  []byte
		ctype = *contentType
		base  = *pageURL
	)
	if strings.HasPrefix(in, "http://") || strings.HasPrefix(in, "https://") {
		u, err := url.Parse(in)
		if err != nil || u.Hostname() == "" {
			fmt.Fprintf(env.stderr, "pantau extract: URL %q tidak sah\n", in)
			return 2
		}
		f, err := fetch.New(ctx, fetch.Options{AllowedDomains: []string{strings.ToLower(u.Hostname())}, AllowPrivate: *allowPrivate, Delay: 0})
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau extract: %v\n", err)
			return 1
		}
		p, err := f.Get(ctx, in, fetch.Validators{})
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau extract: gagal mengambil %s: %v\n%s", in, err, fetchHint(err))
			return 1
		}
		body, ctype = p.Body, p.ContentType
		if base == "" {
			base = p.URL
		}
	} else {
		data, err := os.ReadFile(in)
		if err != nil {
			fmt.Fprintf(env.stderr, "pantau extract: tidak bisa membaca %s: %v\n", in, err)
			return 2
		}
		body = data
		if base == "" {
			base = "file:///" + strings.TrimPrefix(in, "/")
		}
	}
	a, err := extract.Extract(body, ctype, base, opts)
	if a == nil {
		fmt.Fprintf(env.stderr, "pantau extract: %v\n", err)
		return 1
	}
	out := extractOutput{
		URL: a.URL, CanonicalURL: a.CanonicalURL, Title: a.Title, Author: a.Author, Lead: a.Lead, Section: a.Section,
		Body: a.Body, SiteName: a.SiteName, Language: a.Language, Method: a.Method, AllPagesURL: a.AllPagesURL, NextPages: a.NextPages,
	}
	if !a.Published.IsZero() {
		out.PublishedAt = a.Published.In(dates.WITA).Format(time.RFC3339)
	}
	if !a.Modified.IsZero() {
		out.ModifiedAt = a.Modified.In(dates.WITA).Format(time.RFC3339)
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(env.stderr, "pantau extract: %v\n", err)
		return 1
	}
	if err != nil {
		// The page was read but is not a usable article: say why, exit 1.
		fmt.Fprintf(env.stderr, "peringatan: %v\nHalaman ini tidak akan diterbitkan kolektor; coba --selector-body.\n", err)
		return 1
	}
	return 0
}

// fetchHint explains a fetch failure to an analyst.
func fetchHint(err error) string {
	switch {
	case errors.Is(err, fetch.ErrRobotsDisallowed):
		return "robots.txt situs melarang PantauBot mengambil halaman ini; kolektor juga tidak akan mengambilnya.\n"
	case errors.Is(err, fetch.ErrPrivateAddress):
		return "alamat ini lokal/privat; untuk portal uji tambahkan --allow-private.\n"
	case errors.Is(err, fetch.ErrBodyTooLarge):
		return "halaman melebihi batas ukuran.\n"
	}
	return ""
}

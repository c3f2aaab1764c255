package brief

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"time"
)

// ErrNoChromium is returned when the PDF renderer is not installed.
var ErrNoChromium = errors.New("headless Chromium not found (apt-get install chromium, or set brief.chromium)")

// PDFRenderer prints HTML to PDF with headless Chromium.
type PDFRenderer struct {
	// Chromium is the binary (DefaultChromium when empty).
	Chromium string
	// Timeout bounds one rendering (default 60s).
	Timeout time.Duration
}

// Available reports whether the Chromium binary exists.
func (p PDFRenderer) Available() error {
	bin := p.bin()
	if _, err := exec.LookPath(bin); err != nil {
		return fmt.Errorf("%w: %s", ErrNoChromium, bin)
	}
	return nil
}

func (p PDFRenderer) bin() string {
	if p.Chromium == "" {
		return DefaultChromium
	}
	return p.Chromium
}

// ChromiumArgs are the flags every headless run gets: no sandbox (it runs
// as a service user in a container), no GPU, no network besides the file.
var ChromiumArgs = []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
	"--disable-extensions", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage", "--hide-scrollbars",
	"--mute-audio", "--no-default-browser-check", "--disable-component-update"}

// Run runs Chromium on page (an HTML document written to a temporary
// directory that also holds the profile) with extra flags, and returns
// its standard output and the directory (removed by the caller's cleanup).
func (p PDFRenderer) run(ctx context.Context, page []byte, extra func(dir, file string) []string) ([]byte, string, func(), error) {
	if err := p.Available(); err != nil {
		return nil, "", func() {}, err
	}
	dir, err := os.MkdirTemp("", "pantau-brief-")
	if err != nil {
		return nil, "", func() {}, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	file := filepath.Join(dir, "brief.html")
	if err := os.WriteFile(file, page, 0o600); err != nil {
		return nil, dir, cleanup, err
	}
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := append(append([]string{}, ChromiumArgs...), "--user-data-dir="+filepath.Join(dir, "profile"), "--crash-dumps-dir="+dir)
	args = append(args, extra(dir, file)...)
	cmd := exec.CommandContext(ctx, p.bin(), args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if err := cmd.Run(); err != nil {
		msg := stderr.String()
		if len(msg) > 500 {
			msg = msg[len(msg)-500:]
		}
		return nil, dir, cleanup, fmt.Errorf("chromium: %w: %s", err, msg)
	}
	return stdout.Bytes(), dir, cleanup, nil
}

// PDF prints the HTML page to PDF (A4, the page's print styles).
func (p PDFRenderer) PDF(ctx context.Context, page []byte) ([]byte, error) {
	var out string
	_, _, cleanup, err := p.run(ctx, page, func(dir, file string) []string {
		out = filepath.Join(dir, "brief.pdf")
		return []string{"--no-pdf-header-footer", "--print-to-pdf=" + out, "file://" + file}
	})
	defer cleanup()
	if err != nil {
		return nil, fmt.Errorf("render brief pdf: %w", err)
	}
	pdf, err := os.ReadFile(out)
	if err != nil {
		return nil, fmt.Errorf("render brief pdf: chromium wrote no file: %w", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		return nil, errors.New("render brief pdf: chromium output is not a PDF")
	}
	return pdf, nil
}

// DumpDOM loads page in a window of width×height pixels, runs its scripts
// and returns the serialised DOM (tests use it to measure layout).
func (p PDFRenderer) DumpDOM(ctx context.Context, page []byte, width, height int) ([]byte, error) {
	out, _, cleanup, err := p.run(ctx, page, func(dir, file string) []string {
		return []string{fmt.Sprintf("--window-size=%d,%d", width, height), "--virtual-time-budget=2000", "--dump-dom", "file://" + file}
	})
	defer cleanup()
	return out, err
}

var pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)

// PDFPages counts the page objects of an uncompressed-xref PDF such as
// Chromium writes (0 when it finds none).
func PDFPages(pdf []byte) int {
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		return 0
	}
	return len(pageObject.FindAll(pdf, -1))
}

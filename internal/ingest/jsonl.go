package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/pipeline/bus"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// MaxLineBytes bounds one JSON line.
const MaxLineBytes = 4 << 20

// Line is one input line as JSON.
type Line struct {
	ID          string            `json:"id"`
	URL         string            `json:"url"`
	Source      string            `json:"source"`
	Kind        string            `json:"kind"`
	Title       string            `json:"title"`
	Lead        string            `json:"lead"`
	Body        string            `json:"body"`
	Author      string            `json:"author"`
	Section     string            `json:"section"`
	PublishedAt string            `json:"published_at"`
	Lang        string            `json:"lang"`
	Official    bool              `json:"official"`
	Metadata    map[string]string `json:"metadata"`
}

// LineError is a rejected input line.
type LineError struct {
	Line int
	Err  error
}

func (e *LineError) Error() string { return fmt.Sprintf("baris %d: %v", e.Line, e.Err) }
func (e *LineError) Unwrap() error { return e.Err }

// Reader yields documents from JSON lines.
type Reader struct {
	sc   *bufio.Scanner
	line int
	now  func() time.Time
}

// NewReader reads JSON lines from r.
func NewReader(r io.Reader) *Reader {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), MaxLineBytes)
	return &Reader{sc: sc, now: time.Now}
}

// Next returns the next document. A bad line returns a *LineError (the
// caller may continue); the end of input returns io.EOF.
func (r *Reader) Next() (*pantauv1.Document, error) {
	for r.sc.Scan() {
		r.line++
		raw := bytes.TrimSpace(r.sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		doc, err := ParseLine(raw, r.now())
		if err != nil {
			return nil, &LineError{Line: r.line, Err: err}
		}
		return doc, nil
	}
	if err := r.sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, &LineError{Line: r.line + 1, Err: fmt.Errorf("baris lebih panjang dari %d byte; pecah atau perpendek dokumen ini", MaxLineBytes)}
		}
		return nil, fmt.Errorf("baca masukan: %w", err)
	}
	return nil, io.EOF
}

// Line returns the number of the last line read.
func (r *Reader) Line() int { return r.line }

// ParseLine validates one JSON line and builds the document.
func ParseLine(raw []byte, now time.Time) (*pantauv1.Document, error) {
	var l Line
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		return nil, fmt.Errorf("bukan JSON yang sah (%v); tiap baris harus satu objek seperti {\"url\":…,\"source\":…,\"title\":…,\"body\":…,\"published_at\":\"2024-05-31T14:05:00+08:00\"}", err)
	}
	var problems []string
	if l.Source == "" {
		problems = append(problems, "source kosong")
	} else if !bus.ValidSourceName(l.Source) {
		problems = append(problems, fmt.Sprintf("source %q hanya boleh huruf kecil, angka, '-' atau '_'", l.Source))
	}
	if l.URL == "" && l.ID == "" {
		problems = append(problems, "url (atau id) kosong")
	}
	if strings.TrimSpace(l.Title) == "" && strings.TrimSpace(l.Body) == "" {
		problems = append(problems, "title dan body kosong")
	}
	kind, ok := kinds[l.Kind]
	if !ok {
		problems = append(problems, fmt.Sprintf("kind %q tidak dikenal (article, post atau comment)", l.Kind))
	}
	var published time.Time
	if l.PublishedAt == "" {
		problems = append(problems, "published_at kosong")
	} else {
		t, err := time.Parse(time.RFC3339, l.PublishedAt)
		if err != nil {
			problems = append(problems, fmt.Sprintf("published_at %q bukan waktu RFC 3339 (contoh 2024-05-31T14:05:00+08:00)", l.PublishedAt))
		}
		published = t
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "; "))
	}
	doc := &pantauv1.Document{
		Id: l.ID, Source: l.Source, Kind: kind, Url: l.URL, Title: l.Title, Lead: l.Lead, Body: l.Body,
		Author: l.Author, Section: l.Section, LanguageHint: l.Lang, Official: l.Official, Metadata: l.Metadata,
		PublishedAt: timestamppb.New(published), CollectedAt: timestamppb.New(now),
	}
	if err := bus.Prepare(doc); err != nil {
		return nil, err
	}
	doc.ContentHash = ContentHash(doc.Title, doc.Body)
	return doc, nil
}

var kinds = map[string]pantauv1.Kind{
	"": pantauv1.Kind_KIND_ARTICLE, "article": pantauv1.Kind_KIND_ARTICLE,
	"post": pantauv1.Kind_KIND_POST, "comment": pantauv1.Kind_KIND_COMMENT,
}

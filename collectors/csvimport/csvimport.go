package csvimport

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/biroadpim/pantau/collectors/dates"
	"github.com/biroadpim/pantau/pipeline/bus"
	pantauv1 "github.com/biroadpim/pantau/proto/pantau/v1"
)

// Fields a header map may name. Columns not in the map go to metadata
// under their (lower-cased) header.
const (
	FieldID          = "id"
	FieldNativeID    = "native_id"
	FieldURL         = "url"
	FieldSource      = "source"
	FieldKind        = "kind"
	FieldTitle       = "title"
	FieldLead        = "lead"
	FieldBody        = "body"
	FieldAuthor      = "author"
	FieldSection     = "section"
	FieldPublishedAt = "published_at"
	FieldLanguage    = "language"
	FieldOfficial    = "official"
)

var knownFields = map[string]bool{
	FieldID: true, FieldNativeID: true, FieldURL: true, FieldSource: true, FieldKind: true, FieldTitle: true,
	FieldLead: true, FieldBody: true, FieldAuthor: true, FieldSection: true, FieldPublishedAt: true,
	FieldLanguage: true, FieldOfficial: true,
}

// DefaultHeaderMap maps the usual English and Indonesian column names of
// listening-tool exports to fields; header matching ignores case.
var DefaultHeaderMap = map[string]string{
	"url": FieldURL, "link": FieldURL, "tautan": FieldURL,
	"source": FieldSource, "sumber": FieldSource, "platform": FieldSource, "media": FieldSource,
	"title": FieldTitle, "judul": FieldTitle, "headline": FieldTitle,
	"content": FieldBody, "text": FieldBody, "mention": FieldBody, "isi": FieldBody, "konten": FieldBody, "body": FieldBody,
	"author": FieldAuthor, "penulis": FieldAuthor, "username": FieldAuthor, "akun": FieldAuthor,
	"date": FieldPublishedAt, "tanggal": FieldPublishedAt, "published": FieldPublishedAt, "published_at": FieldPublishedAt, "waktu": FieldPublishedAt,
	"language": FieldLanguage, "bahasa": FieldLanguage,
	"id": FieldNativeID, "mention id": FieldNativeID,
	"type": FieldKind, "jenis": FieldKind,
}

// Options tune the import.
type Options struct {
	// Source is the source name used when a row has none (e.g. "csv-brand24").
	Source string
	// Location is the zone of dates without one (default WITA).
	Location *time.Location
	// Now is the collection time (default time.Now).
	Now time.Time
}

// ErrBadRow marks a row that could not become a document.
var ErrBadRow = errors.New("bad row")

// RowError is a row that was skipped, with its 1-based line.
type RowError struct {
	Line int
	Err  error
}

func (e RowError) Error() string { return fmt.Sprintf("line %d: %v", e.Line, e.Err) }
func (e RowError) Unwrap() error { return e.Err }

// ReadCSV reads a CSV export with a header row. headerMap maps header
// names (case-insensitive) to document fields; nil means DefaultHeaderMap.
// Rows that cannot become documents (no body and no title, no URL or id,
// bad date) are skipped and reported in the returned RowErrors; the error
// is only for an unreadable file or header. Documents get ids from their
// URL (articles) or source and native id (posts and comments).
func ReadCSV(r io.Reader, headerMap map[string]string, o Options) ([]*pantauv1.Document, []RowError, error) {
	if headerMap == nil {
		headerMap = DefaultHeaderMap
	}
	lower := map[string]string{}
	for k, v := range headerMap {
		if !knownFields[v] {
			return nil, nil, fmt.Errorf("csv header map: %q maps to unknown field %q", k, v)
		}
		lower[strings.ToLower(strings.TrimSpace(k))] = v
	}
	if o.Location == nil {
		o.Location = dates.WITA
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("read csv header: %w", err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	cols := make([]string, len(header))
	mapped := 0
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		if f, ok := lower[key]; ok {
			cols[i] = f
			mapped++
		} else {
			cols[i] = "meta:" + key
		}
	}
	if mapped == 0 {
		return nil, nil, fmt.Errorf("csv header %q names no known column; give a header map (e.g. Konten=body, Tanggal=published_at)", strings.Join(header, ","))
	}
	var (
		docs []*pantauv1.Document
		bad  []RowError
	)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			bad = append(bad, RowError{Line: line, Err: err})
			continue
		}
		doc, err := row(rec, cols, o)
		if err != nil {
			bad = append(bad, RowError{Line: line, Err: err})
			continue
		}
		docs = append(docs, doc)
	}
	return docs, bad, nil
}

func row(rec, cols []string, o Options) (*pantauv1.Document, error) {
	d := &pantauv1.Document{Metadata: map[string]string{}, CollectedAt: timestamppb.New(o.Now), Version: 1}
	for i, v := range rec {
		if i >= len(cols) {
			break
		}
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		switch f := cols[i]; f {
		case FieldID:
			d.Id = v
		case FieldNativeID:
			d.NativeId = v
		case FieldURL:
			d.Url = v
		case FieldSource:
			d.Source = sourceName(v)
		case FieldKind:
			d.Kind = kind(v)
		case FieldTitle:
			d.Title = v
		case FieldLead:
			d.Lead = v
		case FieldBody:
			d.Body = v
		case FieldAuthor:
			d.Author = v
		case FieldSection:
			d.Section = v
		case FieldLanguage:
			d.LanguageHint = strings.ToLower(v)
		case FieldOfficial:
			d.Official = v == "1" || strings.EqualFold(v, "true") || strings.EqualFold(v, "ya")
		case FieldPublishedAt:
			t, err := dates.Parse(v, o.Now, o.Location)
			if err != nil {
				return nil, fmt.Errorf("%w: published_at %q: %v", ErrBadRow, v, err)
			}
			d.PublishedAt = timestamppb.New(t)
		default:
			d.Metadata[strings.TrimPrefix(f, "meta:")] = v
		}
	}
	if d.Source == "" {
		d.Source = sourceName(o.Source)
	}
	if d.Source == "" {
		return nil, fmt.Errorf("%w: no source column and no default source", ErrBadRow)
	}
	if d.Body == "" && d.Title == "" {
		return nil, fmt.Errorf("%w: no body or title", ErrBadRow)
	}
	if d.Kind == pantauv1.Kind_KIND_UNSPECIFIED {
		d.Kind = pantauv1.Kind_KIND_POST
		if d.Title != "" && d.Url != "" {
			d.Kind = pantauv1.Kind_KIND_ARTICLE
		}
	}
	if d.Url != "" {
		c, err := bus.CanonicalURL(d.Url)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadRow, err)
		}
		d.CanonicalUrl = c
	}
	if d.Id == "" {
		switch {
		case d.NativeId != "":
			d.Id = bus.PostID(d.Source, d.NativeId)
		case d.CanonicalUrl != "":
			d.Id = bus.DocumentID(d.CanonicalUrl)
		default:
			return nil, fmt.Errorf("%w: no url or id to identify the row", ErrBadRow)
		}
	}
	d.ContentHash = contentHash(d.Title, d.Body)
	if len(d.Metadata) == 0 {
		d.Metadata = nil
	}
	return d, nil
}

func kind(v string) pantauv1.Kind {
	switch strings.ToLower(v) {
	case "article", "artikel", "news", "berita", "online news":
		return pantauv1.Kind_KIND_ARTICLE
	case "comment", "komentar", "reply", "balasan":
		return pantauv1.Kind_KIND_COMMENT
	}
	return pantauv1.Kind_KIND_POST
}

// sourceName makes a subject-safe source name: "Twitter / X" -> "twitter-x".
func sourceName(v string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(v)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimRight(b.String(), "-")
	if len(s) > 64 {
		s = s[:64]
	}
	return s
}

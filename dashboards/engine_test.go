package dashboards

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/biroadpim/pantau/pipeline/chdb"
)

// The embedded ClickHouse engine shared by the tests of this package: a
// process can hold one data directory, so TestMain opens it once, creates
// the schema from pipeline/store/migrations and loads the fixture corpus.
var (
	engine     *chdb.Engine
	engineErr  error
	skipReason string
)

// wita is the dashboards' time zone.
var wita = mustZone(TimeZone)

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// anchor is "now" in the fixture corpus: the flat history ends here and the
// injected spike lies in the hour before it.
var anchor = time.Date(2025, 6, 10, 15, 0, 0, 0, wita)

func TestMain(m *testing.M) {
	code := func() int {
		lib, err := chdb.LibraryPath()
		if err != nil && os.Getenv("CI") != "true" {
			skipReason = fmt.Sprintf("embedded ClickHouse library not installed (%v); set CI=true to make this a failure", err)
			return m.Run()
		}
		dir, err := os.MkdirTemp("", "pantau-dashboards-chdb-")
		if err != nil {
			engineErr = err
			return m.Run()
		}
		defer os.RemoveAll(dir)
		engine, engineErr = chdb.Open(chdb.Options{LibPath: lib, DataDir: dir, MaxMemoryBytes: 2 << 30, Connections: 2})
		if engineErr == nil {
			engineErr = loadFixture(context.Background(), engine)
			defer engine.Close()
		}
		return m.Run()
	}()
	os.Exit(code)
}

// requireEngine skips the test when the library is missing outside CI and
// fails it when the engine could not be set up.
func requireEngine(t *testing.T) *chdb.Engine {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	if engineErr != nil {
		t.Fatalf("embedded ClickHouse engine: %v", engineErr)
	}
	return engine
}

// migrationStatements reads the schema migrations in order and splits them
// into statements (a statement ends with a line ending in ';').
func migrationStatements() ([]string, error) {
	files, err := filepath.Glob("../pipeline/store/migrations/*.sql")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no migrations found in ../pipeline/store/migrations: %v", err)
	}
	sort.Strings(files)
	var stmts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var cur strings.Builder
		for _, line := range strings.Split(string(b), "\n") {
			trim := strings.TrimSpace(line)
			if strings.HasPrefix(trim, "--") {
				continue
			}
			cur.WriteString(line + "\n")
			if strings.HasSuffix(trim, ";") {
				stmts = append(stmts, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
				cur.Reset()
			}
		}
		if s := strings.TrimSpace(cur.String()); s != "" {
			stmts = append(stmts, s)
		}
	}
	return stmts, nil
}

// doc is one row of pantau.documents in JSONEachRow form.
type doc struct {
	ID             string            `json:"id"`
	Source         string            `json:"source"`
	Kind           string            `json:"kind"`
	URL            string            `json:"url"`
	CanonicalURL   string            `json:"canonical_url"`
	Title          string            `json:"title"`
	Lead           string            `json:"lead"`
	Body           string            `json:"body"`
	PublishedAt    string            `json:"published_at"`
	CollectedAt    string            `json:"collected_at"`
	ProcessedAt    string            `json:"processed_at"`
	Language       string            `json:"language"`
	Official       bool              `json:"official"`
	SentimentLabel string            `json:"sentiment_label"`
	SentimentScore float64           `json:"sentiment_score"`
	Entities       []string          `json:"entities"`
	EntityText     []string          `json:"entity_text"`
	EntityType     []string          `json:"entity_type"`
	EntityRole     []string          `json:"entity_role"`
	EntityLabel    []string          `json:"entity_label"`
	EntityScore    []float64         `json:"entity_score"`
	QuoteSpeaker   []string          `json:"quote_speaker"`
	QuoteText      []string          `json:"quote_text"`
	Issues         []string          `json:"issues"`
	Keyphrases     []string          `json:"keyphrases"`
	StoryID        string            `json:"story_id"`
	ContentHash    string            `json:"content_hash"`
	Metadata       map[string]string `json:"metadata"`
	ModelVersion   string            `json:"model_version"`
	DocVersion     uint32            `json:"doc_version"`
	Version        uint64            `json:"version"`
}

func ts(t time.Time) string { return t.In(wita).Format("2006-01-02 15:04:05.000") }

var (
	mediaSources = []string{"kaltimpost", "tribunkaltim", "kaltimtoday", "niaga_asia", "antara_kaltim"}
	kabupatens   = []string{"Samarinda", "Balikpapan", "Kutai Kartanegara", "Bontang", "Berau", "Penajam Paser Utara"}
	otherIssues  = []string{"jalan_rusak", "ikn", "stunting", "inflasi", "listrik_padam", "air_bersih", "investasi"}
	leaders      = []struct{ name, role string }{{"Rudy Mas'ud", "gubernur"}, {"Seno Aji", "wakil_gubernur"}, {"Sri Wahyuni", "sekda"}}
)

// staleSource stops publishing 10 hours before the anchor.
const staleSource = "sumber_lama"

func newDoc(id, source string, at time.Time, label string, issues []string, kab string) doc {
	score := map[string]float64{"negative": -0.7, "neutral": 0.05, "positive": 0.6}[label]
	var phrases []string
	for _, is := range issues {
		phrases = append(phrases, strings.ReplaceAll(is, "_", " ")+" kaltim")
	}
	return doc{
		ID: id, Source: source, Kind: "article",
		URL: "https://" + source + ".example/berita/" + id, CanonicalURL: "https://" + source + ".example/berita/" + id,
		Title: fmt.Sprintf("Berita %s tentang %s di %s", id, strings.Join(issues, " dan "), kab), Lead: "Ringkasan.", Body: "Isi berita.",
		PublishedAt: ts(at), CollectedAt: ts(at.Add(5 * time.Minute)), ProcessedAt: ts(at.Add(6 * time.Minute)),
		Language: "id", SentimentLabel: label, SentimentScore: score,
		Entities: []string{"Pemprov Kaltim", kab}, EntityText: []string{"Pemprov Kaltim", kab}, EntityType: []string{"ORG", "LOC"},
		EntityRole: []string{"", ""}, EntityLabel: []string{label, "neutral"}, EntityScore: []float64{score, 0},
		QuoteSpeaker: []string{}, QuoteText: []string{},
		Issues: issues, Keyphrases: phrases, StoryID: "s-" + id, ContentHash: "h-" + id,
		Metadata: map[string]string{"kabupaten": kab, "region": ""}, ModelVersion: "fixture-1", DocVersion: 1,
		Version: 1<<42 | uint64(at.UnixMilli()),
	}
}

// flatCorpus is ten days of steady coverage before the anchor: the same
// hourly rhythm every day (busy 07–22 WITA) with a small day-to-day jitter,
// a third of it negative and about flooding, leaders quoted, official
// releases picked up by the media, and one source that went quiet.
func flatCorpus() []doc {
	var docs []doc
	start := anchor.Add(-10 * 24 * time.Hour)
	for h := 0; h < 10*24; h++ {
		hourStart := start.Add(time.Duration(h) * time.Hour)
		hod, day := hourStart.Hour(), h/24
		n := 6
		if hod >= 7 && hod <= 22 {
			n = 18
		}
		n += (day*7 + hod*3) % 3
		for i := 0; i < n; i++ {
			at := hourStart.Add(time.Duration(i*60/n)*time.Minute + 30*time.Second)
			id := fmt.Sprintf("f%03d-%02d", h, i)
			label, issues := "neutral", []string{otherIssues[(h+i)%len(otherIssues)]}
			switch {
			case i%3 == 0:
				label, issues = "negative", []string{"banjir", otherIssues[(h+i)%len(otherIssues)]}
			case i%3 == 1 && i%2 == 0:
				label = "positive"
			}
			d := newDoc(id, mediaSources[(h+i)%len(mediaSources)], at, label, issues, kabupatens[(h+i)%len(kabupatens)])
			if i%4 == 1 {
				l := leaders[(h+i)%len(leaders)]
				d.Entities = append(d.Entities, l.name)
				d.EntityText = append(d.EntityText, l.name)
				d.EntityType = append(d.EntityType, "PER")
				d.EntityRole = append(d.EntityRole, l.role)
				d.EntityLabel = append(d.EntityLabel, label)
				d.EntityScore = append(d.EntityScore, d.SentimentScore)
				d.QuoteSpeaker = append(d.QuoteSpeaker, l.name)
				d.QuoteText = append(d.QuoteText, fmt.Sprintf("Kami terus menangani %s, kata %s.", strings.ReplaceAll(issues[0], "_", " "), l.name))
			}
			switch i {
			case 1: // an official release of this hour
				d.Source, d.Official, d.StoryID = "diskominfo_kaltim", true, fmt.Sprintf("rilis-%03d", h)
			case 2, 5: // media copies of it
				d.StoryID = fmt.Sprintf("rilis-%03d", h)
			}
			docs = append(docs, d)
		}
		if hourStart.Before(anchor.Add(-10 * time.Hour)) {
			docs = append(docs, newDoc(fmt.Sprintf("l%03d", h), staleSource, hourStart.Add(20*time.Minute), "neutral", []string{"humas"}, "Berau"))
		}
	}
	return docs
}

// spikeCorpus is a burst of negative flood coverage in Samarinda in the
// 50 minutes before the anchor.
func spikeCorpus() []doc {
	var docs []doc
	for i := 0; i < 25; i++ {
		at := anchor.Add(-time.Duration(2*i+1) * time.Minute)
		d := newDoc(fmt.Sprintf("spike-%02d", i), mediaSources[i%len(mediaSources)], at, "negative", []string{"banjir"}, "Samarinda")
		d.Title = fmt.Sprintf("Banjir rendam Samarinda, warga mengungsi (%d)", i)
		d.StoryID = fmt.Sprintf("banjir-samarinda-%d", i%8)
		docs = append(docs, d)
	}
	return docs
}

func loadFixture(ctx context.Context, e *chdb.Engine) error {
	stmts, err := migrationStatements()
	if err != nil {
		return err
	}
	stmts = append([]string{"CREATE DATABASE IF NOT EXISTS pantau"}, stmts...)
	for _, s := range stmts {
		if _, err := e.Query(ctx, s, ""); err != nil {
			return fmt.Errorf("migration %.60q: %w", s, err)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for _, d := range append(flatCorpus(), spikeCorpus()...) {
		if err := enc.Encode(d); err != nil {
			return err
		}
	}
	if err := e.Insert(ctx, "INSERT INTO pantau.documents", "JSONEachRow", &buf); err != nil {
		return fmt.Errorf("insert fixture corpus: %w", err)
	}
	return nil
}

// result is a query result in JSONCompact form.
type result struct {
	Meta []struct {
		Name string `json:"name"`
		Type string `json:"type"`
	} `json:"meta"`
	Data [][]any `json:"data"`
	Rows int     `json:"rows"`
}

func (r result) columns() []string {
	cols := make([]string, len(r.Meta))
	for i, m := range r.Meta {
		cols[i] = m.Name
	}
	return cols
}

func runQuery(ctx context.Context, e *chdb.Engine, sql string, params map[string]string) (result, error) {
	var out []byte
	var err error
	if params != nil {
		out, err = e.QueryWithParams(ctx, sql, "JSONCompact", params)
	} else {
		out, err = e.Query(ctx, sql, "JSONCompact")
	}
	if err != nil {
		return result{}, err
	}
	var r result
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	if err := dec.Decode(&r); err != nil {
		return result{}, fmt.Errorf("decode result: %w", err)
	}
	return r, nil
}

func TestFixtureLoaded(t *testing.T) {
	e := requireEngine(t)
	r, err := runQuery(context.Background(), e, "SELECT count(), countIf(official), countIf(source = '"+staleSource+"') FROM pantau.documents FINAL", nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.Rows != 1 || fmt.Sprint(r.Data[0][0]) == "0" {
		t.Fatalf("fixture corpus not loaded: %v", r.Data)
	}
	t.Logf("fixture: %v documents, %v official, %v from the stale source", r.Data[0][0], r.Data[0][1], r.Data[0][2])
}

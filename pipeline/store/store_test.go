package store

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/biroadpim/pantau/pipeline/chhttp/chhttptest"
)

// The contract suite runs against the embedded engine through
// clickhouse-go/v2 over ClickHouse's HTTP interface, and against a real
// ClickHouse server when PANTAU_TEST_CLICKHOUSE_DSN is set.

var testCfg Config
var skipReason string

func TestMain(m *testing.M) {
	code := func() int {
		if dsn := os.Getenv("PANTAU_TEST_CLICKHOUSE_DSN"); dsn != "" {
			testCfg = Config{DSN: dsn, Database: fmt.Sprintf("pantau_test_%d", time.Now().UnixNano()%1e9), DialTimeout: 10 * time.Second}
			return m.Run()
		}
		env, err := chhttptest.Start("")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer env.Close()
		skipReason = env.Skip
		testCfg = Config{HTTPAddr: env.Addr, Database: "pantau_test", DialTimeout: 10 * time.Second}
		return m.Run()
	}()
	os.Exit(code)
}

func openTest(t *testing.T) *Store {
	t.Helper()
	if skipReason != "" {
		t.Skipf("embedded ClickHouse engine not installed: %s (run make libchdb)", skipReason)
	}
	ctx := context.Background()
	s, err := Open(ctx, testCfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn().Exec(ctx, "TRUNCATE TABLE "+s.table("documents")); err != nil {
		t.Fatal(err)
	}
	return s
}

var wita = time.FixedZone("WITA", 8*3600)

func sampleDoc(id string, version uint32, processed time.Time) Document {
	return Document{
		ID: id, Source: "tribun-kaltim", Kind: "article", URL: "https://kaltim.tribunnews.com/" + id,
		CanonicalURL: "https://kaltim.tribunnews.com/" + id,
		Title:        "Gubernur tinjau banjir di Samarinda",
		Body:         "Paragraf satu.\n\nParagraf dua\tdengan tab, 'kutip' dan \"kutip ganda\" \\ garis miring.\n\n\nAkhir.",
		Author:       "Redaksi", PublishedAt: time.Date(2026, 11, 20, 14, 5, 0, 0, wita),
		CollectedAt: time.Date(2026, 11, 20, 14, 10, 0, 0, wita), ProcessedAt: processed,
		Language: "id", Official: false, SentimentLabel: "negative", SentimentScore: -0.62,
		Entities: []string{"Rudy Mas'ud", "Samarinda"}, EntityText: []string{"Gubernur Rudy", "Samarinda"},
		EntityType: []string{"PER", "LOC"}, EntityRole: []string{"gubernur", ""},
		EntityLabel: []string{"neutral", "negative"}, EntityScore: []float32{0.1, -0.7},
		QuoteSpeaker: []string{"Rudy Mas'ud"}, QuoteText: []string{"Kami segera tangani."},
		Issues: []string{"banjir"}, Keyphrases: []string{"banjir samarinda"}, StoryID: id,
		ContentHash: "abc", Metadata: map[string]string{"region": "samarinda"}, ModelVersion: "test", DocVersion: version,
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	var n uint64
	if err := s.Conn().QueryRow(ctx, "SELECT count() FROM "+s.table("schema_migrations")+" FINAL").Scan(&n); err != nil {
		t.Fatal(err)
	}
	ms, _ := Migrations(s.db)
	if int(n) != len(ms) {
		t.Fatalf("schema_migrations has %d rows, want %d", n, len(ms))
	}
}

func TestInsertRoundTripsEveryField(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	want := sampleDoc("round-trip", 1, time.Now().Truncate(time.Millisecond))
	if err := s.InsertDocuments(ctx, []Document{want}); err != nil {
		t.Fatal(err)
	}
	var (
		title, body, label string
		published          time.Time
		score              float32
		entities, issues   []string
		escore             []float32
		meta               map[string]string
		official           bool
	)
	err := s.Conn().QueryRow(WithParams(ctx, map[string]string{"id": want.ID}),
		"SELECT title, body, sentiment_label, published_at, sentiment_score, entities, issues, entity_score, metadata, official FROM "+
			s.table("documents")+" FINAL WHERE id = {id:String}").
		Scan(&title, &body, &label, &published, &score, &entities, &issues, &escore, &meta, &official)
	if err != nil {
		t.Fatal(err)
	}
	if title != want.Title || body != want.Body || label != "negative" {
		t.Errorf("text fields changed: %q / %q / %q", title, body, label)
	}
	if !published.Equal(want.PublishedAt) {
		t.Errorf("published_at %s, want %s", published, want.PublishedAt)
	}
	if score != want.SentimentScore || strings.Join(entities, "|") != "Rudy Mas'ud|Samarinda" || issues[0] != "banjir" || escore[1] != -0.7 {
		t.Errorf("values changed: %v %v %v %v", score, entities, issues, escore)
	}
	if meta["region"] != "samarinda" || official {
		t.Errorf("metadata/official: %v %v", meta, official)
	}
}

func TestRedeliveryAndVersionsCountOnce(t *testing.T) {
	s := openTest(t)
	ctx := context.Background()
	t0 := time.Now().Truncate(time.Millisecond)
	// The same batch twice (a redelivery), a duplicate inside one batch.
	batch := []Document{sampleDoc("a", 1, t0), sampleDoc("b", 1, t0), sampleDoc("a", 1, t0)}
	for i := 0; i < 2; i++ {
		if err := s.InsertDocuments(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := s.CountDocuments(ctx); err != nil || n != 2 {
		t.Fatalf("after redelivery: %d documents (%v), want 2", n, err)
	}
	// A changed article: version 2 with a corrected title and a moved date
	// (another month) replaces version 1 and stays in its partition.
	v2 := sampleDoc("a", 2, t0.Add(time.Second))
	v2.Title = "Judul diperbarui"
	v2.PublishedAt = time.Date(2026, 12, 2, 8, 0, 0, 0, wita)
	if err := s.InsertDocuments(ctx, []Document{v2}); err != nil {
		t.Fatal(err)
	}
	// A re-processing of b with a newer model.
	b2 := sampleDoc("b", 1, t0.Add(2*time.Second))
	b2.SentimentLabel = "positive"
	if err := s.InsertDocuments(ctx, []Document{b2}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountDocuments(ctx); err != nil || n != 2 {
		t.Fatalf("after new versions: %d documents (%v), want 2", n, err)
	}
	var title, label string
	if err := s.Conn().QueryRow(ctx, "SELECT title FROM "+s.table("documents")+" FINAL WHERE id = 'a'").Scan(&title); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn().QueryRow(ctx, "SELECT sentiment_label FROM "+s.table("documents")+" FINAL WHERE id = 'b'").Scan(&label); err != nil {
		t.Fatal(err)
	}
	if title != "Judul diperbarui" || label != "positive" {
		t.Fatalf("newest version not visible: title %q, label %q", title, label)
	}
	// An older version arriving late must not win.
	if err := s.InsertDocuments(ctx, []Document{sampleDoc("a", 1, t0.Add(time.Hour))}); err != nil {
		t.Fatal(err)
	}
	if err := s.Conn().QueryRow(ctx, "SELECT title FROM "+s.table("documents")+" FINAL WHERE id = 'a'").Scan(&title); err != nil {
		t.Fatal(err)
	}
	if title != "Judul diperbarui" {
		t.Fatalf("a late version 1 replaced version 2: %q", title)
	}
}

func TestClusterDDLMatchesSingleNodeSchema(t *testing.T) {
	single, err := DDL(Config{Database: "pantau"})
	if err != nil {
		t.Fatal(err)
	}
	cluster, err := DDL(Config{Database: "pantau", Cluster: "kaltim"})
	if err != nil {
		t.Fatal(err)
	}
	cols := func(stmt string) string {
		m := createTable.FindStringSubmatch(stmt)
		if m == nil {
			return ""
		}
		return strings.Join(strings.Fields(m[3]), " ")
	}
	find := func(stmts []string, prefix string) string {
		for _, s := range stmts {
			if strings.HasPrefix(s, prefix) {
				return s
			}
		}
		t.Fatalf("no statement starting %q in:\n%s", prefix, strings.Join(stmts, "\n---\n"))
		return ""
	}
	s := find(single, "CREATE TABLE IF NOT EXISTS pantau.documents")
	l := find(cluster, "CREATE TABLE IF NOT EXISTS pantau.documents_local ON CLUSTER kaltim")
	if cols(s) == "" || cols(s) != strings.Join(strings.Fields(l[strings.Index(l, "(")+1:strings.LastIndex(l, ")\nENGINE")]), " ") {
		t.Fatalf("cluster local table columns differ from the single-node schema")
	}
	for _, want := range []string{
		"ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/pantau/documents_local', '{replica}', version)",
		"PARTITION BY toYYYYMM(published_at)",
	} {
		if !strings.Contains(l, want) {
			t.Errorf("local table lacks %q:\n%s", want, l)
		}
	}
	d := find(cluster, "CREATE TABLE IF NOT EXISTS pantau.documents ON CLUSTER kaltim AS pantau.documents_local")
	if !strings.Contains(d, "ENGINE = Distributed(kaltim, pantau, documents_local, cityHash64(toDate(published_at), id))") {
		t.Errorf("distributed table: %s", d)
	}
	if !strings.HasPrefix(cluster[0], "CREATE DATABASE IF NOT EXISTS pantau ON CLUSTER kaltim") {
		t.Errorf("first statement: %s", cluster[0])
	}
}

func TestConfigValidate(t *testing.T) {
	err := Config{DSN: "clickhouse://u:s3cret@host:notaport/db", Database: "pantau; DROP", DialTimeout: time.Second}.Validate()
	if err == nil {
		t.Fatal("want errors")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error leaks the password: %v", err)
	}
	if !strings.Contains(err.Error(), "clickhouse.database") {
		t.Errorf("error does not name the database: %v", err)
	}
	if got := SafeDSN("clickhouse://u:s3cret@h:9000/pantau"); strings.Contains(got, "s3cret") {
		t.Errorf("SafeDSN leaks: %s", got)
	}
}

package chhttp

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ClickHouse/clickhouse-go/v2"
	"github.com/ClickHouse/clickhouse-go/v2/lib/driver"
)

// open connects clickhouse-go over HTTP to the test server.
func open(t testing.TB, base string, method clickhouse.CompressionMethod, auth clickhouse.Auth) driver.Conn {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	opts := &clickhouse.Options{Addr: []string{u.Host}, Protocol: clickhouse.HTTP, Auth: auth, DialTimeout: 5 * time.Second}
	if method != clickhouse.CompressionNone {
		opts.Compression = &clickhouse.Compression{Method: method}
	}
	conn, err := clickhouse.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if err := conn.Ping(t.Context()); err != nil {
		t.Fatalf("ping: %v", err)
	}
	return conn
}

// doc is one row of the typed test table.
type doc struct {
	ID       uint64
	Source   string
	Title    string
	Body     string
	Views    uint32
	Delta    int32
	Small    int8
	Score    float32
	Weight   float64
	Official bool
	At       time.Time
	Seen     time.Time
	Day      time.Time
	Tags     []string
	Places   []string
	Vec      []float32
	Meta     map[string]string
	Author   *string
}

const docsDDL = `CREATE TABLE %s (
	id UInt64, source LowCardinality(String), title String, body String,
	views UInt32, delta Int32, small Int8, score Float32, weight Float64, official Bool,
	at DateTime64(3, 'Asia/Makassar'), seen DateTime, day Date,
	tags Array(String), places Array(LowCardinality(String)), vec Array(Float32),
	meta Map(String, String), author Nullable(String)
) ENGINE = MergeTree ORDER BY id`

func makeDocs(n int) []doc {
	wita := time.FixedZone("WITA", 8*3600)
	author := "Humas Kaltim"
	out := make([]doc, n)
	for i := range out {
		d := doc{
			ID: uint64(i + 1), Source: []string{"kaltimpost", "antara", "tribun"}[i%3],
			Title: fmt.Sprintf("Gubernur meninjau banjir #%d", i),
			Body:  fmt.Sprintf("Paragraf pertama.\n\nParagraf kedua %d.\n\n\nPenutup\t%d", i, i),
			Views: uint32(i * 10), Delta: int32(-i), Small: int8(i % 100), Score: float32(i) / 4, Weight: float64(i) / 3,
			Official: i%2 == 0,
			At:       time.Date(2025, 3, 1, 8, 30, 0, 123_000_000, wita).Add(time.Duration(i) * time.Minute),
			Seen:     time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second),
			Day:      time.Date(2025, 3, 1+i%20, 0, 0, 0, 0, time.UTC),
			Tags:     []string{"banjir", "samarinda\n\nkota"}, Places: []string{"Samarinda", "Balikpapan"},
			Vec: []float32{0.5, float32(i)}, Meta: map[string]string{"lang": "id", "n": fmt.Sprint(i)},
		}
		if i%2 == 0 {
			d.Author = &author
		}
		out[i] = d
	}
	return out
}

func insertDocs(t testing.TB, conn driver.Conn, table string, docs []doc) {
	t.Helper()
	batch, err := conn.PrepareBatch(context.Background(), "INSERT INTO "+table)
	if err != nil {
		t.Fatalf("prepare batch: %v", err)
	}
	for _, d := range docs {
		if err := batch.Append(d.ID, d.Source, d.Title, d.Body, d.Views, d.Delta, d.Small, d.Score, d.Weight, d.Official,
			d.At, d.Seen, d.Day, d.Tags, d.Places, d.Vec, d.Meta, d.Author); err != nil {
			t.Fatalf("append: %v", err)
		}
	}
	if err := batch.Send(); err != nil {
		t.Fatalf("send: %v", err)
	}
}

func TestClickHouseGo(t *testing.T) {
	needEngine(t)
	methods := []struct {
		name   string
		method clickhouse.CompressionMethod
	}{
		{"none", clickhouse.CompressionNone},
		{"lz4", clickhouse.CompressionLZ4},
		{"zstd", clickhouse.CompressionZSTD},
		{"gzip", clickhouse.CompressionGZIP},
	}
	for _, m := range methods {
		t.Run(m.name, func(t *testing.T) {
			conn := open(t, srv.URL, m.method, clickhouse.Auth{})
			ctx := t.Context()
			table := "docs_" + m.name
			if err := conn.Exec(ctx, fmt.Sprintf(docsDDL, table)); err != nil {
				t.Fatalf("create: %v", err)
			}
			t.Cleanup(func() { _ = conn.Exec(context.Background(), "DROP TABLE "+table) })
			want := makeDocs(300)
			insertDocs(t, conn, table, want)

			rows, err := conn.Query(ctx, "SELECT id, source, title, body, views, delta, small, score, weight, official, at, seen, day, tags, places, vec, meta, author FROM "+table+" ORDER BY id")
			if err != nil {
				t.Fatalf("select: %v", err)
			}
			var got []doc
			for rows.Next() {
				var d doc
				if err := rows.Scan(&d.ID, &d.Source, &d.Title, &d.Body, &d.Views, &d.Delta, &d.Small, &d.Score, &d.Weight, &d.Official,
					&d.At, &d.Seen, &d.Day, &d.Tags, &d.Places, &d.Vec, &d.Meta, &d.Author); err != nil {
					t.Fatalf("scan: %v", err)
				}
				got = append(got, d)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("got %d rows, want %d", len(got), len(want))
			}
			for i := range want {
				w, g := want[i], got[i]
				if !g.At.Equal(w.At) || !g.Seen.Equal(w.Seen) || !g.Day.Equal(w.Day) {
					t.Fatalf("row %d times: got %v %v %v, want %v %v %v", i, g.At, g.Seen, g.Day, w.At, w.Seen, w.Day)
				}
				if g.At.Location().String() != "Asia/Makassar" {
					t.Fatalf("DateTime64 zone = %s, want Asia/Makassar", g.At.Location())
				}
				g.At, g.Seen, g.Day = w.At, w.Seen, w.Day
				if !reflect.DeepEqual(g, w) {
					t.Fatalf("row %d:\n got %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}

func TestClickHouseGoQueries(t *testing.T) {
	needEngine(t)
	conn := open(t, srv.URL, clickhouse.CompressionLZ4, clickhouse.Auth{})
	ctx := t.Context()
	if err := conn.Exec(ctx, fmt.Sprintf(docsDDL, "q_docs")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = conn.Exec(context.Background(), "DROP TABLE q_docs") })
	insertDocs(t, conn, "q_docs", makeDocs(50))

	t.Run("with parameters", func(t *testing.T) {
		pctx := clickhouse.Context(ctx, clickhouse.WithParameters(clickhouse.Parameters{
			// Values are escaped text, as on a real server.
			"source": "antara", "min": "10", "needle": `it's a\ttab`,
		}))
		var n uint64
		var echo string
		if err := conn.QueryRow(pctx, "SELECT count(), {needle:String} FROM q_docs WHERE source = {source:String} AND id >= {min:UInt64}").Scan(&n, &echo); err != nil {
			t.Fatal(err)
		}
		// ids 10..50 with (id-1)%3 == 1 → source antara
		want := uint64(0)
		for id := 10; id <= 50; id++ {
			if (id-1)%3 == 1 {
				want++
			}
		}
		if n != want || echo != "it's a\ttab" {
			t.Fatalf("got %d %q, want %d", n, echo, want)
		}
	})
	t.Run("settings and query id", func(t *testing.T) {
		sctx := clickhouse.Context(ctx, clickhouse.WithSettings(clickhouse.Settings{"max_threads": 1}), clickhouse.WithQueryID("pantau-test-1"))
		var v string
		if err := conn.QueryRow(sctx, "SELECT toString(getSetting('max_threads'))").Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != "1" {
			t.Fatalf("max_threads = %s", v)
		}
	})
	t.Run("error", func(t *testing.T) {
		err := conn.Exec(ctx, "SELECT * FROM no_such_table")
		var ex *clickhouse.Exception
		if !errors.As(err, &ex) || ex.Code != 60 {
			t.Fatalf("err = %v, want clickhouse.Exception code 60", err)
		}
	})
	t.Run("empty result keeps column types", func(t *testing.T) {
		rows, err := conn.Query(ctx, "SELECT id, at, tags FROM q_docs WHERE id > 1000000")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		if rows.Next() {
			t.Fatal("expected no rows")
		}
		var types []string
		for _, ct := range rows.ColumnTypes() {
			types = append(types, ct.Name()+" "+ct.DatabaseTypeName())
		}
		want := []string{"id UInt64", "at DateTime64(3, 'Asia/Makassar')", "tags Array(String)"}
		if !reflect.DeepEqual(types, want) {
			t.Fatalf("column types = %q, want %q", types, want)
		}
	})
	t.Run("aggregate", func(t *testing.T) {
		rows, err := conn.Query(ctx, "SELECT source, count() AS n, max(length(body)) FROM q_docs GROUP BY source ORDER BY source")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var s string
			var n uint64
			var l uint64
			if err := rows.Scan(&s, &n, &l); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprintf("%s=%d", s, n))
		}
		if strings.Join(got, ",") != "antara=17,kaltimpost=17,tribun=16" {
			t.Fatalf("got %v", got)
		}
	})
	t.Run("concurrent", func(t *testing.T) {
		var wg sync.WaitGroup
		errs := make(chan error, 12)
		for i := 0; i < 12; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var n uint64
				err := conn.QueryRow(ctx, "SELECT count() FROM q_docs WHERE id <= {n:UInt64}", clickhouse.Named("n", fmt.Sprint(i))).Scan(&n)
				if err == nil && n != uint64(i) {
					err = fmt.Errorf("goroutine %d counted %d", i, n)
				}
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	})
	t.Run("cancel", func(t *testing.T) {
		cctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
		defer cancel()
		if err := conn.Exec(cctx, "SELECT sleep(3) AS chgo_cancel_probe"); err == nil {
			t.Fatal("sleep finished despite the client timeout")
		}
		deadline := time.Now().Add(2500 * time.Millisecond)
		for {
			var n uint64
			if err := conn.QueryRow(ctx, "SELECT count() FROM system.processes WHERE query LIKE '%chgo_cancel_probe%' AND query NOT LIKE '%system.processes%'").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("statement still running after the client gave up")
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
	t.Run("read-only user", func(t *testing.T) {
		ro := open(t, authSrv.URL, clickhouse.CompressionLZ4, clickhouse.Auth{Username: "grafana", Password: "g-secret"})
		var n uint64
		if err := ro.QueryRow(ctx, "SELECT count() FROM q_docs").Scan(&n); err != nil || n != 50 {
			t.Fatalf("read-only select = %d, %v", n, err)
		}
		err := ro.Exec(ctx, "DROP TABLE q_docs")
		var ex *clickhouse.Exception
		if !errors.As(err, &ex) || ex.Code != 164 {
			t.Fatalf("read-only drop: err = %v, want code 164", err)
		}
		if _, err := ro.PrepareBatch(ctx, "INSERT INTO q_docs"); err == nil {
			// PrepareBatch only describes the table; Send must fail.
			b, _ := ro.PrepareBatch(ctx, "INSERT INTO q_docs")
			d := makeDocs(1)[0]
			_ = b.Append(d.ID, d.Source, d.Title, d.Body, d.Views, d.Delta, d.Small, d.Score, d.Weight, d.Official, d.At, d.Seen, d.Day, d.Tags, d.Places, d.Vec, d.Meta, d.Author)
			if err := b.Send(); err == nil {
				t.Fatal("read-only user inserted a batch")
			}
		}
	})
}

func TestDatabaseSQL(t *testing.T) {
	needEngine(t)
	u, _ := url.Parse(srv.URL)
	db := clickhouse.OpenDB(&clickhouse.Options{Addr: []string{u.Host}, Protocol: clickhouse.HTTP,
		Compression: &clickhouse.Compression{Method: clickhouse.CompressionLZ4}})
	defer db.Close()
	ctx := t.Context()
	if err := db.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE sqldocs (id UInt32, body String, score Float32, tags Array(String)) ENGINE = MergeTree ORDER BY id"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = db.ExecContext(context.Background(), "DROP TABLE sqldocs") })
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	stmt, err := tx.PrepareContext(ctx, "INSERT INTO sqldocs")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if _, err := stmt.ExecContext(ctx, uint32(i), fmt.Sprintf("a\n\nb %d", i), float32(i)/2, []string{"x", "y"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var n int
	var sum float64
	if err := db.QueryRowContext(ctx, "SELECT count(), sum(score) FROM sqldocs WHERE body LIKE {p:String}", clickhouse.Named("p", "a\n\nb%")).Scan(&n, &sum); err != nil {
		t.Fatal(err)
	}
	if n != 20 || sum != 95 {
		t.Fatalf("count %d sum %v, want 20 and 95", n, sum)
	}
}

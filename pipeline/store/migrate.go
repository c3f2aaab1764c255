package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migration is one versioned SQL file.
type Migration struct {
	Version    int
	Name       string
	Statements []string
}

var migrationName = regexp.MustCompile(`^(\d{4})_([a-z0-9_]+)\.sql$`)

// Migrations returns the embedded migrations in version order, with the
// database name substituted for "pantau." when db differs.
func Migrations(db string) ([]Migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("read embedded migrations: %w", err)
	}
	var out []Migration
	seen := map[int]string{}
	for _, e := range entries {
		m := migrationName.FindStringSubmatch(e.Name())
		if m == nil {
			return nil, fmt.Errorf("migration file %s: name must be NNNN_name.sql", e.Name())
		}
		v, _ := strconv.Atoi(m[1])
		if prev, dup := seen[v]; dup {
			return nil, fmt.Errorf("migration files %s and %s share version %d", prev, e.Name(), v)
		}
		seen[v] = e.Name()
		data, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		text := string(data)
		if db != DefaultDatabase {
			text = strings.ReplaceAll(text, DefaultDatabase+".", db+".")
		}
		out = append(out, Migration{Version: v, Name: m[2], Statements: SplitStatements(text)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// SplitStatements splits SQL text on semicolons that end a line, dropping
// comment-only lines and empty statements.
func SplitStatements(text string) []string {
	var stmts []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			stmts = append(stmts, s)
		}
		cur.Reset()
	}
	for _, line := range strings.Split(text, "\n") {
		trim := strings.TrimSpace(line)
		if trim == "" || strings.HasPrefix(trim, "--") {
			continue
		}
		if strings.HasSuffix(trim, ";") {
			cur.WriteString(strings.TrimSuffix(trim, ";"))
			flush()
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
	}
	flush()
	return stmts
}

// Migrate creates the database and applies the migrations not yet applied,
// recording each in schema_migrations. It is safe to run at every start.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := Migrations(s.db)
	if err != nil {
		return err
	}
	setup := []string{createDatabase(s.db, s.cfg.Cluster), migrationsTable(s.db)}
	if s.cfg.Cluster != "" {
		cs, err := ClusterStatements(setup[1:], s.cfg.Cluster, s.db)
		if err != nil {
			return err
		}
		setup = append(setup[:1], cs...)
	}
	for _, stmt := range setup {
		if err := s.conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("prepare schema: %w", err)
		}
	}
	applied := map[int]bool{}
	rows, err := s.conn.Query(ctx, "SELECT version FROM "+s.table("schema_migrations"))
	if err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	for rows.Next() {
		var v uint32
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fmt.Errorf("read schema_migrations: %w", err)
		}
		applied[int(v)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	for _, m := range ms {
		if applied[m.Version] {
			continue
		}
		stmts := m.Statements
		if s.cfg.Cluster != "" {
			if stmts, err = ClusterStatements(stmts, s.cfg.Cluster, s.db); err != nil {
				return err
			}
		}
		for i, stmt := range stmts {
			if err := s.conn.Exec(ctx, stmt); err != nil {
				return fmt.Errorf("migration %04d_%s statement %d: %w", m.Version, m.Name, i+1, err)
			}
		}
		if err := s.conn.Exec(ctx, "INSERT INTO "+s.table("schema_migrations")+" (version, name) VALUES (?, ?)", uint32(m.Version), m.Name); err != nil {
			return fmt.Errorf("record migration %04d: %w", m.Version, err)
		}
		s.log.Info("migration applied", "version", m.Version, "name", m.Name)
	}
	return s.ensureReadOnlyUser(ctx)
}

// ReadOnlyUser is the ClickHouse user for Grafana and the analysts' ad-hoc
// queries: it may read Pantau's database and nothing else.
const ReadOnlyUser = "grafana_ro"

// ensureReadOnlyUser creates (or updates the password of) the read-only
// user on a ClickHouse server when its password is configured. Servers
// whose users come from configuration files (users.d) leave the password
// unset. The embedded engine has no SQL user management; its HTTP interface
// enforces the same user instead.
func (s *Store) ensureReadOnlyUser(ctx context.Context) error {
	if s.cfg.ReadOnlyPassword == "" || s.cfg.Embedded() {
		return nil
	}
	on := ""
	if s.cfg.Cluster != "" {
		on = " ON CLUSTER " + s.cfg.Cluster
	}
	// DDL takes no bound parameters: the password (from configuration, not
	// from a request) is written as an escaped string literal.
	pw := QuoteString(s.cfg.ReadOnlyPassword)
	stmts := []string{
		"CREATE USER IF NOT EXISTS " + ReadOnlyUser + on + " IDENTIFIED WITH sha256_password BY " + pw + " SETTINGS readonly = 1",
		"ALTER USER " + ReadOnlyUser + on + " IDENTIFIED WITH sha256_password BY " + pw,
		"GRANT" + on + " SELECT ON " + s.db + ".* TO " + ReadOnlyUser,
	}
	for _, stmt := range stmts {
		if err := s.conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("create read-only user %s: %s (the migrating user needs ACCESS MANAGEMENT, or define the user in the server's users.d and leave clickhouse.readonly_password empty)",
				ReadOnlyUser, RedactDSN(err.Error(), "clickhouse://x:"+s.cfg.ReadOnlyPassword+"@h"))
		}
	}
	return nil
}

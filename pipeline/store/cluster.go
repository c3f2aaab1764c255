package store

import (
	"fmt"
	"regexp"
	"strings"
)

// On a cluster every table T becomes a replicated local table T_local on
// each node and a Distributed table T over them, so the same queries (which
// read T) work on one node and on a cluster. Rows are sharded by
// cityHash64 of the table's sorting key: rows a ReplacingMergeTree must
// collapse share that key (for documents, publication day and id, which
// every version of a document keeps), so they land on the same shard and
// FINAL collapses them there.

var createTable = regexp.MustCompile(`(?s)^CREATE TABLE IF NOT EXISTS ([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\s*\((.*)\)\s*ENGINE\s*=\s*([A-Za-z]+)(?:\(([^)]*)\))?\s*(.*)$`)
var orderBy = regexp.MustCompile(`(?m)ORDER BY\s*(.+?)\s*$`)

// ClusterStatements rewrites single-node statements into ON CLUSTER DDL.
func ClusterStatements(stmts []string, cluster, db string) ([]string, error) {
	var out []string
	for _, s := range stmts {
		m := createTable.FindStringSubmatch(s)
		if m == nil {
			if strings.HasPrefix(strings.ToUpper(s), "CREATE") || strings.HasPrefix(strings.ToUpper(s), "ALTER") {
				return nil, fmt.Errorf("cluster ddl: cannot rewrite statement %.60q; write it as CREATE TABLE IF NOT EXISTS db.t (...) ENGINE = ...", s)
			}
			out = append(out, s)
			continue
		}
		sdb, table, cols, engine, args, rest := m[1], m[2], m[3], m[4], m[5], m[6]
		if !strings.HasSuffix(engine, "MergeTree") {
			return nil, fmt.Errorf("cluster ddl: table %s uses engine %s, not a MergeTree", table, engine)
		}
		local := table + "_local"
		repArgs := fmt.Sprintf("'/clickhouse/tables/{shard}/%s/%s', '{replica}'", sdb, local)
		if strings.TrimSpace(args) != "" {
			repArgs += ", " + args
		}
		key := "rand()"
		if om := orderBy.FindStringSubmatch(rest); om != nil {
			k := strings.TrimSpace(om[1])
			if strings.HasPrefix(k, "(") && strings.HasSuffix(k, ")") {
				k = k[1 : len(k)-1]
			}
			key = "cityHash64(" + k + ")"
		}
		out = append(out,
			fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s.%s ON CLUSTER %s\n(%s)\nENGINE = Replicated%s(%s)\n%s", sdb, local, cluster, cols, engine, repArgs, rest),
			fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s.%s ON CLUSTER %s AS %s.%s\nENGINE = Distributed(%s, %s, %s, %s)", sdb, table, cluster, sdb, local, cluster, sdb, local, key),
		)
	}
	return out, nil
}

// DDL returns every statement Migrate would run for cfg, in order (the
// database, the migrations table and all migrations): for `pantau migrate
// --dry-run`.
func DDL(cfg Config) ([]string, error) {
	db := cfg.Database
	if db == "" {
		db = DefaultDatabase
	}
	ms, err := Migrations(db)
	if err != nil {
		return nil, err
	}
	stmts := []string{createDatabase(db, cfg.Cluster), migrationsTable(db)}
	for _, m := range ms {
		stmts = append(stmts, m.Statements...)
	}
	if cfg.Cluster == "" {
		return stmts, nil
	}
	rest, err := ClusterStatements(stmts[1:], cfg.Cluster, db)
	if err != nil {
		return nil, err
	}
	return append(stmts[:1], rest...), nil
}

func createDatabase(db, cluster string) string {
	if cluster == "" {
		return "CREATE DATABASE IF NOT EXISTS " + db
	}
	return "CREATE DATABASE IF NOT EXISTS " + db + " ON CLUSTER " + cluster
}

func migrationsTable(db string) string {
	return "CREATE TABLE IF NOT EXISTS " + db + ".schema_migrations\n(version UInt32, name String, applied_at DateTime DEFAULT now())\nENGINE = ReplacingMergeTree\nORDER BY version"
}

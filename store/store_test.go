package store

// The conformance suite: every test here runs against SQLite (a temporary
// file) and, when HARMLOG_TEST_POSTGRES holds a URL, against PostgreSQL in a
// fresh schema of its own that is dropped afterwards.

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/harmlog/harmlog/internal/storetest"
)

const pgEnv = "HARMLOG_TEST_POSTGRES"

// testDB is one fresh, empty database for one test.
type testDB struct {
	dialect Dialect
	dsn     string
}

// open opens a Store on the database, closed at cleanup.
func (d testDB) open(t testing.TB, opts ...Option) *Store {
	t.Helper()
	s, err := Open(context.Background(), d.dsn, opts...)
	if err != nil {
		t.Fatalf("Open(%s): %v", d.dialect, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// tamper runs statements on one raw connection behind the store's back, with
// foreign keys and triggers (the change log's append-only guard) disabled.
func (d testDB) tamper(t testing.TB, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	var db *sql.DB
	var err error
	var prelude []string
	if d.dialect == SQLite {
		db, err = sql.Open("sqlite", "file:"+d.dsn+"?_pragma=busy_timeout(10000)&_pragma=foreign_keys(0)")
		prelude = []string{"DROP TRIGGER IF EXISTS changes_no_update", "DROP TRIGGER IF EXISTS changes_no_delete"}
	} else {
		db, err = sql.Open("pgx", d.dsn)
		prelude = []string{"SET session_replication_role = replica"}
	}
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range append(prelude, stmts...) {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("tampering: %s: %v", q, err)
		}
	}
}

// backend makes fresh databases of one dialect.
type backend struct {
	name  string
	fresh func(t testing.TB) testDB
}

func backends() []backend {
	return []backend{
		{"sqlite", func(t testing.TB) testDB { return testDB{SQLite, storetest.SQLite(t)} }},
		{"postgres", freshPostgres},
	}
}

// freshPostgres is a fresh schema of its own on the test server
// (storetest.Postgres), skipped when HARMLOG_TEST_POSTGRES is not set.
func freshPostgres(t testing.TB) testDB {
	t.Helper()
	return testDB{Postgres, storetest.Postgres(t)}
}

// forEachDB runs fn as a subtest per backend, each with a fresh database.
func forEachDB(t *testing.T, fn func(t *testing.T, db testDB)) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			fn(t, b.fresh(t))
		})
	}
}

// fixedClock returns a clock starting at a fixed instant and advancing a
// millisecond per call, for reproducible timestamps.
func fixedClock() func() time.Time {
	t := time.Date(2020, 10, 8, 12, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(time.Millisecond)
		return t
	}
}

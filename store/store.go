// Package store is harmlog's persistence: one type, *Store, that keeps
// documents, claims, sources, parties, places, incidents and the hash-chained
// change log in an embedded SQLite file (the default) or in PostgreSQL.
//
// Open chooses the database from its argument: a postgres:// or
// postgresql:// URL selects PostgreSQL (through pgx's database/sql driver),
// anything else is the path of a SQLite file, created if missing. Open applies
// the embedded, forward-only migrations of that dialect (migrations/sqlite,
// migrations/postgres), recording each in schema_migrations.
//
// Every write runs in one transaction together with its entry in the change
// log, whose rows are chained by SHA-256 so Verify can tell whether the log
// was altered behind the store's back.
//
// Backups: for SQLite, Backup writes a consistent online copy with VACUUM
// INTO. For PostgreSQL use the server's own tool with the same URL, e.g.
//
//	pg_dump --format=custom --file=harmlog.dump 'postgres://user@host/db'
//
// Concurrency: SQLite writers are serialised (every transaction is BEGIN
// IMMEDIATE, busy_timeout 10 s), so several processes can ingest into one
// file; PostgreSQL writers are serialised by a transaction-scoped advisory
// lock, which the change log's chain needs. For bulk imports into PostgreSQL,
// adding synchronous_commit=off to the URL multiplies throughput (measured
// 175 → 495 documents/s here) at the risk of losing the last transactions,
// never of corrupting, if the server crashes.
//
// What the store keeps: text fields must be UTF-8 without NUL (PostgreSQL's
// rule, enforced on both dialects; raw bytes belong in Document.Original);
// dates are 'YYYY-MM-DD' text; a Range with both bounds nil reads back as
// nil; everything else in a Claim reads back as written.
//
// Every exported method returns errors of type *Error carrying a Code
// (ENOTFOUND, ECONFLICT, EINVALID, EINTERNAL); test them with errors.Is.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// Dialect names the database behind a Store.
type Dialect string

// The two dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is harmlog's database. It is safe for concurrent use.
type Store struct {
	db      *sql.DB // reads
	wdb     *sql.DB // writes: on SQLite one connection, on PostgreSQL db itself
	dialect Dialect
	now     func() time.Time
	dsn     string

	mu      sync.Mutex           // guards stmts and sources
	stmts   map[string]*sql.Stmt // prepared hot-path statements, by query
	sources map[string]int64     // source ids by name, of committed sources
}

type options struct {
	now       func() time.Time
	noMigrate bool
}

// Option configures Open.
type Option func(*options)

// WithClock makes the store take timestamps (ingested_at, change times) from
// now instead of time.Now; for tests and reproducible imports.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithoutMigrate opens the database without applying pending migrations;
// call Migrate yourself.
func WithoutMigrate() Option { return func(o *options) { o.noMigrate = true } }

// sqliteParams are set on every pooled SQLite connection: writers wait up to
// 10 s for each other, WAL lets readers run beside a writer, each connection
// caches 16 MB of pages, the WAL is checkpointed every 20,000 pages (about
// 80 MB) rather than 1000: a checkpoint copies each page once however often
// it changed since the last, so hot pages (indexes, the change log's tail)
// are rewritten far less when ingesting (measured: about 1,900 → 2,300-2,460
// small documents/s on the 2-core machine), and every
// transaction begins IMMEDIATE (takes the write lock up front).
const sqliteParams = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&" +
	"_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_pragma=cache_size(-16000)&_pragma=wal_autocheckpoint(20000)&" +
	"_txlock=immediate"

// readIdleConns is how many idle read connections the pool keeps.
const readIdleConns = 16

// Open opens (creating or migrating as needed) the database named by dsn: a
// postgres:// or postgresql:// URL, or a SQLite file path. Errors: EINVALID
// for an unusable dsn, EINTERNAL when the database cannot be reached or
// migrated.
func Open(ctx context.Context, dsn string, opts ...Option) (_ *Store, err error) {
	defer wrap(&err, "store.Open(%q)", redact(dsn))
	o := options{now: time.Now}
	for _, f := range opts {
		f(&o)
	}
	if strings.TrimSpace(dsn) == "" {
		return nil, errorf(EINVALID, "empty database name: want a SQLite file path or a postgres:// URL")
	}
	s := &Store{now: o.now, dsn: dsn, stmts: map[string]*sql.Stmt{}, sources: map[string]int64{}}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s.dialect = Postgres
		s.db, err = sql.Open("pgx", dsn)
		s.wdb = s.db
	} else {
		// SQLite takes one writer at a time anyway; giving writes their own
		// connection keeps its page cache and prepared statements warm
		// (a write on another connection would make it drop its cache).
		s.dialect = SQLite
		s.db, err = sql.Open("sqlite", sqliteDSN(dsn))
		if err == nil {
			s.wdb, err = sql.Open("sqlite", sqliteDSN(dsn))
			s.wdb.SetMaxOpenConns(1)
			s.wdb.SetConnMaxIdleTime(0)
		}
	}
	if err != nil {
		return nil, err
	}
	// Keep idle as many read connections as a busy server uses at once:
	// with database/sql's default of 2, concurrent requests made it close
	// and reopen connections all the time (measured: 857 new PostgreSQL
	// sessions, each a new backend process, in a 5 s wrk run of 16
	// connections against harmlog serve).
	s.db.SetMaxIdleConns(readIdleConns)
	if err := s.wdb.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("connecting: %w", err)
	}
	if !o.noMigrate {
		if _, err := s.Migrate(ctx); err != nil {
			s.Close()
			return nil, err
		}
		if err := s.prepare(ctx); err != nil {
			s.Close()
			return nil, err
		}
	}
	return s, nil
}

// sqliteDSN turns a path (possibly "file:..." with parameters of its own)
// into a modernc DSN carrying harmlog's pragmas.
func sqliteDSN(path string) string {
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	} else if !strings.HasPrefix(path, "file:") {
		path = "file:" + filepath.ToSlash(path)
	}
	return path + sep + sqliteParams
}

// redact hides a password in a URL for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

// Close closes the database.
func (s *Store) Close() error {
	s.mu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	clear(s.stmts)
	s.mu.Unlock()
	err := s.db.Close()
	if s.wdb != s.db {
		if werr := s.wdb.Close(); err == nil {
			err = werr
		}
	}
	return err
}

// prepare prepares the statements of the ingest path once, on the write
// pool (database/sql re-prepares them per connection as needed), so
// AddDocument does not parse its SQL again for every document. It runs
// before any transaction: on SQLite the write pool's one connection must be
// free.
func (s *Store) prepare(ctx context.Context) error {
	for _, q := range []string{docInsert, claimInsert, placeInsert, sourceByName, changeHead, changeInsert} {
		st, err := s.wdb.PrepareContext(ctx, s.q(q))
		if err != nil {
			return fmt.Errorf("preparing %.60q: %w", q, err)
		}
		s.stmts[q] = st
	}
	return nil
}

// stmt returns query (written with ?) prepared for use in tx: one of the
// statements prepared at Open, else one prepared in tx for this use.
func (s *Store) stmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	s.mu.Lock()
	st, ok := s.stmts[query]
	s.mu.Unlock()
	if !ok {
		return tx.PrepareContext(ctx, s.q(query))
	}
	return tx.StmtContext(ctx, st), nil
}

// Dialect reports which database the store uses.
func (s *Store) Dialect() Dialect { return s.dialect }

// q rewrites a query written with ? placeholders for the store's dialect:
// PostgreSQL gets $1, $2, ... (question marks inside quotes are left alone).
func (s *Store) q(query string) string {
	if s.dialect != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n, quote := 0, byte(0)
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// inTx runs fn in a write transaction, committing when fn returns nil and
// rolling back otherwise. Writers are serialised, as the change log's chain
// needs: on SQLite the transaction is BEGIN IMMEDIATE, so concurrent writers
// queue on busy_timeout; on PostgreSQL it first takes a transaction-scoped
// advisory lock named after the schema.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.wdb.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("beginning transaction: %w", err)
	}
	if err := s.lockWriters(ctx, tx); err != nil {
		tx.Rollback()
		return fmt.Errorf("locking writers: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

// stamp is the timestamp the store writes: UTC, to the microsecond (what
// PostgreSQL keeps), so a time reads back equal to what was hashed.
func (s *Store) stamp() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// timeLayout is how timestamps are written as text (SQLite, hashes).
const timeLayout = "2006-01-02T15:04:05.000000Z"

// ts converts a timestamp to the dialect's column value.
func (s *Store) ts(t time.Time) any {
	if s.dialect == Postgres {
		return t
	}
	return t.UTC().Format(timeLayout)
}

// timeScan scans a timestamp column of either dialect.
type timeScan struct{ t *time.Time }

// Scan implements sql.Scanner.
func (ts timeScan) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*ts.t = time.Time{}
	case time.Time:
		*ts.t = v.UTC()
	case string:
		return ts.parse(v)
	case []byte:
		return ts.parse(string(v))
	default:
		return fmt.Errorf("timestamp column holds %T, want text or time", v)
	}
	return nil
}

func (ts timeScan) parse(v string) error {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("timestamp column holds %q: %w", v, err)
	}
	*ts.t = t.UTC()
	return nil
}

// lockWriters serialises writers on PostgreSQL (SQLite's BEGIN IMMEDIATE
// already does); the lock is named after the schema so separate schemas do
// not wait on each other. Taking it first in every write transaction keeps
// lock order fixed, so writers cannot deadlock.
func (s *Store) lockWriters(ctx context.Context, tx *sql.Tx) error {
	if s.dialect != Postgres {
		return nil
	}
	_, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.harmlog.changes'))")
	return err
}

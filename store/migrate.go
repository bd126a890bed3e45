package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

//go:embed migrations
var migrationsFS embed.FS

// migration is one forward-only schema step.
type migration struct {
	version string // file name without .sql: "0001_init"
	sql     string
}

// migrations lists the dialect's embedded migrations in order.
func migrations(d Dialect) ([]migration, error) {
	dir := path.Join("migrations", string(d))
	ents, err := fs.ReadDir(migrationsFS, dir)
	if err != nil {
		return nil, fmt.Errorf("reading embedded %s: %w", dir, err)
	}
	var ms []migration
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := fs.ReadFile(migrationsFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: strings.TrimSuffix(e.Name(), ".sql"), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// Migrate applies the migrations not yet recorded in schema_migrations, each
// in its own transaction, and returns the versions it applied (none when the
// schema is current). Concurrent callers are serialised; each migration is
// applied once. Errors: EINTERNAL naming the migration file that failed.
func (s *Store) Migrate(ctx context.Context) (applied []string, err error) {
	defer wrap(&err, "store.Migrate")
	ms, err := migrations(s.dialect)
	if err != nil {
		return nil, err
	}
	create := "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
	if err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, create)
		return err
	}); err != nil {
		return nil, fmt.Errorf("creating schema_migrations: %w", err)
	}
	for _, m := range ms {
		var done bool
		err := s.inTx(ctx, func(tx *sql.Tx) error {
			var n int
			if err := tx.QueryRowContext(ctx, s.q("SELECT count(*) FROM schema_migrations WHERE version = ?"), m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				done = true
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, s.q("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
				m.version, s.stamp().Format(timeLayout))
			return err
		})
		if err != nil {
			return applied, fmt.Errorf("migrations/%s/%s.sql: %w", s.dialect, m.version, err)
		}
		if !done {
			applied = append(applied, m.version)
		}
	}
	return applied, nil
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"reflect"
	"testing"
)

// indexDefs lists the SQLite indexes of the incident tables by name.
func indexDefs(t *testing.T, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) map[string]string {
	t.Helper()
	rows, err := q.QueryContext(context.Background(), `SELECT name, COALESCE(sql, '') FROM sqlite_master
		WHERE type = 'index' AND tbl_name IN ('incidents', 'incident_claims')`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var n, d string
		if err := rows.Scan(&n, &d); err != nil {
			t.Fatal(err)
		}
		out[n] = d
	}
	return out
}

// TestDropIndexes checks that the indexes a full relink drops on SQLite
// come back as they were, that constraint indexes are never dropped, and
// that a transaction rolled back between the two leaves them in place.
func TestDropIndexes(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		if db.dialect != SQLite {
			t.Skip("SQLite only")
		}
		ctx := context.Background()
		s := db.open(t)
		want := indexDefs(t, s.db)
		if want["incidents_country_date"] == "" || want["incident_claims_incident"] == "" {
			t.Fatalf("indexes before: %v", want)
		}
		for _, commit := range []bool{true, false} {
			stop := errors.New("roll back")
			err := s.inTxConn(ctx, func(tx *sql.Tx, _ *sql.Conn) error {
				recreate, err := dropIndexes(ctx, tx, "incidents", "incident_claims")
				if err != nil {
					return err
				}
				mid := indexDefs(t, tx)
				if len(mid) != 1 || mid["sqlite_autoindex_incidents_1"] != "" {
					t.Errorf("indexes left after dropping: %v, want only the key's", mid)
				}
				if !commit {
					return stop
				}
				return recreate()
			})
			if commit && err != nil || !commit && !errors.Is(err, stop) {
				t.Fatalf("commit %v: %v", commit, err)
			}
			if got := indexDefs(t, s.db); !reflect.DeepEqual(got, want) {
				t.Errorf("commit %v: indexes after\n%v\nwant\n%v", commit, got, want)
			}
		}
	})
}

package store

// PostgreSQL's bulk path for SaveIncidents: COPY into temporary tables,
// then one INSERT ... SELECT each for the incidents and the links, so that
// a million links cost one statement instead of hundreds.

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/harmlog/harmlog"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// inTxConn is inTx on a connection of its own, for bulk writes, which fn
// also gets so that it can COPY inside the transaction (copyRows). On
// SQLite the transaction keeps its statement journals in memory
// (temp_store = MEMORY, set before it begins, as SQLite reads it then):
// each multi-row INSERT that may fail part-way journals the pages it
// changes so that it can be undone alone, and on disk those writes were a
// tenth of a relink's CPU time. The setting is put back afterwards.
func (s *Store) inTxConn(ctx context.Context, fn func(*sql.Tx, *sql.Conn) error) error {
	conn, err := s.wdb.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connecting: %w", err)
	}
	defer conn.Close()
	if s.dialect == SQLite {
		var was int64
		if err := conn.QueryRowContext(ctx, "PRAGMA temp_store").Scan(&was); err != nil {
			return fmt.Errorf("reading temp_store: %w", err)
		}
		if _, err := conn.ExecContext(ctx, "PRAGMA temp_store = MEMORY"); err != nil {
			return fmt.Errorf("setting temp_store: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA temp_store = %d", was))
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("beginning transaction: %w", err)
	}
	if err := s.lockWriters(ctx, tx); err != nil {
		tx.Rollback()
		return fmt.Errorf("locking writers: %w", err)
	}
	if err := fn(tx, conn); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("committing: %w", err)
	}
	return nil
}

// copyRows copies rows into table with COPY, inside the transaction open
// on conn, and returns how many it copied.
func copyRows(ctx context.Context, conn *sql.Conn, table string, cols []string, rows [][]any) (int64, error) {
	var n int64
	err := conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("COPY into %s: the connection is a %T, not pgx's", table, dc)
		}
		var err error
		n, err = c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		return err
	})
	if err != nil {
		return n, fmt.Errorf("COPY into %s: %w", table, err)
	}
	return n, nil
}

// saveIncidentsPG is saveIncidents through COPY: the same writes, the same
// change.
func (s *Store) saveIncidentsPG(ctx context.Context, tx *sql.Tx, conn *sql.Conn, incs []harmlog.Incident, actor string) error {
	var sum saveSummary
	res, err := tx.ExecContext(ctx, "DELETE FROM incident_claims WHERE pinned = false")
	if err != nil {
		return err
	}
	sum.LinksFreed, _ = res.RowsAffected()
	last, err := lastByKey(incs)
	if err != nil {
		return err
	}
	cols := strings.Fields(strings.ReplaceAll(incidentCols, ",", " "))
	rows := make([][]any, 0, len(last))
	for i := range incs {
		if last[incs[i].Key] != i {
			continue
		}
		vals, err := s.incidentValues(&incs[i])
		if err != nil {
			return fmt.Errorf("incident %d of %d: %w", i, len(incs), err)
		}
		rows = append(rows, append([]any{len(rows)}, vals...))
	}
	if _, err := tx.ExecContext(ctx, `CREATE TEMPORARY TABLE save_incidents (seq integer, key text, date_from text,
		date_to text, places jsonb, country text, weapons jsonb, perpetrators jsonb, victims text, killed_min integer,
		killed_max integer, injured_min integer, injured_max integer, sources integer, cross_party boolean,
		contested boolean, grade text, grade_reason text, updated_at timestamptz) ON COMMIT DROP`); err != nil {
		return err
	}
	if _, err := copyRows(ctx, conn, "save_incidents", append([]string{"seq"}, cols...), rows); err != nil {
		return err
	}
	upsert := incidentUpsert[strings.Index(incidentUpsert, "ON CONFLICT"):strings.Index(incidentUpsert, "RETURNING")]
	ids := make(map[string]int64, len(last))
	rs, err := tx.QueryContext(ctx, "INSERT INTO incidents ("+incidentCols+") SELECT "+incidentCols+
		" FROM save_incidents ORDER BY seq "+upsert+" RETURNING id, key")
	if err != nil {
		return fmt.Errorf("incidents: %w", err)
	}
	for rs.Next() {
		var id int64
		var key string
		if err := rs.Scan(&id, &key); err != nil {
			rs.Close()
			return err
		}
		ids[key] = id
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return fmt.Errorf("incidents: %w", err)
	}
	var links [][]any
	for i := range incs {
		inc := &incs[i]
		inc.ID = ids[inc.Key]
		sum.Incidents++
		for j := range inc.Members {
			m := &inc.Members[j]
			m.IncidentID = inc.ID
			links = append(links, []any{int64(len(links)), m.ClaimID, inc.ID, m.Score, m.Evidence, m.Pinned})
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TEMPORARY TABLE save_links (seq bigint, claim_id bigint,
		incident_id bigint, score double precision, evidence text, pinned boolean) ON COMMIT DROP`); err != nil {
		return err
	}
	if _, err := copyRows(ctx, conn, "save_links", []string{"seq", "claim_id", "incident_id", "score", "evidence", "pinned"}, links); err != nil {
		return err
	}
	res, err = tx.ExecContext(ctx, `INSERT INTO incident_claims (claim_id, incident_id, score, evidence, pinned)
		SELECT claim_id, incident_id, score, evidence, pinned FROM save_links ORDER BY seq
		ON CONFLICT (claim_id) DO NOTHING`)
	if err != nil {
		return fmt.Errorf("links: %w", err)
	}
	n, _ := res.RowsAffected()
	sum.Links = int(n)
	sum.SkippedLink = len(links) - sum.Links
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM incident_claims WHERE pinned = true").Scan(&sum.PinnedKept); err != nil {
		return err
	}
	res, err = tx.ExecContext(ctx, "DELETE FROM incidents WHERE NOT EXISTS (SELECT 1 FROM incident_claims ic WHERE ic.incident_id = incidents.id)")
	if err != nil {
		return err
	}
	sum.Removed, _ = res.RowsAffected()
	_, err = s.record(ctx, tx, actor, "incidents.save", "incident", 0, nil, sum)
	return err
}

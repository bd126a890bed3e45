package store

// The bulk paths: adding, reading and linking millions of claims. They
// write with multi-row INSERTs (a few hundred rows per statement, under
// SQLite's limit of 32,766 parameters) inside one transaction, and read
// only the columns the linker needs.

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/harmlog/harmlog"
)

// Rows per multi-row INSERT, by table: about 16,000 parameters each.
const (
	claimRows    = 480  // 34 columns
	placeRows    = 2000 // 7
	incidentRows = 800  // 18
	linkRows     = 3000 // 5
)

// batchInsert collects rows for a multi-row INSERT and executes the
// statement whenever it holds per rows, re-using its prepared form.
type batchInsert struct {
	s          *Store
	tx         *sql.Tx
	head, tail string // "INSERT INTO t (a, b) VALUES", " ON CONFLICT ..."
	cols, per  int
	args       []any
	full       *sql.Stmt
	// onRows, when set, reads each statement's RETURNING rows.
	onRows func(*sql.Rows) error
	// affected adds up the rows each statement changed.
	affected int64
	// before, when set, runs before each statement (to flush the rows
	// these rows refer to).
	before func(context.Context) error
}

func (b *batchInsert) query(n int) string {
	var q strings.Builder
	q.Grow(len(b.head) + len(b.tail) + n*(b.cols*3+4))
	q.WriteString(b.head)
	tuple := "(" + strings.Repeat("?, ", b.cols-1) + "?)"
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString(tuple)
	}
	q.WriteString(b.tail)
	return b.s.q(q.String())
}

// add appends one row; len(row) must be b.cols.
func (b *batchInsert) add(ctx context.Context, row ...any) error {
	b.args = append(b.args, row...)
	if len(b.args) < b.cols*b.per {
		return nil
	}
	return b.flush(ctx)
}

// flush executes the rows collected so far.
func (b *batchInsert) flush(ctx context.Context) error {
	n := len(b.args) / b.cols
	if n == 0 {
		return nil
	}
	defer func() { b.args = b.args[:0] }()
	if b.before != nil {
		if err := b.before(ctx); err != nil {
			return err
		}
	}
	var st *sql.Stmt
	if n == b.per {
		if b.full == nil {
			var err error
			if b.full, err = b.tx.PrepareContext(ctx, b.query(n)); err != nil {
				return err
			}
		}
		st = b.full
	}
	if b.onRows != nil {
		var rows *sql.Rows
		var err error
		if st != nil {
			rows, err = st.QueryContext(ctx, b.args...)
		} else {
			rows, err = b.tx.QueryContext(ctx, b.query(n), b.args...)
		}
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := b.onRows(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	var res sql.Result
	var err error
	if st != nil {
		res, err = st.ExecContext(ctx, b.args...)
	} else {
		res, err = b.tx.ExecContext(ctx, b.query(n), b.args...)
	}
	if err != nil {
		return err
	}
	k, _ := res.RowsAffected()
	b.affected += k
	return nil
}

func (b *batchInsert) close() {
	if b.full != nil {
		b.full.Close()
	}
}

// bulkCacheKiB is the SQLite page cache a bulk write uses (256 MiB), so
// that the indexes it inserts into stay in memory; the connection's usual
// cache (sqliteParams) is put back afterwards.
const bulkCacheKiB = 256 << 10

// bigCache raises the SQLite write connection's page cache for a bulk
// write in tx and returns what puts it back (nothing to do on PostgreSQL).
func (s *Store) bigCache(ctx context.Context, tx *sql.Tx) (restore func(), err error) {
	if s.dialect != SQLite {
		return func() {}, nil
	}
	var was int64
	if err := tx.QueryRowContext(ctx, "PRAGMA cache_size").Scan(&was); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA cache_size = %d", -bulkCacheKiB)); err != nil {
		return nil, err
	}
	return func() { tx.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf("PRAGMA cache_size = %d", was)) }, nil
}

// bulkClaimsSummary is the change AddClaimsBulk records.
type bulkClaimsSummary struct {
	Claims  int   `json:"claims"`
	FirstID int64 `json:"first_id"`
	LastID  int64 `json:"last_id"`
}

// AddClaimsBulk is AddClaims for millions of claims (synthetic data sets,
// large imports): the claims and their places go in with multi-row
// INSERTs, ids given in order after the largest stored one, in one
// transaction that records one "claims.add" change with the count and the
// first and last ids (AddClaims lists every id). It fills in the claims'
// IDs, DocumentID and Index. Errors: ENOTFOUND (no such document),
// EINVALID (a bad claim, named by its index; nothing is stored).
func (s *Store) AddClaimsBulk(ctx context.Context, docID int64, claims []harmlog.Claim, actor string) (err error) {
	defer wrap(&err, "store.AddClaimsBulk(%d, %d claims)", docID, len(claims))
	si := &sourceIDs{s: s}
	err = s.inTxConn(ctx, func(tx *sql.Tx, _ *sql.Conn) error {
		si.tx = tx
		restore, err := s.bigCache(ctx, tx)
		if err != nil {
			return err
		}
		defer restore()
		var doc harmlog.Document
		var next int
		err = tx.QueryRowContext(ctx, s.q(`SELECT d.id, d.publisher, d.published, d.url,
			COALESCE((SELECT max(idx) + 1 FROM claims WHERE document_id = d.id), 0)
			FROM documents d WHERE d.id = ?`), docID).Scan(&doc.ID, &doc.Publisher, &doc.Published, &doc.URL, &next)
		if errors.Is(err, sql.ErrNoRows) {
			return errorf(ENOTFOUND, "no document with id %d", docID)
		}
		if err != nil {
			return err
		}
		// Writers are serialised (inTx), so the ids after the largest are
		// ours to give.
		var base int64
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(max(id), 0) FROM claims").Scan(&base); err != nil {
			return err
		}
		ci := &batchInsert{s: s, tx: tx, head: `INSERT INTO claims (id, document_id, idx, killed_min, killed_max,
			injured_min, injured_max, missing_min, missing_max, damaged, victims, scope, part_of, date_from, date_to,
			weapons, weapon_words, perpetrator, perpetrator_words, claimant, claimant_id, span_start, span_end, denied,
			denied_by, is_update, status, ref, note, places, publisher, published, url, victim_names) VALUES `, cols: 34, per: claimRows}
		defer ci.close()
		pi := &batchInsert{s: s, tx: tx, head: "INSERT INTO claim_places (claim_id, ord, place_id, name, lat, lon, country) VALUES ",
			cols: 7, per: placeRows, before: ci.flush}
		defer pi.close()
		for i := range claims {
			c := &claims[i]
			c.ID, c.DocumentID, c.Index = base+int64(i)+1, doc.ID, next+i
			if c.Publisher == "" && c.Published == "" && c.URL == "" {
				c.Publisher, c.Published, c.URL = doc.Publisher, doc.Published, doc.URL
			}
			if c.Status == "" {
				c.Status = harmlog.StatusImported
			}
			if err := checkClaim(c); err != nil {
				return fmt.Errorf("claim %d of %d: %w", i, len(claims), err)
			}
			cid, err := si.id(ctx, c.Claimant)
			if err != nil {
				return err
			}
			vals, err := claimValues(c, cid)
			if err != nil {
				return fmt.Errorf("claim %d of %d: %w", i, len(claims), err)
			}
			if err := ci.add(ctx, append([]any{c.ID, doc.ID, c.Index}, vals...)...); err != nil {
				return fmt.Errorf("claims up to %d of %d: %w", i, len(claims), err)
			}
			for j, p := range c.Places {
				var lat, lon any
				if p.Lat != nil {
					lat = *p.Lat
				}
				if p.Lon != nil {
					lon = *p.Lon
				}
				if err := pi.add(ctx, c.ID, j, p.ID, p.Name, lat, lon, p.Country); err != nil {
					return fmt.Errorf("places up to claim %d of %d: %w", i, len(claims), err)
				}
			}
		}
		if err := ci.flush(ctx); err != nil {
			return fmt.Errorf("claims: %w", err)
		}
		if err := pi.flush(ctx); err != nil {
			return fmt.Errorf("places: %w", err)
		}
		if s.dialect == Postgres && len(claims) > 0 {
			// Explicit ids leave the identity sequence behind.
			if _, err := tx.ExecContext(ctx, "SELECT setval(pg_get_serial_sequence('claims', 'id'), $1)", base+int64(len(claims))); err != nil {
				return err
			}
		}
		sum := bulkClaimsSummary{Claims: len(claims)}
		if len(claims) > 0 {
			sum.FirstID, sum.LastID = claims[0].ID, claims[len(claims)-1].ID
		}
		_, err = s.record(ctx, tx, actor, "claims.add", "document", docID, nil, sum)
		return err
	})
	if err == nil {
		si.remember()
		err = s.analyze(ctx, len(claims), "claims", "claim_places")
	}
	return err
}

// analyzeAfter is how many rows a bulk write must touch for the store to
// refresh the planner's statistics of its tables afterwards.
const analyzeAfter = 10000

// analyze refreshes PostgreSQL's statistics of tables after a bulk write
// of n rows: before autovacuum gets to them, the planner takes freshly
// filled tables for empty and may scan them whole for a lookup. SQLite
// plans from its indexes alone; nothing to do there.
func (s *Store) analyze(ctx context.Context, n int, tables ...string) error {
	if s.dialect != Postgres || n < analyzeAfter {
		return nil
	}
	if _, err := s.wdb.ExecContext(ctx, "ANALYZE "+strings.Join(tables, ", ")); err != nil {
		return fmt.Errorf("ANALYZE %s: %w", strings.Join(tables, ", "), err)
	}
	return nil
}

// linkClaimSelect reads what the linker uses of a claim: its figures,
// victims, scope, dates, weapons, perpetrator, claimant, denial, update
// flag, status, places and source (the document's where the claim names
// none). Spans, missing, damage, part_of, ref, note and URL are left out.
const linkClaimSelect = "SELECT " + linkClaimCols + " FROM claims c LEFT JOIN documents d ON d.id = c.document_id"

const linkClaimCols = `c.id, c.killed_min, c.killed_max, c.injured_min, c.injured_max, c.victims, c.scope,
	c.date_from, c.date_to, c.weapons, c.weapon_words, c.perpetrator, c.perpetrator_words, c.claimant,
	c.denied, c.denied_by, c.is_update, c.status, c.places,
	COALESCE(NULLIF(c.publisher, ''), d.publisher, ''), COALESCE(NULLIF(c.published, ''), d.published, '')`

// rawLinkClaim is a row of linkClaimSelect before its JSON is decoded.
type rawLinkClaim struct {
	c        harmlog.Claim
	r        [4]sql.NullInt64
	from, to sql.NullString
	js       [3]string // weapons, weapon_words, places
}

func (rc *rawLinkClaim) scan(rows *sql.Rows, before ...any) error {
	c := &rc.c
	return rows.Scan(append(before, &c.ID, &rc.r[0], &rc.r[1], &rc.r[2], &rc.r[3], &c.Victims, &c.Scope, &rc.from, &rc.to,
		&rc.js[0], &rc.js[1], &c.Perpetrator, &c.PerpetratorWords, &c.Claimant, &c.Denied, &c.DeniedBy,
		&c.Update, &c.Status, &rc.js[2], &c.Publisher, &c.Published)...)
}

// decode turns the raw row into its claim.
func (rc *rawLinkClaim) decode() (harmlog.Claim, error) {
	c := rc.c
	c.Killed, c.Injured = rangeOf(rc.r[0], rc.r[1]), rangeOf(rc.r[2], rc.r[3])
	if rc.from.Valid || rc.to.Valid {
		c.Date = &harmlog.DateRange{From: rc.from.String, To: rc.to.String}
	}
	var err error
	for i, dst := range []*[]string{&c.Weapons, &c.WeaponWords} {
		if *dst, err = stringList(rc.js[i], nil); err != nil {
			return c, fmt.Errorf("claim %d: JSON column %d: %w", c.ID, i, err)
		}
	}
	if c.Places, err = placeList(rc.js[2]); err != nil {
		return c, fmt.Errorf("claim %d: places hold %.40q: %w", c.ID, rc.js[2], err)
	}
	return c, nil
}

// LinkClaims returns every claim not rejected by an analyst, in id order,
// with the fields the linker reads (see linkClaimSelect): what a full
// relink needs, read in one pass with the JSON decoded on every core.
// Errors: EINTERNAL.
func (s *Store) LinkClaims(ctx context.Context) (_ []harmlog.Claim, err error) {
	defer wrap(&err, "store.LinkClaims()")
	rows, err := s.db.QueryContext(ctx, s.q(linkClaimSelect+" WHERE c.status <> ? ORDER BY c.id"), harmlog.StatusRejected)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return decodeChunks(ctx, rows)
}

// decodeChunks scans rows in chunks and decodes each chunk's JSON on
// another core while the next is scanned; the claims keep the rows' order.
func decodeChunks(ctx context.Context, rows *sql.Rows) ([]harmlog.Claim, error) {
	const chunk = 4096
	type job struct {
		raw []rawLinkClaim
		dst []harmlog.Claim
	}
	jobs := make(chan job, 2)
	var wg sync.WaitGroup
	errs := make([]error, max(1, runtime.GOMAXPROCS(0)))
	for w := range errs {
		wg.Go(func() {
			for j := range jobs {
				for i := range j.raw {
					c, err := j.raw[i].decode()
					if err != nil && errs[w] == nil {
						errs[w] = err
					}
					j.dst[i] = c
				}
			}
		})
	}
	var done [][]harmlog.Claim
	raw := make([]rawLinkClaim, 0, chunk)
	send := func() {
		dst := make([]harmlog.Claim, len(raw))
		done = append(done, dst)
		jobs <- job{raw: raw, dst: dst}
		raw = make([]rawLinkClaim, 0, chunk)
	}
	var err error
	for err == nil && rows.Next() {
		raw = append(raw, rawLinkClaim{})
		err = raw[len(raw)-1].scan(rows)
		if len(raw) == chunk {
			send()
		}
	}
	if err == nil {
		err = rows.Err()
	}
	if err == nil && len(raw) > 0 {
		send()
	}
	close(jobs)
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	total := 0
	for _, d := range done {
		total += len(d)
	}
	out := make([]harmlog.Claim, 0, total)
	for _, d := range done {
		out = append(out, d...)
	}
	return out, ctx.Err()
}

// saveIncidents is SaveIncidents' transaction: set-wise, a few hundred
// incidents or a few thousand links per statement.
// lastByKey maps each incident key to the index of its last occurrence: a
// key given twice is one incident with the values given last (as upserting
// one by one did), and a multi-row upsert or COPY may name a key once.
// An empty key is EINVALID.
func lastByKey(incs []harmlog.Incident) (map[string]int, error) {
	last := make(map[string]int, len(incs))
	for i := range incs {
		if strings.TrimSpace(incs[i].Key) == "" {
			return nil, errorf(EINVALID, "incident %d of %d: empty key", i, len(incs))
		}
		last[incs[i].Key] = i
	}
	return last, nil
}

func (s *Store) saveIncidents(ctx context.Context, tx *sql.Tx, incs []harmlog.Incident, actor string) error {
	var sum saveSummary
	restore, err := s.bigCache(ctx, tx)
	if err != nil {
		return err
	}
	defer restore()
	res, err := tx.ExecContext(ctx, s.q("DELETE FROM incident_claims WHERE pinned = ?"), false)
	if err != nil {
		return err
	}
	sum.LinksFreed, _ = res.RowsAffected()
	last, err := lastByKey(incs)
	if err != nil {
		return err
	}
	// A save of many incidents (a full relink) drops the secondary indexes
	// and builds them again once the rows are in: sorting once is cheaper
	// than inserting into them row by row. All in the transaction, so a
	// crash or an error leaves them as they were.
	recreate := func() error { return nil }
	if s.dialect == SQLite && len(last) >= rebuildIndexesAt {
		if recreate, err = dropIndexes(ctx, tx, "incidents", "incident_claims"); err != nil {
			return err
		}
	}
	ids := make(map[string]int64, len(last))
	up := &batchInsert{s: s, tx: tx, head: "INSERT INTO incidents (" + incidentCols + ") VALUES ",
		tail: " " + incidentUpsert[strings.Index(incidentUpsert, "ON CONFLICT"):strings.Index(incidentUpsert, "RETURNING")] +
			" RETURNING id, key",
		cols: 18, per: incidentRows,
		onRows: func(rows *sql.Rows) error {
			var id int64
			var key string
			if err := rows.Scan(&id, &key); err != nil {
				return err
			}
			ids[key] = id
			return nil
		}}
	defer up.close()
	for i := range incs {
		inc := &incs[i]
		if last[inc.Key] != i {
			continue
		}
		vals, err := s.incidentValues(inc)
		if err != nil {
			return fmt.Errorf("incident %d of %d: %w", i, len(incs), err)
		}
		if err := up.add(ctx, vals...); err != nil {
			return fmt.Errorf("incidents up to %q: %w", inc.Key, err)
		}
	}
	if err := up.flush(ctx); err != nil {
		return fmt.Errorf("incidents: %w", err)
	}
	links := &batchInsert{s: s, tx: tx, head: "INSERT INTO incident_claims (claim_id, incident_id, score, evidence, pinned) VALUES ",
		tail: " ON CONFLICT (claim_id) DO NOTHING", cols: 5, per: linkRows}
	defer links.close()
	var all []*harmlog.Link
	if s.dialect == SQLite {
		all = make([]*harmlog.Link, 0, len(incs)*4)
	}
	total := 0
	for i := range incs {
		inc := &incs[i]
		inc.ID = ids[inc.Key]
		sum.Incidents++
		for j := range inc.Members {
			m := &inc.Members[j]
			m.IncidentID = inc.ID
			total++
			if all != nil {
				all = append(all, m)
				continue
			}
			if err := links.add(ctx, m.ClaimID, inc.ID, m.Score, m.Evidence, m.Pinned); err != nil {
				return fmt.Errorf("links up to incident %q, claim %d: %w", inc.Key, m.ClaimID, err)
			}
		}
	}
	// On SQLite claim_id is the rowid: inserted in its order, each INSERT
	// appends to the table instead of touching (and journalling) pages all
	// over it. Stable, so that of two links of one claim the first given
	// is kept, as in incident order.
	slices.SortStableFunc(all, func(a, b *harmlog.Link) int { return cmp.Compare(a.ClaimID, b.ClaimID) })
	for _, m := range all {
		if err := links.add(ctx, m.ClaimID, m.IncidentID, m.Score, m.Evidence, m.Pinned); err != nil {
			return fmt.Errorf("links up to incident %d, claim %d: %w", m.IncidentID, m.ClaimID, err)
		}
	}
	if err := links.flush(ctx); err != nil {
		return fmt.Errorf("links: %w", err)
	}
	sum.Links = int(links.affected)
	if err := recreate(); err != nil {
		return err
	}
	sum.SkippedLink = total - sum.Links
	if err := tx.QueryRowContext(ctx, s.q("SELECT count(*) FROM incident_claims WHERE pinned = ?"), true).Scan(&sum.PinnedKept); err != nil {
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

// rebuildIndexesAt is how many incidents a save must hold for SQLite to
// rebuild the incident tables' secondary indexes instead of inserting
// into them.
const rebuildIndexesAt = 20_000

// dropIndexes drops the SQLite indexes of tables that a migration created
// (not those of UNIQUE and PRIMARY KEY constraints, which upserts need)
// and returns what creates them again, by the same statements.
func dropIndexes(ctx context.Context, tx *sql.Tx, tables ...string) (recreate func() error, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN (?`+strings.Repeat(", ?", len(tables)-1)+`) ORDER BY name`, anys(tables)...)
	if err != nil {
		return nil, err
	}
	var names, defs []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			rows.Close()
			return nil, err
		}
		names, defs = append(names, name), append(defs, def)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `DROP INDEX "`+strings.ReplaceAll(n, `"`, `""`)+`"`); err != nil {
			return nil, fmt.Errorf("dropping index %s: %w", n, err)
		}
	}
	return func() error {
		for i, d := range defs {
			if _, err := tx.ExecContext(ctx, d); err != nil {
				return fmt.Errorf("creating index %s again: %w", names[i], err)
			}
		}
		return nil
	}, nil
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

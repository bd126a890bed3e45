package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/harmlog/harmlog"
)

// claimSelect reads claims with their own publisher, date and URL, or
// their document's where the claim has none (rows from before 0002).
const claimSelect = `SELECT c.id, c.document_id, c.idx, c.killed_min, c.killed_max, c.injured_min, c.injured_max,
	c.missing_min, c.missing_max, c.damaged, c.victims, c.scope, c.part_of, c.date_from, c.date_to,
	c.weapons, c.weapon_words, c.perpetrator, c.perpetrator_words, c.claimant, c.span_start, c.span_end,
	c.denied, c.denied_by, c.is_update, c.status, c.ref, c.note, c.places,
	COALESCE(NULLIF(c.publisher, ''), d.publisher, ''), COALESCE(NULLIF(c.published, ''), d.published, ''),
	COALESCE(NULLIF(c.url, ''), d.url, ''), c.victim_names
	FROM claims c LEFT JOIN documents d ON d.id = c.document_id`

func scanClaim(sc interface{ Scan(...any) error }) (*harmlog.Claim, error) {
	var c harmlog.Claim
	var r [6]sql.NullInt64
	var partOf sql.NullInt64
	var from, to sql.NullString
	var js [4]string
	var names string
	err := sc.Scan(&c.ID, &c.DocumentID, &c.Index, &r[0], &r[1], &r[2], &r[3], &r[4], &r[5],
		&js[0], &c.Victims, &c.Scope, &partOf, &from, &to, &js[1], &js[2], &c.Perpetrator, &c.PerpetratorWords,
		&c.Claimant, &c.Start, &c.End, &c.Denied, &c.DeniedBy, &c.Update, &c.Status, &c.Ref, &c.Note, &js[3],
		&c.Publisher, &c.Published, &c.URL, &names)
	if err != nil {
		return nil, err
	}
	if names != "" {
		if err := json.Unmarshal([]byte(names), &c.VictimNames); err != nil {
			return nil, fmt.Errorf("claim %d: victim_names holds %.40q: %w", c.ID, names, err)
		}
	}
	c.Killed, c.Injured, c.Missing = rangeOf(r[0], r[1]), rangeOf(r[2], r[3]), rangeOf(r[4], r[5])
	if partOf.Valid {
		p := int(partOf.Int64)
		c.PartOf = &p
	}
	if from.Valid || to.Valid {
		c.Date = &harmlog.DateRange{From: from.String, To: to.String}
	}
	for i, dst := range []any{&c.Damaged, &c.Weapons, &c.WeaponWords, &c.Places} {
		if err := json.Unmarshal([]byte(js[i]), dst); err != nil {
			return nil, fmt.Errorf("claim %d: JSON column %d holds %.40q: %w", c.ID, i, js[i], err)
		}
	}
	return &c, nil
}

// rangeOf reads a range from its columns; both NULL is a nil range.
func rangeOf(lo, hi sql.NullInt64) *harmlog.Range {
	if !lo.Valid && !hi.Valid {
		return nil
	}
	r := &harmlog.Range{}
	if lo.Valid {
		n := int(lo.Int64)
		r.Min = &n
	}
	if hi.Valid {
		n := int(hi.Int64)
		r.Max = &n
	}
	return r
}

// ClaimFilter selects claims. Zero fields do not filter. From and To keep
// claims whose period overlaps [From, To] (YYYY-MM-DD); claims without a
// date are left out when either is set.
type ClaimFilter struct {
	DocumentID  int64
	IncidentID  int64  // claims linked to this incident
	Unlinked    bool   // claims linked to no incident (incremental linking)
	Status      string // machine, confirmed, corrected, rejected, imported
	Scope       string // incident, cumulative
	Claimant    string // exact name
	Perpetrator string // exact (normalised) name
	From, To    string
	AfterID     int64 // only claims with a greater id (keyset paging)
	Limit       int   // Claims: at most this many (0: 100); EachClaim: 0 means all
	Offset      int   // Claims only
}

func (f ClaimFilter) where() (string, []any) {
	var w []string
	var args []any
	add := func(cond string, v ...any) { w, args = append(w, cond), append(args, v...) }
	if f.DocumentID != 0 {
		add("c.document_id = ?", f.DocumentID)
	}
	if f.IncidentID != 0 {
		add("c.id IN (SELECT claim_id FROM incident_claims WHERE incident_id = ?)", f.IncidentID)
	}
	if f.Unlinked {
		add("NOT EXISTS (SELECT 1 FROM incident_claims ic WHERE ic.claim_id = c.id)")
	}
	if f.Status != "" {
		add("c.status = ?", f.Status)
	}
	if f.Scope != "" {
		add("c.scope = ?", f.Scope)
	}
	if f.Claimant != "" {
		add("c.claimant = ?", f.Claimant)
	}
	if f.Perpetrator != "" {
		add("c.perpetrator = ?", f.Perpetrator)
	}
	if f.From != "" {
		add("COALESCE(NULLIF(c.date_to, ''), NULLIF(c.date_from, '')) >= ?", f.From)
	}
	if f.To != "" {
		add("COALESCE(NULLIF(c.date_from, ''), NULLIF(c.date_to, '')) <= ?", f.To)
	}
	if f.AfterID != 0 {
		add("c.id > ?", f.AfterID)
	}
	return whereClause(w), args
}

// Claims lists claims in id order, each with its document's publisher,
// published date and URL. Errors: EINTERNAL.
func (s *Store) Claims(ctx context.Context, f ClaimFilter) (_ []harmlog.Claim, err error) {
	defer wrap(&err, "store.Claims(%+v)", f)
	where, args := f.where()
	args = append(args, limit(f.Limit), max(f.Offset, 0))
	return s.queryClaims(ctx, claimSelect+where+" ORDER BY c.id LIMIT ? OFFSET ?", args)
}

func (s *Store) queryClaims(ctx context.Context, query string, args []any) ([]harmlog.Claim, error) {
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []harmlog.Claim
	for rows.Next() {
		c, err := scanClaim(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *c)
	}
	return out, rows.Err()
}

// Claim returns one claim. Errors: ENOTFOUND, EINTERNAL.
func (s *Store) Claim(ctx context.Context, id int64) (_ *harmlog.Claim, err error) {
	defer wrap(&err, "store.Claim(%d)", id)
	c, err := scanClaim(s.db.QueryRowContext(ctx, s.q(claimSelect+" WHERE c.id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errorf(ENOTFOUND, "no claim with id %d", id)
	}
	return c, err
}

// eachBatch is how many claims EachClaim reads per query.
const eachBatch = 5000

// EachClaim calls fn for every claim matching f in id order, reading them
// in batches by id so memory stays flat over millions of claims and no read
// transaction is held while fn runs (fn may write to the store). Offset is
// ignored; Limit > 0 stops after that many. An error from fn stops the walk
// and is returned wrapped. The *Claim is fn's to keep.
func (s *Store) EachClaim(ctx context.Context, f ClaimFilter, fn func(*harmlog.Claim) error) (err error) {
	defer wrap(&err, "store.EachClaim(%+v)", f)
	seen := 0
	for {
		g := f
		n := eachBatch
		if f.Limit > 0 {
			n = min(n, f.Limit-seen)
		}
		if n <= 0 {
			return nil
		}
		where, args := g.where()
		args = append(args, n)
		batch, err := s.queryClaims(ctx, claimSelect+where+" ORDER BY c.id LIMIT ?", args)
		if err != nil {
			return err
		}
		for i := range batch {
			if err := fn(&batch[i]); err != nil {
				return fmt.Errorf("claim %d: %w", batch[i].ID, err)
			}
		}
		seen += len(batch)
		if len(batch) < n {
			return nil
		}
		f.AfterID = batch[len(batch)-1].ID
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

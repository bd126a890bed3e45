package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/harmlog/harmlog"
)

// validStatus reports whether status is one of the claim review statuses.
func validStatus(status string) bool {
	switch status {
	case harmlog.StatusMachine, harmlog.StatusConfirmed, harmlog.StatusCorrected, harmlog.StatusRejected, harmlog.StatusImported:
		return true
	}
	return false
}

const claimInsert = `INSERT INTO claims (document_id, idx, killed_min, killed_max, injured_min, injured_max,
	missing_min, missing_max, damaged, victims, scope, part_of, date_from, date_to, weapons, weapon_words,
	perpetrator, perpetrator_words, claimant, claimant_id, span_start, span_end, denied, denied_by,
	is_update, status, ref, note, places, publisher, published, url, victim_names)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`

const claimUpdate = `UPDATE claims SET killed_min = ?, killed_max = ?, injured_min = ?, injured_max = ?,
	missing_min = ?, missing_max = ?, damaged = ?, victims = ?, scope = ?, part_of = ?, date_from = ?, date_to = ?,
	weapons = ?, weapon_words = ?, perpetrator = ?, perpetrator_words = ?, claimant = ?, claimant_id = ?,
	span_start = ?, span_end = ?, denied = ?, denied_by = ?, is_update = ?, status = ?, ref = ?, note = ?, places = ?,
	publisher = ?, published = ?, url = ?, victim_names = ?
	WHERE id = ?`

const placeInsert = "INSERT INTO claim_places (claim_id, ord, place_id, name, lat, lon, country) VALUES (?, ?, ?, ?, ?, ?, ?)"

// claimValues returns the column values of c from killed_min to
// victim_names, in the order of claimInsert and claimUpdate.
func claimValues(c *harmlog.Claim, claimantID any) ([]any, error) {
	var js [4]string
	for i, v := range []any{c.Damaged, c.Weapons, c.WeaponWords, c.Places} {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("field %d of claim: %w", i, err)
		}
		js[i] = string(b)
	}
	var from, to any
	if c.Date != nil {
		from, to = c.Date.From, c.Date.To
	}
	kmin, kmax := rangeValues(c.Killed)
	imin, imax := rangeValues(c.Injured)
	mmin, mmax := rangeValues(c.Missing)
	var partOf any
	if c.PartOf != nil {
		partOf = int64(*c.PartOf)
	}
	names := "" // no names: '', else a JSON array of strings
	if len(c.VictimNames) > 0 {
		b, err := json.Marshal(c.VictimNames)
		if err != nil {
			return nil, fmt.Errorf("victim_names of claim: %w", err)
		}
		names = string(b)
	}
	return []any{kmin, kmax, imin, imax, mmin, mmax, js[0], c.Victims, c.Scope, partOf, from, to,
		js[1], js[2], c.Perpetrator, c.PerpetratorWords, c.Claimant, claimantID,
		c.Start, c.End, c.Denied, c.DeniedBy, c.Update, c.Status, c.Ref, c.Note, js[3],
		c.Publisher, c.Published, c.URL, names}, nil
}

func rangeValues(r *harmlog.Range) (lo, hi any) {
	if r == nil {
		return nil, nil
	}
	if r.Min != nil {
		lo = int64(*r.Min)
	}
	if r.Max != nil {
		hi = int64(*r.Max)
	}
	return lo, hi
}

// checkClaim enforces what the schema cannot say by itself.
func checkClaim(c *harmlog.Claim) error {
	if !validStatus(c.Status) {
		return errorf(EINVALID, "claim %d (index %d): status %q: want machine, confirmed, corrected, rejected or imported", c.ID, c.Index, c.Status)
	}
	return checkClaimText(c)
}

// insertClaims inserts claims of doc numbered from first, with their places,
// filling in their IDs and the document's fields.
func (s *Store) insertClaims(ctx context.Context, tx *sql.Tx, si *sourceIDs, doc *harmlog.Document, claims []harmlog.Claim, first int, status string) error {
	for i := range claims {
		c := &claims[i]
		c.DocumentID, c.Index = doc.ID, first+i
		// A claim keeps its own publisher, date and URL (an imported line
		// names them); otherwise they are its document's.
		if c.Publisher == "" && c.Published == "" && c.URL == "" {
			c.Publisher, c.Published, c.URL = doc.Publisher, doc.Published, doc.URL
		}
		if c.Status == "" {
			c.Status = status
		}
		if err := checkClaim(c); err != nil {
			return err
		}
		cid, err := si.id(ctx, c.Claimant)
		if err != nil {
			return err
		}
		vals, err := claimValues(c, cid)
		if err != nil {
			return err
		}
		ins, err := s.stmt(ctx, tx, claimInsert)
		if err != nil {
			return err
		}
		args := append([]any{doc.ID, c.Index}, vals...)
		if err := ins.QueryRowContext(ctx, args...).Scan(&c.ID); err != nil {
			return fmt.Errorf("claim index %d of document %d: %w", c.Index, doc.ID, err)
		}
		if err := s.insertPlaces(ctx, tx, c); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) insertPlaces(ctx context.Context, tx *sql.Tx, c *harmlog.Claim) error {
	if len(c.Places) == 0 {
		return nil
	}
	ins, err := s.stmt(ctx, tx, placeInsert)
	if err != nil {
		return err
	}
	for j, p := range c.Places {
		var lat, lon any
		if p.Lat != nil {
			lat = *p.Lat
		}
		if p.Lon != nil {
			lon = *p.Lon
		}
		if _, err := ins.ExecContext(ctx, c.ID, j, p.ID, p.Name, lat, lon, p.Country); err != nil {
			return fmt.Errorf("claim %d place %d (%q): %w", c.ID, j, p.Name, err)
		}
	}
	return nil
}

// AddClaims adds claims to a stored document (importers: JSONL, ACLED,
// UCDP), numbering them after the document's existing claims; claims
// without a status become "imported". One transaction with one
// "claims.add" change. Errors: ENOTFOUND (no such document), EINVALID.
func (s *Store) AddClaims(ctx context.Context, docID int64, claims []harmlog.Claim, actor string) (err error) {
	defer wrap(&err, "store.AddClaims(%d, %d claims)", docID, len(claims))
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var doc harmlog.Document
		var next int
		err := tx.QueryRowContext(ctx, s.q(`SELECT d.id, d.publisher, d.published, d.url,
			COALESCE((SELECT max(idx) + 1 FROM claims WHERE document_id = d.id), 0)
			FROM documents d WHERE d.id = ?`), docID).Scan(&doc.ID, &doc.Publisher, &doc.Published, &doc.URL, &next)
		if errors.Is(err, sql.ErrNoRows) {
			return errorf(ENOTFOUND, "no document with id %d", docID)
		}
		if err != nil {
			return err
		}
		if err := s.insertClaims(ctx, tx, &sourceIDs{s: s, tx: tx}, &doc, claims, next, harmlog.StatusImported); err != nil {
			return err
		}
		ids := make([]int64, len(claims))
		for i := range claims {
			ids[i] = claims[i].ID
		}
		_, err = s.record(ctx, tx, actor, "claims.add", "document", docID, nil, map[string]any{"claims": ids})
		return err
	})
}

// UpdateClaim replaces the stored claim c.ID with c (its document and index
// cannot change), with its places, and writes a change whose before and
// after are the whole claim. action names the change ("claim.correct",
// "claim.confirm", ...; "claim.update" when empty); an empty c.Status keeps
// the stored one. Errors: ENOTFOUND, EINVALID.
func (s *Store) UpdateClaim(ctx context.Context, c *harmlog.Claim, actor, action string) (err error) {
	defer wrap(&err, "store.UpdateClaim(%d, %q)", c.ID, action)
	if action == "" {
		action = "claim.update"
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		before, err := scanClaim(tx.QueryRowContext(ctx, s.q(claimSelect+" WHERE c.id = ?"), c.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return errorf(ENOTFOUND, "no claim with id %d", c.ID)
		}
		if err != nil {
			return err
		}
		c.DocumentID, c.Index = before.DocumentID, before.Index
		c.Publisher, c.Published, c.URL = before.Publisher, before.Published, before.URL
		if c.Status == "" {
			c.Status = before.Status
		}
		if err := checkClaim(c); err != nil {
			return err
		}
		cid, err := (&sourceIDs{s: s, tx: tx}).id(ctx, c.Claimant)
		if err != nil {
			return err
		}
		vals, err := claimValues(c, cid)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q(claimUpdate), append(vals, c.ID)...); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q("DELETE FROM claim_places WHERE claim_id = ?"), c.ID); err != nil {
			return err
		}
		if err := s.insertPlaces(ctx, tx, c); err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, action, "claim", c.ID, before, c)
		return err
	})
}

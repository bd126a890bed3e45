package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/harmlog/harmlog"
)

// Analysts' decisions on incidents beyond single pins: merges, splits and
// discounts. Each is one transaction with one change log entry, recorded
// so that relinks keep it: merged and split claims are pinned (a relink
// keeps pins), discounts are kept by incident key (incident_discounts) and
// applied by every save of that key. The incidents' derived figures are
// left as they were: a relink (or the web app's re-derivation) updates
// them.

// maxReason bounds an analyst's reason for discounting an incident.
const maxReason = 2000

// MergeIncidents merges the incidents from into the incident into: every
// member claim of each is pinned to into (so no relink separates them
// again) and the emptied incidents are deleted, with any discount they
// had. It returns the number of claims moved. The change log records one
// "incident.merge" change with the incidents before and the claims moved.
// Errors: EINVALID (no incident to merge, into among from, an id twice),
// ENOTFOUND.
func (s *Store) MergeIncidents(ctx context.Context, into int64, from []int64, actor string) (moved int, err error) {
	defer wrap(&err, "store.MergeIncidents(%d, %v)", into, from)
	if len(from) == 0 {
		return 0, errorf(EINVALID, "from: give at least one incident to merge into incident %d", into)
	}
	seen := map[int64]bool{into: true}
	for _, id := range from {
		if seen[id] {
			return 0, errorf(EINVALID, "from: incident %d given twice or is the incident merged into", id)
		}
		seen[id] = true
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		moved = 0
		target, err := s.incidentTx(ctx, tx, into)
		if err != nil {
			return err
		}
		type part struct {
			ID     int64   `json:"id"`
			Key    string  `json:"key"`
			Grade  string  `json:"grade"`
			Claims []int64 `json:"claim_ids"`
		}
		var before []part
		var all []int64
		for _, id := range append([]int64{into}, from...) {
			inc := target
			if id != into {
				if inc, err = s.incidentTx(ctx, tx, id); err != nil {
					return err
				}
			}
			claims, err := memberIDs(ctx, tx, s, id)
			if err != nil {
				return err
			}
			before = append(before, part{id, inc.Key, inc.Grade, claims})
			all = append(all, claims...)
			if id == into {
				_, err = tx.ExecContext(ctx, s.q("UPDATE incident_claims SET pinned = ? WHERE incident_id = ?"), true, into)
			} else {
				moved += len(claims)
				_, err = tx.ExecContext(ctx, s.q(`UPDATE incident_claims SET incident_id = ?, pinned = ?, score = 0,
					evidence = 'merged by an analyst' WHERE incident_id = ?`), into, true, id)
				if err == nil {
					_, err = tx.ExecContext(ctx, s.q("DELETE FROM incident_discounts WHERE incident_key = ?"), inc.Key)
				}
				if err == nil {
					_, err = tx.ExecContext(ctx, s.q("DELETE FROM incidents WHERE id = ?"), id)
				}
			}
			if err != nil {
				return err
			}
		}
		slices.Sort(all)
		after := map[string]any{"incident_id": into, "key": target.Key, "claim_ids": all, "pinned": true}
		_, err = s.record(ctx, tx, actor, "incident.merge", "incident", into, before, after)
		return err
	})
	return moved, err
}

// SplitIncident moves the given member claims of incident id into a new
// incident of their own (key "KEY-split-N", N the smallest claim id moved),
// pinned there; the claims left behind are pinned to id. The new incident
// starts with id's derived fields. It returns the new incident's id. The
// change log records one "incident.split" change. Errors: EINVALID (no
// claims, a claim twice or not a member, nothing left behind), ENOTFOUND.
func (s *Store) SplitIncident(ctx context.Context, id int64, claimIDs []int64, actor string) (newID int64, err error) {
	defer wrap(&err, "store.SplitIncident(%d, %v)", id, claimIDs)
	if len(claimIDs) == 0 {
		return 0, errorf(EINVALID, "claim_ids: give at least one claim to split out of incident %d", id)
	}
	out := map[int64]bool{}
	for _, c := range claimIDs {
		if out[c] {
			return 0, errorf(EINVALID, "claim_ids: claim %d given twice", c)
		}
		out[c] = true
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		inc, err := s.incidentTx(ctx, tx, id)
		if err != nil {
			return err
		}
		members, err := memberIDs(ctx, tx, s, id)
		if err != nil {
			return err
		}
		var kept []int64
		for _, m := range members {
			if !out[m] {
				kept = append(kept, m)
			}
		}
		for _, c := range claimIDs {
			if !slices.Contains(members, c) {
				return errorf(EINVALID, "claim_ids: claim %d is not in incident %d", c, id)
			}
		}
		if len(kept) == 0 {
			return errorf(EINVALID, "claim_ids: that would leave incident %d empty (split out fewer claims)", id)
		}
		part := *inc
		part.ID = 0
		base := fmt.Sprintf("%s-split-%d", inc.Key, slices.Min(claimIDs))
		part.Key = base
		for n := 2; ; n++ {
			var one int
			err := tx.QueryRowContext(ctx, s.q("SELECT 1 FROM incidents WHERE key = ?"), part.Key).Scan(&one)
			if errors.Is(err, sql.ErrNoRows) {
				break
			}
			if err != nil {
				return err
			}
			part.Key = fmt.Sprintf("%s-%d", base, n)
		}
		if part.Grade == harmlog.GradeDiscounted {
			part.Grade, part.GradeReason = harmlog.GradeWeak, "split out of a discounted incident; relink to grade it"
		}
		vals, err := s.incidentValues(&part)
		if err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, s.q(incidentUpsert), vals...).Scan(&newID); err != nil {
			return err
		}
		for _, c := range claimIDs {
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE incident_claims SET incident_id = ?, pinned = ?, score = 0,
				evidence = 'split out by an analyst' WHERE claim_id = ?`), newID, true, c); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, s.q("UPDATE incident_claims SET pinned = ? WHERE incident_id = ?"), true, id); err != nil {
			return err
		}
		sorted := slices.Sorted(func(yield func(int64) bool) {
			for c := range out {
				if !yield(c) {
					return
				}
			}
		})
		before := map[string]any{"incident_id": id, "key": inc.Key, "claim_ids": members}
		after := map[string]any{"incident_id": id, "claim_ids": kept, "new_incident_id": newID, "new_key": part.Key, "moved_claim_ids": sorted}
		_, err = s.record(ctx, tx, actor, "incident.split", "incident", id, before, after)
		return err
	})
	return newID, err
}

// DiscountIncident records an analyst's decision that an incident is
// discounted, with the reason (a non-empty reason replaces an earlier
// one); an empty reason withdraws the decision and restores the grade the
// linker gave. The decision is kept by the incident's key, so relinks keep
// it. The change log records "incident.discount" or "incident.undiscount"
// with the grade before and after. Errors: EINVALID (reason too long or not
// text, withdrawing a decision never made), ENOTFOUND.
func (s *Store) DiscountIncident(ctx context.Context, id int64, reason, actor string) (err error) {
	defer wrap(&err, "store.DiscountIncident(%d)", id)
	reason = strings.TrimSpace(reason)
	if len(reason) > maxReason {
		return errorf(EINVALID, "reason: %d bytes, at most %d", len(reason), maxReason)
	}
	if err := checkText("reason", reason); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sql.Tx) error {
		inc, err := s.incidentTx(ctx, tx, id)
		if err != nil {
			return err
		}
		var priorGrade, priorReason string
		err = tx.QueryRowContext(ctx, s.q("SELECT prior_grade, prior_reason FROM incident_discounts WHERE incident_key = ?"), inc.Key).Scan(&priorGrade, &priorReason)
		had := err == nil
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		before := map[string]any{"grade": inc.Grade, "grade_reason": inc.GradeReason}
		action, after := "incident.discount", map[string]any{"grade": harmlog.GradeDiscounted, "grade_reason": reason}
		switch {
		case reason == "" && !had:
			return errorf(EINVALID, "reason: incident %d is not discounted; give a reason to discount it", id)
		case reason == "":
			action, after = "incident.undiscount", map[string]any{"grade": priorGrade, "grade_reason": priorReason}
			_, err = tx.ExecContext(ctx, s.q("DELETE FROM incident_discounts WHERE incident_key = ?"), inc.Key)
		case had:
			_, err = tx.ExecContext(ctx, s.q("UPDATE incident_discounts SET reason = ? WHERE incident_key = ?"), reason, inc.Key)
		default:
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO incident_discounts (incident_key, reason, prior_grade, prior_reason)
				VALUES (?, ?, ?, ?)`), inc.Key, reason, inc.Grade, inc.GradeReason)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, s.q("UPDATE incidents SET grade = ?, grade_reason = ? WHERE id = ?"), after["grade"], after["grade_reason"], id); err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, action, "incident", id, before, after)
		return err
	})
}

// Discounts returns the analysts' discount decisions: incident key →
// reason. Errors: EINTERNAL.
func (s *Store) Discounts(ctx context.Context) (_ map[string]string, err error) {
	defer wrap(&err, "store.Discounts()")
	rows, err := s.db.QueryContext(ctx, "SELECT incident_key, reason FROM incident_discounts")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, r string
		if err := rows.Scan(&k, &r); err != nil {
			return nil, err
		}
		out[k] = r
	}
	return out, rows.Err()
}

// keepDiscounts re-applies the discount decisions after incidents were
// saved (of one key, or all when key is empty): the grade the linker just
// derived becomes the one to restore, and the incident is graded
// discounted with the analyst's reason. It returns the decisions applied.
func (s *Store) keepDiscounts(ctx context.Context, tx *sql.Tx, key string) (map[string]string, error) {
	where, args := "", []any{}
	if key != "" {
		where, args = " WHERE incident_key = ?", []any{key}
	}
	rows, err := tx.QueryContext(ctx, s.q("SELECT incident_key, reason FROM incident_discounts"+where), args...)
	if err != nil {
		return nil, err
	}
	got := map[string]string{}
	for rows.Next() {
		var k, r string
		if err := rows.Scan(&k, &r); err != nil {
			rows.Close()
			return nil, err
		}
		got[k] = r
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return nil, err
	}
	if len(got) == 0 {
		return nil, nil
	}
	prior := `(SELECT %s FROM incidents i WHERE i.key = incident_discounts.incident_key AND i.grade <> ?)`
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE incident_discounts SET prior_grade = COALESCE(`+fmt.Sprintf(prior, "grade")+`, prior_grade),
		prior_reason = COALESCE(`+fmt.Sprintf(prior, "grade_reason")+`, prior_reason)`+where),
		append([]any{harmlog.GradeDiscounted, harmlog.GradeDiscounted}, args...)...); err != nil {
		return nil, err
	}
	inWhere := " WHERE key IN (SELECT incident_key FROM incident_discounts)"
	if key != "" {
		inWhere = " WHERE key = ? AND key IN (SELECT incident_key FROM incident_discounts)"
	}
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE incidents SET grade = ?, grade_reason =
		(SELECT reason FROM incident_discounts d WHERE d.incident_key = incidents.key)`+inWhere),
		append([]any{harmlog.GradeDiscounted}, args...)...); err != nil {
		return nil, err
	}
	return got, nil
}

// applyDiscounts sets the grade of the incidents among incs that got holds.
func applyDiscounts(incs []harmlog.Incident, got map[string]string) {
	if len(got) == 0 {
		return
	}
	for i := range incs {
		if r, ok := got[incs[i].Key]; ok {
			incs[i].Grade, incs[i].GradeReason = harmlog.GradeDiscounted, r
		}
	}
}

// incidentTx reads an incident's own row in tx. Errors: ENOTFOUND.
func (s *Store) incidentTx(ctx context.Context, tx *sql.Tx, id int64) (*harmlog.Incident, error) {
	inc, err := scanIncident(tx.QueryRowContext(ctx, s.q(incidentSelect+" WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errorf(ENOTFOUND, "no incident with id %d", id)
	}
	return inc, err
}

// memberIDs lists an incident's member claim ids in order.
func memberIDs(ctx context.Context, tx *sql.Tx, s *Store, id int64) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, s.q("SELECT claim_id FROM incident_claims WHERE incident_id = ? ORDER BY claim_id"), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var c int64
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

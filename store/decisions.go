package store

import (
	"context"
	"database/sql"
	"errors"
	"math"

	"github.com/harmlog/harmlog"
)

// Pin is an analyst's decision that a claim belongs to an incident; a
// relink keeps it.
type Pin struct {
	ClaimID     int64  `json:"claim_id"`
	IncidentID  int64  `json:"incident_id"`
	IncidentKey string `json:"incident_key"`
}

// Pins lists the pinned links, by claim id. Errors: EINTERNAL.
func (s *Store) Pins(ctx context.Context) (_ []Pin, err error) {
	defer wrap(&err, "store.Pins()")
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT ic.claim_id, i.id, i.key FROM incident_claims ic
		JOIN incidents i ON i.id = ic.incident_id WHERE ic.pinned = ? ORDER BY ic.claim_id`), true)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Pin
	for rows.Next() {
		var p Pin
		if err := rows.Scan(&p.ClaimID, &p.IncidentID, &p.IncidentKey); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// PinClaim records an analyst's decision that claim belongs to incident:
// the link is created or moved there and pinned, so that no relink undoes
// it. The change log records the link before and after. Errors: ENOTFOUND.
func (s *Store) PinClaim(ctx context.Context, claimID, incidentID int64, actor string) (err error) {
	defer wrap(&err, "store.PinClaim(%d, %d)", claimID, incidentID)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := exists(ctx, tx, s.q("SELECT 1 FROM claims WHERE id = ?"), claimID, "claim"); err != nil {
			return err
		}
		if err := exists(ctx, tx, s.q("SELECT 1 FROM incidents WHERE id = ?"), incidentID, "incident"); err != nil {
			return err
		}
		before, err := linkOf(ctx, tx, s, claimID)
		if err != nil {
			return err
		}
		if before != nil {
			_, err = tx.ExecContext(ctx, s.q(`UPDATE incident_claims SET incident_id = ?, pinned = ?,
				evidence = 'pinned by an analyst', score = 0 WHERE claim_id = ?`), incidentID, true, claimID)
		} else {
			_, err = tx.ExecContext(ctx, s.q(`INSERT INTO incident_claims (claim_id, incident_id, score, evidence, pinned)
				VALUES (?, ?, 0, 'pinned by an analyst', ?)`), claimID, incidentID, true)
		}
		if err != nil {
			return err
		}
		after := map[string]any{"claim_id": claimID, "incident_id": incidentID, "pinned": true}
		_, err = s.record(ctx, tx, actor, "incident.pin", "claim", claimID, before, after)
		return err
	})
}

// DetachClaim removes a claim from its incident (an analyst's decision
// that it was linked wrongly); the change log keeps the link it had.
// Errors: ENOTFOUND when the claim is in no incident.
func (s *Store) DetachClaim(ctx context.Context, claimID int64, actor string) (err error) {
	defer wrap(&err, "store.DetachClaim(%d)", claimID)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		before, err := linkOf(ctx, tx, s, claimID)
		if err != nil {
			return err
		}
		if before == nil {
			return errorf(ENOTFOUND, "claim %d is in no incident", claimID)
		}
		if _, err := tx.ExecContext(ctx, s.q("DELETE FROM incident_claims WHERE claim_id = ?"), claimID); err != nil {
			return err
		}
		_, err = s.record(ctx, tx, actor, "incident.detach", "claim", claimID, before, nil)
		return err
	})
}

func exists(ctx context.Context, tx *sql.Tx, query string, id int64, what string) error {
	var one int
	err := tx.QueryRowContext(ctx, query, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return errorf(ENOTFOUND, "no %s with id %d", what, id)
	}
	return err
}

func linkOf(ctx context.Context, tx *sql.Tx, s *Store, claimID int64) (map[string]any, error) {
	var inc int64
	var pinned bool
	var score float64
	err := tx.QueryRowContext(ctx, s.q("SELECT incident_id, pinned, score FROM incident_claims WHERE claim_id = ?"), claimID).Scan(&inc, &pinned, &score)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return map[string]any{"claim_id": claimID, "incident_id": inc, "pinned": pinned, "score": score}, nil
}

// IncidentsWithClaims lists the incidents f selects with their member links,
// each carrying its claim (three queries, whatever the number of
// incidents: for tallies and exports). A zero f.Limit means all.
// Errors: EINTERNAL.
func (s *Store) IncidentsWithClaims(ctx context.Context, f IncidentFilter) (_ []harmlog.Incident, err error) {
	defer wrap(&err, "store.IncidentsWithClaims(%+v)", f)
	if f.Limit <= 0 {
		f.Limit = math.MaxInt32
	}
	incs, err := s.Incidents(ctx, f)
	if err != nil {
		return nil, err
	}
	at := make(map[int64]int, len(incs))
	for i := range incs {
		at[incs[i].ID] = i
	}
	rows, err := s.db.QueryContext(ctx, "SELECT claim_id, incident_id, score, evidence, pinned FROM incident_claims ORDER BY claim_id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	where := map[int64][2]int{} // claim id → incident index, member index
	for rows.Next() {
		var l harmlog.Link
		if err := rows.Scan(&l.ClaimID, &l.IncidentID, &l.Score, &l.Evidence, &l.Pinned); err != nil {
			return nil, err
		}
		i, ok := at[l.IncidentID]
		if !ok {
			continue
		}
		where[l.ClaimID] = [2]int{i, len(incs[i].Members)}
		incs[i].Members = append(incs[i].Members, l)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	err = s.EachClaim(ctx, ClaimFilter{}, func(c *harmlog.Claim) error {
		if w, ok := where[c.ID]; ok {
			incs[w[0]].Members[w[1]].Claim = c
		}
		return nil
	})
	return incs, err
}

package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/harmlog/harmlog"
)

const incidentCols = `key, date_from, date_to, places, country, weapons, perpetrators, victims,
	killed_min, killed_max, injured_min, injured_max, sources, cross_party, contested, grade, grade_reason, updated_at`

// incidentUpsert inserts an incident or, when its key exists, overwrites it.
const incidentUpsert = `INSERT INTO incidents (` + incidentCols + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (key) DO UPDATE SET date_from = excluded.date_from, date_to = excluded.date_to,
	places = excluded.places, country = excluded.country, weapons = excluded.weapons,
	perpetrators = excluded.perpetrators, victims = excluded.victims, killed_min = excluded.killed_min,
	killed_max = excluded.killed_max, injured_min = excluded.injured_min, injured_max = excluded.injured_max,
	sources = excluded.sources, cross_party = excluded.cross_party, contested = excluded.contested,
	grade = excluded.grade, grade_reason = excluded.grade_reason, updated_at = excluded.updated_at
	RETURNING id`

// incidentUpdate overwrites an incident by id, with incidentValues then the id.
const incidentUpdate = `UPDATE incidents SET key = ?, date_from = ?, date_to = ?, places = ?, country = ?,
	weapons = ?, perpetrators = ?, victims = ?, killed_min = ?, killed_max = ?, injured_min = ?, injured_max = ?,
	sources = ?, cross_party = ?, contested = ?, grade = ?, grade_reason = ?, updated_at = ?
	WHERE id = ?`

// incidentValues returns the values of incidentCols for inc.
func (s *Store) incidentValues(inc *harmlog.Incident) ([]any, error) {
	if strings.TrimSpace(inc.Key) == "" {
		return nil, errorf(EINVALID, "incident %d: empty key", inc.ID)
	}
	var js [3]string
	for i, v := range []any{inc.Places, inc.Weapons, inc.Perpetrators} {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("incident %q: %w", inc.Key, err)
		}
		js[i] = string(b)
	}
	kmin, kmax := rangeValues(inc.Killed)
	imin, imax := rangeValues(inc.Injured)
	return []any{inc.Key, inc.DateFrom, inc.DateTo, js[0], inc.Country, js[1], js[2], inc.Victims,
		kmin, kmax, imin, imax, inc.Sources, inc.CrossParty, inc.Contested, inc.Grade, inc.GradeReason,
		s.ts(s.stamp())}, nil
}

// saveSummary is the change SaveIncidents records.
type saveSummary struct {
	Incidents   int   `json:"incidents"`
	Links       int   `json:"links"`
	PinnedKept  int   `json:"pinned_kept"`
	LinksFreed  int64 `json:"links_replaced"`
	Removed     int64 `json:"incidents_removed"`
	SkippedLink int   `json:"links_skipped_for_pinned"`
}

// SaveIncidents replaces the linker's work in one transaction: it drops
// every link that is not pinned, upserts the incidents by key (so an
// incident keeps its id across runs), links their members, except claims an
// analyst pinned elsewhere (pinned links always win), and deletes incidents
// left with no links. It fills in incident IDs and the members'
// IncidentID, and records one "incidents.save" change with the counts.
// Errors: EINVALID (empty key, unknown grade, a link to a missing claim).
func (s *Store) SaveIncidents(ctx context.Context, incs []harmlog.Incident, actor string) (err error) {
	defer wrap(&err, "store.SaveIncidents(%d incidents)", len(incs))
	// Analysts' discount decisions outlive the linker's grades (analyst.go).
	var got map[string]string
	if s.dialect == Postgres {
		err = s.inTxConn(ctx, func(tx *sql.Tx, conn *sql.Conn) error {
			if err := s.saveIncidentsPG(ctx, tx, conn, incs, actor); err != nil {
				return err
			}
			got, err = s.keepDiscounts(ctx, tx, "")
			return err
		})
	} else {
		err = s.inTxConn(ctx, func(tx *sql.Tx, _ *sql.Conn) error {
			if err := s.saveIncidents(ctx, tx, incs, actor); err != nil {
				return err
			}
			got, err = s.keepDiscounts(ctx, tx, "")
			return err
		})
	}
	if err == nil {
		applyDiscounts(incs, got)
		err = s.analyze(ctx, len(incs), "incidents", "incident_claims")
	}
	return err
}

// SaveIncident saves one incident and attaches its members, for incremental
// linking and analysts' decisions: by ID when set (ENOTFOUND if missing),
// else upserted by key. Each member link is added or moved to this incident,
// except that a claim pinned to an incident moves only by a pinned link.
// Links not listed are left alone. It records an "incident.save" change with
// the incident before and after. Errors: ENOTFOUND, EINVALID.
func (s *Store) SaveIncident(ctx context.Context, inc *harmlog.Incident, actor string) (err error) {
	defer wrap(&err, "store.SaveIncident(%d, %q)", inc.ID, inc.Key)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var before *harmlog.Incident
		if inc.ID != 0 {
			b, err := scanIncident(tx.QueryRowContext(ctx, s.q(incidentSelect+" WHERE id = ?"), inc.ID))
			if errors.Is(err, sql.ErrNoRows) {
				return errorf(ENOTFOUND, "no incident with id %d", inc.ID)
			}
			if err != nil {
				return err
			}
			before = b
			if inc.Key == "" {
				inc.Key = b.Key
			}
			vals, err := s.incidentValues(inc)
			if err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.q(incidentUpdate), append(vals, inc.ID)...); err != nil {
				return err
			}
		} else {
			b, err := scanIncident(tx.QueryRowContext(ctx, s.q(incidentSelect+" WHERE key = ?"), inc.Key))
			if err == nil {
				before = b
			} else if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			vals, err := s.incidentValues(inc)
			if err != nil {
				return err
			}
			if err := tx.QueryRowContext(ctx, s.q(incidentUpsert), vals...).Scan(&inc.ID); err != nil {
				return err
			}
		}
		for j := range inc.Members {
			m := &inc.Members[j]
			m.IncidentID = inc.ID
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO incident_claims (claim_id, incident_id, score, evidence, pinned)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (claim_id) DO UPDATE SET incident_id = excluded.incident_id,
				score = excluded.score, evidence = excluded.evidence, pinned = excluded.pinned
				WHERE incident_claims.pinned = ? OR excluded.pinned = ?`), m.ClaimID, inc.ID, m.Score, m.Evidence, m.Pinned, false, true)
			if err != nil {
				return fmt.Errorf("link to claim %d: %w", m.ClaimID, err)
			}
		}
		got, err := s.keepDiscounts(ctx, tx, inc.Key)
		if err != nil {
			return err
		}
		if r, ok := got[inc.Key]; ok {
			inc.Grade, inc.GradeReason = harmlog.GradeDiscounted, r
		}
		_, err = s.record(ctx, tx, actor, "incident.save", "incident", inc.ID, before, inc)
		return err
	})
}

const incidentSelect = `SELECT id, key, date_from, date_to, places, country, weapons, perpetrators, victims,
	killed_min, killed_max, injured_min, injured_max, sources, cross_party, contested, grade, grade_reason
	FROM incidents`

func scanIncident(sc interface{ Scan(...any) error }) (*harmlog.Incident, error) {
	var inc harmlog.Incident
	var js [3]string
	var r [4]sql.NullInt64
	err := sc.Scan(&inc.ID, &inc.Key, &inc.DateFrom, &inc.DateTo, &js[0], &inc.Country, &js[1], &js[2], &inc.Victims,
		&r[0], &r[1], &r[2], &r[3], &inc.Sources, &inc.CrossParty, &inc.Contested, &inc.Grade, &inc.GradeReason)
	if err != nil {
		return nil, err
	}
	inc.Killed, inc.Injured = rangeOf(r[0], r[1]), rangeOf(r[2], r[3])
	for i, dst := range []any{&inc.Places, &inc.Weapons, &inc.Perpetrators} {
		if err := json.Unmarshal([]byte(js[i]), dst); err != nil {
			return nil, fmt.Errorf("incident %d: JSON column %d holds %.40q: %w", inc.ID, i, js[i], err)
		}
	}
	return &inc, nil
}

// IncidentFilter selects incidents. Zero fields do not filter; From and To
// keep incidents whose dates overlap [From, To]. Party, Weapon, Victims and
// Claimant compare exactly (case and all), as the values are stored.
type IncidentFilter struct {
	From, To string   // YYYY-MM-DD
	Country  string   // ISO 3166-1 alpha-2
	Grades   []string // any of these grades
	Party    string   // among the incident's alleged perpetrators
	Weapon   string   // among the incident's weapons (extract/weapons' names)
	Victims  string   // the incident's victims; "unknown" also keeps those with none recorded
	Claimant string   // the claimant of at least one member claim
	Limit    int      // at most this many (0: 100)
	Offset   int
}

// incidentWhere is the WHERE conditions of f's filters (not its paging), with
// their arguments.
func (s *Store) incidentWhere(f IncidentFilter) ([]string, []any) {
	var w []string
	var args []any
	if f.From != "" {
		w, args = append(w, "COALESCE(NULLIF(date_to, ''), NULLIF(date_from, '')) >= ?"), append(args, f.From)
	}
	if f.To != "" {
		w, args = append(w, "COALESCE(NULLIF(date_from, ''), NULLIF(date_to, '')) <= ?"), append(args, f.To)
	}
	if f.Country != "" {
		w, args = append(w, "country = ?"), append(args, f.Country)
	}
	if len(f.Grades) > 0 {
		w = append(w, "grade IN (?"+strings.Repeat(", ?", len(f.Grades)-1)+")")
		for _, g := range f.Grades {
			args = append(args, g)
		}
	}
	if f.Party != "" {
		w, args = append(w, s.jsonHas("perpetrators")), append(args, f.Party)
	}
	if f.Weapon != "" {
		w, args = append(w, s.jsonHas("weapons")), append(args, f.Weapon)
	}
	if f.Victims == harmlog.VictimsUnknown {
		w, args = append(w, "victims IN (?, '')"), append(args, f.Victims)
	} else if f.Victims != "" {
		w, args = append(w, "victims = ?"), append(args, f.Victims)
	}
	if f.Claimant != "" {
		w, args = append(w, `EXISTS (SELECT 1 FROM incident_claims ic JOIN claims c ON c.id = ic.claim_id
			WHERE ic.incident_id = incidents.id AND c.claimant = ?)`), append(args, f.Claimant)
	}
	return w, args
}

// jsonHas is the condition that the JSON array in column col holds the
// string argument; a column holding anything but an array holds nothing.
func (s *Store) jsonHas(col string) string {
	if s.dialect == Postgres {
		return col + " @> jsonb_build_array(CAST(? AS TEXT))"
	}
	return `EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(` + col + `) AND json_type(` + col + `) = 'array' THEN ` + col + ` ELSE '[]' END) j
		WHERE j.type = 'text' AND j.value = ?)`
}

// Incidents lists incidents, without members, by start date then id.
// Errors: EINTERNAL.
func (s *Store) Incidents(ctx context.Context, f IncidentFilter) (_ []harmlog.Incident, err error) {
	defer wrap(&err, "store.Incidents(%+v)", f)
	w, args := s.incidentWhere(f)
	args = append(args, limit(f.Limit), max(f.Offset, 0))
	rows, err := s.db.QueryContext(ctx, s.q(incidentSelect+whereClause(w)+" ORDER BY date_from, id LIMIT ? OFFSET ?"), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []harmlog.Incident
	for rows.Next() {
		inc, err := scanIncident(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *inc)
	}
	return out, rows.Err()
}

// Incident returns one incident with its member links, each carrying its
// claim, in claim id order. Errors: ENOTFOUND, EINTERNAL.
func (s *Store) Incident(ctx context.Context, id int64) (_ *harmlog.Incident, err error) {
	defer wrap(&err, "store.Incident(%d)", id)
	inc, err := scanIncident(s.db.QueryRowContext(ctx, s.q(incidentSelect+" WHERE id = ?"), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errorf(ENOTFOUND, "no incident with id %d", id)
	}
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT claim_id, incident_id, score, evidence, pinned
		FROM incident_claims WHERE incident_id = ? ORDER BY claim_id`), id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var l harmlog.Link
		if err := rows.Scan(&l.ClaimID, &l.IncidentID, &l.Score, &l.Evidence, &l.Pinned); err != nil {
			return nil, err
		}
		inc.Members = append(inc.Members, l)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	claims := map[int64]*harmlog.Claim{}
	err = s.EachClaim(ctx, ClaimFilter{IncidentID: id}, func(c *harmlog.Claim) error {
		claims[c.ID] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range inc.Members {
		inc.Members[i].Claim = claims[inc.Members[i].ClaimID]
	}
	return inc, nil
}

package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
)

// candidateReach is how many days before a claim's first date an incident
// may begin and still be a candidate for it: the linker indexes claims of
// periods up to 62 days day by day or by month; longer ones are wide.
const candidateReach = 62

// IncidentCandidates returns the stored incidents a new incident claim
// dated [from, to] in country could join, for incremental linking: those
// whose dates overlap [from, to] and that begin at most 62 days before
// from, plus undated incidents; only incidents in country or with none
// (every country when country is empty). With from and to empty it returns
// the undated incidents. Each comes with its member links, in claim id
// order, each carrying its claim with the fields the linker reads (as
// LinkClaims). The caller widens [from, to] by the linker's tolerance.
// Errors: EINVALID (a malformed date), EINTERNAL.
func (s *Store) IncidentCandidates(ctx context.Context, from, to, country string) (_ []harmlog.Incident, err error) {
	defer wrap(&err, "store.IncidentCandidates(%q, %q, %q)", from, to, country)
	type query struct {
		where []string
		args  []any
	}
	var queries []query
	if from != "" || to != "" {
		from, to = cmpOr(from, to), cmpOr(to, from)
		f, err := time.Parse(time.DateOnly, from)
		if err != nil {
			return nil, errorf(EINVALID, "from: want a date YYYY-MM-DD, got %q", from)
		}
		if _, err := time.Parse(time.DateOnly, to); err != nil {
			return nil, errorf(EINVALID, "to: want a date YYYY-MM-DD, got %q", to)
		}
		// On the index (country, date_from, date_to): a range scan, the
		// end date tested on the index.
		lo := f.AddDate(0, 0, -candidateReach).Format(time.DateOnly)
		queries = append(queries, query{[]string{"date_from >= ?", "date_from <= ?", "date_to >= ?"}, []any{lo, to, from}})
	}
	queries = append(queries, query{where: []string{"date_from = ''"}})
	if country != "" {
		for i := range queries {
			queries[i].where = append(queries[i].where, "country IN (?, '')")
			queries[i].args = append(queries[i].args, country)
		}
	}
	var incs []harmlog.Incident
	for _, q := range queries {
		rows, err := s.db.QueryContext(ctx, s.q(incidentSelect+whereClause(q.where)+" ORDER BY id"), q.args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			inc, err := scanIncident(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			incs = append(incs, *inc)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	if len(incs) == 0 {
		return nil, nil
	}
	at := make(map[int64]int, len(incs))
	for i := range incs {
		at[incs[i].ID] = i
	}
	// Members, by incident ids, a bounded number per statement.
	const perQuery = 500
	for start := 0; start < len(incs); start += perQuery {
		part := incs[start:min(start+perQuery, len(incs))]
		ids := make([]any, len(part))
		for i := range part {
			ids[i] = part[i].ID
		}
		if err := s.candidateMembers(ctx, ids, incs, at); err != nil {
			return nil, err
		}
	}
	return incs, nil
}

// candidateMembers adds to incs the member links, with their claims, of
// the incidents ids (at maps an id to its index in incs).
func (s *Store) candidateMembers(ctx context.Context, ids []any, incs []harmlog.Incident, at map[int64]int) error {
	mrows, err := s.db.QueryContext(ctx, s.q(`SELECT ic.incident_id, ic.score, ic.evidence, ic.pinned, `+linkClaimCols+`
		FROM incident_claims ic JOIN claims c ON c.id = ic.claim_id LEFT JOIN documents d ON d.id = c.document_id
		WHERE ic.incident_id IN (?`+strings.Repeat(", ?", len(ids)-1)+`) ORDER BY ic.claim_id`), ids...)
	if err != nil {
		return err
	}
	defer mrows.Close()
	for mrows.Next() {
		var l harmlog.Link
		var rc rawLinkClaim
		if err := rc.scan(mrows, &l.IncidentID, &l.Score, &l.Evidence, &l.Pinned); err != nil {
			return err
		}
		c, err := rc.decode()
		if err != nil {
			return err
		}
		l.ClaimID, l.Claim = c.ID, &c
		incs[at[l.IncidentID]].Members = append(incs[at[l.IncidentID]].Members, l)
	}
	if err := mrows.Err(); err != nil {
		return fmt.Errorf("members: %w", err)
	}
	return nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

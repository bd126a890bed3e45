package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
)

// TallyFilter selects the incidents a tally reads and the fields it needs.
// From, To, Victims and Grades filter as a tally does (tally.Match): From
// and To on the incident's first date, inclusive, leaving out undated
// incidents when either is set. Key, dates, country, perpetrators, victims,
// figures and grade are always read; the rest only when asked for.
type TallyFilter struct {
	From, To string // YYYY-MM-DD
	Victims  string
	Grades   []string
	// Country, when set, leaves out incidents that cannot name it: a
	// superset of those whose country, or a place's country or admin1,
	// equals it ignoring case (tally's test, which the caller still
	// applies). Only plain ASCII names are narrowed in SQL.
	Country string
	Places  bool // Places (a tally by place, or one filtered by country)
	Weapons bool // Weapons (a tally by weapon)
	// Members adds each incident's member links, each with a claim carrying
	// only its claimant, publisher and status (a tally by claimant), in no
	// particular order; links whose claims say the same share one *Claim.
	Members bool
}

// TallyIncidents reads the incidents f selects with the fields a tally
// needs, in id order: ID, DateFrom, Perpetrators, Victims, Killed,
// Injured; Grade when f.Grades is set, Country when f.Country is;
// Places, Weapons and Members when asked for. The rest is left empty, and
// values that repeat (figures, perpetrator and weapon lists, dates) are
// shared between incidents: the result is for reading. The id range is
// read in parts on every core. Errors: EINTERNAL.
func (s *Store) TallyIncidents(ctx context.Context, f TallyFilter) (_ []harmlog.Incident, err error) {
	defer wrap(&err, "store.TallyIncidents(%+v)", f)
	w, args := s.tallyWhere(f)
	// Only the columns a tally reads: it never reads key or date_to; grade
	// and country only to filter, places and weapons only to group.
	cols := []string{"id", "date_from", "perpetrators", "victims", "killed_min", "killed_max", "injured_min", "injured_max"}
	if len(f.Grades) > 0 {
		cols = append(cols, "grade")
	}
	if f.Country != "" {
		cols = append(cols, "country")
	}
	if f.Places {
		cols = append(cols, "places")
	}
	if f.Weapons {
		cols = append(cols, "weapons")
	}
	// Read in id ranges, one per core, concatenated in order.
	parts, err := s.idParts(ctx)
	if err != nil || len(parts) == 0 {
		return nil, err
	}
	query := s.q("SELECT " + strings.Join(cols, ", ") + " FROM incidents" +
		whereClause(append(w, "id >= ?", "id <= ?")) + " ORDER BY id")
	results := make([][]harmlog.Incident, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for p, r := range parts {
		wg.Go(func() {
			results[p], errs[p] = s.tallyRange(ctx, query, append(slices.Clip(args), r[0], r[1]), cols)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []harmlog.Incident
	for _, r := range results {
		out = append(out, r...)
	}
	if f.Members {
		if err := s.tallyMembers(ctx, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// tallyMembers adds to incs (in id order) their member links, each with
// its claim's claimant, publisher and status.
func (s *Store) tallyMembers(ctx context.Context, incs []harmlog.Incident) error {
	at := make(map[int64]int, len(incs))
	for i := range incs {
		at[incs[i].ID] = i
	}
	// On SQLite, in claim id order: the links are then read in their
	// table's order and the claims looked up in theirs (the rowids), not
	// all over the claims table as in the order of the incident index the
	// planner otherwise picks (a third less time at a million claims).
	order := ""
	if s.dialect == SQLite {
		order = " ORDER BY ic.claim_id"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT ic.incident_id, ic.claim_id, c.claimant,
		COALESCE(NULLIF(c.publisher, ''), d.publisher, ''), c.status
		FROM incident_claims ic JOIN claims c ON c.id = ic.claim_id LEFT JOIN documents d ON d.id = c.document_id`+order)
	if err != nil {
		return err
	}
	defer rows.Close()
	// Claims saying the same (claimant, publisher, status) share one
	// *Claim, its ID zero: a million members need a few thousand.
	type who struct{ claimant, publisher, status string }
	shared := map[who]*harmlog.Claim{}
	var w who
	var incID, claimID int64
	for rows.Next() {
		if err := rows.Scan(&incID, &claimID, &w.claimant, &w.publisher, &w.status); err != nil {
			return err
		}
		i, ok := at[incID]
		if !ok {
			continue
		}
		c := shared[w]
		if c == nil {
			c = &harmlog.Claim{Claimant: w.claimant, Publisher: w.publisher, Status: w.status}
			shared[w] = c
		}
		incs[i].Members = append(incs[i].Members, harmlog.Link{ClaimID: claimID, IncidentID: incID, Claim: c})
	}
	return rows.Err()
}

func internString(m map[string]string, s string) string {
	if m == nil {
		return s
	}
	if v, ok := m[s]; ok {
		return v
	}
	m[s] = s
	return s
}

// stringList decodes a JSON array of strings (or null), the form of the
// incidents' perpetrators and weapons columns, interning the strings. Plain
// strings (no escapes) are read directly; anything else goes through
// encoding/json.
func stringList(js string, intern map[string]string) ([]string, error) {
	t := strings.TrimSpace(js)
	if t == "null" || t == "[]" || t == "" {
		return nil, nil
	}
	if strings.IndexByte(t, '\\') < 0 && len(t) >= 2 && t[0] == '[' && t[len(t)-1] == ']' {
		var out []string
		rest := strings.TrimSpace(t[1 : len(t)-1])
		ok := true
		for rest != "" {
			if rest[0] != '"' {
				ok = false
				break
			}
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				ok = false
				break
			}
			v := rest[1 : 1+end]
			if !plainString(v) {
				ok = false
				break
			}
			out = append(out, internString(intern, v))
			rest = strings.TrimSpace(rest[2+end:])
			if rest == "" {
				break
			}
			if rest[0] != ',' {
				ok = false
				break
			}
			rest = strings.TrimSpace(rest[1:])
			if rest == "" {
				ok = false
			}
		}
		if ok {
			return out, nil
		}
	}
	var out []string
	if err := json.Unmarshal([]byte(js), &out); err != nil {
		return nil, fmt.Errorf("%.40q: %w", js, err)
	}
	for i := range out {
		out[i] = internString(intern, out[i])
	}
	return out, nil
}

// plainString reports whether v, a JSON string's body without escapes,
// reads as itself: valid UTF-8 without control characters.
func plainString(v string) bool {
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 {
			return false
		}
	}
	return utf8.ValidString(v)
}

// countryPattern returns a LIKE pattern matching any text that holds a
// string equal to c ignoring case (strings.EqualFold), when c is plain
// ASCII (letters, digits, space, '.', '-'): such a string is written in
// JSON as itself, its letters in either case, except that K and S also
// fold from non-ASCII letters (U+212A KELVIN SIGN, U+017F LONG S), which
// the pattern leaves to a one-character wildcard.
func countryPattern(c string) (string, bool) {
	if c == "" {
		return "", false
	}
	b := []byte("%")
	for i := 0; i < len(c); i++ {
		switch ch := c[i]; {
		case ch == 'k' || ch == 'K' || ch == 's' || ch == 'S':
			b = append(b, '_')
		case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9', ch == ' ', ch == '.', ch == '-':
			b = append(b, ch)
		default:
			return "", false
		}
	}
	return string(append(b, '%')), true
}

// tallyRange runs query (the columns cols) and reads its incidents.
func (s *Store) tallyRange(ctx context.Context, query string, args []any, cols []string) ([]harmlog.Incident, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []harmlog.Incident
	intern := map[string]string{}
	lists := map[string][]string{} // JSON text → its strings
	ranges := map[[4]int64]*harmlog.Range{}
	rangeOfShared := func(a, b sql.NullInt64) *harmlog.Range {
		if !a.Valid && !b.Valid {
			return nil
		}
		k := [4]int64{a.Int64, b.Int64}
		if a.Valid {
			k[2] = 1
		}
		if b.Valid {
			k[3] = 1
		}
		r, ok := ranges[k]
		if !ok {
			r = rangeOf(a, b)
			ranges[k] = r
		}
		return r
	}
	list := func(raw sql.RawBytes, what string, id int64) ([]string, error) {
		if l, ok := lists[string(raw)]; ok {
			return l, nil
		}
		l, err := stringList(string(raw), intern)
		if err != nil {
			return nil, fmt.Errorf("incident %d: %s: %w", id, what, err)
		}
		lists[string(raw)] = l
		return l, nil
	}
	str := func(raw sql.RawBytes) string {
		if v, ok := intern[string(raw)]; ok {
			return v
		}
		v := string(raw)
		intern[v] = v
		return v
	}
	var id int64
	var r [4]sql.NullInt64
	var date, perps, victims, grade, country, places, weapons sql.RawBytes
	dst := []any{&id, &date, &perps, &victims, &r[0], &r[1], &r[2], &r[3]}
	for _, c := range cols[len(dst):] {
		switch c {
		case "grade":
			dst = append(dst, &grade)
		case "country":
			dst = append(dst, &country)
		case "places":
			dst = append(dst, &places)
		case "weapons":
			dst = append(dst, &weapons)
		}
	}
	for rows.Next() {
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		in := harmlog.Incident{ID: id, DateFrom: str(date), Victims: str(victims), Grade: str(grade), Country: str(country)}
		in.Killed, in.Injured = rangeOfShared(r[0], r[1]), rangeOfShared(r[2], r[3])
		if in.Perpetrators, err = list(perps, "perpetrators", id); err != nil {
			return nil, err
		}
		if len(weapons) > 0 {
			if in.Weapons, err = list(weapons, "weapons", id); err != nil {
				return nil, err
			}
		}
		if len(places) > 0 && string(places) != "null" {
			if in.Places, err = placeList(string(places)); err != nil {
				return nil, fmt.Errorf("incident %d: places hold %.40q: %w", id, places, err)
			}
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// IncidentCell is N incidents that share their first date, victims,
// perpetrators, grade (when f.Grades is set) and weapons (when f.Weapons
// is), with their figures summed: Range.Low and Range.High of killed and
// injured, and how many have none.
type IncidentCell struct {
	DateFrom, Victims, Grade                string
	Perpetrators, Weapons                   []string
	N                                       int
	KilledLow, KilledHigh, KilledUnknown    int
	InjuredLow, InjuredHigh, InjuredUnknown int
}

// IncidentCells counts the incidents f selects into cells with GROUP BY,
// for tallies that need no more of each incident (by day, week, party or
// weapon): a few thousand rows instead of an incident's each. f.Country
// is applied exactly (tally.Match's test) when CountryInSQL(f.Country);
// f.Places, f.Members and other countries are not supported (EINVALID).
// Errors: EINVALID, EINTERNAL.
func (s *Store) IncidentCells(ctx context.Context, f TallyFilter) (_ []IncidentCell, err error) {
	defer wrap(&err, "store.IncidentCells(%+v)", f)
	if f.Places || f.Members || (f.Country != "" && !CountryInSQL(f.Country)) {
		return nil, errorf(EINVALID, "cells cannot carry places or members, or filter by country %q (see CountryInSQL)", f.Country)
	}
	w, args := s.tallyWhere(f)
	keys := []string{"date_from", "victims", "perpetrators"}
	if len(f.Grades) > 0 {
		keys = append(keys, "grade")
	}
	if f.Weapons {
		keys = append(keys, "weapons")
	}
	sums := `count(*),
		sum(COALESCE(killed_min, killed_max, 0)), sum(COALESCE(killed_max, killed_min, 0)),
		sum(CASE WHEN killed_min IS NULL AND killed_max IS NULL THEN 1 ELSE 0 END),
		sum(COALESCE(injured_min, injured_max, 0)), sum(COALESCE(injured_max, injured_min, 0)),
		sum(CASE WHEN injured_min IS NULL AND injured_max IS NULL THEN 1 ELSE 0 END)`
	query := s.q("SELECT " + strings.Join(keys, ", ") + ", " + sums + " FROM incidents" +
		whereClause(append(w, "id >= ?", "id <= ?")) + " GROUP BY " + strings.Join(keys, ", "))
	parts, err := s.idParts(ctx)
	if err != nil || len(parts) == 0 {
		return nil, err
	}
	// Each id range is grouped on its own (in parallel); a key found in
	// two ranges is two cells, which a tally adds up.
	results := make([][]IncidentCell, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for p, r := range parts {
		wg.Go(func() {
			results[p], errs[p] = s.cellRange(ctx, query, append(slices.Clip(args), r[0], r[1]), f)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var out []IncidentCell
	for _, r := range results {
		out = append(out, r...)
	}
	return out, nil
}

// cellRange runs one IncidentCells query.
func (s *Store) cellRange(ctx context.Context, query string, args []any, f TallyFilter) ([]IncidentCell, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	intern := map[string]string{}
	var out []IncidentCell
	for rows.Next() {
		var c IncidentCell
		var perps, weapons string
		dst := []any{&c.DateFrom, &c.Victims, &perps}
		if len(f.Grades) > 0 {
			dst = append(dst, &c.Grade)
		}
		if f.Weapons {
			dst = append(dst, &weapons)
		}
		dst = append(dst, &c.N, &c.KilledLow, &c.KilledHigh, &c.KilledUnknown, &c.InjuredLow, &c.InjuredHigh, &c.InjuredUnknown)
		if err := rows.Scan(dst...); err != nil {
			return nil, err
		}
		if c.Perpetrators, err = stringList(perps, intern); err != nil {
			return nil, fmt.Errorf("perpetrators: %w", err)
		}
		if f.Weapons {
			if c.Weapons, err = stringList(weapons, intern); err != nil {
				return nil, fmt.Errorf("weapons: %w", err)
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// tallyWhere is the WHERE of f's filters.
func (s *Store) tallyWhere(f TallyFilter) ([]string, []any) {
	// Dates compare as bytes, as Go strings do, whatever the database's
	// collation.
	collate := ""
	if s.dialect == Postgres {
		collate = ` COLLATE "C"`
	}
	var w []string
	var args []any
	if f.From != "" {
		w, args = append(w, "date_from <> '' AND date_from"+collate+" >= ?"), append(args, f.From)
	}
	if f.To != "" {
		w, args = append(w, "date_from <> '' AND date_from"+collate+" <= ?"), append(args, f.To)
	}
	if f.Victims != "" {
		w, args = append(w, "victims = ?"), append(args, f.Victims)
	}
	if len(f.Grades) > 0 {
		w = append(w, "grade IN (?"+strings.Repeat(", ?", len(f.Grades)-1)+")")
		for _, g := range f.Grades {
			args = append(args, g)
		}
	}
	if CountryInSQL(f.Country) {
		w, args = append(w, s.countryWhere()), append(args, strings.ToLower(f.Country), countryLike(f.Country), strings.ToLower(f.Country), strings.ToLower(f.Country))
	} else if pat, ok := countryPattern(f.Country); ok {
		if s.dialect == Postgres {
			w, args = append(w, "(country ILIKE ? OR places::text ILIKE ?)"), append(args, pat, pat)
		} else {
			w, args = append(w, "(country LIKE ? OR places LIKE ?)"), append(args, pat, pat)
		}
	}
	return w, args
}

// idParts splits the incidents' ids into one range per core (at most 4,
// and none under 500 ids), for reading them in parallel; none when there
// are no incidents.
func (s *Store) idParts(ctx context.Context) ([][2]int64, error) {
	var lo, hi sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT min(id), max(id) FROM incidents").Scan(&lo, &hi); err != nil {
		return nil, err
	}
	if !lo.Valid {
		return nil, nil
	}
	n := max(1, min(runtime.GOMAXPROCS(0), 4, int(hi.Int64-lo.Int64)/500))
	span := (hi.Int64 - lo.Int64 + int64(n)) / int64(n)
	parts := make([][2]int64, n)
	for p := range parts {
		parts[p] = [2]int64{lo.Int64 + int64(p)*span, lo.Int64 + int64(p+1)*span - 1}
	}
	return parts, nil
}

// CountryInSQL reports whether the store tests country c exactly in SQL
// (TallyFilter.Country, IncidentCells): c is plain ASCII (letters, digits,
// space, '.', '-') without K or S, so that a value equals c ignoring case
// (strings.EqualFold) exactly when it is ASCII and lower-cases to c's
// lower case, which lower() computes alike on both databases (ASCII only
// on SQLite; in the "C" collation on PostgreSQL). K and S also fold from
// non-ASCII letters and are left to the caller.
func CountryInSQL(c string) bool {
	_, ok := countryPattern(c)
	return ok && !strings.ContainsAny(c, "kKsS")
}

// countryLike is the LIKE pattern that narrows the places a country test
// parses (a superset of those naming c, which CountryInSQL allows).
func countryLike(c string) string {
	pat, _ := countryPattern(c)
	return pat
}

// countryWhere is the exact country test of a tally (tally.Match): the
// incident's country, or a place's country or admin1, equals the
// argument (lower-cased) ignoring ASCII case. Its arguments: lower(c),
// countryLike(c), lower(c), lower(c). It reads the place objects' fields
// "country" and "admin1" as harmlog writes them.
func (s *Store) countryWhere() string {
	if s.dialect == Postgres {
		return `(lower(country COLLATE "C") = ? OR (places::text ILIKE ? AND EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(places) = 'array' THEN places ELSE '[]'::jsonb END) p
			WHERE jsonb_typeof(p) = 'object' AND (lower((p->>'country') COLLATE "C") = ? OR lower((p->>'admin1') COLLATE "C") = ?))))`
	}
	return `(lower(country) = ? OR (places LIKE ? AND EXISTS (SELECT 1 FROM json_each(CASE WHEN json_valid(places) AND json_type(places) = 'array' THEN places ELSE '[]' END) p
		WHERE p.type = 'object' AND (lower(p.value ->> '$.country') = ? OR lower(p.value ->> '$.admin1') = ?))))`
}

// GroupSum is the incidents of one group of a tally, with their figures
// summed as in IncidentCell.
type GroupSum struct {
	Group                                   string
	N                                       int
	KilledLow, KilledHigh, KilledUnknown    int
	InjuredLow, InjuredHigh, InjuredUnknown int
}

// NoWeapon is the group of incidents that name no weapon (tally's).
const NoWeapon = "(no weapon)"

// WeaponGroups counts the incidents f selects by weapon with GROUP BY:
// one group per weapon named (an incident naming two is in both, once
// each), and NoWeapon for those naming none, in no particular order. f's
// Country follows IncidentCells; f.Places, f.Weapons and f.Members are
// ignored. Errors: EINVALID, EINTERNAL.
func (s *Store) WeaponGroups(ctx context.Context, f TallyFilter) (_ []GroupSum, err error) {
	defer wrap(&err, "store.WeaponGroups(%+v)", f)
	if f.Country != "" && !CountryInSQL(f.Country) {
		return nil, errorf(EINVALID, "weapon groups cannot filter by country %q (see CountryInSQL)", f.Country)
	}
	w, args := s.tallyWhere(f)
	each := `json_each(CASE WHEN json_valid(i.weapons) AND json_array_length(i.weapons) > 0 THEN i.weapons ELSE '["` + NoWeapon + `"]' END) j
		WHERE j.type = 'text'`
	weapon := "j.value"
	if s.dialect == Postgres {
		each = `jsonb_array_elements(CASE WHEN jsonb_typeof(i.weapons) = 'array' AND jsonb_array_length(i.weapons) > 0 THEN i.weapons ELSE '["` + NoWeapon + `"]'::jsonb END) j
		WHERE jsonb_typeof(j) = 'string'`
		weapon = "j #>> '{}'"
	}
	query := s.q(`SELECT w, ` + groupSums + ` FROM (SELECT DISTINCT i.id, ` + weapon + ` AS w,
		i.killed_min, i.killed_max, i.injured_min, i.injured_max
		FROM (SELECT id, weapons, killed_min, killed_max, injured_min, injured_max FROM incidents` +
		whereClause(append(w, "id >= ?", "id <= ?")) + `) i, ` + each + `) g GROUP BY w`)
	parts, err := s.idParts(ctx)
	if err != nil || len(parts) == 0 {
		return nil, err
	}
	results := make([][]GroupSum, len(parts))
	errs := make([]error, len(parts))
	var wg sync.WaitGroup
	for p, r := range parts {
		wg.Go(func() {
			results[p], errs[p] = s.groupRange(ctx, query, append(slices.Clip(args), r[0], r[1]))
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	// A weapon found in two id ranges is summed.
	sums := map[string]GroupSum{}
	for _, r := range results {
		for _, g := range r {
			if t, ok := sums[g.Group]; ok {
				t.add(g)
				g = t
			}
			sums[g.Group] = g
		}
	}
	out := make([]GroupSum, 0, len(sums))
	for _, g := range sums {
		out = append(out, g)
	}
	return out, nil
}

func (g *GroupSum) add(o GroupSum) {
	g.N += o.N
	g.KilledLow += o.KilledLow
	g.KilledHigh += o.KilledHigh
	g.KilledUnknown += o.KilledUnknown
	g.InjuredLow += o.InjuredLow
	g.InjuredHigh += o.InjuredHigh
	g.InjuredUnknown += o.InjuredUnknown
}

// groupSums are the sums of a group of incidents (as IncidentCells').
const groupSums = `count(*),
	sum(COALESCE(killed_min, killed_max, 0)), sum(COALESCE(killed_max, killed_min, 0)),
	sum(CASE WHEN killed_min IS NULL AND killed_max IS NULL THEN 1 ELSE 0 END),
	sum(COALESCE(injured_min, injured_max, 0)), sum(COALESCE(injured_max, injured_min, 0)),
	sum(CASE WHEN injured_min IS NULL AND injured_max IS NULL THEN 1 ELSE 0 END)`

// groupRange runs one query of groups and their sums.
func (s *Store) groupRange(ctx context.Context, query string, args []any) ([]GroupSum, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []GroupSum
	for rows.Next() {
		var g GroupSum
		if err := rows.Scan(&g.Group, &g.N, &g.KilledLow, &g.KilledHigh, &g.KilledUnknown, &g.InjuredLow, &g.InjuredHigh, &g.InjuredUnknown); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

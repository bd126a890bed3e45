// Package tally counts incidents and their figures by party, place, day,
// week, weapon or claimant, and sets each claimant's cumulative toll beside
// the incidents recorded for the same side and period.
//
// # Counting
//
// Every incident that passes the filters (Options.From/To on its first
// date, Country, Victims, Grades) belongs to one or more groups: one per
// alleged perpetrator party (By "party"; "(none alleged)" when none), per
// place, per claimant, per weapon; one day or ISO week (of its first date;
// "(undated)" when none). In each group an incident counts once, however
// many times it matches the group, and adds its killed and injured ranges:
// the group's low is the sum of the incidents' lows, its high the sum of
// their highs; an incident without a figure adds 0 to both and is counted in
// killed_unknown / injured_unknown. An incident with two alleged
// perpetrators counts in both parties' rows, so rows may add up to more than
// the whole; the total row counts every incident exactly once and is never
// the sum of the rows.
//
// # Reconciliation
//
// For every claimant of a cumulative toll (scope "cumulative"), per victim
// category and perpetrator side, the latest claim (by published date, then
// by the end of its period) is the claimant's running total. Beside it:
// the incidents recorded with the same alleged perpetrator side and victim
// category whose first date falls in the claim's period (and in
// Options.From/To), their number and summed killed [low, high], and the gap
// = claimed − recorded, for the low and the high bounds.
//
// # Output columns
//
// CSV of groups (WriteCSV): by, group, incidents, killed_low, killed_high,
// killed_unknown, injured_low, injured_high, injured_unknown; the last row
// has group "TOTAL". CSV of the reconciliation (WriteReconciliationCSV):
// claimant, side, victims, period_from, period_to, published, claimed_low,
// claimed_high, incidents, recorded_low, recorded_high, gap_low, gap_high.
// JSON (WriteJSON) is the Result with the same names. These names are
// stable.
package tally

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/link"
)

// Ways to group.
const (
	ByParty    = "party"
	ByPlace    = "place"
	ByDay      = "day"
	ByWeek     = "week"
	ByWeapon   = "weapon"
	ByClaimant = "claimant"
)

// Options select and group incidents.
type Options struct {
	By       string   // one of ByParty ... ByClaimant; ByParty when empty
	From, To string   // YYYY-MM-DD, inclusive, on an incident's first date; empty for open
	Country  string   // ISO code or region name an incident's places must name; empty for any
	Victims  string   // victim category; empty for any
	Grades   []string // grades to keep; empty for all
	// Alignment maps perpetrator words of cumulative claims to sides;
	// link.DefaultAlignment when nil.
	Alignment *link.Alignment
}

// Group is one row of a tally.
type Group struct {
	Group          string `json:"group"`
	Incidents      int    `json:"incidents"`
	KilledLow      int    `json:"killed_low"`
	KilledHigh     int    `json:"killed_high"`
	KilledUnknown  int    `json:"killed_unknown"`
	InjuredLow     int    `json:"injured_low"`
	InjuredHigh    int    `json:"injured_high"`
	InjuredUnknown int    `json:"injured_unknown"`
}

// Reconciliation sets a claimant's cumulative toll beside the incidents
// recorded for the same side, victims and period.
type Reconciliation struct {
	Claimant     string `json:"claimant"`
	Side         string `json:"side"`
	Victims      string `json:"victims"`
	PeriodFrom   string `json:"period_from"`
	PeriodTo     string `json:"period_to"`
	Published    string `json:"published"`
	ClaimedLow   int    `json:"claimed_low"`
	ClaimedHigh  int    `json:"claimed_high"`
	Incidents    int    `json:"incidents"`
	RecordedLow  int    `json:"recorded_low"`
	RecordedHigh int    `json:"recorded_high"`
	GapLow       int    `json:"gap_low"`
	GapHigh      int    `json:"gap_high"`
}

// Result is a tally: its rows in order of group, the total over distinct
// incidents, and the reconciliation of cumulative tolls.
type Result struct {
	By        string           `json:"by"`
	Groups    []Group          `json:"groups"`
	Total     Group            `json:"total"`
	Reconcile []Reconciliation `json:"reconcile"`
}

// Compute tallies incidents by opts.By and reconciles the cumulative claims
// with them. It returns an error for an unknown By or a malformed date.
func Compute(incidents []harmlog.Incident, cumulative []harmlog.Claim, opts Options) (Result, error) {
	bags := make([]bag, len(incidents))
	for i := range incidents {
		bags[i] = bag{in: &incidents[i], w: weightOf(&incidents[i])}
	}
	return compute(bags, cumulative, opts)
}

// Cell stands for N incidents that a tally cannot tell apart: they share
// every field Compute reads for the Options at hand (the filters' date,
// victims, grade and country, and the grouping's field: see FieldsFor),
// given in Incident, whose figures are ignored; their figures are given as
// sums. A store can count incidents into cells with GROUP BY, and
// ComputeCells gives the Result that Compute gives for the incidents.
type Cell struct {
	harmlog.Incident
	N int
	// Sums over the N incidents of Range.Low and Range.High of their
	// killed and injured, and how many have none.
	KilledLow, KilledHigh, KilledUnknown    int
	InjuredLow, InjuredHigh, InjuredUnknown int
}

// ComputeCells is Compute over cells of incidents.
func ComputeCells(cells []Cell, cumulative []harmlog.Claim, opts Options) (Result, error) {
	bags := make([]bag, len(cells))
	for i := range cells {
		c := &cells[i]
		bags[i] = bag{in: &c.Incident, w: weights{n: c.N, kLow: c.KilledLow, kHigh: c.KilledHigh, kUnknown: c.KilledUnknown,
			iLow: c.InjuredLow, iHigh: c.InjuredHigh, iUnknown: c.InjuredUnknown}}
	}
	return compute(bags, cumulative, opts)
}

// bag is incidents counted together: one incident, or a Cell.
type bag struct {
	in *harmlog.Incident
	w  weights
}

// weights are a bag's count and figure sums.
type weights struct {
	n                     int
	kLow, kHigh, kUnknown int
	iLow, iHigh, iUnknown int
}

// weightOf is the weights of one incident.
func weightOf(in *harmlog.Incident) weights {
	w := weights{n: 1}
	if in.Killed == nil {
		w.kUnknown = 1
	} else {
		w.kLow, w.kHigh = in.Killed.Low(), in.Killed.High()
	}
	if in.Injured == nil {
		w.iUnknown = 1
	} else {
		w.iLow, w.iHigh = in.Injured.Low(), in.Injured.High()
	}
	return w
}

func compute(bags []bag, cumulative []harmlog.Claim, opts Options) (Result, error) {
	if opts.By == "" {
		opts.By = ByParty
	}
	if err := opts.Validate(); err != nil {
		return Result{}, err
	}
	if opts.Alignment == nil {
		opts.Alignment = link.DefaultAlignment()
	}
	res := Result{By: opts.By, Total: Group{Group: "TOTAL"}}
	rows := map[string]*Group{}
	var keys []string
	memo := map[string]string{} // date → week, place name → group
	for i := range bags {
		b := &bags[i]
		if b.w.n == 0 || !keep(b.in, &opts) {
			continue
		}
		add(&res.Total, b)
		keys = groupKeys(b.in, opts.By, keys[:0], memo)
		for _, k := range keys {
			g := rows[k]
			if g == nil {
				g = &Group{Group: k}
				rows[k] = g
			}
			add(g, b)
		}
	}
	res.Groups = make([]Group, 0, len(rows))
	for _, g := range rows {
		res.Groups = append(res.Groups, *g)
	}
	slices.SortFunc(res.Groups, func(a, b Group) int { return strings.Compare(a.Group, b.Group) })
	res.Reconcile = reconcile(bags, cumulative, &opts)
	return res, nil
}

// Match reports whether an incident passes opts' filters (dates, country,
// victims, grades) as Compute applies them.
func Match(in *harmlog.Incident, opts Options) bool { return keep(in, &opts) }

// Validate reports a bad By or a malformed date, as Compute would.
func (o Options) Validate() error {
	if o.By != "" && !slices.Contains([]string{ByParty, ByPlace, ByDay, ByWeek, ByWeapon, ByClaimant}, o.By) {
		return fmt.Errorf("tally: by %q: want party, place, day, week, weapon or claimant", o.By)
	}
	for _, d := range []struct{ name, v string }{{"from", o.From}, {"to", o.To}} {
		if d.v != "" {
			if _, err := time.Parse(time.DateOnly, d.v); err != nil {
				return fmt.Errorf("tally: %s: want a date YYYY-MM-DD, got %q", d.name, d.v)
			}
		}
	}
	return nil
}

// keep applies the filters.
func keep(in *harmlog.Incident, o *Options) bool {
	if o.From != "" && (in.DateFrom == "" || in.DateFrom < o.From) {
		return false
	}
	if o.To != "" && (in.DateFrom == "" || in.DateFrom > o.To) {
		return false
	}
	if o.Victims != "" && in.Victims != o.Victims {
		return false
	}
	if len(o.Grades) > 0 && !slices.Contains(o.Grades, in.Grade) {
		return false
	}
	if o.Country != "" && !inCountry(in, o.Country) {
		return false
	}
	return true
}

func inCountry(in *harmlog.Incident, c string) bool {
	if strings.EqualFold(in.Country, c) {
		return true
	}
	for _, p := range in.Places {
		if strings.EqualFold(p.Country, c) || strings.EqualFold(p.Admin1, c) {
			return true
		}
	}
	return false
}

// add counts a bag of incidents in a group.
func add(g *Group, b *bag) {
	g.Incidents += b.w.n
	g.KilledLow += b.w.kLow
	g.KilledHigh += b.w.kHigh
	g.KilledUnknown += b.w.kUnknown
	g.InjuredLow += b.w.iLow
	g.InjuredHigh += b.w.iHigh
	g.InjuredUnknown += b.w.iUnknown
}

// groupKeys appends the distinct groups an incident belongs to; memo keeps
// the groups of dates and place names already seen.
func groupKeys(in *harmlog.Incident, by string, ks []string, memo map[string]string) []string {
	cached := func(k string, f func() string) string {
		v, ok := memo[k]
		if !ok {
			v = f()
			memo[k] = v
		}
		return v
	}
	put := func(k string) {
		if !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	switch by {
	case ByParty:
		for _, p := range in.Perpetrators {
			put(p)
		}
		if len(in.Perpetrators) == 0 {
			put("(none alleged)")
		}
	case ByPlace:
		for _, p := range in.Places {
			// Memo keys: a name, or "\x00id\x00name" for a resolved place.
			k := p.Name
			if p.ID != "" {
				k = "\x00" + p.ID + "\x00" + p.Name
			}
			v, ok := memo[k]
			if !ok {
				v = placeName(p)
				memo[k] = v
			}
			put(v)
		}
		if len(in.Places) == 0 {
			put("(no place)")
		}
	case ByDay:
		put(orUndated(in.DateFrom))
	case ByWeek:
		put(cached(in.DateFrom, func() string { return week(in.DateFrom) }))
	case ByWeapon:
		for _, w := range in.Weapons {
			put(w)
		}
		if len(in.Weapons) == 0 {
			put("(no weapon)")
		}
	case ByClaimant:
		for _, m := range in.Members {
			if c := m.Claim; c != nil && c.Status != harmlog.StatusRejected {
				// Memo key "\x01claimant\x01publisher": what SourceKey reads.
				k := "\x01" + c.Claimant + "\x01" + c.Publisher
				v, ok := memo[k]
				if !ok {
					v = claimantName(*c)
					memo[k] = v
				}
				put(v)
			}
		}
		if len(ks) == 0 {
			put("(no claimant)")
		}
	}
	return ks
}

// placeName names a place for a tally: its name, folded, so that spellings
// differing only in case and accents meet; a resolved place by its id too.
func placeName(p harmlog.PlaceRef) string {
	n := link.Fold(p.Name)
	if p.ID != "" {
		return n + " (" + p.ID + ")"
	}
	return n
}

// claimantName is the claimant a claim counts under (link.SourceKey).
func claimantName(c harmlog.Claim) string { return link.SourceKey(c) }

func orUndated(d string) string {
	if d == "" {
		return "(undated)"
	}
	return d
}

// week returns the ISO week of a date, "2020-W41".
func week(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return "(undated)"
	}
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

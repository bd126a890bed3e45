// Package infographic draws the one-page, shareable summary of the civilian
// harm recorded for a period and country: a map of the incidents, civilians
// killed and injured by alleged party and by place as low–high bars, a
// timeline, the grade rules, the number of sources, the generation time and
// the data cut-off. One layout (a canvas) is rendered to SVG and to PNG.
//
// The same colours and rules apply to every party: bars are ordered by
// their highest figure, never by side, and incidents are coloured by grade,
// never by party; a contested incident is drawn and counted as contested.
// Only published fields appear: figures, places, dates, parties alleged,
// grades, source counts; the sensitive fields (harmlog.Redact) are removed
// from the summary's copies of the claims, and analysts' notes, document
// text and who ingested what are never shown.
//
// Summarize selects and counts (through the tally package); Draw lays the
// summary out; WriteSVG and WritePNG render the layout. Everything is
// deterministic: the same incidents and the same Generated time give the
// same bytes.
package infographic

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/link"
	"github.com/harmlog/harmlog/tally"
)

// Ways to break the figures down (Options.By).
const (
	ByParty = "party"
	ByPlace = "place"
	ByBoth  = "" // both breakdowns, fewer rows each
)

// Options select what a summary covers.
type Options struct {
	From, To string // YYYY-MM-DD, inclusive, on an incident's first date; empty for open
	Country  string // ISO code or region an incident's places must name; empty for any
	// By is ByParty, ByPlace or ByBoth: which breakdowns the bars show.
	By string
	// Generated is when the summary is made; it is printed, and it is an
	// input, so that the same data and time give the same bytes.
	Generated time.Time
}

// Row is one bar of a breakdown: a tally group and how many of its
// incidents are contested.
type Row struct {
	tally.Group
	Label     string // the group as people read it
	Contested int
}

// Day is one day of the timeline.
type Day struct {
	Date                  string
	Incidents             int
	KilledLow, KilledHigh int
}

// Point is a circle on the map: the incidents of one grade (and contested
// or not) at one place (to a hundredth of a degree), their highest killed
// figures summed. ID is the first incident's.
type Point struct {
	ID         int64
	Lon, Lat   float64
	Incidents  int
	KilledHigh int
	Grade      string
	Contested  bool
}

// GradeCount is how many incidents have a grade.
type GradeCount struct {
	Grade string
	N     int
}

// Summary is everything an infographic or report shows.
type Summary struct {
	Options
	// First and Last are the first dates of the earliest and the latest
	// incident selected ("" when none is dated).
	First, Last string
	Incidents   []harmlog.Incident // the civilian incidents selected, by date then id
	Total       tally.Group
	ByParty     []Row // by highest killed, then injured, then name
	ByPlace     []Row
	Days        []Day // every day from First (or From) to Last (or To)
	Points      []Point
	Grades      []GradeCount // in GradeOrder, zero counts left out
	Contested   int
	Sources     int    // independent sources (link.SourceKey) of the selected incidents' claims
	Documents   int    // documents those claims come from
	CutOff      string // the latest published or claimed date among those claims
}

// GradeOrder returns the grades in the order link applies its rules.
func GradeOrder() []string {
	return []string{harmlog.GradeDiscounted, harmlog.GradeConfirmed, harmlog.GradeContested, harmlog.GradeFair, harmlog.GradeWeak}
}

// GradeRules states, in short, the grade rules of the link package (see its
// documentation), for readers of an infographic or report.
const GradeRules = "Grades (the first rule that applies): discounted: set aside by an analyst, with a reason; " +
	"confirmed: a source aligned with the accused party acknowledges the event, in a claim a person has checked; " +
	"contested: the claims name different parties, or the accused party denies; " +
	"fair: two or more independent sources; weak: a single source."

// FigureRules says how the figures are made.
const FigureRules = "Every figure is a claim by a named source. An incident's range runs from the lowest to the highest " +
	"figure its sources give (each source's latest); a bar is dark up to the sum of the lows and pale up to the sum of the highs. " +
	"An incident counts under every party alleged and every place named, so rows may add up to more than the total."

// maxDays caps the timeline (ten years).
const maxDays = 3660

// Summarize selects the civilian incidents opts asks for and counts them.
// Incidents must carry their member claims (store.IncidentsWithClaims) for
// the sources, documents and cut-off to be counted. It returns an error for
// a malformed date or an unknown By.
func Summarize(incidents []harmlog.Incident, opts Options) (*Summary, error) {
	if opts.By != ByBoth && opts.By != ByParty && opts.By != ByPlace {
		return nil, fmt.Errorf("infographic: by %q: want party or place (or nothing for both)", opts.By)
	}
	for _, d := range []struct{ name, v string }{{"from", opts.From}, {"to", opts.To}} {
		if _, err := time.Parse(time.DateOnly, d.v); d.v != "" && err != nil {
			return nil, fmt.Errorf("infographic: %s: want a date YYYY-MM-DD, got %q", d.name, d.v)
		}
	}
	if opts.From != "" && opts.To != "" && opts.From > opts.To {
		return nil, fmt.Errorf("infographic: from %s is after to %s", opts.From, opts.To)
	}
	topt := tally.Options{From: opts.From, To: opts.To, Country: opts.Country, Victims: harmlog.VictimsCivilian}
	s := &Summary{Options: opts}
	var contested []harmlog.Incident
	for i := range incidents {
		if tally.Match(&incidents[i], topt) {
			s.Incidents = append(s.Incidents, redacted(incidents[i]))
		}
	}
	slices.SortStableFunc(s.Incidents, func(a, b harmlog.Incident) int {
		return cmp.Or(cmp.Compare(a.DateFrom, b.DateFrom), cmp.Compare(a.ID, b.ID))
	})
	grades := map[string]int{}
	points := map[pointKey]int{} // index in s.Points
	sources, docs := map[string]bool{}, map[int64]bool{}
	for _, in := range s.Incidents {
		if in.Contested {
			contested = append(contested, in)
		}
		grades[in.Grade]++
		if in.DateFrom != "" {
			if s.First == "" {
				s.First = in.DateFrom
			}
			s.Last = in.DateFrom
		}
		if p, ok := locate(in); ok {
			k := pointKey{math.Round(p.Lon * 100), math.Round(p.Lat * 100), p.Grade, p.Contested}
			if i, seen := points[k]; seen {
				s.Points[i].Incidents++
				s.Points[i].KilledHigh += p.KilledHigh
			} else {
				points[k] = len(s.Points)
				s.Points = append(s.Points, p)
			}
		}
		for _, m := range in.Members {
			c := m.Claim
			if c == nil || c.Status == harmlog.StatusRejected {
				continue
			}
			sources[link.SourceKey(*c)] = true
			if c.DocumentID != 0 {
				docs[c.DocumentID] = true
			}
			s.CutOff = max(s.CutOff, c.Published)
			if c.Date != nil {
				s.CutOff = max(s.CutOff, c.Date.From, c.Date.To)
			}
		}
	}
	s.Contested = len(contested)
	s.Sources, s.Documents = len(sources), len(docs)
	for _, g := range GradeOrder() {
		if grades[g] > 0 {
			s.Grades = append(s.Grades, GradeCount{g, grades[g]})
		}
	}
	var err error
	if s.ByParty, s.Total, err = breakdown(s.Incidents, contested, tally.ByParty, partyLabel); err != nil {
		return nil, err
	}
	if s.ByPlace, _, err = breakdown(s.Incidents, contested, tally.ByPlace, placeLabel); err != nil {
		return nil, err
	}
	if s.Days, err = days(s.Incidents, cmp.Or(opts.From, s.First), cmp.Or(opts.To, s.Last)); err != nil {
		return nil, err
	}
	return s, nil
}

// breakdown tallies the selected incidents by party or place, counts the
// contested ones per group the same way, and orders the rows by their
// highest figures.
func breakdown(incs, contested []harmlog.Incident, by string, label func(string) string) ([]Row, tally.Group, error) {
	res, err := tally.Compute(incs, nil, tally.Options{By: by})
	if err != nil {
		return nil, tally.Group{}, err
	}
	con, err := tally.Compute(contested, nil, tally.Options{By: by})
	if err != nil {
		return nil, tally.Group{}, err
	}
	nc := map[string]int{}
	for _, g := range con.Groups {
		nc[g.Group] = g.Incidents
	}
	rows := make([]Row, len(res.Groups))
	for i, g := range res.Groups {
		rows[i] = Row{Group: g, Label: label(g.Group), Contested: nc[g.Group]}
	}
	slices.SortStableFunc(rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(b.KilledHigh, a.KilledHigh), cmp.Compare(b.InjuredHigh, a.InjuredHigh),
			cmp.Compare(b.Incidents, a.Incidents), cmp.Compare(a.Group.Group, b.Group.Group))
	})
	return rows, res.Total, nil
}

func partyLabel(g string) string {
	if g == "(none alleged)" {
		return "no party alleged"
	}
	return g
}

// placeLabel turns tally's place group ("garayusifli (geonames:123)",
// folded) into a name to read: the id dropped, words capitalised.
func placeLabel(g string) string {
	if i := strings.LastIndex(g, " ("); i > 0 && strings.HasSuffix(g, ")") {
		g = g[:i]
	}
	if g == "(no place)" {
		return "no place named"
	}
	words := strings.Fields(g)
	for i, w := range words {
		r := []rune(w)
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// pointKey groups incidents into one circle.
type pointKey struct {
	lon, lat  float64
	grade     string
	contested bool
}

// locate places an incident at its first place with coordinates.
func locate(in harmlog.Incident) (Point, bool) {
	for _, p := range in.Places {
		if p.Lat != nil && p.Lon != nil && *p.Lat >= -90 && *p.Lat <= 90 && *p.Lon >= -180 && *p.Lon <= 180 {
			return Point{ID: in.ID, Lon: *p.Lon, Lat: *p.Lat, Incidents: 1, KilledHigh: in.Killed.High(), Grade: in.Grade, Contested: in.Contested}, true
		}
	}
	return Point{}, false
}

// days counts incidents and killed per day from first to last (at most
// maxDays days), days without incidents included.
func days(incs []harmlog.Incident, first, last string) ([]Day, error) {
	if first == "" || last == "" {
		return nil, nil
	}
	t0, err := time.Parse(time.DateOnly, first)
	if err != nil {
		return nil, fmt.Errorf("infographic: from: want a date YYYY-MM-DD, got %q", first)
	}
	t1, err := time.Parse(time.DateOnly, last)
	if err != nil {
		return nil, fmt.Errorf("infographic: to: want a date YYYY-MM-DD, got %q", last)
	}
	res, err := tally.Compute(incs, nil, tally.Options{By: tally.ByDay})
	if err != nil {
		return nil, err
	}
	by := map[string]tally.Group{}
	for _, g := range res.Groups {
		by[g.Group] = g
	}
	var out []Day
	for t := t0; !t.After(t1) && len(out) < maxDays; t = t.AddDate(0, 0, 1) {
		d := t.Format(time.DateOnly)
		g := by[d]
		out = append(out, Day{Date: d, Incidents: g.Incidents, KilledLow: g.KilledLow, KilledHigh: g.KilledHigh})
	}
	return out, nil
}

// redacted copies an incident with copies of its claims, the sensitive
// fields removed (harmlog.Redact), leaving the caller's records alone.
func redacted(in harmlog.Incident) harmlog.Incident {
	in.Members = slices.Clone(in.Members)
	for i, m := range in.Members {
		if m.Claim != nil {
			c := *m.Claim
			harmlog.Redact(&c)
			in.Members[i].Claim = &c
		}
	}
	return in
}

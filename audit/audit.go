// Package audit sets what a statement (an appeal, an article, a report)
// mentions beside what harmlog has recorded: for each alleged perpetrator
// party, the incidents recorded in the statement's scope, those the
// statement mentions, those it leaves out, and how each party's share of
// the statement's mentions compares with its share of the recorded harm.
//
// The audit counts and compares; it draws no conclusion about the statement
// or its author. The same rules apply to every party.
//
// # Mentions
//
// The statement's claims are extracted as usual (Extractor). A mention is
// a place one of those claims names, with:
//
//   - the party the claim alleges as perpetrator, else the one party named
//     as actor (or with no role) in the claim's sentence, else none;
//   - the claim's date and every date the claim's sentences give (a date
//     spanning more than two months, such as a bare year, is too vague and
//     left out);
//   - the claim's weapons.
//
// Places the text names outside any claim are listed but not counted.
//
// # Scope
//
// The period is --from/--to when given, else the dates the text mentions
// (claims' dates and date expressions, vague ones left out): from the
// earliest to the latest, never after the statement's publication date,
// which closes the period when the text gives no later date (the
// publication day itself, a dateline or "today", does not open it: it is
// when the statement speaks, not since when). The region is
// --country when given, else the countries of the places the claims name.
// Incidents count when their dates overlap the period (undated ones only
// when the period is open on both sides), one of their places (or the
// incident itself) lies in the region, and their grade is among the chosen
// ones (DefaultGrades: confirmed, fair, contested).
//
// # Matching
//
// A mention matches a recorded incident in scope when
//
//   - place: one of the incident's places is the same gazetteer place (ids
//     compared, other-side toponyms included: an incident's place without
//     an id, its other-side name and the area after a comma are resolved
//     through the gazetteer), or lies within Options.RadiusKm (3 km) of it;
//     names are never compared as strings;
//   - party: the mention names no party, the incident alleges no
//     perpetrator, or the mention's party is among the incident's alleged
//     perpetrators;
//   - date: the mention gives no usable date, or one of its dates overlaps
//     the incident's dates widened by one day on each side.
//
// Weapons never exclude a match (statements name weapons loosely,
// "bombed", "shelled"); each match says whether they agree.
//
// # The measure
//
// For each party p (an incident alleging two parties counts for each):
// M(p) the recorded incidents in scope the statement mentions, R(p) those
// recorded, C(p) their civilian casualties (killed + injured, on the low
// and on the high bounds). Shares: m(p) = M(p)/ΣM, r(p) = R(p)/ΣR, c(p) =
// C(p)/ΣC. Index(p) = m(p)/r(p) (1: the statement mentions p's incidents in
// the proportion the record holds them). Over all parties the gap
// G = ½·Σ|m(p) − r(p)| (and the same with c in place of r) runs from 0 (the
// same distribution) to 1 (no overlap). Shares are undefined (null) when
// their denominator is 0.
package audit

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/extract/when"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/party"
)

// DefaultGrades returns the grades counted when Options.Grades is empty:
// single-source (weak) and discounted incidents are left out.
func DefaultGrades() []string {
	return []string{harmlog.GradeConfirmed, harmlog.GradeFair, harmlog.GradeContested}
}

// DefaultRadiusKm is how close two resolved places must be to be one.
const DefaultRadiusKm = 3.0

// vagueDays: a date expression spanning more days than this is too vague to
// place a statement in time or to match an incident.
const vagueDays = 62

// NoParty is the group of incidents that allege no perpetrator.
const NoParty = "(none alleged)"

// Extractor finds the claims of harm in a text; *extract.Extractor
// implements it.
type Extractor interface {
	Extract(text, published string) extract.Result
}

// Places resolves a place phrase to a gazetteer place; the CLI's adapter of
// *gazetteer.Gazetteer implements it.
type Places interface {
	Resolve(name string, countries ...string) (harmlog.PlaceRef, bool)
}

// Parties finds the parties a text names; *party.Registry implements it.
type Parties interface {
	Find(text string) []party.Mention
}

// Config is what the audit reads the statement and the record with.
type Config struct {
	Extractor Extractor
	Places    Places  // nil: incidents' places are compared as stored
	Parties   Parties // nil: party.Default()
}

// Statement is the text audited.
type Statement struct {
	Name      string `json:"name"` // file name or label, shown in the report
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Published string `json:"published"` // YYYY-MM-DD or ""
	URL       string `json:"url"`
	// Text is the statement's text; reports quote it, JSON leaves it out.
	Text string `json:"-"`
}

// Options narrow the scope; zero fields mean "from the text" or defaults.
type Options struct {
	From, To  string   // YYYY-MM-DD, inclusive
	Countries []string // ISO codes (or admin area names) incidents must lie in
	Grades    []string // grades counted; DefaultGrades when empty
	RadiusKm  float64  // DefaultRadiusKm when 0
}

// Bounds is a [low, high] pair of summed figures.
type Bounds struct {
	Low  int `json:"low"`
	High int `json:"high"`
}

// Scope is the period, region and grades the audit counts.
type Scope struct {
	From          string   `json:"from"`           // "" when open
	To            string   `json:"to"`             // "" when open
	PeriodFrom    string   `json:"period_from"`    // "flags", "text" or "open"
	Countries     []string `json:"countries"`      // empty: any
	CountriesFrom string   `json:"countries_from"` // "flags", "text" or "any"
	Grades        []string `json:"grades"`
	Weak          bool     `json:"weak_included"`
	Incidents     int      `json:"incidents"` // recorded incidents in scope
}

// Mention is a place a claim of the statement names.
type Mention struct {
	Place     harmlog.PlaceRef    `json:"place"`
	Party     string              `json:"party"`      // "" when none is attributed
	PartyFrom string              `json:"party_from"` // "claim", "sentence" or ""
	Dates     []harmlog.DateRange `json:"dates"`
	Weapons   []string            `json:"weapons"`
	Claim     int                 `json:"claim"` // index in Report.Claims
	Scope     string              `json:"scope"` // the claim's scope: incident or cumulative
	Denied    bool                `json:"denied,omitempty"`
	Quote     string              `json:"quote"`
	Incidents []int64             `json:"incidents"` // recorded incidents it matches
}

// ClaimRef is one recorded claim shown as evidence for an incident.
type ClaimRef struct {
	ID          int64          `json:"claim_id"`
	Claimant    string         `json:"claimant"`
	Publisher   string         `json:"publisher"`
	Published   string         `json:"published"`
	URL         string         `json:"url"`
	Killed      *harmlog.Range `json:"killed"`
	Injured     *harmlog.Range `json:"injured"`
	Perpetrator string         `json:"perpetrator"`
	Denied      bool           `json:"denied,omitempty"`
	Status      string         `json:"status"`
}

// IncidentRef is a recorded incident as the report shows it.
type IncidentRef struct {
	ID           int64          `json:"id"`
	Key          string         `json:"key"`
	DateFrom     string         `json:"date_from"`
	DateTo       string         `json:"date_to"`
	Places       []string       `json:"places"`
	Killed       *harmlog.Range `json:"killed"`
	Injured      *harmlog.Range `json:"injured"`
	Perpetrators []string       `json:"perpetrators"`
	Weapons      []string       `json:"weapons"`
	Grade        string         `json:"grade"`
	Sources      int            `json:"sources"`
	// MatchedBy says, for a mentioned incident, which mentions match it and how.
	MatchedBy []string `json:"matched_by,omitempty"`
	// Claims are the best-sourced claims (omitted incidents): a URL first,
	// then claims a person stands behind, then the earliest published.
	Claims []ClaimRef `json:"claims,omitempty"`
	// URLs are every distinct evidence URL of the incident's claims.
	URLs []string `json:"urls,omitempty"`
}

// Figures sums incidents' figures.
type Figures struct {
	Incidents      int    `json:"incidents"`
	Killed         Bounds `json:"killed"`
	Injured        Bounds `json:"injured"`
	KilledUnknown  int    `json:"killed_unknown"`
	InjuredUnknown int    `json:"injured_unknown"`
}

// Casualties is killed + injured.
func (f Figures) Casualties() Bounds {
	return Bounds{f.Killed.Low + f.Injured.Low, f.Killed.High + f.Injured.High}
}

// Shares are one party's shares (fractions in [0, 1]); nil when undefined.
type Shares struct {
	Mentions           *float64 `json:"mentions"`            // m(p)
	RecordedIncidents  *float64 `json:"recorded_incidents"`  // r(p)
	RecordedCasualties *Share   `json:"recorded_casualties"` // c(p), low and high
	Index              *float64 `json:"index"`               // m(p)/r(p)
	Coverage           *float64 `json:"coverage"`            // M(p)/R(p)
}

// Share is a share on the low and on the high bounds.
type Share struct {
	Low  *float64 `json:"low"`
	High *float64 `json:"high"`
}

// PartyReport is one alleged perpetrator party's part of the report.
type PartyReport struct {
	Party string `json:"party"`
	// Attributed counts the statement's mentions that attribute harm to
	// this party, matched or not.
	Attributed int     `json:"attributed_mentions"`
	Recorded   Figures `json:"recorded"`
	Mentioned  struct {
		Figures
		List []IncidentRef `json:"list"`
	} `json:"mentioned"`
	Omitted []IncidentRef `json:"omitted"`
	Shares  Shares        `json:"shares"`
}

// Measure is the statement-wide comparison of shares.
type Measure struct {
	Formula string `json:"formula"`
	// Mentioned and Recorded are ΣM and ΣR (an incident alleging two
	// parties counts for each).
	Mentioned int `json:"mentioned"`
	Recorded  int `json:"recorded"`
	// GapIncidents is ½·Σ|m(p) − r(p)|; GapCasualties the same against
	// c(p) on the low and high bounds.
	GapIncidents  *float64 `json:"gap_incidents"`
	GapCasualties Share    `json:"gap_casualties"`
}

// Report is the audit of one statement.
type Report struct {
	Statement   Statement       `json:"statement"`
	Claims      []harmlog.Claim `json:"claims"`
	Mentions    []Mention       `json:"mentions"`
	OtherPlaces []string        `json:"other_places"` // named outside any claim
	Scope       Scope           `json:"scope"`
	Parties     []PartyReport   `json:"parties"`
	Measure     Measure         `json:"measure"`
	// Unmatched are the mentions no recorded incident in scope matches.
	Unmatched []Mention `json:"unmatched"`
}

// Formula is the measure as the report prints it.
const Formula = "m(p) = M(p)/ΣM, r(p) = R(p)/ΣR, c(p) = C(p)/ΣC; index(p) = m(p)/r(p); gap = ½·Σ|m(p) − r(p)| (0: same distribution, 1: none shared)"

// Audit reads the statement, works out its scope, matches its mentions
// against the recorded incidents and returns the report. It errors on a
// malformed date or a missing extractor.
func Audit(st Statement, incidents []harmlog.Incident, cfg Config, opt Options) (*Report, error) {
	if cfg.Extractor == nil {
		return nil, fmt.Errorf("audit: no extractor")
	}
	for _, d := range []struct{ name, v string }{{"from", opt.From}, {"to", opt.To}, {"published", st.Published}} {
		if d.v != "" {
			if _, err := time.Parse(time.DateOnly, d.v); err != nil {
				return nil, fmt.Errorf("audit: %s: want a date YYYY-MM-DD, got %q", d.name, d.v)
			}
		}
	}
	if cfg.Parties == nil {
		cfg.Parties = party.Default()
	}
	if opt.RadiusKm <= 0 {
		opt.RadiusKm = DefaultRadiusKm
	}
	res := cfg.Extractor.Extract(st.Text, st.Published)
	r := &Report{Statement: st, Claims: res.Claims}
	if r.Claims == nil {
		r.Claims = []harmlog.Claim{}
	}
	r.Mentions = mentions(st, res, cfg.Parties)
	r.OtherPlaces = otherPlaces(res)
	r.Scope = scope(st, res, r.Mentions, opt)
	m := matcher{places: cfg.Places, radius: opt.RadiusKm, resolved: map[string]harmlog.PlaceRef{}}
	var in []*harmlog.Incident
	for i := range incidents {
		if inScope(&incidents[i], &r.Scope) {
			in = append(in, &incidents[i])
		}
	}
	r.Scope.Incidents = len(in)
	// Match every mention against every incident in scope.
	why := map[int64][]string{}
	for mi := range r.Mentions {
		mn := &r.Mentions[mi]
		for _, inc := range in {
			if how, ok := m.match(mn, inc); ok {
				mn.Incidents = append(mn.Incidents, inc.ID)
				why[inc.ID] = append(why[inc.ID], how)
			}
		}
		if len(mn.Incidents) == 0 {
			r.Unmatched = append(r.Unmatched, *mn)
		}
	}
	r.Parties = parties(in, r.Mentions, why)
	r.Measure = measure(r.Parties)
	return r, nil
}

// sentences returns the [start, end) byte spans of text's sentences: split
// after ., ! or ? followed by white space or a quote, and at blank lines
// (CRLF line ends too: a browser sends a pasted statement with them).
func sentences(text string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		end := -1
		switch {
		case (c == '.' || c == '!' || c == '?') && (i+1 == len(text) || strings.IndexByte(" \t\r\n\"", text[i+1]) >= 0):
			end = i + 1
		case c == '\n' && (strings.HasPrefix(text[i+1:], "\n") || strings.HasPrefix(text[i+1:], "\r\n")):
			end = i
		}
		if end > start {
			out = append(out, [2]int{start, end})
			start = end
		}
	}
	if start < len(text) {
		out = append(out, [2]int{start, len(text)})
	}
	return out
}

// around returns the span of the sentences that [start, end) overlaps.
func around(ss [][2]int, start, end int) (int, int) {
	lo, hi := start, end
	for _, s := range ss {
		if s[1] > start && s[0] < max(end, start+1) {
			lo, hi = min(lo, s[0]), max(hi, s[1])
		}
	}
	return lo, hi
}

// usable reports whether a date range is precise enough to match on.
func usable(d harmlog.DateRange) bool {
	if d.IsZero() {
		return false
	}
	if d.From == "" || d.To == "" {
		return true // "since 27 September", "until 8 October"
	}
	f, err1 := time.Parse(time.DateOnly, d.From)
	t, err2 := time.Parse(time.DateOnly, d.To)
	return err1 == nil && err2 == nil && t.Sub(f) <= vagueDays*24*time.Hour
}

// mentions turns the places of the statement's claims into mentions.
func mentions(st Statement, res extract.Result, ps Parties) []Mention {
	dateline, _ := time.Parse(time.DateOnly, st.Published)
	ss := sentences(st.Text)
	dates := when.Find(st.Text, dateline)
	var out []Mention
	for ci, c := range res.Claims {
		if len(c.Places) == 0 {
			continue
		}
		lo, hi := around(ss, c.Start, c.End)
		lo, hi = max(lo, 0), min(hi, len(st.Text))
		sentence := st.Text[lo:hi]
		who, from := c.Perpetrator, ""
		if who != "" {
			from = "claim"
		} else if p := soleActor(ps.Find(sentence)); p != "" {
			who, from = p, "sentence"
		}
		var ds []harmlog.DateRange
		if c.Date != nil && usable(*c.Date) {
			ds = append(ds, *c.Date)
		}
		for _, d := range dates {
			if d.Start >= lo && d.End <= hi && usable(d.Range) && !slices.Contains(ds, d.Range) {
				ds = append(ds, d.Range)
			}
		}
		seen := map[string]bool{}
		for _, p := range c.Places {
			k := p.ID
			if k == "" {
				k = "name:" + p.Name
			}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, Mention{
				Place: p, Party: who, PartyFrom: from, Dates: ds, Weapons: c.Weapons,
				Claim: ci, Scope: c.Scope, Denied: c.Denied, Quote: quote(st.Text, c.Start, c.End),
			})
		}
	}
	return out
}

// soleActor returns the one party named as actor in the mentions (or, when
// none is, with no role), else "".
func soleActor(ms []party.Mention) string {
	for _, role := range []string{party.RoleActor, party.RoleUnknown} {
		var names []string
		for _, m := range ms {
			if m.Role == role && !slices.Contains(names, m.Party) {
				names = append(names, m.Party)
			}
		}
		if len(names) == 1 {
			return names[0]
		}
		if len(names) > 1 {
			return ""
		}
	}
	return ""
}

// otherPlaces lists the places the text names that no claim names.
func otherPlaces(res extract.Result) []string {
	inClaims := map[string]bool{}
	for _, c := range res.Claims {
		for _, p := range c.Places {
			inClaims[p.Name] = true
			if p.ID != "" {
				inClaims[p.ID] = true
			}
		}
	}
	out := []string{}
	for _, p := range res.Places {
		if inClaims[p.Name] || (p.ID != "" && inClaims[p.ID]) || slices.Contains(out, p.Name) {
			continue
		}
		out = append(out, p.Name)
	}
	return out
}

// scope works out the period and region.
func scope(st Statement, res extract.Result, ms []Mention, opt Options) Scope {
	sc := Scope{From: opt.From, To: opt.To, Grades: opt.Grades}
	if len(sc.Grades) == 0 {
		sc.Grades = DefaultGrades()
	}
	sc.Weak = slices.Contains(sc.Grades, harmlog.GradeWeak)
	if opt.From != "" || opt.To != "" {
		sc.PeriodFrom = "flags"
	} else {
		dateline, _ := time.Parse(time.DateOnly, st.Published)
		var all []harmlog.DateRange
		for _, c := range res.Claims {
			if c.Date != nil {
				all = append(all, *c.Date)
			}
		}
		for _, d := range when.Find(st.Text, dateline) {
			all = append(all, d.Range)
		}
		for _, d := range all {
			if !usable(d) || (st.Published != "" && cmp.Or(d.From, d.To) > st.Published) {
				continue
			}
			if d.From != "" && d.From != st.Published && (sc.From == "" || d.From < sc.From) {
				sc.From = d.From
			}
			if d.To != "" && d.To > sc.To {
				sc.To = d.To
			}
		}
		if st.Published != "" && (sc.To == "" || sc.To > st.Published) {
			sc.To = st.Published
		}
		sc.PeriodFrom = "text"
		if sc.From == "" && sc.To == "" {
			sc.PeriodFrom = "open"
		}
	}
	switch {
	case len(opt.Countries) > 0:
		sc.Countries, sc.CountriesFrom = slices.Clone(opt.Countries), "flags"
	default:
		for _, m := range ms {
			if c := m.Place.Country; c != "" && !slices.Contains(sc.Countries, c) {
				sc.Countries = append(sc.Countries, c)
			}
		}
		slices.Sort(sc.Countries)
		sc.CountriesFrom = "text"
		if len(sc.Countries) == 0 {
			sc.CountriesFrom = "any"
		}
	}
	if sc.Countries == nil {
		sc.Countries = []string{}
	}
	return sc
}

// inScope applies the scope to an incident.
func inScope(in *harmlog.Incident, sc *Scope) bool {
	if !slices.Contains(sc.Grades, in.Grade) {
		return false
	}
	if sc.From != "" || sc.To != "" {
		from, to := cmp.Or(in.DateFrom, in.DateTo), cmp.Or(in.DateTo, in.DateFrom)
		if from == "" || (sc.From != "" && to < sc.From) || (sc.To != "" && from > sc.To) {
			return false
		}
	}
	if len(sc.Countries) == 0 {
		return true
	}
	for _, c := range sc.Countries {
		if strings.EqualFold(in.Country, c) {
			return true
		}
		for _, p := range in.Places {
			if strings.EqualFold(p.Country, c) || strings.EqualFold(p.Admin1, c) {
				return true
			}
		}
	}
	return false
}

// matcher compares mentions with incidents.
type matcher struct {
	places   Places
	radius   float64
	resolved map[string]harmlog.PlaceRef // phrase → place (empty ID: none), per audit
}

// resolve looks a phrase up once per audit.
func (m *matcher) resolve(name, country string) harmlog.PlaceRef {
	if m.places == nil || strings.TrimSpace(name) == "" {
		return harmlog.PlaceRef{}
	}
	k := country + "\x00" + name
	if p, ok := m.resolved[k]; ok {
		return p
	}
	var cs []string
	if country != "" {
		cs = []string{country}
	}
	p, _ := m.places.Resolve(name, cs...)
	m.resolved[k] = p
	return p
}

// candidates are the resolved places an incident place stands for: itself,
// its name and other-side name resolved, and the area after a comma.
func (m *matcher) candidates(p harmlog.PlaceRef) []struct {
	ref harmlog.PlaceRef
	how string
} {
	type cand = struct {
		ref harmlog.PlaceRef
		how string
	}
	var out []cand
	add := func(r harmlog.PlaceRef, how string) {
		if r.ID == "" && r.Lat == nil {
			return
		}
		for _, c := range out {
			if c.ref.ID != "" && c.ref.ID == r.ID {
				return
			}
		}
		out = append(out, cand{r, how})
	}
	add(p, "same place")
	names := parts(p.Name)
	if p.ID == "" || len(names) > 1 {
		for _, n := range names {
			add(m.resolve(n, p.Country), "same place")
		}
	}
	for _, n := range parts(p.Alt) {
		add(m.resolve(n, p.Country), "same place (other-side name)")
	}
	for _, n := range names {
		if i := strings.IndexByte(n, ','); i > 0 {
			add(m.resolve(strings.TrimSpace(n[i+1:]), p.Country), "in the area")
		}
	}
	return out
}

// parts splits a place phrase naming several places ("Stepanakert and
// Shusha", "Khankendi / Shushi", "Stepanakert; Shosh village").
func parts(name string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(name, func(r rune) bool { return r == '/' || r == ';' || r == '&' }) {
		for _, b := range strings.Split(a, " and ") {
			if b = strings.TrimSpace(b); b != "" {
				out = append(out, b)
			}
		}
	}
	return out
}

// match reports whether a mention matches an incident, and how.
func (m *matcher) match(mn *Mention, in *harmlog.Incident) (string, bool) {
	if mn.Party != "" && len(in.Perpetrators) > 0 && !slices.ContainsFunc(in.Perpetrators, func(p string) bool { return strings.EqualFold(p, mn.Party) }) {
		return "", false
	}
	if len(mn.Dates) > 0 && !slices.ContainsFunc(mn.Dates, func(d harmlog.DateRange) bool { return overlaps(d, in) }) {
		return "", false
	}
	mp := mn.Place
	if mp.ID == "" && mp.Lat == nil {
		mp = m.resolve(mp.Name, "")
		if mp.ID == "" && mp.Lat == nil {
			return "", false
		}
	}
	placeHow := ""
	for _, ip := range in.Places {
		for _, c := range m.candidates(ip) {
			switch {
			case mp.ID != "" && c.ref.ID == mp.ID:
				placeHow = c.how + " (" + mp.ID + ")"
			case mp.Lat != nil && mp.Lon != nil && c.ref.Lat != nil && c.ref.Lon != nil:
				if d := distance(mp, c.ref); d <= m.radius {
					placeHow = fmt.Sprintf("%.1f km apart", d)
				}
			}
			if placeHow != "" {
				break
			}
		}
		if placeHow != "" {
			break
		}
	}
	if placeHow == "" {
		return "", false
	}
	parts := []string{fmt.Sprintf("%q (claim %d): %s", mn.Place.Name, mn.Claim, placeHow)}
	if len(mn.Dates) > 0 {
		parts = append(parts, "date within a day")
	} else {
		parts = append(parts, "undated mention")
	}
	switch {
	case len(mn.Weapons) == 0 || len(in.Weapons) == 0:
	case slices.ContainsFunc(mn.Weapons, func(w string) bool { return slices.Contains(in.Weapons, w) }):
		parts = append(parts, "weapon agrees")
	default:
		parts = append(parts, "weapon differs")
	}
	if mn.Party == "" {
		parts = append(parts, "no party attributed")
	}
	return strings.Join(parts, ", "), true
}

// distance is the great-circle distance between two resolved places in km.
func distance(a, b harmlog.PlaceRef) float64 {
	return gazetteer.Distance(gazetteer.Place{Lat: *a.Lat, Lon: *a.Lon}, gazetteer.Place{Lat: *b.Lat, Lon: *b.Lon})
}

// overlaps reports whether a date range overlaps an incident's dates
// widened by a day on each side.
func overlaps(d harmlog.DateRange, in *harmlog.Incident) bool {
	from, to := cmp.Or(in.DateFrom, in.DateTo), cmp.Or(in.DateTo, in.DateFrom)
	if from == "" {
		return true
	}
	from, to = shift(from, -1), shift(to, 1)
	return (d.From == "" || d.From <= to) && (d.To == "" || d.To >= from)
}

func shift(day string, n int) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// parties builds each party's recorded, mentioned and omitted incidents.
func parties(in []*harmlog.Incident, ms []Mention, why map[int64][]string) []PartyReport {
	byName := map[string]*PartyReport{}
	get := func(name string) *PartyReport {
		if p := byName[name]; p != nil {
			return p
		}
		p := &PartyReport{Party: name, Omitted: []IncidentRef{}}
		p.Mentioned.List = []IncidentRef{}
		byName[name] = p
		return p
	}
	for _, inc := range in {
		names := inc.Perpetrators
		if len(names) == 0 {
			names = []string{NoParty}
		}
		for _, name := range names {
			p := get(name)
			add(&p.Recorded, inc)
			if w, ok := why[inc.ID]; ok {
				add(&p.Mentioned.Figures, inc)
				ref := refOf(inc)
				ref.MatchedBy = w
				p.Mentioned.List = append(p.Mentioned.List, ref)
			} else {
				ref := refOf(inc)
				ref.Claims = bestClaims(inc, 3)
				p.Omitted = append(p.Omitted, ref)
			}
		}
	}
	for _, m := range ms {
		if m.Party != "" {
			get(m.Party).Attributed++
		}
	}
	out := make([]PartyReport, 0, len(byName))
	for _, p := range byName {
		slices.SortStableFunc(p.Omitted, largestFirst)
		out = append(out, *p)
	}
	slices.SortFunc(out, func(a, b PartyReport) int {
		// (none alleged) last; the others by name.
		if (a.Party == NoParty) != (b.Party == NoParty) {
			if a.Party == NoParty {
				return 1
			}
			return -1
		}
		return strings.Compare(a.Party, b.Party)
	})
	return out
}

// add counts an incident in f.
func add(f *Figures, in *harmlog.Incident) {
	f.Incidents++
	if in.Killed == nil {
		f.KilledUnknown++
	} else {
		f.Killed.Low += in.Killed.Low()
		f.Killed.High += in.Killed.High()
	}
	if in.Injured == nil {
		f.InjuredUnknown++
	} else {
		f.Injured.Low += in.Injured.Low()
		f.Injured.High += in.Injured.High()
	}
}

// largestFirst orders incidents by killed (high, then low), injured, date, id.
func largestFirst(a, b IncidentRef) int {
	return cmp.Or(
		cmp.Compare(b.Killed.High(), a.Killed.High()),
		cmp.Compare(b.Killed.Low(), a.Killed.Low()),
		cmp.Compare(b.Injured.High(), a.Injured.High()),
		cmp.Compare(a.DateFrom, b.DateFrom),
		cmp.Compare(a.ID, b.ID),
	)
}

func refOf(in *harmlog.Incident) IncidentRef {
	r := IncidentRef{
		ID: in.ID, Key: in.Key, DateFrom: in.DateFrom, DateTo: in.DateTo,
		Killed: in.Killed, Injured: in.Injured, Perpetrators: in.Perpetrators, Weapons: in.Weapons,
		Grade: in.Grade, Sources: in.Sources, Places: []string{},
	}
	for _, p := range in.Places {
		n := p.Name
		if p.Alt != "" {
			n += " / " + p.Alt
		}
		r.Places = append(r.Places, n)
	}
	for _, m := range in.Members {
		if m.Claim != nil && m.Claim.URL != "" && !slices.Contains(r.URLs, m.Claim.URL) {
			r.URLs = append(r.URLs, m.Claim.URL)
		}
	}
	return r
}

// bestClaims picks up to n of an incident's claims: with a URL first, then
// those a person stands behind, then the earliest published, then by id.
func bestClaims(in *harmlog.Incident, n int) []ClaimRef {
	var cs []*harmlog.Claim
	for _, m := range in.Members {
		if m.Claim != nil && m.Claim.Status != harmlog.StatusRejected {
			cs = append(cs, m.Claim)
		}
	}
	human := func(c *harmlog.Claim) int {
		if c.Status == harmlog.StatusMachine || c.Status == "" {
			return 1
		}
		return 0
	}
	noURL := func(c *harmlog.Claim) int {
		if c.URL == "" {
			return 1
		}
		return 0
	}
	slices.SortStableFunc(cs, func(a, b *harmlog.Claim) int {
		return cmp.Or(cmp.Compare(noURL(a), noURL(b)), cmp.Compare(human(a), human(b)),
			cmp.Compare(cmp.Or(a.Published, "9999"), cmp.Or(b.Published, "9999")), cmp.Compare(a.ID, b.ID))
	})
	var out []ClaimRef
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, ClaimRef{
			ID: c.ID, Claimant: c.Claimant, Publisher: c.Publisher, Published: c.Published, URL: c.URL,
			Killed: c.Killed, Injured: c.Injured, Perpetrator: c.Perpetrator, Denied: c.Denied, Status: c.Status,
		})
	}
	return out
}

// ratio is a/b, nil when b is 0.
func ratio(a, b int) *float64 {
	if b == 0 {
		return nil
	}
	return round(float64(a) / float64(b))
}

// measure computes the shares, indexes and gaps.
func measure(ps []PartyReport) Measure {
	m := Measure{Formula: Formula}
	var cas Bounds
	for _, p := range ps {
		m.Mentioned += p.Mentioned.Incidents
		m.Recorded += p.Recorded.Incidents
		c := p.Recorded.Casualties()
		cas.Low += c.Low
		cas.High += c.High
	}
	raw := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	var gi, gl, gh float64
	for i := range ps {
		p := &ps[i]
		s := &p.Shares
		c := p.Recorded.Casualties()
		s.Mentions = ratio(p.Mentioned.Incidents, m.Mentioned)
		s.RecordedIncidents = ratio(p.Recorded.Incidents, m.Recorded)
		s.RecordedCasualties = &Share{Low: ratio(c.Low, cas.Low), High: ratio(c.High, cas.High)}
		s.Coverage = ratio(p.Mentioned.Incidents, p.Recorded.Incidents)
		if m.Mentioned > 0 && p.Recorded.Incidents > 0 {
			s.Index = round(raw(p.Mentioned.Incidents, m.Mentioned) / raw(p.Recorded.Incidents, m.Recorded))
		}
		mp := raw(p.Mentioned.Incidents, m.Mentioned)
		gi += math.Abs(mp - raw(p.Recorded.Incidents, m.Recorded))
		gl += math.Abs(mp - raw(c.Low, cas.Low))
		gh += math.Abs(mp - raw(c.High, cas.High))
	}
	if m.Mentioned > 0 && m.Recorded > 0 {
		m.GapIncidents = round(gi / 2)
	}
	if m.Mentioned > 0 && cas.Low > 0 {
		m.GapCasualties.Low = round(gl / 2)
	}
	if m.Mentioned > 0 && cas.High > 0 {
		m.GapCasualties.High = round(gh / 2)
	}
	return m
}

// round keeps four decimals so that reports are stable across platforms.
func round(v float64) *float64 {
	r := math.Round(v*10000) / 10000
	return &r
}

// quote returns text[start:end] on one line, shortened in the middle.
func quote(text string, start, end int) string {
	if start < 0 || end > len(text) || start >= end {
		return ""
	}
	q := strings.Join(strings.Fields(text[start:end]), " ")
	if r := []rune(q); len(r) > 200 {
		q = string(r[:140]) + " … " + string(r[len(r)-50:])
	}
	return q
}

package extract

import (
	"runtime"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract/weapons"
	"github.com/harmlog/harmlog/extract/who"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/party"
)

func defaultWorkers() int { return runtime.GOMAXPROCS(0) }

// docContext holds what a document says besides its figures: places,
// parties, weapons, dates and who speaks, each with its byte span.
type docContext struct {
	places    []harmlog.PlaceRef
	parties   []party.Mention
	weapons   []weapons.Mention
	dates     []dateMention
	civilians bool   // the document speaks of civilians
	country   string // the country most of the document's places lie in
	said      []who.Span
	denials   []who.Span
	lazy      bool // dates and attributions are read
}

// ensure reads the dates and attributions, which only claims need.
func (r *run) ensure(c *docContext) {
	if c.lazy {
		return
	}
	c.lazy = true
	c.dates = findDates(r.text, r.published)
	// extract/who reads quotes and denials thoroughly but not cheaply; a
	// text with no quotation mark and no word of denial is left to the
	// sentence rules of speaker.
	quotes, deny := false, false
	for i := range r.toks {
		switch r.toks[i].w {
		case "\"", "\u201c", "\u201d", "\u00ab", "\u00bb", "citing", "cited", "quoted":
			quotes = true
		case "denied", "denies", "deny", "denying", "rejected", "rejects", "refuted", "refutes", "dismissed",
			"false", "fake", "untrue", "baseless", "groundless", "lies", "disinformation", "not":
			deny = true
		}
	}
	if quotes {
		c.said = who.Attribute(r.text)
	}
	if deny {
		c.denials = who.Denials(r.text)
	}
}

// attribution returns who makes the claim in [s, e), and who denies it.
func (r *run) attribution(c *docContext, si, s, e int) (claimant string, denied bool, deniedBy string) {
	r.ensure(c)
	if sp, ok := who.At(c.said, s, e); ok && sp.Claimant != "" {
		claimant = sp.Claimant
	} else {
		claimant = r.claimant(si)
	}
	for _, d := range c.denials {
		if d.Start < e && s < d.End {
			return claimant, true, d.Claimant
		}
	}
	return claimant, false, ""
}

// context gathers the document's places, parties, weapons and dates.
func (r *run) context() *docContext {
	c := &docContext{places: []harmlog.PlaceRef{}}
	if r.opts.Parties != nil {
		c.parties = r.opts.Parties.Find(r.text)
	}
	if r.opts.Places != nil {
		ms := r.opts.Places.Scan(r.text)
		// A party's name is no place unless the words make it one: "Armenia
		// denied", "Armenian forces" against "in Armenia".
		keep := ms[:0]
		for _, m := range ms {
			named := false
			for _, p := range c.parties {
				if p.Start < m.End && m.Start < p.End && p.Role != party.RolePlace {
					named = true
					break
				}
			}
			if !named {
				keep = append(keep, m)
			}
		}
		c.places, c.country = resolvePlaces(keep)
	}
	c.weapons = weapons.Find(r.text)
	for i := range r.toks {
		if w := r.toks[i].w; w == "civilian" || w == "civilians" {
			c.civilians = true
			break
		}
	}
	return c
}

// countryBonus is added to a candidate's score per unit of its country's
// share of the document's place evidence.
const countryBonus = 1.0

// resolvePlaces picks one candidate per mention, preferring the country
// most of the document's other names point to, and returns the mentions as
// place references with their spans.
func resolvePlaces(ms []gazetteer.Mention) ([]harmlog.PlaceRef, string) {
	out := make([]harmlog.PlaceRef, 0, len(ms))
	if len(ms) == 0 {
		return out, ""
	}
	// Each mention votes for the countries its candidates lie in, weighted
	// by how sure it is; a name with one candidate votes hardest.
	votes := map[string]float64{}
	total := 0.0
	for _, m := range ms {
		seen := map[string]bool{}
		for _, cd := range m.Candidates {
			if seen[cd.Country] || cd.Country == "" {
				continue
			}
			seen[cd.Country] = true
			w := 1 / float64(len(m.Candidates))
			votes[cd.Country] += w
			total += w
		}
	}
	for _, m := range ms {
		ref := harmlog.PlaceRef{Name: m.Text}
		best, bestScore := -1, 0.0
		for k, cd := range m.Candidates {
			s := cd.Score
			if total > 0 {
				s += countryBonus * votes[cd.Country] / total
			}
			if best < 0 || s > bestScore {
				best, bestScore = k, s
			}
		}
		if best >= 0 {
			ref = m.Candidates[best].Place.Ref()
			ref.Name = m.Text
		}
		ref.Start, ref.End = m.Start, m.End
		out = append(out, ref)
	}
	// The country of most chosen places, if it holds a majority.
	count := map[string]int{}
	country, most := "", 0
	for _, p := range out {
		if p.Country == "" {
			continue
		}
		count[p.Country]++
		if count[p.Country] > most {
			country, most = p.Country, count[p.Country]
		}
	}
	if most*2 <= len(out) {
		country = ""
	}
	return out, country
}

// span is a byte range of the text.
type span struct{ s, e int }

func (a span) has(s, e int) bool { return s >= a.s && e <= a.e }

// placesIn returns the places mentioned inside sp, each once.
func (c *docContext) placesIn(sp span) []harmlog.PlaceRef {
	out := []harmlog.PlaceRef{}
	for _, p := range c.places {
		if !sp.has(p.Start, p.End) {
			continue
		}
		dup := false
		for _, q := range out {
			if q.Name == p.Name && q.ID == p.ID {
				dup = true
			}
		}
		if c.country != "" && p.Country != "" && p.Country != c.country {
			continue // "the Geneva Conventions" in a text about Azerbaijan
		}
		if !dup {
			q := p
			q.Start, q.End = 0, 0
			out = append(out, q)
		}
	}
	return out
}

// weaponsIn returns the normalised weapons and their words inside sp.
func (c *docContext) weaponsIn(sp span) (norms, words []string) {
	norms = []string{}
	for _, m := range c.weapons {
		if !sp.has(m.Start, m.End) {
			continue
		}
		dup := false
		for _, n := range norms {
			if n == m.Norm {
				dup = true
			}
		}
		if !dup {
			norms = append(norms, m.Norm)
		}
		words = append(words, m.Words)
	}
	return norms, words
}

// perpetratorIn returns the party that acts in sp: a mention with the
// actor role, else one whose role is unknown.
func (c *docContext) perpetratorIn(sp span) (name, words string) {
	var fallback *party.Mention
	for i := range c.parties {
		m := &c.parties[i]
		if !sp.has(m.Start, m.End) {
			continue
		}
		if m.Role == party.RoleActor {
			return m.Party, m.Words
		}
		if m.Role == party.RoleUnknown && fallback == nil {
			fallback = m
		}
	}
	if fallback != nil {
		return fallback.Party, fallback.Words
	}
	return "", ""
}

// dateIn returns the first date mentioned inside sp.
func (r *run) dateIn(c *docContext, sp span) (harmlog.DateRange, bool) {
	r.ensure(c)
	for _, d := range c.dates {
		if sp.has(d.Start, d.End) && !d.Range.IsZero() {
			return d.Range, true
		}
	}
	return harmlog.DateRange{}, false
}

// datelineString is the dateline as YYYY-MM-DD, or "".
func (r *run) datelineString() string {
	if r.published.IsZero() {
		return ""
	}
	return r.published.Format(time.DateOnly)
}

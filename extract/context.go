package extract

import (
	"math"
	"runtime"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract/weapons"
	"github.com/harmlog/harmlog/extract/when"
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
	dates     []spanDate // dates read so far, by the span they were looked for in
	civilians bool       // the document speaks of civilians
	country   string     // the country most of the document's places lie in
	said      []who.Span
	denials   []who.Span
	lazy      bool // attributions are read
}

// ensure reads the attributions, which only claims need.
func (r *run) ensure(c *docContext) {
	if c.lazy {
		return
	}
	c.lazy = true
	// extract/who reads quotes and denials thoroughly but not cheaply; a
	// text with no quotation mark and no word of denial is left to the
	// sentence rules of speaker.
	quotes, deny := r.quoted || r.seen&fQuote != 0, r.seen&fDeny != 0
	text := r.text
	if quotes || deny {
		text = paragraphStops(text)
	}
	if quotes {
		c.said = who.Attribute(text)
	}
	if deny {
		c.denials = who.Denials(text)
	}
}

// paragraphStops returns text with a full stop put in place of the first
// blank after a paragraph that ends without one, so that a blank line ends
// a sentence for extract/who too: the headline "Baku reports twelve dead"
// is nobody's claimant. Byte offsets stay the same.
func paragraphStops(text string) string {
	var b []byte
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		// Is the line after it blank?
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j >= len(text) || text[j] != '\n' {
			continue
		}
		// The last printing byte before the break.
		k := i - 1
		for k >= 0 && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
			k--
		}
		if k < 0 || text[k] == '\n' {
			continue
		}
		switch text[k] {
		case '.', '!', '?', ':', ';', '"', '\'':
			continue
		}
		if b == nil {
			b = []byte(text)
		}
		b[k+1] = '.'
	}
	if b == nil {
		return text
	}
	return string(b)
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
	c.weapons = weapons.Find(r.text)
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
			if !named && !r.notPlace(m.Start, m.End, c) {
				keep = append(keep, m)
			}
		}
		c.places, c.country = resolvePlaces(keep)
		if rs, ok := r.opts.Places.(Resolver); ok {
			c.places = r.locatives(rs, c.places, topCountry(c.places), c)
			keep := c.places[:0]
			for _, p := range c.places {
				if !r.notPlace(p.Start, p.End, c) {
					keep = append(keep, p)
				}
			}
			c.places = keep
		}
	}
	for i := range r.toks {
		if w := r.toks[i].w; w == "civilian" || w == "civilians" {
			c.civilians = true
			break
		}
	}
	return c
}

// ownVoteDiscount is the share of a mention's own country vote left out
// when its candidates are scored.
const ownVoteDiscount = 0.5

// vote is a mention's weight for one country.
type vote struct {
	country string
	w       float64
}

// mentionVotes returns how a mention votes for the countries of its
// candidates. A candidate's weight falls off fast with its score below the
// best's ("Delhi" votes for India, not for its namesakes), and a name that
// is only some hamlet's is weak evidence ("College", "Road").
func mentionVotes(m gazetteer.Mention) []vote {
	top := 0.0
	for _, cd := range m.Candidates {
		top = max(top, cd.Score)
	}
	sum := 0.0
	for _, cd := range m.Candidates {
		sum += math.Exp((cd.Score - top) / voteTemperature)
	}
	out := make([]vote, 0, len(m.Candidates))
	for _, cd := range m.Candidates {
		if cd.Country != "" {
			out = append(out, vote{cd.Country, math.Exp((cd.Score-top)/voteTemperature) / sum * popWeight(cd.Population)})
		}
	}
	return out
}

// popBonus favours the more populous of namesakes: Delhi in India over
// Delhi, New York.
const popBonus = 0.1

// popWeight maps a population to [0, 1] on a log scale: 1 at ten million.
func popWeight(pop int) float64 {
	return min(1, math.Log10(float64(pop)+10)/7)
}

// voteTemperature sets how fast a candidate's vote for its country falls
// off with its score below the best candidate of the same name.
const voteTemperature = 0.1

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
		for _, v := range mentionVotes(m) {
			votes[v.country] += v.w
			total += v.w
		}
	}
	// A name with one candidate anchors the others: of several places
	// called Kaliganj, the one near the text's other places wins.
	var anchors []gazetteer.Place
	for _, m := range ms {
		if len(m.Candidates) == 1 {
			anchors = append(anchors, m.Candidates[0].Place)
		}
	}
	for _, m := range ms {
		ref := harmlog.PlaceRef{Name: m.Text}
		best, bestScore := -1, 0.0
		// A name's vote for its own reading counts half: the others have
		// the larger say.
		own := mentionVotes(m)
		ownTotal := 0.0
		for i := range own {
			own[i].w *= ownVoteDiscount
			ownTotal += own[i].w
		}
		for k, cd := range m.Candidates {
			s := cd.Score + popBonus*popWeight(cd.Population)
			if rest := total - ownTotal; rest > 1e-9 {
				v := votes[cd.Country]
				for _, o := range own {
					if o.country == cd.Country {
						v -= o.w
					}
				}
				s += countryBonus * max(v, 0) / rest
			}
			if len(m.Candidates) > 1 {
				s += nearBonus(cd.Place, anchors)
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

// nearRadius is the distance in km within which an anchor place lends a
// candidate weight, falling off linearly.
const nearRadius = 60.0

// nearBonus scores a candidate by its nearest anchor: up to 0.5 for one at
// the same spot, nothing beyond nearRadius.
func nearBonus(p gazetteer.Place, anchors []gazetteer.Place) float64 {
	best := 0.0
	for _, a := range anchors {
		if a.ID == p.ID {
			continue
		}
		if d := gazetteer.Distance(p, a); d < nearRadius {
			best = max(best, 0.5*(1-d/nearRadius))
		}
	}
	return best
}

// topCountry returns the country most of places lie in, "" if none.
func topCountry(places []harmlog.PlaceRef) string {
	best, most := "", 0
	for i, p := range places {
		if p.Country == "" {
			continue
		}
		n := 0
		for _, q := range places[i:] {
			if q.Country == p.Country {
				n++
			}
		}
		if n > most {
			best, most = p.Country, n
		}
	}
	return best
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
	return c.perpetratorOutside(sp, span{})
}

// perpetratorOutside is perpetratorIn leaving out the mentions inside skip,
// the words that name who makes the claim: "Azerbaijan's Prosecutor
// General's Office said" names the claimant, not who did the harm.
func (c *docContext) perpetratorOutside(sp, skip span) (name, words string) {
	var fallback *party.Mention
	for i := range c.parties {
		m := &c.parties[i]
		if !sp.has(m.Start, m.End) || skip.e > skip.s && m.Start < skip.e && skip.s < m.End {
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

// spanDate is the first date found in a span, if any.
type spanDate struct {
	sp span
	d  harmlog.DateRange
	ok bool
}

// dateIn returns the first date mentioned inside sp. Only the spans of
// claims are read for dates, each once: most of a text needs none.
func (r *run) dateIn(c *docContext, sp span) (harmlog.DateRange, bool) {
	for _, d := range c.dates {
		if d.sp == sp {
			return d.d, d.ok
		}
	}
	sd := spanDate{sp: sp}
	if m, ok := when.First(r.text[sp.s:sp.e], r.published); ok {
		sd.d, sd.ok = m.Range, true
	}
	c.dates = append(c.dates, sd)
	return sd.d, sd.ok
}

// datelineString is the dateline as YYYY-MM-DD, or "".
func (r *run) datelineString() string {
	if r.published.IsZero() {
		return ""
	}
	return r.published.Format(time.DateOnly)
}

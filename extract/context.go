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
		// The countries the text names, by name or by party, put their own
		// namesakes among each name's candidates: Mirpur in Bangladesh is
		// smaller than five others.
		countries := r.countriesNamed()
		pv := r.partyVotes(c.parties, countries)
		var ms []gazetteer.Mention
		if cs, ok := r.opts.Places.(contextScanner); ok && len(pv) > 0 {
			ccs := make([]string, len(pv))
			for i, v := range pv {
				ccs[i] = v.country
			}
			ms = cs.ScanContext(r.text, ccs)
		} else {
			ms = r.opts.Places.Scan(r.text)
		}
		// A party's name is no place unless the words make it one: "Armenia
		// denied", "Armenian forces" against "in Armenia".
		keep := ms[:0]
		for _, m := range ms {
			named := false
			if cands, ok := countryPlace(m, countries); ok {
				// a country's name is no town abroad: "in Kenya", "Sri Lanka"
				if len(cands) == 0 {
					continue
				}
				m.Candidates = cands
			}
			for _, p := range c.parties {
				if p.Start < m.End && m.Start < p.End {
					cands, ok := r.partyPlace(m, p)
					named = !ok
					if ok && cands != nil {
						m.Candidates = cands
					}
					break
				}
			}
			if !named && !r.commonName(m.Start, m.End) && !r.nameWord(m) && !r.notPlace(m.Start, m.End, c) {
				keep = append(keep, m)
			}
		}
		c.places, c.country = resolvePlaces(keep, pv)
		if rs, ok := r.opts.Places.(Resolver); ok {
			country := topCountry(c.places)
			if country == "" && len(pv) == 1 {
				country = pv[0].country // the one country of the parties named
			}
			c.places = r.locatives(rs, c.places, country, c)
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

// partyPlace reports whether the place mention m, which the party mention
// p covers, still names a place, and with which candidates (nil: all of
// m's). Words that mark the party as acting or as the nationality of
// people or things ("Kiev forces", "Armenian") name no place. Otherwise
// the words must be exactly the party's alias, and a party with a country
// keeps only the candidates in it: "Kiev protest" is Ukraine's capital,
// while "Armenia denied" and "in India" are no towns in Colombia or
// Serbia. A party with no country is a place only where the words make it
// one ("in Armenia").
func (r *run) partyPlace(m gazetteer.Mention, p party.Mention) ([]gazetteer.Candidate, bool) {
	if p.Start != m.Start || p.End != m.End || p.Role == party.RoleActor || p.Role == party.RoleNationality {
		return nil, false
	}
	cc := r.partyCountry[p.Party]
	if cc == "" {
		return nil, p.Role == party.RolePlace
	}
	var out []gazetteer.Candidate
	for _, cd := range m.Candidates {
		if cd.Country == cc {
			out = append(out, cd)
		}
	}
	return out, len(out) > 0
}

// partyVote is the weight of a party's country in the choice among
// namesakes, per party named (a place that is sure of its country votes 1).
const partyVote = 0.5

// partyVotes returns the votes of the parties and countries a text names
// for their countries: "Pakistani troops", "the Taliban", "Nigeria's
// army", "in Bangladesh" say where the text's namesakes probably lie. Each
// country votes once.
func (r *run) partyVotes(ps []party.Mention, countries []countryMention) []vote {
	var out []vote
	add := func(cc string) {
		if cc == "" {
			return
		}
		for _, v := range out {
			if v.country == cc {
				return
			}
		}
		out = append(out, vote{cc, partyVote})
	}
	for _, p := range ps {
		add(r.partyCountry[p.Party])
	}
	for _, cm := range countries {
		add(cm.cc)
	}
	return out
}

// countryPlace reports whether the place mention m is the name of a
// country the text names, and if so its candidates in that country
// (none for most: "Kenya" is no town in France, while "Kuwait" and
// "Djibouti" are also their capitals).
func countryPlace(m gazetteer.Mention, countries []countryMention) ([]gazetteer.Candidate, bool) {
	for _, cm := range countries {
		if cm.s != m.Start || cm.e != m.End {
			continue
		}
		var out []gazetteer.Candidate
		for _, cd := range m.Candidates {
			if cd.Country == cm.cc {
				out = append(out, cd)
			}
		}
		return out, true
	}
	return nil, false
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
// own[i] says whether the mention is candidate i's own name.
func mentionVotes(m gazetteer.Mention, own []bool) []vote {
	score := func(i int) float64 {
		if own[i] {
			return m.Candidates[i].Score + ownBonus
		}
		return m.Candidates[i].Score
	}
	top := 0.0
	for i := range m.Candidates {
		top = max(top, score(i))
	}
	sum := 0.0
	for i := range m.Candidates {
		sum += math.Exp((score(i) - top) / voteTemperature)
	}
	out := make([]vote, 0, len(m.Candidates))
next:
	for i, cd := range m.Candidates {
		if cd.Country == "" {
			continue
		}
		w := math.Exp((score(i)-top)/voteTemperature) / sum * popWeight(cd.Population)
		// Namesakes in one country are one reading, not several votes:
		// two Chinese Shilongs do not outvote Shillong.
		for i := range out {
			if out[i].country == cd.Country {
				out[i].w = max(out[i].w, w)
				continue next
			}
		}
		out = append(out, vote{cd.Country, w})
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

// ownBonus favours a place whose own name the text writes over one that
// has it only among its alternates: Islamabad over Chattogram, once also
// called Islamabad. An exonym ("Geneva", "St. Petersburg") is an
// alternate too; seatBonus and population keep those.
const ownBonus = 0.2

// ownNames reports for each candidate of m whether the mention is its own
// name (or its ASCII form), folded; fb is scratch space for the folding.
func ownNames(m gazetteer.Mention, fb *foldBuf) []bool {
	own := make([]bool, len(m.Candidates))
	folded := false
	for i, cd := range m.Candidates {
		if cd.Name == m.Text || cd.ASCII == m.Text {
			own[i] = true
			continue
		}
		if !folded {
			fb.text = gazetteer.AppendFold(fb.text[:0], m.Text)
			folded = true
		}
		own[i] = fb.equal(cd.ASCII) || cd.ASCII != cd.Name && fb.equal(cd.Name)
	}
	return own
}

// foldBuf holds a folded text to compare names with, folding each name
// into scratch space rather than a new string.
type foldBuf struct{ text, name []byte }

// equal reports whether name folds to fb.text.
func (fb *foldBuf) equal(name string) bool {
	fb.name = gazetteer.AppendFold(fb.name[:0], name)
	return string(fb.name) == string(fb.text)
}

// seatBonus favours the seats of government among namesakes, as news
// names them: Islamabad the capital over Chattogram, once also called
// Islamabad; Geneva in Switzerland over Geneva, Illinois.
func seatBonus(feature string) float64 {
	switch feature {
	case "PPLC":
		return 0.3
	case "PPLA":
		return 0.2
	case "PPLA2":
		return 0.1
	case "PPLA3", "PPLA4", "PPLG":
		return 0.05
	}
	return 0
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
func resolvePlaces(ms []gazetteer.Mention, extra []vote) ([]harmlog.PlaceRef, string) {
	out := make([]harmlog.PlaceRef, 0, len(ms))
	if len(ms) == 0 {
		return out, ""
	}
	// Each mention votes for the countries its candidates lie in, weighted
	// by how sure it is; a name with one candidate votes hardest. The
	// countries of the parties named vote too.
	votes := map[string]float64{}
	total := 0.0
	for _, v := range extra {
		votes[v.country] += v.w
		total += v.w
	}
	isOwn := make([][]bool, len(ms))
	mvotes := make([][]vote, len(ms))
	var fb foldBuf
	for i, m := range ms {
		isOwn[i] = ownNames(m, &fb)
		mvotes[i] = mentionVotes(m, isOwn[i])
		for _, v := range mvotes[i] {
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
	for mi, m := range ms {
		ref := harmlog.PlaceRef{Name: m.Text}
		best, bestScore := -1, 0.0
		// A name's vote for its own reading counts half: the others have
		// the larger say.
		own := mvotes[mi]
		ownTotal := 0.0
		for i := range own {
			own[i].w *= ownVoteDiscount
			ownTotal += own[i].w
		}
		for k, cd := range m.Candidates {
			s := cd.Score + popBonus*popWeight(cd.Population) + seatBonus(cd.Feature)
			if isOwn[mi][k] {
				s += ownBonus
			}
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

package extract

import (
	"slices"
	"sort"
	"strings"

	"github.com/harmlog/harmlog"
)

// compatible reports whether two victim classes may name the same people.
func compatible(a, b string) bool {
	return a == b || a == harmlog.VictimsUnknown || b == harmlog.VictimsUnknown
}

// dedupe drops figures that repeat people already counted in the document:
// the same toll told twice, "the two", "he" after "a man was killed". It
// returns for each figure the figure it repeats, or its own index.
func dedupe(figs []figure) []int {
	same := make([]int, len(figs))
	strong := map[byte]bool{}
	for _, f := range figs {
		if !f.weak && !f.q.anaph && !f.cum && f.q.value() > 0 {
			strong[f.kind] = true
		}
	}
	for n := range figs {
		same[n] = n
		f := &figs[n]
		if f.q.more {
			continue
		}
		if (f.weak || f.q.anaph) && strong[f.kind] {
			same[n] = -1
			for m := 0; m < n; m++ {
				if same[m] == m && figs[m].kind == f.kind && !figs[m].brk {
					same[n] = m
					break
				}
			}
			if same[n] < 0 {
				// a later figure of the same kind counts these people
				for m := n + 1; m < len(figs); m++ {
					if figs[m].kind == f.kind && !figs[m].weak && !figs[m].q.anaph {
						same[n] = m
						break
					}
				}
			}
			continue
		}
		for m := 0; m < n; m++ {
			g := &figs[m]
			if same[m] != m || g.sent == f.sent || g.kind != f.kind || g.brk != f.brk || !sameCount(g.q, f.q) {
				continue
			}
			if f.weak && !g.weak || compatible(f.victims, g.victims) {
				same[n] = m
				if !f.weak && g.victims == harmlog.VictimsUnknown && f.victims != harmlog.VictimsUnknown {
					// The later telling says who the people were ("Baku
					// reports twelve dead" ... "12 civilians were
					// killed"): it is the claim, the earlier the repeat.
					for k := range n {
						if same[k] == m {
							same[k] = n
						}
					}
					same[n] = n
				}
				break
			}
		}
	}
	return same
}

// sameCount reports whether two figures may count the same people: the
// same range, or "at least three" told again as "three".
func sameCount(p, q quantity) bool {
	if p.lo != q.lo {
		return false
	}
	return p.hi == q.hi || p.lo >= 0 && (p.hi < 0 && q.hi == q.lo || q.hi < 0 && p.hi == p.lo)
}

// claims assembles the figures into claims, one per sentence and set of
// kinds, and adds claims of attacks that give no figure.
func (r *run) claims(figs []figure, c *docContext) []harmlog.Claim {
	for n := range figs {
		figs[n].id = n
	}
	slices.SortStableFunc(figs, func(x, y figure) int {
		if x.sent != y.sent {
			return x.sent - y.sent
		}
		return x.q.i - y.q.i
	})
	// parents point at figures by their index before the sort
	at := make([]int, len(figs))
	for n := range figs {
		at[figs[n].id] = n
	}
	for n := range figs {
		if p := figs[n].parent; p >= 0 && p < len(figs) {
			figs[n].parent = at[p]
		}
	}
	last, lastCum := -1, false
	for n := range figs {
		if figs[n].sent != last {
			last, lastCum = figs[n].sent, r.cumulative(figs[n].sent, false)
		}
		figs[n].cum = lastCum
	}
	same := dedupe(figs)
	// "The death toll rose to 13" replaces the earlier figures of its kind
	// from the same claimant (GUIDELINES.md); another claimant's earlier
	// figure stays a claim of its own, side by side with the update.
	for n := range figs {
		if !figs[n].update || same[n] != n {
			continue
		}
		by := sameSpeaker(r.claimant(figs[n].sent))
		for m := 0; m < n; m++ {
			if figs[m].kind == figs[n].kind && !figs[m].brk && !figs[m].q.more && same[m] == m {
				if other := sameSpeaker(r.claimant(figs[m].sent)); by != "" && other != "" && !oneSpeaker(by, other) {
					continue
				}
				same[m] = -1
			}
		}
	}
	if r.headlines() {
		alternatives(figs, same)
	}
	claimOf := make([]int, len(figs))
	out := make([]harmlog.Claim, 0, len(figs)) // one growth at most: claims are large
	cur, curSent := -1, -1
	hasFigure := make(map[int]bool)
	for n := range figs {
		claimOf[n] = -1
		if same[n] != n {
			if same[n] >= 0 && same[n] < n {
				claimOf[n] = claimOf[same[n]]
			}
			continue
		}
		f := &figs[n]
		hasFigure[f.sent] = true
		if f.brk && f.parent < 0 {
			// "seven of those killed", a sentence after the toll
			for m := n - 1; m >= 0; m-- {
				if figs[m].kind == f.kind && !figs[m].brk && same[m] == m && figs[m].q.value() >= f.q.value() {
					f.parent = m
					break
				}
			}
		}
		if f.brk {
			pc := -1
			if f.parent >= 0 && f.parent < len(figs) {
				pc = claimOf[f.parent]
			}
			if pc >= 0 {
				cl := r.newClaim(f, c)
				cl.PartOf = &pc
				out = append(out, cl)
				claimOf[n] = len(out) - 1
				continue
			}
		}
		if cur >= 0 && curSent == f.sent && out[cur].PartOf == nil && !hasKind(&out[cur], f.kind) {
			addFigure(&out[cur], f)
			claimOf[n] = cur
			continue
		}
		out = append(out, r.newClaim(f, c))
		cur, curSent = len(out)-1, f.sent
		claimOf[n] = cur
	}
	return r.attackClaims(out, hasFigure, c)
}

func hasKind(cl *harmlog.Claim, k byte) bool {
	switch k {
	case kKilled:
		return cl.Killed != nil
	case kInjured:
		return cl.Injured != nil
	case kMissing:
		return cl.Missing != nil
	}
	return false
}

func addFigure(cl *harmlog.Claim, f *figure) {
	switch f.kind {
	case kKilled:
		cl.Killed = f.q.rng()
	case kInjured:
		cl.Injured = f.q.rng()
	case kMissing:
		cl.Missing = f.q.rng()
	case kDamage:
		cl.Damaged = append(cl.Damaged, harmlog.Damage{Range: *f.q.rng(), Object: f.object, State: f.state})
		return
	}
	if f.update {
		cl.Update = true
	}
	switch {
	case cl.Victims == harmlog.VictimsUnknown || cl.Victims == "":
		cl.Victims = f.victims
	case f.victims != harmlog.VictimsUnknown && f.victims != cl.Victims:
		cl.Victims = harmlog.VictimsMixed
	}
}

// newClaim starts a claim from figure f with the context of its sentence.
func (r *run) newClaim(f *figure, c *docContext) harmlog.Claim {
	s, e := r.sentSpan(f.sent)
	cl := harmlog.Claim{Damaged: []harmlog.Damage{}, Victims: harmlog.VictimsUnknown, Start: s, End: e}
	addFigure(&cl, f)
	if cl.Victims == "" {
		cl.Victims = harmlog.VictimsUnknown
	}
	r.fill(&cl, f.sent, c, true)
	return cl
}

// fill sets a claim's scope, date, places, weapons, perpetrator and
// claimant from sentence si (and, for places, the sentences before it).
func (r *run) fill(cl *harmlog.Claim, si int, c *docContext, figures bool) {
	sp := span{cl.Start, cl.End}
	cl.Places = c.placesIn(sp)
	if len(cl.Places) == 0 {
		cl.Places = r.earlierPlaces(si, c)
	}
	cl.Weapons, cl.WeaponWords = c.weaponsIn(sp)
	cl.Claimant, cl.Denied, cl.DeniedBy = r.attribution(c, si, cl.Start, cl.End)
	cl.Perpetrator, cl.PerpetratorWords = r.perpetrator(c, si, sp, cl.Claimant)
	cl.Scope = harmlog.ScopeIncident
	// A toll "as a result of strikes" that names no place is a running
	// total, unless it is one person's: "a civilian was killed as a result
	// of shelling" tells of one death.
	if r.cumulative(si, figures && len(c.placesIn(sp)) == 0 && !onePerson(cl)) {
		cl.Scope = harmlog.ScopeCumulative
	}
	if d, ok := r.dateIn(c, sp); ok {
		cl.Date = &d
	} else if d, ok := r.sameDay(c, si); ok && cl.Scope == harmlog.ScopeIncident {
		cl.Date = &d
	} else if cl.Scope == harmlog.ScopeCumulative && !r.published.IsZero() {
		cl.Date = &harmlog.DateRange{To: r.datelineString()}
	}
}

// sameDayWords point back to the day the text last named: "Earlier in
// the day, the aide said that 14 people had died".
var sameDayWords = []string{"earlier in the day", "later in the day", "earlier that day", "later that day", "the same day", "that same day"}

// sameDay returns the day sentence si points back to with sameDayWords:
// the date of the nearest sentence before it that names one day.
func (r *run) sameDay(c *docContext, si int) (harmlog.DateRange, bool) {
	s, e := r.sentSpan(si)
	low := strings.ToLower(r.text[s:e])
	if !slices.ContainsFunc(sameDayWords, func(w string) bool { return strings.Contains(low, w) }) {
		return harmlog.DateRange{}, false
	}
	for k := si - 1; k >= 0; k-- {
		ks, ke := r.sentSpan(k)
		if d, ok := r.dateIn(c, span{ks, ke}); ok {
			return d, d.From != "" && d.From == d.To
		}
	}
	return harmlog.DateRange{}, false
}

// onePerson reports whether every figure of the claim counts at most one
// person.
func onePerson(cl *harmlog.Claim) bool {
	for _, r := range []*harmlog.Range{cl.Killed, cl.Injured, cl.Missing} {
		if r != nil && (r.Max == nil || *r.Max > 1) {
			return false
		}
	}
	return true
}

// earlierPlaces returns the places of the nearest earlier sentence in the
// same paragraph, from its last clause that names any.
func (r *run) earlierPlaces(si int, c *docContext) []harmlog.PlaceRef {
	if len(c.places) == 0 {
		return []harmlog.PlaceRef{}
	}
	for k := si - 1; k >= 0 && k >= si-3; k-- {
		a, b := r.sents[k], r.sents[k+1]
		// clauses: split at ", but", ", while", ", whereas"
		cs := r.clauses(a, b)
		for n := len(cs) - 1; n >= 0; n-- {
			if ps := c.placesIn(cs[n]); len(ps) > 0 {
				return ps
			}
		}
		if r.toks[r.sents[k+1]-0-1].e < len(r.text) && r.paragraphBreak(k+1) {
			break
		}
	}
	return []harmlog.PlaceRef{}
}

// paragraphBreak reports whether sentence si starts a new line.
func (r *run) paragraphBreak(si int) bool {
	if si >= len(r.sents)-1 {
		return true
	}
	return r.toks[r.sents[si]].nl
}

// clauses splits tokens [a, b) at ", but", ", while", ", whereas",
// ", although" into byte spans.
func (r *run) clauses(a, b int) []span {
	var out []span
	start := a
	for k := a + 1; k+1 < b; k++ {
		if r.toks[k].w != "," {
			continue
		}
		switch r.toks[k+1].w {
		case "but", "while", "whereas", "although", "though":
			out = append(out, span{r.toks[start].s, r.toks[k].s})
			start = k + 1
		}
	}
	return append(out, span{r.toks[start].s, r.toks[b-1].e})
}

// cumulative reports whether sentence si speaks of a running total: "since
// 27 September", "so far", "the total death toll", "over the past month".
// With noPlace, a toll "as a result of ... strikes" that names no place is
// also a running total.
func (r *run) cumulative(si int, noPlace bool) bool {
	if r.cum == nil {
		r.cum = make([]uint8, len(r.sents))
	}
	m := r.cum[si]
	if m == 0 {
		cum, plural := r.readCumulative(si)
		m = 1
		if cum {
			m |= 2
		}
		if plural {
			m |= 4
		}
		r.cum[si] = m
	}
	return m&2 != 0 || noPlace && m&4 != 0
}

// readCumulative reads sentence si for cumulative: whether it speaks of a
// running total, and whether it tolls the harm of plural attacks.
func (r *run) readCumulative(si int) (cum, plural bool) {
	a, b := r.sents[si], r.sents[si+1]
	t := r.toks
	perfect := false
	for k := a; k < b; k++ {
		if w := t[k].w; w == "have" || w == "has" || w == "had" {
			perfect = true
			break
		}
	}
	for k := a; k < b; k++ {
		if t[k].f&fCum == 0 {
			continue
		}
		w := t[k].w
		next := ""
		if k+1 < b {
			next = t[k+1].w
		}
		switch w {
		case "since":
			if next == "start" || next == "beginning" || next == "outbreak" || k+2 < b && (t[k+2].w == "start" || t[k+2].w == "beginning" || t[k+2].w == "outbreak") {
				return true, plural // "9,000 killed since the start of the conflict"
			}
			if !perfect && k > a+1 {
				continue // "the bloodiest day since August": no running total
			}
			if k+1 < b && (t[k+1].kind == tNum || months[next] || next == "the" || next == "start" || next == "year" ||
				next == "beginning" || next == "last" || next == "early" || next == "late" || next == "mid" || next == "then") {
				return true, plural
			}
		case "so":
			if next == "far" {
				return true, plural
			}
		case "to":
			if next == "date" {
				return true, plural
			}
		case "total", "overall", "cumulative", "tally":
			return true, plural
		case "this":
			if next == "year" || next == "month" {
				return true, plural
			}
		case "past", "last":
			if w == "last" && next == "week" && (k == a || t[k-1].w != "the" && t[k-1].w != "over" && t[k-1].w != "during" && t[k-1].w != "in") {
				continue // "last week" dates one event; "over the last week" totals
			}
			if next == "week" || next == "weeks" || next == "month" || next == "months" || next == "year" || next == "years" {
				return true, plural
			}
		case "recent":
			if next == "days" || next == "weeks" || next == "months" {
				return true, plural
			}
		case "strikes", "attacks", "shelling", "bombardments", "airstrikes", "raids":
			if k-1 >= a && k-3 >= a && (t[k-3].w == "of" || t[k-2].w == "of") {
				plural = true
			}
		}
	}
	return false, plural
}

// attackClaims adds claims without figures: a clause that names an attack
// by a party ("Khankendi and Shusha were bombed by Azerbaijani forces") in a
// sentence with no figure that is not the blame of a claim before it.
func (r *run) attackClaims(out []harmlog.Claim, hasFigure map[int]bool, c *docContext) []harmlog.Claim {
	if len(c.weapons) == 0 || len(c.parties) == 0 {
		return out
	}
	for si := 0; si+1 < len(r.sents); si++ {
		// A sentence that blames the claim before it ("It said the
		// rockets were fired by X") is part of that claim, not a claim of
		// an attack of its own.
		if hasFigure[si] || slices.Contains(r.blaming, si) {
			continue
		}
		a, b := r.sents[si], r.sents[si+1]
		if ns, _ := c.weaponsIn(span{r.toks[a].s, r.toks[b-1].e}); len(ns) == 0 {
			continue
		}
		for _, cs := range r.clauses(a, b) {
			norms, words := c.weaponsIn(cs)
			if len(norms) == 0 {
				continue
			}
			perp, pw := c.perpetratorIn(cs)
			if perp == "" || !r.attackWord(cs) {
				continue
			}
			cl := harmlog.Claim{Damaged: []harmlog.Damage{}, Victims: harmlog.VictimsUnknown, Start: cs.s, End: cs.e}
			if c.civilians {
				cl.Victims = harmlog.VictimsCivilian
			}
			cl.Places = c.placesIn(cs)
			cl.Weapons, cl.WeaponWords = norms, words
			cl.Perpetrator, cl.PerpetratorWords = perp, pw
			cl.Claimant, cl.Denied, cl.DeniedBy = r.attribution(c, si, cl.Start, cl.End)
			cl.Scope = harmlog.ScopeIncident
			if len(cl.Places) == 0 {
				cl.Scope = harmlog.ScopeCumulative
			}
			if d, ok := r.dateIn(c, cs); ok {
				cl.Date = &d
			}
			out = append(out, cl)
		}
	}
	return out
}

// attackWord reports whether span sp has a word of attack or harm.
func (r *run) attackWord(sp span) bool {
	k0 := sort.Search(len(r.toks), func(k int) bool { return r.toks[k].s >= sp.s })
	for k := k0; k < len(r.toks); k++ {
		t := &r.toks[k]
		if t.e > sp.e {
			break
		}
		if r.lex.attack[t.w] {
			return true
		}
	}
	return false
}

// headlines reports whether the text is a list of headlines separated by
// semicolons ("Two shot dead in Kiev;Five dead as police storm camp"):
// reports of one event, not a story that adds its tolls up.
func (r *run) headlines() bool {
	semi := 0
	for i := range r.toks {
		switch r.toks[i].w {
		case ";":
			semi++
		case ".", "!", "?":
			if i+1 < len(r.toks) && r.toks[i+1].upper {
				return false
			}
		}
	}
	return semi > 0
}

// alternatives keeps, per kind, only the highest figure of headlines that
// report the same event, marking the others as repeats of it.
func alternatives(figs []figure, same []int) {
	best := map[byte]int{}
	for n := range figs {
		f := &figs[n]
		if same[n] != n || f.brk || f.q.more || f.cum {
			continue // a running total is no report of this event
		}
		b, ok := best[f.kind]
		if !ok || f.q.value() > figs[b].q.value() {
			best[f.kind] = n
		}
	}
	for n := range figs {
		f := &figs[n]
		if same[n] != n || f.brk || f.q.more || f.cum {
			continue
		}
		if b := best[f.kind]; b != n {
			same[n] = -1
		}
	}
}

// sameSpeaker is a claimant's name as compared between sentences: "The
// governor" and "the governor" are one speaker.
func sameSpeaker(name string) string {
	name = strings.ToLower(strings.TrimSpace(name))
	return strings.TrimPrefix(name, "the ")
}

// oneSpeaker reports whether two compared claimant names are one speaker:
// equal, or one the end of the other ("later the governor", "governor").
func oneSpeaker(a, b string) bool {
	return a == b || strings.HasSuffix(a, " "+b) || strings.HasSuffix(b, " "+a)
}

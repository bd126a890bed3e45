package link

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/harmlog/harmlog"
)

// wires are news agencies whose stories other outlets republish: a
// publisher "Taipei Times (AFP)" is the AFP story, one source.
var wireWords = []string{"afp", "reuters", "ap", "associated press", "sputnik", "interfax", "tass", "armenpress", "trend", "dpa", "xinhua", "anadolu"}

// SourceKey returns the identity of the source of a claim for counting
// independent sources: the claimant's name, folded, without what follows a
// parenthesis, semicolon or comma; else the wire named by the publisher
// ("Naharnet (AFP)" → "afp"); else the publisher.
func SourceKey(c harmlog.Claim) string {
	if k := headName(c.Claimant); k != "" {
		return k
	}
	f := Fold(c.Publisher)
	for _, w := range wireWords {
		if strings.Contains(" "+f+" ", " "+w+" ") {
			return w
		}
	}
	return headName(c.Publisher)
}

func headName(s string) string {
	if i := strings.IndexAny(s, "(;,"); i >= 0 {
		s = s[:i]
	}
	return Fold(s)
}

// distinctSources counts source keys, one key that is the start of another
// ("artsakh human rights ombudsman" and "artsakh human rights ombudsman
// artak beglaryan") counting once.
func distinctSources(keys []string) []string {
	slices.Sort(keys)
	keys = slices.Compact(keys)
	var out []string
	for _, k := range keys {
		if n := len(out); n > 0 && strings.HasPrefix(k+" ", out[n-1]+" ") {
			continue
		}
		out = append(out, k)
	}
	return out
}

// Incidents returns every incident, sorted by key.
// Incidents are derived on every core, each with a memo of parties.
func (l *Linker) Incidents() []harmlog.Incident { return l.incidents(true) }

// IncidentsBare is Incidents without each member link's Claim: what the
// store saves, in about half the memory for a million claims.
func (l *Linker) IncidentsBare() []harmlog.Incident { return l.incidents(false) }

func (l *Linker) incidents(withClaims bool) []harmlog.Incident {
	out := make([]harmlog.Incident, len(l.incs))
	workers := max(1, min(runtime.GOMAXPROCS(0), 8, len(l.incs)/2000))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			memo := map[string]string{}
			partyOf := func(name string) string {
				p, ok := memo[name]
				if !ok {
					p = l.align.Party(name)
					memo[name] = p
				}
				return p
			}
			for i := w; i < len(l.incs); i += workers {
				out[i] = l.deriveWith(int32(i), partyOf, withClaims)
			}
		})
	}
	wg.Wait()
	slices.SortFunc(out, func(a, b harmlog.Incident) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// Incident returns the incident with the given key.
func (l *Linker) Incident(key string) (harmlog.Incident, bool) {
	i, ok := l.byKey[key]
	if !ok {
		return harmlog.Incident{}, false
	}
	return l.derive(i), true
}

// derive computes an incident's fields from its current claims.
func (l *Linker) derive(i int32) harmlog.Incident { return l.deriveWith(i, l.align.Party, true) }

// deriveWith is derive with partyOf in place of l.align.Party, the member
// links carrying a copy of their claims when withClaims.
func (l *Linker) deriveWith(i int32, partyOf func(string) string, withClaims bool) harmlog.Incident {
	in := l.incs[i]
	inc := harmlog.Incident{Key: in.key, Members: make([]harmlog.Link, 0, len(in.members))}
	var live []*harmlog.Claim
	for j, m := range in.members {
		c := l.claims[m]
		lk := l.link(m, in.whys[j])
		if withClaims {
			cc := *c
			c = &cc
			lk.Claim = c
		}
		inc.Members = append(inc.Members, lk)
		if c.Status != harmlog.StatusRejected {
			live = append(live, c)
		}
	}
	placeSeen := map[string]bool{}
	var srcKeys []string
	sides := map[string]bool{}
	perps := map[string]bool{}
	victims := map[string]bool{}
	weapons := map[string]bool{}
	var denials []string
	ack := ""
	for _, c := range live {
		if c.Date != nil {
			if f := orElse(c.Date.From, c.Date.To); f != "" && (inc.DateFrom == "" || f < inc.DateFrom) {
				inc.DateFrom = f
			}
			if t := orElse(c.Date.To, c.Date.From); t > inc.DateTo {
				inc.DateTo = t
			}
		}
		for _, p := range c.Places {
			k := p.ID
			if k == "" {
				k = Fold(p.Name)
			}
			if !placeSeen[k] {
				placeSeen[k] = true
				inc.Places = append(inc.Places, p)
			}
			if inc.Country == "" {
				inc.Country = p.Country
			}
		}
		srcKeys = append(srcKeys, SourceKey(*c))
		side := partyOf(c.Claimant)
		if side == "" {
			side = partyOf(c.Publisher)
		}
		if side != "" {
			sides[side] = true
		}
		perp := orElse(c.Perpetrator, c.PerpetratorWords)
		party := partyOf(perp)
		if party == "" && perp != "" {
			party = perp
		}
		if party != "" && party != Independent {
			perps[party] = true
			// An acknowledgement grades an incident confirmed only when a
			// person stands behind it: a claim imported from structured
			// data or reviewed by an analyst, never a machine extraction
			// alone (a misread perpetrator would otherwise confirm).
			if side == party && !c.Denied && ack == "" && c.Status != harmlog.StatusMachine {
				ack = orElse(c.Claimant, c.Publisher)
			}
		}
		if c.Victims != "" && c.Victims != harmlog.VictimsUnknown {
			victims[c.Victims] = true
		}
		ws := c.Weapons
		if len(ws) == 0 {
			for _, w := range c.WeaponWords {
				cl, _ := weaponClass(w)
				ws = append(ws, cl)
			}
		}
		for _, w := range ws {
			weapons[w] = true
		}
		if c.DeniedBy != "" && !slices.Contains(denials, c.DeniedBy) {
			denials = append(denials, c.DeniedBy)
		}
	}
	inc.Killed = combine(live, func(c *harmlog.Claim) *harmlog.Range { return c.Killed })
	inc.Injured = combine(live, func(c *harmlog.Claim) *harmlog.Range { return c.Injured })
	inc.Sources = len(distinctSources(srcKeys))
	inc.Perpetrators = sortedKeys(perps)
	inc.Weapons = sortedKeys(weapons)
	inc.Denials = denials
	parties := 0
	for s := range sides {
		if s != Independent {
			parties++
		}
	}
	inc.CrossParty = parties >= 2 || (parties >= 1 && sides[Independent])
	switch v := sortedKeys(victims); {
	case len(v) == 1:
		inc.Victims = v[0]
	case len(v) > 1:
		inc.Victims = harmlog.VictimsMixed
	default:
		inc.Victims = harmlog.VictimsUnknown
	}
	deniedByAccused := ""
	for _, d := range denials {
		p := partyOf(d)
		if p == "" || perps[p] {
			deniedByAccused = d
			break
		}
	}
	for _, c := range live {
		if c.Denied && deniedByAccused == "" {
			if p := partyOf(c.Claimant); p == "" || perps[p] {
				deniedByAccused = orElse(c.Claimant, "a denial")
			}
		}
	}
	inc.Contested = len(inc.Perpetrators) > 1 || deniedByAccused != ""
	reason, discounted := l.opts.Discounted[in.key]
	switch {
	case discounted:
		inc.Grade, inc.GradeReason = harmlog.GradeDiscounted, reason
	case ack != "":
		inc.Grade, inc.GradeReason = harmlog.GradeConfirmed, "acknowledged by the accused party's own source: "+ack
	case inc.Contested && len(inc.Perpetrators) > 1:
		inc.Grade, inc.GradeReason = harmlog.GradeContested, "claims name different perpetrators: "+strings.Join(inc.Perpetrators, ", ")
	case inc.Contested:
		inc.Grade, inc.GradeReason = harmlog.GradeContested, "denied by "+deniedByAccused
	case inc.Sources >= 2:
		inc.Grade, inc.GradeReason = harmlog.GradeFair, fmt.Sprintf("%d independent sources", inc.Sources)
	default:
		inc.Grade, inc.GradeReason = harmlog.GradeWeak, "a single source"
	}
	return inc
}

// combine derives an incident's range of one figure: every source's latest
// figure (a later published figure, or one marked as an update, supersedes
// that source's earlier ones), low = the lowest any gives, high = the
// highest. It is nil when no claim gives the figure.
func combine(claims []*harmlog.Claim, fig func(*harmlog.Claim) *harmlog.Range) *harmlog.Range {
	bySrc := map[string][]*harmlog.Claim{}
	var order []string
	for _, c := range claims {
		r := fig(c)
		if r == nil || (r.Min == nil && r.Max == nil) {
			continue
		}
		k := SourceKey(*c)
		if _, ok := bySrc[k]; !ok {
			order = append(order, k)
		}
		bySrc[k] = append(bySrc[k], c)
	}
	if len(order) == 0 {
		return nil
	}
	lo, hi := -1, -1
	for _, k := range order {
		cs := bySrc[k]
		sort.SliceStable(cs, func(i, j int) bool { return later(cs[j], cs[i]) })
		latest := cs[len(cs)-1]
		for _, c := range cs {
			if c != latest && supersedes(latest, c) {
				continue
			}
			r := fig(c)
			if l := r.Low(); lo < 0 || l < lo {
				lo = l
			}
			if h := r.High(); h > hi {
				hi = h
			}
		}
	}
	return &harmlog.Range{Min: &lo, Max: &hi}
}

// later orders claims of one source: by published date, then updates last.
func later(a, b *harmlog.Claim) bool {
	if a.Published != b.Published {
		return a.Published > b.Published
	}
	return a.Update && !b.Update
}

// supersedes reports whether a source's latest claim replaces an earlier
// one of the same source.
func supersedes(latest, c *harmlog.Claim) bool {
	if latest.Published != "" && c.Published != "" && latest.Published > c.Published {
		return true
	}
	return latest.Update && !c.Update
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

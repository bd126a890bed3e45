package link

import (
	"fmt"
	"strings"
)

// Weights of the evidence, in points; a claim joins an incident when its
// best pair with a member scores at least Options.Threshold.
const (
	wSameDay      = 3.0
	wNextDay      = 1.0
	wPeriod       = 1.0
	wUndated      = -1.0
	wSameID       = 4.0
	wSameName     = 4.0
	wNameInside   = 3.0
	wNameShared   = 2.0
	wNameNear     = 3.0
	wNameClose    = 2.0
	wNear2km      = 3.5
	wNear10km     = 2.5
	wNear25km     = 1.0
	wFarApart     = -3.0
	wSameAdmin    = 0.5
	wNoPlace      = -2.0
	wSameWeapon   = 0.5
	wNearWeapon   = 0.2
	wOtherWeapon  = -0.5
	wSamePerp     = 0.3
	wKilledWeight = 1.0
	wInjWeight    = 0.5
	// reject is the score of a pair that can never be one event.
	reject = -1e9
	// apart is the score of a pair too far apart in time to compare
	// directly; another member of an incident may still bridge them.
	apart = -1e8
)

// evidence collects the reasons of a score when asked to.
type evidence struct {
	on    bool
	parts []string
}

func (e *evidence) add(feature string, pts float64, format string, args ...any) {
	if e.on {
		e.parts = append(e.parts, fmt.Sprintf("%s: %s (%+.2f)", feature, fmt.Sprintf(format, args...), pts))
	}
}

// String joins the reasons.
func (e *evidence) String() string { return strings.Join(e.parts, "; ") }

// pairScore scores two claims as reports of one event.
func pairScore(a, b *rec, ev *evidence) float64 {
	if a.country != "" && b.country != "" && a.country != b.country {
		if ev.on {
			ev.add("country", 0, "%s vs %s: never one event", a.country, b.country)
		}
		return reject
	}
	s := 0.0
	// Date.
	switch {
	case !a.dated || !b.dated:
		s += wUndated
		if ev.on {
			ev.add("date", wUndated, "unknown on one side")
		}
	default:
		gap := int32(0)
		switch {
		case a.d1 < b.d0:
			gap = b.d0 - a.d1
		case b.d1 < a.d0:
			gap = a.d0 - b.d1
		}
		exact := a.d0 == a.d1 && b.d0 == b.d1
		switch {
		case exact && gap == 0:
			s += wSameDay
			if ev.on {
				ev.add("date", wSameDay, "same day %s", dayString(a.d0))
			}
		case exact && gap == 1:
			s += wNextDay
			if ev.on {
				ev.add("date", wNextDay, "one day apart, %s and %s", dayString(a.d0), dayString(b.d0))
			}
		case !exact && gap == 0:
			s += wPeriod
			if ev.on {
				ev.add("date", wPeriod, "periods overlap")
			}
		case !exact && gap == 1:
			if ev.on {
				ev.add("date", 0, "periods one day apart")
			}
		default:
			if ev.on {
				ev.add("date", 0, "%d days apart: not compared", gap)
			}
			return apart
		}
	}
	// Place.
	ps := placeScore(a, b, ev)
	if ps == reject {
		return reject
	}
	s += ps
	// Figures.
	if f, ok, d := figureScore(a.killed, b.killed, wKilledWeight, ev.on); ok {
		s += f
		if ev.on {
			ev.add("killed", f, "%s", d)
		}
	}
	if f, ok, d := figureScore(a.injured, b.injured, wInjWeight, ev.on); ok {
		s += f
		if ev.on {
			ev.add("injured", f, "%s", d)
		}
	}
	// Weapon.
	if a.wclass != "" && b.wclass != "" {
		switch {
		case a.wclass == b.wclass:
			s += wSameWeapon
			if ev.on {
				ev.add("weapon", wSameWeapon, "both %s", a.wclass)
			}
		case a.wfam != "" && a.wfam == b.wfam:
			s += wNearWeapon
			if ev.on {
				ev.add("weapon", wNearWeapon, "%s and %s, both %s", a.wclass, b.wclass, a.wfam)
			}
		default:
			s += wOtherWeapon
			if ev.on {
				ev.add("weapon", wOtherWeapon, "%s vs %s", a.wclass, b.wclass)
			}
		}
	}
	// Perpetrator: agreement helps a little; disagreement never blocks a
	// link (it makes the incident contested).
	if a.perp != "" && a.perp == b.perp {
		s += wSamePerp
		if ev.on {
			ev.add("perpetrator", wSamePerp, "both %s", a.perp)
		}
	} else if a.perp != "" && b.perp != "" {
		if ev.on {
			ev.add("perpetrator", 0, "%s vs %s: contested, not a reason against", a.perp, b.perp)
		}
	}
	return s
}

// placeScore weighs the place evidence of two claims: gazetteer identity,
// distance, names (with other-side toponyms), words, spelling, admin area.
func placeScore(a, b *rec, ev *evidence) float64 {
	for _, x := range a.ids {
		for _, y := range b.ids {
			if x == y {
				if ev.on {
					ev.add("place", wSameID, "same gazetteer place %s", x)
				}
				return wSameID
			}
		}
	}
	best, why := wNoPlace, "no place in common"
	if a.ll && b.ll {
		d := haversine(a.lat, a.lon, b.lat, b.lon)
		pts := 0.0
		switch {
		case d <= 2:
			pts = wNear2km
		case d <= 10:
			pts = wNear10km
		case d <= 25:
			pts = wNear25km
		case len(a.ids) > 0 && len(b.ids) > 0 && d > 50:
			if ev.on {
				ev.add("place", wFarApart, "different gazetteer places %.0f km apart", d)
			}
			return wFarApart
		}
		if pts > best {
			best = pts
			if ev.on {
				why = fmt.Sprintf("%.1f km apart", d)
			}
		}
	}
	for _, x := range a.names {
		for _, y := range b.names {
			if x == y && wSameName > best {
				best = wSameName
				if ev.on {
					why = fmt.Sprintf("same name %q", x)
				}
			}
		}
	}
	if best < wSameName && len(a.toks) > 0 && len(b.toks) > 0 {
		shared := 0
		var word string
		for _, x := range a.toks {
			for _, y := range b.toks {
				if x == y {
					shared++
					word = x
				}
			}
		}
		pts := 0.0
		switch {
		case shared > 0 && (shared == len(a.toks) || shared == len(b.toks)):
			pts = wNameInside
		case shared > 0:
			pts = wNameShared
		}
		if shared > 0 && pts > best {
			best = pts
			if ev.on {
				why = fmt.Sprintf("shares the word %q", word)
			}
		}
		if best < wNameNear {
			jw, wa, wb := 0.0, "", ""
			for _, x := range a.names {
				for _, y := range b.names {
					if v := jaroWinkler(x, y); v > jw {
						jw, wa, wb = v, x, y
					}
				}
			}
			pts := 0.0
			switch {
			case jw >= 0.9:
				pts = wNameNear
			case oneEdit(a, b, &wa, &wb):
				pts, jw = wNameNear, -1
			case jw >= 0.85:
				pts = wNameClose
			}
			if pts > 0 && pts > best {
				best = pts
				if ev.on {
					why = fmt.Sprintf("spellings %q and %q (Jaro-Winkler %.2f)", wa, wb, jw)
					if jw < 0 {
						why = fmt.Sprintf("spellings %q and %q one edit apart", wa, wb)
					}
				}
			}
		}
	}
	if best < wNameInside {
		if x, ok := inContext(a.names, b.ctx); ok {
			best = wNameInside
			if ev.on {
				why = fmt.Sprintf("%q is the area the other place lies in", x)
			}
		} else if x, ok := inContext(b.names, a.ctx); ok {
			best = wNameInside
			if ev.on {
				why = fmt.Sprintf("%q is the area the other place lies in", x)
			}
		} else if x, ok := inContext(a.ctx, b.ctx); ok && wSameAdmin > best {
			best = wSameAdmin
			if ev.on {
				why = fmt.Sprintf("both in %q", x)
			}
		}
	}
	if a.admin1 != "" && a.admin1 == b.admin1 && wSameAdmin > best {
		best = wSameAdmin
		if ev.on {
			why = fmt.Sprintf("same admin area %q", a.admin1)
		}
	}
	if ev.on {
		ev.add("place", best, "%s", why)
	}
	return best
}

// oneEdit reports whether a name of a and a name of b of four letters or
// more, as written (folded) or as skeletons, are one edit apart; it sets
// wa and wb to them.
func oneEdit(a, b *rec, wa, wb *string) bool {
	for _, pair := range [2][2][]string{{a.names, b.names}, {a.folded, b.folded}} {
		for _, x := range pair[0] {
			for _, y := range pair[1] {
				if len(x) >= 4 && len(y) >= 4 && withinOneEdit(x, y) {
					*wa, *wb = x, y
					return true
				}
			}
		}
	}
	return false
}

// inContext returns a name of names that is also in ctx.
func inContext(names, ctx []string) (string, bool) {
	for _, x := range names {
		for _, y := range ctx {
			if x == y {
				return x, true
			}
		}
	}
	return "", false
}

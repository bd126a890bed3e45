package tally

import (
	"slices"
	"strings"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/link"
)

// reconcile sets each claimant's latest cumulative toll beside the recorded
// incidents of the same side, victims and period.
func reconcile(bags []bag, cumulative []harmlog.Claim, o *Options) []Reconciliation {
	type key struct{ claimant, side, victims string }
	latest := map[key]*harmlog.Claim{}
	for i := range cumulative {
		c := &cumulative[i]
		if c.Scope != harmlog.ScopeCumulative || c.Status == harmlog.StatusRejected {
			continue
		}
		side := o.Alignment.Party(orElse(c.Perpetrator, c.PerpetratorWords))
		k := key{link.SourceKey(*c), side, c.Victims}
		if prev, ok := latest[k]; !ok || newer(c, prev) {
			latest[k] = c
		}
	}
	var out []Reconciliation
	for k, c := range latest {
		r := Reconciliation{
			Claimant: orElse(c.Claimant, c.Publisher), Side: k.side, Victims: k.victims,
			Published: c.Published,
		}
		if c.Date != nil {
			r.PeriodFrom, r.PeriodTo = c.Date.From, c.Date.To
		}
		if c.Killed != nil {
			r.ClaimedLow, r.ClaimedHigh = c.Killed.Low(), c.Killed.High()
		}
		for i := range bags {
			in := bags[i].in
			if bags[i].w.n == 0 || !keep(in, o) || !slices.Contains(in.Perpetrators, k.side) {
				continue
			}
			if k.victims != "" && k.victims != harmlog.VictimsUnknown && in.Victims != k.victims {
				continue
			}
			if (r.PeriodFrom != "" && in.DateFrom < r.PeriodFrom) || (r.PeriodTo != "" && in.DateFrom > r.PeriodTo) {
				continue
			}
			r.Incidents += bags[i].w.n
			r.RecordedLow += bags[i].w.kLow
			r.RecordedHigh += bags[i].w.kHigh
		}
		r.GapLow, r.GapHigh = r.ClaimedLow-r.RecordedLow, r.ClaimedHigh-r.RecordedHigh
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b Reconciliation) int {
		if c := strings.Compare(a.Claimant, b.Claimant); c != 0 {
			return c
		}
		if c := strings.Compare(a.Side, b.Side); c != 0 {
			return c
		}
		return strings.Compare(a.Victims, b.Victims)
	})
	return out
}

// newer reports whether cumulative claim a is later than b: by published
// date, then by the end of its period.
func newer(a, b *harmlog.Claim) bool {
	if a.Published != b.Published {
		return a.Published > b.Published
	}
	return end(a) > end(b)
}

func end(c *harmlog.Claim) string {
	if c.Date == nil {
		return ""
	}
	return orElse(c.Date.To, c.Date.From)
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

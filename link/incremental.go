package link

import (
	"context"
	"fmt"
	"time"

	"github.com/harmlog/harmlog"
)

// Seed adds an incident that is already linked (stored) to the linker with
// its member claims, without scoring them, so that Attach compares new
// claims with it. pinned[i] says whether member i was pinned by an analyst
// (may be nil). The linker keeps pointers to members: do not change them
// while it is in use. Seeding a key twice adds to the same incident.
func (l *Linker) Seed(key string, members []harmlog.Claim, pinned []bool) {
	inc, ok := l.byKey[key]
	if !ok {
		inc = l.newIncident(key)
	}
	for i := range members {
		c := &members[i]
		r := l.prepare(c, ClaimKey(*c))
		ci := int32(len(l.claims))
		l.claims = append(l.claims, c)
		l.recs = append(l.recs, r)
		w := why{kind: seeded, member: -1, cand: -1}
		if i < len(pinned) && pinned[i] {
			w.kind = pinnedIn
		}
		l.join(inc, ci, w)
	}
}

// Store is what a StoreAttacher needs of the store (*store.Store has it).
type Store interface {
	// IncidentCandidates returns the stored incidents, with their member
	// links carrying their claims, that a claim dated [from, to] in
	// country could join.
	IncidentCandidates(ctx context.Context, from, to, country string) ([]harmlog.Incident, error)
	// SaveIncident upserts an incident (by ID, else by key) and adds or
	// moves the member links it lists, never moving a pinned claim.
	SaveIncident(ctx context.Context, inc *harmlog.Incident, actor string) error
}

// StoreAttacher links newly stored claims into the stored incidents one by
// one, without relinking the store: for each claim it loads the incidents
// within reach of its date and country, seeds a linker with them, attaches
// the claim and saves the incident it joined or started (one change each).
// Analysts' pinned links stay where they are.
type StoreAttacher struct {
	store Store
	opts  Options
}

// NewStoreAttacher returns a StoreAttacher over s with the linker's opts.
func NewStoreAttacher(s Store, opts Options) *StoreAttacher {
	if opts.Alignment == nil {
		opts.Alignment = DefaultAlignment() // built once, not per claim
	}
	return &StoreAttacher{store: s, opts: opts}
}

// Attached is the outcome of attaching one claim.
type Attached struct {
	ClaimID  int64
	Incident string // key of the incident it joined or started
	New      bool   // it started a new incident
	Link     harmlog.Link
}

// AttachClaims attaches stored claims (they must have IDs) of scope
// incident to the stored incidents; cumulative tolls, rejected claims and
// claims already in an incident are skipped. It stops at the first error,
// returning what was attached before it.
func (a *StoreAttacher) AttachClaims(ctx context.Context, claims []harmlog.Claim, actor string) ([]Attached, error) {
	var out []Attached
	for i := range claims {
		c := claims[i]
		if c.Scope == harmlog.ScopeCumulative || c.Status == harmlog.StatusRejected {
			continue
		}
		if c.ID == 0 {
			return out, fmt.Errorf("link: attaching claim %d of %d: it has no id (store it first)", i, len(claims))
		}
		at, ok, err := a.attach(ctx, c, actor)
		if err != nil {
			return out, fmt.Errorf("link: attaching claim %d: %w", c.ID, err)
		}
		if ok {
			out = append(out, at)
		}
	}
	return out, nil
}

func (a *StoreAttacher) attach(ctx context.Context, c harmlog.Claim, actor string) (Attached, bool, error) {
	l := New(a.opts)
	from, to := window(l, &c)
	country := ""
	for _, p := range c.Places {
		l.resolve(l.cache, &p)
		if p.Country != "" {
			country = p.Country
			break
		}
	}
	cands, err := a.store.IncidentCandidates(ctx, from, to, country)
	if err != nil {
		return Attached{}, false, err
	}
	ids := make(map[string]int64, len(cands))
	for _, inc := range cands {
		members := make([]harmlog.Claim, 0, len(inc.Members))
		pinned := make([]bool, 0, len(inc.Members))
		for _, m := range inc.Members {
			if m.ClaimID == c.ID {
				return Attached{}, false, nil // linked already
			}
			if m.Claim != nil {
				members = append(members, *m.Claim)
				pinned = append(pinned, m.Pinned)
			}
		}
		l.Seed(inc.Key, members, pinned)
		ids[inc.Key] = inc.ID
	}
	key, lk := l.Attach(c)
	if key == "" {
		return Attached{}, false, nil
	}
	inc, _ := l.Incident(key)
	inc.ID = ids[key]
	inc.Members = []harmlog.Link{lk}
	if err := a.store.SaveIncident(ctx, &inc, actor); err != nil {
		return Attached{}, false, err
	}
	return Attached{ClaimID: c.ID, Incident: key, New: ids[key] == 0, Link: inc.Members[0]}, true, nil
}

// window returns the dates of the incidents claim c could join: its own
// period widened by a day each side, or by month for a period indexed by
// month, as the linker's blocking looks; empty for an undated claim.
func window(l *Linker, c *harmlog.Claim) (from, to string) {
	r := l.prepare(c, "")
	if !r.dated {
		return "", ""
	}
	d0, d1 := r.d0-1, r.d1+1
	if r.d1-r.d0 >= shortSpan {
		t0 := time.Unix(int64(d0)*86400, 0).UTC()
		t1 := time.Unix(int64(d1)*86400, 0).UTC()
		return time.Date(t0.Year(), t0.Month(), 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
			time.Date(t1.Year(), t1.Month()+1, 0, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return dayString(d0), dayString(d1)
}

package link

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/harmlog/harmlog"
)

// DefaultThreshold is the score a claim's best pair with a member of an
// incident must reach for the claim to join it.
const DefaultThreshold = 4.5

// maxCompare is the number of an incident's members, the most recent ones,
// a new claim is compared with.
const maxCompare = 16

// Pin is an analyst's decision that a claim belongs to an incident.
type Pin struct {
	Claim    string // ClaimKey of the claim
	Incident string // incident key
}

// Never is an analyst's decision that two claims are never one incident.
type Never struct {
	A, B string // ClaimKeys
}

// Options configure a Linker.
type Options struct {
	// Threshold is the score needed to link; DefaultThreshold when zero.
	Threshold float64
	// Places resolves names with no gazetteer id; may be nil.
	Places Places
	// Alignment maps claimants, publishers and perpetrators to parties;
	// DefaultAlignment when nil.
	Alignment *Alignment
	// Pins and Never are analysts' decisions; every relink keeps them.
	Pins  []Pin
	Never []Never
	// Discounted maps an incident key to an analyst's reason for
	// discounting it.
	Discounted map[string]string
}

// node is one entry of an index list: an incident and the next node (0
// ends the list; node 0 is unused).
type node struct {
	inc, next int32
}

// incident is an incident being built: its members, in the order they
// joined.
type incident struct {
	key     string
	members []int32
	whys    []why
}

// Linker groups claims of scope incident into incidents. It keeps blocking
// indexes by day and place key, so attaching a claim compares it only with
// the incidents it could belong to.
type Linker struct {
	opts   Options
	align  *Alignment
	claims []*harmlog.Claim // Link's claims point into its argument
	recs   []rec
	incOf  []int32 // incident of each claim, -1 when not linked
	incs   []*incident
	byKey  map[string]int32
	// index maps a day to a map from place key to the head of a list of
	// incidents in nodes. One small map per day keeps lookups of claims of
	// nearby dates in cache; the maps hold no pointers, so the collector
	// skips them.
	index   map[int32]map[uint64]int32
	nodes   []node
	pins    map[string]string
	never   map[string][]string
	cache   *prepCache
	keybuf  []uint64
	candbuf []int32
	bulk    bool     // in Link: evidence rendered on demand only
	seen    []uint32 // per incident: the stamp of the last lookup that saw it
	stamp   uint32
}

// New returns an empty Linker.
func New(opts Options) *Linker {
	if opts.Threshold == 0 {
		opts.Threshold = DefaultThreshold
	}
	l := &Linker{
		opts:  opts,
		align: opts.Alignment,
		byKey: map[string]int32{},
		index: map[int32]map[uint64]int32{},
		pins:  map[string]string{},
		never: map[string][]string{},
		cache: newPrepCache(),
	}
	l.nodes = make([]node, 1)
	if l.align == nil {
		l.align = DefaultAlignment()
	}
	for _, p := range opts.Pins {
		l.pins[p.Claim] = p.Incident
	}
	for _, n := range opts.Never {
		l.never[n.A] = append(l.never[n.A], n.B)
		l.never[n.B] = append(l.never[n.B], n.A)
	}
	return l
}

// Link links claims from scratch, deterministically: the same claims in
// any order give the same incidents with the same keys. Claims are taken
// pinned ones first, then by date and ClaimKey. Claims are prepared on all
// cores, so opts.Places must be safe for concurrent use. The Linker keeps
// pointers into claims: do not change them while it is in use.
func Link(claims []harmlog.Claim, opts Options) *Linker {
	l := New(opts)
	// Room for the bulk and for attaches after it, so that neither pays
	// for copying a million-element slice.
	room := len(claims) + len(claims)/8 + 1024
	l.nodes = make([]node, 1, room*16)
	l.incs = make([]*incident, 0, room/2)
	l.seen = make([]uint32, 0, room/2)
	type item struct {
		i      int
		pinned bool
		dated  bool
		d0     int32
		key    string
	}
	items := make([]item, len(claims))
	recs := make([]rec, len(claims))
	// Preparing claims is independent work: share it among the cores.
	workers := max(1, min(runtime.GOMAXPROCS(0), 8, len(claims)/1000))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			pc := newPrepCache()
			for i := w; i < len(claims); i += workers {
				k := ClaimKey(claims[i])
				recs[i] = l.prepareWith(pc, &claims[i], k)
				it := item{i: i, key: k, dated: recs[i].dated, d0: recs[i].d0}
				_, it.pinned = l.pins[k]
				items[i] = it
			}
		})
	}
	wg.Wait()
	slices.SortFunc(items, func(a, b item) int {
		switch {
		case a.pinned != b.pinned:
			if a.pinned {
				return -1
			}
			return 1
		case a.dated != b.dated:
			if a.dated {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.d0, b.d0), strings.Compare(a.key, b.key))
	})
	l.claims = make([]*harmlog.Claim, 0, room)
	l.recs = make([]rec, 0, room)
	l.incOf = make([]int32, 0, room)
	l.bulk = true
	for _, it := range items {
		l.attachRec(&claims[it.i], recs[it.i])
		recs[it.i] = rec{}
	}
	l.bulk = false
	return l
}

// Len returns the number of claims attached.
func (l *Linker) Len() int { return len(l.claims) }

// Attach adds one claim, joining it to the incident it best matches or
// starting a new one, without relinking anything else. It returns the
// incident's key and the link with its score and evidence. A cumulative
// toll is never merged into an incident: its key is "".
func (l *Linker) Attach(c harmlog.Claim) (string, harmlog.Link) {
	return l.attach(c, ClaimKey(c))
}

// Kinds of decision recorded for a member.
const (
	joinedBest uint8 = iota // joined the best-scoring incident
	startedNew              // started a new incident
	pinnedIn                // pinned by an analyst
	seeded                  // linked before, given to Seed
)

// why is the linker's decision for one member, rendered as evidence only
// when asked for (Attach, Incidents), to keep a million links small.
type why struct {
	kind      uint8
	score     float64
	member    int32 // claim of the best pair, or -1
	cand      int32 // best candidate incident when a new one was started, or -1
	candScore float64
}

// attach is Attach with the claim's key already computed.
func (l *Linker) attach(c harmlog.Claim, key string) (string, harmlog.Link) {
	return l.attachRec(&c, l.prepare(&c, key))
}

// attachRec is Attach with the claim already prepared.
func (l *Linker) attachRec(c *harmlog.Claim, r rec) (string, harmlog.Link) {
	ci := int32(len(l.claims))
	l.claims = append(l.claims, c)
	l.recs = append(l.recs, r)
	if r.cumulative {
		l.incOf = append(l.incOf, -1)
		return "", harmlog.Link{ClaimID: c.ID, Evidence: "cumulative toll: kept apart from incidents"}
	}
	if key, ok := l.pins[r.key]; ok {
		inc, found := l.byKey[key]
		if !found {
			inc = l.newIncident(key)
		}
		w := why{kind: pinnedIn, member: -1, cand: -1}
		l.join(inc, ci, w)
		return key, l.link(ci, w)
	}
	best, bestScore, bestMember := int32(-1), 0.0, int32(-1)
	for _, inc := range l.candidates(&r) {
		if l.forbidden(r.key, inc) {
			continue
		}
		s, m := l.scoreIncident(&r, inc)
		if m < 0 {
			continue
		}
		if best < 0 || s > bestScore || (s == bestScore && l.incs[inc].key < l.incs[best].key) {
			best, bestScore, bestMember = inc, s, m
		}
	}
	if best >= 0 && bestScore >= l.opts.Threshold {
		w := why{kind: joinedBest, score: bestScore, member: bestMember, cand: -1}
		l.join(best, ci, w)
		return l.incs[best].key, l.linkLazy(ci, w)
	}
	inc := l.newIncident(l.incidentKey(&r, c))
	w := why{kind: startedNew, member: -1, cand: best, candScore: bestScore}
	l.join(inc, ci, w)
	return l.incs[inc].key, l.linkLazy(ci, w)
}

// linkLazy returns the link of claim ci, with its evidence rendered unless
// the linker is in a bulk Link.
func (l *Linker) linkLazy(ci int32, w why) harmlog.Link {
	if l.bulk {
		return harmlog.Link{ClaimID: l.claims[ci].ID, Score: w.score}
	}
	return l.link(ci, w)
}

// link renders the link of claim ci with its evidence: the features that
// matched, with their values and points, and the score.
func (l *Linker) link(ci int32, w why) harmlog.Link {
	lk := harmlog.Link{ClaimID: l.claims[ci].ID, Score: w.score}
	switch w.kind {
	case seeded:
		lk.Evidence = "linked before: the stored link is kept"
	case pinnedIn:
		lk.Pinned = true
		lk.Evidence = "pinned by an analyst"
	case joinedBest:
		ev := evidence{on: true}
		pairScore(&l.recs[ci], &l.recs[w.member], &ev)
		lk.Evidence = fmt.Sprintf("mean score %.2f ≥ %.2f over the incident's claims; best pair with claim %s: %s",
			w.score, l.opts.Threshold, l.recs[w.member].key, ev.String())
	case startedNew:
		lk.Evidence = "no incident within reach: started a new one"
		if w.cand >= 0 {
			lk.Evidence = fmt.Sprintf("started a new incident: best candidate %s scored %.2f < %.2f",
				l.incs[w.cand].key, w.candScore, l.opts.Threshold)
		}
	}
	return lk
}

// incidentKey names a new incident after its first claim: date, place and a
// hash of the claim, e.g. "2020-10-27-garayusifli-3fa1c2".
func (l *Linker) incidentKey(r *rec, c *harmlog.Claim) string {
	day := "undated"
	if r.dated {
		day = dayString(r.d0)
	}
	slug := "unknown"
	if len(c.Places) > 0 {
		if f := strings.Fields(Fold(c.Places[0].Name)); len(f) > 0 {
			slug = f[0]
			for _, w := range f {
				if !placeWords[w] {
					slug = w
					break
				}
			}
			if len(slug) > 24 {
				slug = slug[:24]
			}
		}
	}
	h := fnv.New32a()
	h.Write([]byte(r.key))
	key := fmt.Sprintf("%s-%s-%06x", day, slug, h.Sum32()&0xffffff)
	for n := 2; ; n++ {
		if _, taken := l.byKey[key]; !taken {
			return key
		}
		key = fmt.Sprintf("%s-%s-%06x-%d", day, slug, h.Sum32()&0xffffff, n)
	}
}

func (l *Linker) newIncident(key string) int32 {
	i := int32(len(l.incs))
	l.incs = append(l.incs, &incident{key: key})
	l.byKey[key] = i
	l.seen = append(l.seen, 0)
	return i
}

// join adds claim ci to incident inc and indexes it.
func (l *Linker) join(inc, ci int32, w why) {
	in := l.incs[inc]
	in.members = append(in.members, ci)
	in.whys = append(in.whys, w)
	l.incOf = append(l.incOf, inc)
	r := &l.recs[ci]
	l.keybuf = r.blockKeys(false, l.keybuf)
	add := func(d int32) {
		m := l.index[d]
		if m == nil {
			m = map[uint64]int32{}
			l.index[d] = m
		}
		for _, k := range l.keybuf {
			head := m[k]
			if head != 0 && l.nodes[head].inc == inc {
				continue
			}
			l.nodes = append(l.nodes, node{inc: inc, next: head})
			m[k] = int32(len(l.nodes) - 1)
		}
	}
	switch {
	case !r.dated || r.d1-r.d0 > maxDaySpan:
		add(wideDay)
	case r.d1-r.d0 >= shortSpan:
		for m := monthOf(r.d0); m <= monthOf(r.d1); m++ {
			add(m)
		}
	default:
		for d := r.d0; d <= r.d1; d++ {
			add(d)
		}
	}
}

// candidates returns the incidents sharing a place key with r within a day
// of its dates, those of periods in the same months, and those in the wide
// bucket under its keys.
func (l *Linker) candidates(r *rec) []int32 {
	l.stamp++
	out := l.candbuf[:0]
	defer func() { l.candbuf = out }()
	l.keybuf = r.blockKeys(true, l.keybuf)
	visit := func(d int32) {
		m := l.index[d]
		if m == nil {
			return
		}
		for _, k := range l.keybuf {
			for n := m[k]; n != 0; n = l.nodes[n].next {
				if inc := l.nodes[n].inc; l.seen[inc] != l.stamp {
					l.seen[inc] = l.stamp
					out = append(out, inc)
				}
			}
		}
	}
	if r.dated && r.d1-r.d0 <= maxDaySpan {
		for d := r.d0 - 1; d <= r.d1+1; d++ {
			visit(d)
		}
		for m := monthOf(r.d0 - 1); m <= monthOf(r.d1+1); m++ {
			visit(m)
		}
	} else if r.dated {
		visit(r.d0)
		visit(r.d1)
	}
	visit(wideDay)
	return out
}

// forbidden reports whether an analyst said claim key never joins a member
// of incident inc.
func (l *Linker) forbidden(key string, inc int32) bool {
	nv := l.never[key]
	if len(nv) == 0 {
		return false
	}
	for _, m := range l.incs[inc].members {
		if slices.Contains(nv, l.recs[m].key) {
			return true
		}
	}
	return false
}

// scoreIncident scores r against incident inc: the mean of its pair scores
// with the incident's most recent members, so that a claim must agree with
// the incident as a whole and one ambiguous member cannot chain two events.
// Members more than a day away are left out of the mean (a claim dated
// between two others bridges them). It also returns the member of the best
// pair (-1 when a pair is rejected: a claim never joins an incident one of
// whose members it can never be with).
func (l *Linker) scoreIncident(r *rec, inc int32) (float64, int32) {
	ms := l.incs[inc].members
	if len(ms) > maxCompare {
		ms = ms[len(ms)-maxCompare:]
	}
	var ev evidence
	sum, n, best, bm := 0.0, 0, reject, int32(-1)
	for _, m := range ms {
		s := pairScore(r, &l.recs[m], &ev)
		if s <= reject {
			return 0, -1
		}
		if s <= apart {
			continue
		}
		sum += s
		n++
		if s > best {
			best, bm = s, m
		}
	}
	if n == 0 {
		return 0, -1
	}
	return sum / float64(n), bm
}

// IncidentOf returns the key of the incident a claim (by ClaimKey) was
// linked to.
func (l *Linker) IncidentOf(claimKey string) (string, bool) {
	for i := range l.recs {
		if l.recs[i].key == claimKey && l.incOf[i] >= 0 {
			return l.incs[l.incOf[i]].key, true
		}
	}
	return "", false
}

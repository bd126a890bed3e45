package link

import (
	"encoding/binary"
	"encoding/hex"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
)

// Places resolves a place name to a gazetteer entry, as
// gazetteer.(*Gazetteer).Resolve does; an adapter returns the entry as a
// PlaceRef with ID, coordinates, country and admin1 filled in.
type Places interface {
	Resolve(name string, countries ...string) (harmlog.PlaceRef, bool)
}

// maxDaySpan is the longest date range, in days, indexed day by day; claims
// with longer or unknown ranges go to one wide bucket per place key.
const maxDaySpan = 62

// maxDeleteLen is the longest word indexed by its one-letter deletions;
// one edit in a longer word leaves its first or its last four letters
// whole, and words meet through those.
const maxDeleteLen = 8

// wideDay is the day bucket of undated and long-range claims.
const wideDay int32 = math.MinInt32

// shortSpan is the longest period, in days, indexed day by day; claims of
// longer periods (up to maxDaySpan) are indexed by month.
const shortSpan = 4

// monthOf returns the bucket of the month of day d: months counted from
// year 0, offset far below any day number so the two never meet, and
// increasing with time.
func monthOf(d int32) int32 {
	t := time.Unix(int64(d)*86400, 0).UTC()
	return -(1 << 30) + int32(t.Year()*12+int(t.Month())-1)
}

// rec is a claim prepared for comparison.
type rec struct {
	key        string
	d0, d1     int32
	dated      bool
	country    string
	admin1     string
	names      []string // place names without kind words, as phonetic skeletons joined by spaces
	folded     []string // the same names as written, folded
	ctx        []string // context names: the areas the places lie in
	toks       []string // their words
	ids        []string
	lat, lon   float64
	ll         bool
	killed     *harmlog.Range
	injured    *harmlog.Range
	wclass     string
	wfam       string
	perp       string
	cumulative bool
}

// ClaimKey is a claim's identity for pins and constraints: "claim:ID" for a
// stored claim, else a hash of what the claim says and where it was read.
func ClaimKey(c harmlog.Claim) string {
	if c.ID != 0 {
		return "claim:" + strconv.FormatInt(c.ID, 10)
	}
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	w := func(s string) {
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= prime
		}
		h ^= 0xff
		h *= prime
	}
	num := func(p *int) {
		v := uint64(1)
		if p != nil {
			v = uint64(int64(*p))<<1 | 0
		}
		for i := 0; i < 8; i++ {
			h ^= v >> (8 * i) & 0xff
			h *= prime
		}
	}
	rng := func(r *harmlog.Range) {
		if r == nil {
			w("")
			return
		}
		num(r.Min)
		num(r.Max)
	}
	if c.Date != nil {
		w(c.Date.From)
		w(c.Date.To)
	}
	for _, p := range c.Places {
		w(p.Name)
		w(p.Alt)
		w(p.ID)
	}
	rng(c.Killed)
	rng(c.Injured)
	for _, x := range c.WeaponWords {
		w(x)
	}
	for _, x := range c.Weapons {
		w(x)
	}
	w(c.PerpetratorWords)
	w(c.Perpetrator)
	w(c.Claimant)
	w(c.Publisher)
	w(c.Published)
	w(c.URL)
	w(c.Ref)
	w(c.Note)
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], h)
	return "sha:" + hex.EncodeToString(b[:])
}

// prepCache keeps what preparing claims has already worked out: the words
// of place fields, weapon classes, parties, gazetteer answers. Each
// goroutine that prepares claims has its own.
type prepCache struct {
	names    map[string]nameSet
	weapons  map[string][2]string
	parties  map[string]string
	resolved map[string]harmlog.PlaceRef
}

func newPrepCache() *prepCache {
	return &prepCache{names: map[string]nameSet{}, weapons: map[string][2]string{},
		parties: map[string]string{}, resolved: map[string]harmlog.PlaceRef{}}
}

// prepare turns a claim into a rec with the linker's own cache.
func (l *Linker) prepare(c *harmlog.Claim, key string) rec { return l.prepareWith(l.cache, c, key) }

// prepareWith turns a claim into a rec, using cache pc.
func (l *Linker) prepareWith(pc *prepCache, c *harmlog.Claim, key string) rec {
	r := rec{key: key, cumulative: c.Scope == harmlog.ScopeCumulative}
	if c.Date != nil {
		from, to := c.Date.From, c.Date.To
		if from == "" {
			from = to
		}
		if to == "" {
			to = from
		}
		d0, ok0 := dayNumber(from)
		d1, ok1 := dayNumber(to)
		if ok0 && ok1 && d1 >= d0 {
			r.d0, r.d1, r.dated = d0, d1, true
		}
	}
	for _, p := range c.Places {
		l.resolve(pc, &p)
		if r.country == "" {
			r.country = p.Country
		}
		if r.admin1 == "" {
			r.admin1 = Fold(p.Admin1)
		}
		if p.ID != "" && !slices.Contains(r.ids, p.ID) {
			r.ids = append(r.ids, p.ID)
		}
		if p.Lat != nil && p.Lon != nil && !r.ll {
			r.lat, r.lon, r.ll = *p.Lat, *p.Lon, true
		}
		for _, whole := range []string{p.Name, p.Alt} {
			nm, ok := pc.names[whole]
			if !ok {
				nm = splitTokens(whole)
				pc.names[whole] = nm
			}
			if r.names == nil && r.toks == nil && r.ctx == nil {
				// The common case, one place field: share the cached
				// slices (clipped, so an append copies them).
				r.names, r.folded = slices.Clip(nm.names), slices.Clip(nm.folded)
				r.toks, r.ctx = slices.Clip(nm.toks), slices.Clip(nm.ctx)
				continue
			}
			for i, j := range nm.names {
				if !slices.Contains(r.names, j) {
					r.names = append(r.names, j)
					r.folded = append(r.folded, nm.folded[i])
				}
			}
			for _, x := range nm.toks {
				if !slices.Contains(r.toks, x) {
					r.toks = append(r.toks, x)
				}
			}
			for _, x := range nm.ctx {
				if !slices.Contains(r.ctx, x) {
					r.ctx = append(r.ctx, x)
				}
			}
		}
	}
	r.killed, r.injured = c.Killed, c.Injured
	ws := c.Weapons
	if len(ws) == 0 {
		ws = c.WeaponWords
	}
	if len(ws) > 0 {
		wk := strings.Join(ws, " ")
		wc, ok := pc.weapons[wk]
		if !ok {
			wc[0], wc[1] = weaponClass(wk)
			pc.weapons[wk] = wc
		}
		r.wclass, r.wfam = wc[0], wc[1]
	}
	pw := orElse(c.Perpetrator, c.PerpetratorWords)
	party, ok := pc.parties[pw]
	if !ok {
		party = l.align.Party(pw)
		if party == "" {
			party = Fold(pw)
		}
		pc.parties[pw] = party
	}
	r.perp = party
	return r
}

// nameSet is the names and words of a place field, and its context names
// (the areas it lies in).
type nameSet struct{ names, folded, toks, ctx []string }

// splitTokens splits a place field into names, their words and context.
func splitTokens(whole string) nameSet {
	var ns nameSet
	names, context := splitNames(whole)
	for _, n := range names {
		t := nameTokens(n)
		if len(t) == 0 {
			continue
		}
		j := strings.Join(t, " ")
		if !slices.Contains(ns.names, j) {
			ns.names = append(ns.names, j)
			ns.folded = append(ns.folded, foldedName(n))
		}
		for _, x := range t {
			if !slices.Contains(ns.toks, x) {
				ns.toks = append(ns.toks, x)
			}
		}
	}
	for _, n := range context {
		if t := nameTokens(n); len(t) > 0 {
			if j := strings.Join(t, " "); !slices.Contains(ns.ctx, j) {
				ns.ctx = append(ns.ctx, j)
			}
		}
	}
	return ns
}

// resolve fills a place's ID and coordinates from the gazetteer, caching
// answers per name.
func (l *Linker) resolve(pc *prepCache, p *harmlog.PlaceRef) {
	if l.opts.Places == nil || p.ID != "" || p.Name == "" {
		return
	}
	k := p.Country + "|" + p.Name
	got, ok := pc.resolved[k]
	if !ok {
		var found bool
		if p.Country != "" {
			got, found = l.opts.Places.Resolve(p.Name, p.Country)
		} else {
			got, found = l.opts.Places.Resolve(p.Name)
		}
		if !found && p.Alt != "" {
			got, found = l.opts.Places.Resolve(p.Alt)
		}
		if !found {
			got = harmlog.PlaceRef{}
		}
		pc.resolved[k] = got
	}
	if got.ID == "" {
		return
	}
	p.ID, p.Lat, p.Lon = got.ID, got.Lat, got.Lon
	if p.Country == "" {
		p.Country = got.Country
	}
	if p.Admin1 == "" {
		p.Admin1 = got.Admin1
	}
}

// wordKeys appends the keys of one word: the word itself; for words of up
// to maxDeleteLen+1 letters every spelling one letter shorter, so that two
// spellings one edit apart (a letter dropped, added, changed, or two
// swapped) share a key; for words of maxDeleteLen letters or more their
// first four and last four letters, one of which one edit leaves whole.
func wordKeys(ks []uint64, t string) []uint64 {
	if len(t) < 2 {
		return ks
	}
	ks = append(ks, strHash(keyDelete, t, ""))
	if len(t) >= maxDeleteLen {
		ks = append(ks, strHash(keyPrefix, t[:4], ""), strHash(keySuffix, t[len(t)-4:], ""))
	}
	if len(t) <= maxDeleteLen+1 {
		for i := 0; i < len(t); i++ {
			ks = append(ks, strHash(keyDelete, t[:i], t[i+1:]))
		}
	}
	return ks
}

// Kinds of blocking keys.
const (
	keyID byte = iota + 1
	keyGrid
	keyPrefix
	keySuffix
	keyDelete
)

// strHash hashes a kind and up to two strings (FNV-1a).
func strHash(kind byte, a, b string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	h ^= uint64(kind)
	h *= prime
	for i := 0; i < len(a); i++ {
		h ^= uint64(a[i])
		h *= prime
	}
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= prime
	}
	return h
}

// blockKeys appends to buf the place keys a rec is indexed and looked up
// under: gazetteer ids, a 0.1° grid cell (the 3×3 cells around it when
// looking up), and the keys of every name word (wordKeys).
func (r *rec) blockKeys(lookup bool, buf []uint64) []uint64 {
	ks := buf[:0]
	for _, id := range r.ids {
		ks = append(ks, strHash(keyID, id, ""))
	}
	if r.ll {
		cx, cy := int64(math.Floor(r.lat*10)), int64(math.Floor(r.lon*10))
		cell := func(x, y int64) uint64 {
			return strHash(keyGrid, strconv.FormatInt(x, 10), strconv.FormatInt(y, 10))
		}
		if lookup {
			for dx := int64(-1); dx <= 1; dx++ {
				for dy := int64(-1); dy <= 1; dy++ {
					ks = append(ks, cell(cx+dx, cy+dy))
				}
			}
		} else {
			ks = append(ks, cell(cx, cy))
		}
	}
	for _, t := range r.toks {
		ks = wordKeys(ks, t)
	}
	// A context name meets the same name as a place ("Barda" and
	// "Garayusifli village, Barda district"), spelt alike.
	for _, n := range r.ctx {
		ks = append(ks, strHash(keyDelete, strings.ReplaceAll(n, " ", ""), ""))
	}
	// A name of several words also as one word, so that "Santa Cruz" meets
	// "Santacruz".
	for _, n := range r.names {
		if strings.IndexByte(n, ' ') > 0 {
			// Skip names of many words: their words already meet.
			if strings.Count(n, " ") > 2 {
				continue
			}
			ks = wordKeys(ks, strings.ReplaceAll(n, " ", ""))
		}
	}
	return ks
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

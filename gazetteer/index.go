package gazetteer

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"unsafe"
)

// shard is one piece of the embedded table, parsed and folded.
type shard struct {
	name   string
	raw    string // the decompressed rows
	rows   int
	offset int32 // number of the first place in the Gazetteer
	arena  []byte
	spans  []span
	err    error
}

// span says that place (numbered within its shard) has the folded name
// arena[from:to].
// The place number has primaryName set when the name is the place's own
// (Name or ASCII), not an alternate.
type span struct{ place, from, to int32 }

// primaryName flags postings of a place's own name; placeMask takes it off.
const (
	primaryName = 1 << 30
	placeMask   = primaryName - 1
)

// readShard decompresses one piece of the table and counts its rows.
func readShard(name string) *shard {
	sh := &shard{}
	gz, err := shardFS.ReadFile(name)
	if err == nil && len(gz) < 4 {
		err = io.ErrUnexpectedEOF
	}
	var zr *gzip.Reader
	if err == nil {
		zr, err = gzip.NewReader(bytes.NewReader(gz))
	}
	if err != nil {
		sh.err = fmt.Errorf("gazetteer: %s: %w", name, err)
		return sh
	}
	// The gzip trailer holds the uncompressed size: read in one go.
	raw := make([]byte, binary.LittleEndian.Uint32(gz[len(gz)-4:]))
	if _, err := io.ReadFull(zr, raw); err != nil {
		sh.err = fmt.Errorf("gazetteer: %s: %w", name, err)
		return sh
	}
	// raw is never written again: share it with the places' strings
	// instead of copying 11 MB.
	sh.raw = unsafe.String(unsafe.SliceData(raw), len(raw))
	sh.rows = strings.Count(sh.raw, "\n")
	sh.name = name
	return sh
}

// parse fills places, the shard's slice of the Gazetteer's places, from its
// rows and folds their names.
func (sh *shard) parse(places []Place) {
	if err := parsePlaces(sh.raw, places); err != nil {
		sh.err = fmt.Errorf("gazetteer: %s: %w", sh.name, err)
		return
	}
	nnames := 0
	for i := range places {
		nnames += len(places[i].Names)
	}
	sh.arena = make([]byte, 0, len(sh.raw))
	sh.spans = make([]span, 0, nnames+nnames/4)
	for i := range places {
		p := &places[i]
		primary := 1
		if len(p.Names) > 1 && p.Names[1] == p.ASCII {
			primary = 2
		}
		sh.fold(int32(i), p.Names, primary)
	}
}

// fold files the distinct folded names of place i, the first primary of
// which are its own.
func (sh *shard) fold(i int32, names []string, primary int) {
	first := len(sh.spans)
names:
	for j, name := range names {
		if j >= primary && isCode(name) {
			continue
		}
		from := len(sh.arena)
		sh.arena = appendFold(sh.arena, name)
		if len(sh.arena) == from {
			continue
		}
		k := sh.arena[from:]
		for _, s := range sh.spans[first:] {
			if string(sh.arena[s.from:s.to]) == string(k) {
				sh.arena = sh.arena[:from]
				continue names
			}
		}
		p := i
		if j < primary {
			p |= primaryName
		}
		sh.spans = append(sh.spans, span{p, int32(from), int32(len(sh.arena))})
		if j < primary {
			sh.light(p, name, first)
		}
	}
}

// light files the light fold of a place's own name where it differs from
// the full fold, so that Search finds typos of the name as written. Such a
// key holds kh, x, y, zh, ts, ou, gh or a doubled letter, which no full key
// does, so it never meets a folded query by accident.
func (sh *shard) light(p int32, name string, first int) {
	from := len(sh.arena)
	sh.arena = appendLight(sh.arena, name)
	k := sh.arena[from:]
	for _, s := range sh.spans[first:] {
		if string(sh.arena[s.from:s.to]) == string(k) {
			sh.arena = sh.arena[:from]
			return
		}
	}
	sh.spans = append(sh.spans, span{p, int32(from), int32(len(sh.arena))})
}

// isCode reports whether an alternate name is an airport or similar code
// ("EAN", "FCA", "KJFK"), which GeoNames lists among a town's names but
// which read as words, not as names of the town.
func isCode(name string) bool {
	if len(name) < 2 || len(name) > 4 {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < 'A' || name[i] > 'Z' {
			return false
		}
	}
	return true
}

// foldAlias files a curated alias for place i as strongly as the place's
// own name, even where GeoNames lists it among the alternates.
func (sh *shard) foldAlias(i int32, alias string) {
	k := Fold(alias)
	for _, s := range sh.spans {
		if s.place&placeMask == i && string(sh.arena[s.from:s.to]) == k {
			return
		}
	}
	sh.fold(i, []string{alias}, 1)
}

// build fills the key table, the postings, the multi-token prefix flags
// and the deletion index from the folded names of the shards.
func (g *Gazetteer) build(shards []*shard) {
	total := 0
	for _, sh := range shards {
		total += len(sh.spans)
	}
	// Flatten the shards' spans: key j is names[j], of place place[j].
	names := make([]string, 0, total)
	place := make([]int32, 0, total)
	for _, sh := range shards {
		arena := string(sh.arena) // a copy sized to fit, not to the estimate
		sh.arena = nil
		for _, s := range sh.spans {
			names = append(names, arena[s.from:s.to])
			place = append(place, sh.offset+s.place&placeMask|s.place&primaryName)
		}
		sh.spans = nil
	}
	t, kid := buildKeyTable(len(names), func(j int) string { return names[j] })
	names = nil
	nkeys := len(t.keys)
	keys := t.keys[:nkeys:nkeys]
	// The deletion index, which only fuzzy Search needs, goes on building
	// after Load returns; Search waits for it (see fuzzy).
	g.delReady = make(chan struct{})
	go func() {
		g.del = buildDeleteIndex(keys, func(k int) bool { return fuzzyKey(keys[k]) })
		close(g.delReady)
	}()
	// Whole-token prefixes of multi-token keys, for Scan's longest match.
	var prefixes []int32
	for k := 0; k < nkeys; k++ {
		key := keys[k]
		for i := strings.LastIndexByte(key, ' '); i > 0; i = strings.LastIndexByte(key[:i], ' ') {
			prefixes = append(prefixes, t.add(key[:i]))
		}
	}
	// A bitset of first words, small enough to stay in cache, lets Scan
	// pass over most capitalised words without probing the key table.
	g.first = make([]uint64, firstBits/64)
	for _, key := range t.keys {
		w, _, _ := strings.Cut(key, " ")
		h := fnv64(w)
		g.first[h>>(64-firstShift)/64] |= 1 << (h >> (64 - firstShift) % 64)
	}
	g.prefix = make([]bool, len(t.keys))
	for _, k := range prefixes {
		g.prefix[k] = true
	}
	// Postings by counting sort on key number.
	g.postAt = make([]int32, len(t.keys)+1)
	for _, k := range kid {
		g.postAt[k+1]++
	}
	for k := 1; k < len(g.postAt); k++ {
		g.postAt[k] += g.postAt[k-1]
	}
	g.post = make([]int32, len(kid))
	fill := make([]int32, len(t.keys))
	copy(fill, g.postAt)
	for j, k := range kid {
		g.post[fill[k]] = place[j]
		fill[k]++
	}
	g.keys = t
}

// fuzzy returns the deletion index, waiting for Load's background build.
func (g *Gazetteer) fuzzy() *deleteIndex {
	<-g.delReady
	return g.del
}

// firstBits is the size of the first-word bitset.
const (
	firstShift = 21
	firstBits  = 1 << firstShift
)

// mayStart reports whether a folded word may begin a key.
func (g *Gazetteer) mayStart(w []byte) bool {
	h := fnv64(w) >> (64 - firstShift)
	return g.first[h/64]&(1<<(h%64)) != 0
}

// fuzzyKey reports whether key goes into the deletion index: folded to
// ASCII and long enough for one edit not to make it another word.
func fuzzyKey(key string) bool {
	if len(key) < 3 {
		return false
	}
	for i := 0; i < len(key); i++ {
		if key[i] >= 0x80 {
			return false
		}
	}
	return true
}

// postings returns the places key k names.
func (g *Gazetteer) postings(k int32) []int32 {
	return g.post[g.postAt[k]:g.postAt[k+1]]
}

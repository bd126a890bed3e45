package gazetteer

import (
	"sync"

	"github.com/harmlog/harmlog/gazetteer/internal/index"
)

// primaryName flags postings of a place's own name; placeMask takes it off.
const (
	primaryName = index.Primary
	placeMask   = index.PlaceMask
)

// deleteIndex is a symmetric-deletion (SymSpell) index over the first
// prefixLen bytes of folded keys: each key is filed under the hash of its
// prefix and of every one-byte deletion of it, so that a query within one
// edit of a key's prefix shares at least one hash with it. Entries are
// bucketed by the top bits of the hash (a counting sort, no comparison
// sort), each entry packing hash<<32 | key number.
type deleteIndex struct {
	dir     []uint32 // bucket b holds entries[dir[b]:dir[b+1]]
	entries []uint64
	shift   uint
}

const prefixLen = 7

// fnv32Skip is FNV-1a over s without byte skip (skip < 0 keeps all).
func fnv32Skip(s string, skip int) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		if i == skip {
			continue
		}
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// deleteHashes calls f with the hash of key's prefix and of each one-byte
// deletion of it.
func deleteHashes(key string, f func(uint32)) {
	p := key
	if len(p) > prefixLen {
		p = p[:prefixLen]
	}
	f(fnv32Skip(p, -1))
	for i := 0; i < len(p); i++ {
		if i > 0 && p[i] == p[i-1] {
			continue // same deletion as the one before
		}
		f(fnv32Skip(p, i))
	}
}

// buildDeleteIndex files the keys of ix that fuzzyKey admits and that
// name places (not those only prefixes of longer keys). It hashes
// every key twice, once to count the entries of each bucket and once to
// place them, rather than keep 30 MB of hashes in between, and splits the
// keys between two goroutines.
func buildDeleteIndex(ix *index.Index) *deleteIndex {
	var ks []int32 // the keys to file
	var keys []string
	n := 0
	for k := int32(0); k >= 0; k = ix.Next(k) {
		if key := ix.Key(k); fuzzyKey(key) && len(ix.Postings(k)) > 0 {
			ks = append(ks, k)
			keys = append(keys, key)
			n += min(len(key), prefixLen) + 1
		}
	}
	bits := uint(10)
	for 1<<bits < n/2 && bits < 24 {
		bits++
	}
	shift := 32 - bits
	const parts = 2
	var count [parts][]uint32
	span := func(p int) (int, int) { return len(ks) * p / parts, len(ks) * (p + 1) / parts }
	var wg sync.WaitGroup
	for p := range parts {
		count[p] = make([]uint32, 1<<bits)
		wg.Go(func() {
			c := count[p]
			lo, hi := span(p)
			for j := lo; j < hi; j++ {
				deleteHashes(keys[j], func(h uint32) { c[h>>shift]++ })
			}
		})
	}
	wg.Wait()
	d := &deleteIndex{dir: make([]uint32, 1<<bits+1), shift: 64 - bits}
	at := uint32(0)
	for b := range 1 << bits {
		d.dir[b] = at
		for p := range parts {
			c := count[p][b]
			count[p][b] = at // now the cursor where part p fills bucket b
			at += c
		}
	}
	d.dir[1<<bits] = at
	d.entries = make([]uint64, at)
	for p := range parts {
		wg.Go(func() {
			cur := count[p]
			lo, hi := span(p)
			for j := lo; j < hi; j++ {
				k := ks[j]
				deleteHashes(keys[j], func(h uint32) {
					b := h >> shift
					d.entries[cur[b]] = uint64(h)<<32 | uint64(k)
					cur[b]++
				})
			}
		})
	}
	wg.Wait()
	return d
}

// lookup calls f with each key number filed under hash h (and, rarely,
// under another hash that collides with it in 32 bits: callers verify).
func (d *deleteIndex) lookup(h uint32, f func(int32)) {
	e := uint64(h) << 32
	b := e >> d.shift
	for _, x := range d.entries[d.dir[b]:d.dir[b+1]] {
		if x>>32 == uint64(h) {
			f(int32(uint32(x)))
		}
	}
}

// fuzzy returns the deletion index, building it on first use.
func (g *Gazetteer) fuzzy() *deleteIndex {
	g.delOnce.Do(func() { g.del = buildDeleteIndex(g.ix) })
	return g.del
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

// postings returns the postings of key k (see index.Post).
func (g *Gazetteer) postings(k int32) string { return g.ix.Postings(k) }

// key returns key k.
func (g *Gazetteer) key(k int32) string { return g.ix.Key(k) }

package gazetteer

import "sync"

// keyTable maps folded names to dense key numbers. It is an open-addressing
// hash table of uint64 slots over a slice of key strings, several times
// smaller and faster to build than a map[string]int32 with 800k keys, and
// it looks keys up from a []byte without allocating. Keys are split
// between two halves by the top bit of their hash, so that two goroutines
// can fill it at once (buildKeyTable).
type keyTable struct {
	parts [2]keyPart
	keys  []string
}

// keyPart is one half of a keyTable. Its slots hold the top 32 bits of a
// key's hash and its number + 1 (0 is empty), so that a probe reads a key's
// string only when the hashes agree.
type keyPart struct {
	slots []uint64
	mask  uint64
	n     int // keys in this half
}

const slotKey = 1<<32 - 1

func newKeyPart(n int) keyPart {
	size := 1
	for size < n*2 {
		size <<= 1
	}
	return keyPart{slots: make([]uint64, size), mask: uint64(size - 1)}
}

// fnv64 is FNV-1a over s.
func fnv64[T string | []byte](s T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// find returns the key number of k, or -1.
func find[T string | []byte](t *keyTable, k T) int32 {
	h := fnv64(k)
	p := &t.parts[h>>63]
	tag := h >> 32 << 32
	for i := h & p.mask; ; i = (i + 1) & p.mask {
		s := p.slots[i]
		if s == 0 {
			return -1
		}
		if s&^slotKey == tag && t.keys[s&slotKey-1] == string(k) {
			return int32(s&slotKey - 1)
		}
	}
}

// add returns the key number of k, adding it when absent.
func (t *keyTable) add(k string) int32 {
	h := fnv64(k)
	p := &t.parts[h>>63]
	if 2*(p.n+1) > len(p.slots) {
		p.grow(t.keys)
	}
	tag := h >> 32 << 32
	for i := h & p.mask; ; i = (i + 1) & p.mask {
		s := p.slots[i]
		if s == 0 {
			t.keys = append(t.keys, k)
			p.slots[i] = tag | uint64(len(t.keys))
			p.n++
			return int32(len(t.keys) - 1)
		}
		if s&^slotKey == tag && t.keys[s&slotKey-1] == k {
			return int32(s&slotKey - 1)
		}
	}
}

// grow doubles the slots of p, whose keys are numbered into keys.
func (p *keyPart) grow(keys []string) {
	slots := make([]uint64, 2*len(p.slots))
	mask := uint64(len(slots) - 1)
	for _, s := range p.slots {
		if s == 0 {
			continue
		}
		for i := fnv64(keys[s&slotKey-1]) & mask; ; i = (i + 1) & mask {
			if slots[i] == 0 {
				slots[i] = s
				break
			}
		}
	}
	p.slots, p.mask = slots, mask
}

// buildKeyTable numbers the distinct strings of names (n of them at most,
// in the order key(0), key(1), ...) and returns the table and each name's
// key number. Two goroutines fill the two halves of the table; the keys of
// the second half are numbered after those of the first.
func buildKeyTable(n int, key func(int) string) (*keyTable, []int32) {
	t := &keyTable{}
	kid := make([]int32, n)
	var local [2][]string
	var wg sync.WaitGroup
	for half := range 2 {
		wg.Go(func() {
			p := newKeyPart(n / 3) // about two thirds of names are distinct, half here
			keys := make([]string, 0, n/3)
			for j := range n {
				k := key(j)
				h := fnv64(k)
				if int(h>>63) != half {
					continue
				}
				if 2*(len(keys)+1) > len(p.slots) {
					p.grow(keys)
				}
				tag := h >> 32 << 32
				for i := h & p.mask; ; i = (i + 1) & p.mask {
					s := p.slots[i]
					if s == 0 {
						keys = append(keys, k)
						p.slots[i] = tag | uint64(len(keys))
						kid[j] = int32(len(keys) - 1)
						break
					}
					if s&^slotKey == tag && keys[s&slotKey-1] == k {
						kid[j] = int32(s&slotKey - 1)
						break
					}
				}
			}
			p.n = len(keys)
			t.parts[half] = p
			local[half] = keys
		})
	}
	wg.Wait()
	// Renumber the second half after the first.
	n0 := uint64(len(local[0]))
	for i, s := range t.parts[1].slots {
		if s != 0 {
			t.parts[1].slots[i] = s + n0
		}
	}
	for j := range n {
		if fnv64(key(j))>>63 == 1 {
			kid[j] += int32(n0)
		}
	}
	t.keys = append(local[0][:len(local[0]):len(local[0])], local[1]...)
	return t, kid
}

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

// buildDeleteIndex files the keys for which use(k) is true. It hashes
// every key twice, once to count the entries of each bucket and once to
// place them, rather than keep 30 MB of hashes in between, and splits the
// keys between two goroutines.
func buildDeleteIndex(keys []string, use func(int) bool) *deleteIndex {
	n := 0
	for k, key := range keys {
		if use(k) {
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
	span := func(p int) (int, int) { return len(keys) * p / parts, len(keys) * (p + 1) / parts }
	var wg sync.WaitGroup
	for p := range parts {
		count[p] = make([]uint32, 1<<bits)
		wg.Go(func() {
			c := count[p]
			lo, hi := span(p)
			for k := lo; k < hi; k++ {
				if use(k) {
					deleteHashes(keys[k], func(h uint32) { c[h>>shift]++ })
				}
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
			for k := lo; k < hi; k++ {
				if use(k) {
					deleteHashes(keys[k], func(h uint32) {
						b := h >> shift
						d.entries[cur[b]] = uint64(h)<<32 | uint64(k)
						cur[b]++
					})
				}
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

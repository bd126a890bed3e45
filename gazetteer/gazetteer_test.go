package gazetteer

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/harmlog/harmlog/gazetteer/internal/index"
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
// testdata/places_small.tsv (rows of the compact table, see index.ReadRows)
// the way the generator builds the full one, for fuzz targets, whose
// workers would otherwise each load 200,000 places.
func smallGazetteer(tb testing.TB) *Gazetteer {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "places_small.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := index.ReadRows(f, true)
	if err != nil {
		tb.Fatal(err)
	}
	data, err := index.Build(rows)
	if err != nil {
		tb.Fatal(err)
	}
	ix, err := index.Open(string(data))
	if err != nil {
		tb.Fatal(err)
	}
	return open(ix)
}

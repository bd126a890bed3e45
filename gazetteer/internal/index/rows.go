package index

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// ReadRows reads places from r: rows of GeoNames' cities500.txt (19
// columns), or, if compact, of the compact table earlier versions embedded
// (10 columns: geonameid, name, asciiname, alternatenames, latitude,
// longitude, country code, admin1 code, population, feature code). Names
// holds the name, the ASCII name where it differs (both the place's own)
// and the alternate names, duplicates removed.
func ReadRows(r io.Reader, compact bool) ([]Row, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var rows []Row
	for line := 1; sc.Scan(); line++ {
		f := strings.Split(sc.Text(), "\t")
		var id, name, ascii, alts, lat, lon, cc, admin1, pop, feature string
		switch {
		case compact && len(f) == 10:
			id, name, ascii, alts, lat, lon, cc, admin1, pop, feature = f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]
		case !compact && len(f) >= 15:
			id, name, ascii, alts, lat, lon, cc, admin1, pop, feature = f[0], f[1], f[2], f[3], f[4], f[5], f[8], f[10], f[14], f[7]
		default:
			return nil, fmt.Errorf("line %d: %d columns", line, len(f))
		}
		if pop == "" {
			pop = "0"
		}
		p, err := strconv.Atoi(pop)
		if err != nil {
			return nil, fmt.Errorf("line %d: population %q", line, pop)
		}
		if _, err := strconv.ParseUint(id, 10, 32); err != nil {
			return nil, fmt.Errorf("line %d: id %q", line, id)
		}
		names, own := []string{name}, 1
		if ascii != name {
			names, own = append(names, ascii), 2
		}
		seen := map[string]bool{name: true, ascii: true, "": true}
		for _, a := range strings.Split(alts, ",") {
			a = strings.TrimSpace(a)
			if !seen[a] {
				seen[a] = true
				names = append(names, a)
			}
		}
		rows = append(rows, Row{
			ID: id, Name: name, ASCII: ascii, Names: names, Own: own, Lat: lat, Lon: lon,
			Country: cc, Admin1: admin1, Population: p, Feature: feature,
		})
	}
	return rows, sc.Err()
}

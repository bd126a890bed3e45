package index

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/harmlog/harmlog/gazetteer/internal/fold"
)

// curatedRows returns the data rows of a hand-edited TSV: blank lines and
// lines starting with '#' are skipped, the first remaining row is the
// header, and each row must have at least n columns.
func curatedRows(file, data string, n int) ([][]string, error) {
	var rows [][]string
	header := true
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if header {
			header = false
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < n {
			return nil, fmt.Errorf("index: %s line %d: %d columns, want %d", file, i+1, len(f), n)
		}
		for j := range f {
			f[j] = strings.TrimSpace(f[j])
		}
		rows = append(rows, f)
	}
	return rows, nil
}

// Alias is a curated name for a place.
type Alias struct {
	ID    string // "geonames:N" or a curated place's ID
	Alias string
}

// ParseAliases reads data/aliases.tsv: place ID, alias, note, source.
func ParseAliases(data string) ([]Alias, error) {
	rows, err := curatedRows("aliases.tsv", data, 4)
	if err != nil {
		return nil, err
	}
	out := make([]Alias, 0, len(rows))
	for _, f := range rows {
		if f[0] == "" || f[1] == "" || f[3] == "" {
			return nil, fmt.Errorf("index: aliases.tsv: row %q lacks an ID, alias or source", f)
		}
		out = append(out, Alias{ID: f[0], Alias: f[1]})
	}
	return out, nil
}

// ParseCurated reads data/places.tsv: ID, name, other names (comma-
// separated), latitude, longitude, country, admin1, population, feature
// code, source.
func ParseCurated(data string) ([]Row, error) {
	rows, err := curatedRows("places.tsv", data, 10)
	if err != nil {
		return nil, err
	}
	out := make([]Row, 0, len(rows))
	for _, f := range rows {
		_, err1 := strconv.ParseFloat(f[3], 64)
		_, err2 := strconv.ParseFloat(f[4], 64)
		pop, err3 := strconv.Atoi(f[7])
		if err1 != nil || err2 != nil || err3 != nil || f[0] == "" || f[1] == "" || f[9] == "" {
			return nil, fmt.Errorf("index: places.tsv: bad row %q", f)
		}
		names := []string{f[1]}
		for _, n := range strings.Split(f[2], ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
		out = append(out, Row{
			ID: f[0], Name: f[1], ASCII: fold.String(f[1]), Lat: f[3], Lon: f[4], Country: f[5],
			Admin1: f[6], Population: pop, Feature: f[8], Names: names, Own: 1,
		})
	}
	return out, nil
}

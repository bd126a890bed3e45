package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harmlog/harmlog/gazetteer/internal/index"
)

// Two GeoNames rows (19 columns) as cities500.txt has them.
const sample = "587384\tAgdzhabedy\tAgdzhabedy\tAgcabadi,Aghjabadi,Agdzhabedy,Ağcabədi\t40.05015\t47.45937\tP\tPPLA\tAZ\t\t02\t\t\t\t43000\t\t-9\tAsia/Baku\t2023-01-01\n" +
	"146970\tXankəndi\tXankandi\tKhankendi,Stepanakert, Xankəndi\t39.8177\t46.7528\tP\tPPL\tAZ\t\t61\t\t\t\t\t\t811\tAsia/Baku\t2023-01-01\n"

// The same rows in the compact table earlier versions embedded.
const compact = "587384\tAgdzhabedy\tAgdzhabedy\tAgcabadi,Aghjabadi,Ağcabədi\t40.05015\t47.45937\tAZ\t02\t43000\tPPLA\n" +
	"146970\tXankəndi\tXankandi\tKhankendi,Stepanakert,Xankəndi\t39.8177\t46.7528\tAZ\t61\t0\tPPL\n"

const places = "# curated\nid\tname\tnames\tlat\tlon\tcountry\tadmin1\tpopulation\tfeature\tsource\n" +
	"curated:shosh\tShosh\tShushikend\t39.77\t46.78472\tAZ\t\t641\tPPL\thttps://example.org/shosh\n"

const aliases = "id\talias\tnote\tsource\ngeonames:146970\tStepanakert city\tnote\thttps://example.org/s\n"

func TestReadRows(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		compact bool
		want    []string // ID, Own and Names of each row
		err     bool
	}{
		{"geonames", sample, false, []string{"587384 1 Agdzhabedy|Agcabadi|Aghjabadi|Ağcabədi", "146970 2 Xankəndi|Xankandi|Khankendi|Stepanakert"}, false},
		{"compact", compact, true, []string{"587384 1 Agdzhabedy|Agcabadi|Aghjabadi|Ağcabədi", "146970 2 Xankəndi|Xankandi|Khankendi|Stepanakert"}, false},
		{"empty", "", false, nil, false},
		{"short row", "1\tA\tA\n", false, nil, true},
		{"compact as geonames", compact, false, nil, true},
		{"bad population", strings.Replace(compact, "43000", "many", 1), true, nil, true},
	}
	for _, tt := range tests {
		rows, err := index.ReadRows(strings.NewReader(tt.in), tt.compact)
		if (err != nil) != tt.err {
			t.Errorf("%s: err = %v, want error %v", tt.name, err, tt.err)
			continue
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.ID+" "+string(rune('0'+r.Own))+" "+strings.Join(r.Names, "|"))
		}
		if !tt.err && strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s: rows\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
}

// TestRun writes an index from the sample twice, from GeoNames rows and
// from the compact table, and checks that the bytes agree and that the
// curated place and alias are in it.
func TestRun(t *testing.T) {
	var outs [][]byte
	for _, c := range []struct {
		in      string
		compact bool
	}{{sample, false}, {compact, true}, {sample, false}} {
		dir := t.TempDir()
		in := filepath.Join(dir, "in.txt")
		for name, data := range map[string]string{in: c.in, filepath.Join(dir, "places.tsv"): places, filepath.Join(dir, "aliases.tsv"): aliases} {
			if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		n, err := run(in, c.compact, dir)
		if err != nil || n != 2 {
			t.Fatalf("run = %d, %v; want 2 rows", n, err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "index.bin"))
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	for i := 1; i < len(outs); i++ {
		if !bytes.Equal(outs[0], outs[i]) {
			t.Errorf("run %d wrote other bytes than run 0", i)
		}
	}
	x, err := index.Open(string(outs[0]))
	if err != nil {
		t.Fatal(err)
	}
	if x.Len() != 3 {
		t.Errorf("index holds %d places, want 3", x.Len())
	}
	for _, key := range []string{"stepanakert city", "shosh", "hankandi", "agjabadi"} {
		if index.Find(x, key) < 0 {
			t.Errorf("key %q missing", key)
		}
	}
}

func TestBuildUnknownAlias(t *testing.T) {
	rows, err := index.ReadRows(strings.NewReader(compact), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, aliases string
		err           bool
	}{
		{"known", aliases, false},
		{"unknown place", "id\talias\tnote\tsource\ngeonames:1\tX\tnote\thttps://example.org\n", true},
		{"no source", "id\talias\tnote\tsource\ngeonames:146970\tX\tnote\t\n", true},
	} {
		if _, err := build(rows, places, tt.aliases); (err != nil) != tt.err {
			t.Errorf("%s: err = %v, want error %v", tt.name, err, tt.err)
		}
	}
}

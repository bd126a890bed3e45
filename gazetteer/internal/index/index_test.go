package index

import (
	"bytes"
	"strings"
	"testing"
)

// testRows are three places in the form the generator passes to Build.
var testRows = []Row{
	{ID: "587384", Name: "Ağcabədi", ASCII: "Agcabadi", Names: []string{"Ağcabədi", "Agcabadi", "Aghjabadi", "EAN"}, Own: 2,
		Lat: "40.05015", Lon: "47.45937", Country: "AZ", Admin1: "02", Population: 43000, Feature: "PPLA"},
	{ID: "3451190", Name: "Rio de Janeiro", ASCII: "Rio de Janeiro", Names: []string{"Rio de Janeiro", "Rio"}, Own: 1,
		Lat: "-22.90642", Lon: "-43.18223", Country: "BR", Admin1: "21", Population: 6747815, Feature: "PPLA"},
	{ID: "curated:shosh", Name: "Shosh", ASCII: "shosh", Names: []string{"Shosh", "Shushikend"}, Own: 1,
		Aliases: []string{"Şuşikənd", "Shoshi", "shushikend"}, Lat: "39.77", Lon: "46.78472", Population: 641, Feature: "PPL"},
}

func TestBuildOpen(t *testing.T) {
	data, err := Build(testRows)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Build(testRows)
	if !bytes.Equal(data, again) {
		t.Error("Build gave different bytes for the same rows")
	}
	x, err := Open(string(data))
	if err != nil {
		t.Fatal(err)
	}
	if x.Len() != 3 {
		t.Fatalf("Len = %d, want 3", x.Len())
	}
	tests := []struct {
		key     string
		places  []int32 // postings, Primary included
		prefix  bool
		present bool
	}{
		{"agcabadi", []int32{0 | Primary}, false, true},
		{"aghjabadi", nil, false, false}, // folds to agjabadi
		{"agjabadi", []int32{0}, false, true},
		{"ean", nil, false, false}, // an airport code, left out
		{"rio de janeiro", []int32{1 | Primary}, false, true},
		{"rio de", nil, true, true}, // a prefix only
		{"rio", []int32{1}, true, true},
		{"shushikend", []int32{2 | Primary}, false, true}, // an alternate made own by an alias
		{"shushikand", []int32{2 | Primary}, false, true}, // a curated alias is own
		{"shosh", []int32{2 | Primary}, false, true},
		{"shoshi", []int32{2 | Primary}, false, true},
		{"nowhere", nil, false, false},
	}
	for _, tt := range tests {
		k := Find(x, tt.key)
		if (k >= 0) != tt.present {
			t.Errorf("Find(%q) = %d, want present %v", tt.key, k, tt.present)
			continue
		}
		if k < 0 {
			continue
		}
		if x.Key(k) != tt.key || x.IsPrefix(k) != tt.prefix {
			t.Errorf("key %d = %q prefix %v, want %q prefix %v", k, x.Key(k), x.IsPrefix(k), tt.key, tt.prefix)
		}
		ps := x.Postings(k)
		var got []int32
		for j := range len(ps) / 3 {
			got = append(got, Post(ps, j))
		}
		if len(got) != len(tt.places) || (len(got) > 0 && got[0] != tt.places[0]) {
			t.Errorf("postings of %q = %v, want %v", tt.key, got, tt.places)
		}
		if !x.MayStart([]byte(strings.Fields(tt.key)[0])) {
			t.Errorf("MayStart(%q) = false", tt.key)
		}
	}
	for _, g := range []struct {
		id    uint32
		place int32
		ok    bool
	}{{587384, 0, true}, {3451190, 1, true}, {1, 0, false}} {
		if p, ok := x.GeoNames(g.id); ok != g.ok || ok && p != g.place {
			t.Errorf("GeoNames(%d) = %d, %v; want %d, %v", g.id, p, ok, g.place, g.ok)
		}
	}
	if x.Country(2) != "" || x.Country(1) != "BR" || x.Population(1) != 6747815 {
		t.Errorf("Country(2) = %q, Country(1) = %q, Population(1) = %d", x.Country(2), x.Country(1), x.Population(1))
	}
	if row := x.Row(2); row != "curated:shosh\tShosh\x1fShushikend\x1fŞuşikənd\x1fShoshi\x1fshushikend\tshosh\t39.77\t46.78472\t\tPPL" {
		t.Errorf("Row(2) = %q", row)
	}
	n := 0
	for k := int32(0); k >= 0; k = x.Next(k) {
		n++
	}
	if n != x.NumKeys() {
		t.Errorf("Next walked %d keys, NumKeys = %d", n, x.NumKeys())
	}
}

func TestOpenCorrupt(t *testing.T) {
	data, err := Build(testRows)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, data string }{
		{"empty", ""},
		{"bad magic", "x" + string(data[1:])},
		{"truncated", string(data[:len(data)/2])},
		{"header only", string(data[:len(magic)+16])},
	} {
		if _, err := Open(tt.data); err == nil {
			t.Errorf("Open(%s): no error", tt.name)
		}
	}
}

func TestBuildRejects(t *testing.T) {
	for _, tt := range []struct {
		name string
		row  Row
	}{
		{"tab in a name", Row{ID: "1", Name: "A\tB", ASCII: "A B", Names: []string{"A\tB"}, Own: 1, Country: "AZ"}},
		{"bad country", Row{ID: "1", Name: "A", ASCII: "A", Names: []string{"A"}, Own: 1, Country: "AZE"}},
		{"names without name", Row{ID: "1", Name: "A", ASCII: "A", Names: []string{"B"}, Own: 1}},
	} {
		if _, err := Build([]Row{tt.row}); err == nil {
			t.Errorf("Build(%s): no error", tt.name)
		}
	}
}

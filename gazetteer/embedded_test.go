package gazetteer

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/harmlog/harmlog/gazetteer/internal/index"
)

// TestEmbeddedCurated checks that data/index.bin holds every row of the
// hand-edited data/places.tsv and data/aliases.tsv, that is, that gen was
// run after they were last edited.
func TestEmbeddedCurated(t *testing.T) {
	g := testGazetteer(t)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("data", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	places, err := index.ParseCurated(read("places.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	aliases, err := index.ParseAliases(read("aliases.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	type want struct{ id, name string }
	var wants []want
	for _, p := range places {
		for _, n := range p.Names {
			wants = append(wants, want{p.ID, n})
		}
	}
	for _, a := range aliases {
		wants = append(wants, want{a.ID, a.Alias})
	}
	for _, w := range wants {
		p, ok := g.ByID(w.id)
		if !ok || !slices.Contains(p.Names, w.name) {
			t.Errorf("embedded place %s lacks the name %q (run gazetteer/gen after editing data/*.tsv)", w.id, w.name)
		}
	}
}

func TestScanContext(t *testing.T) {
	g := testGazetteer(t)
	text := "Shells fell on Martuni overnight."
	tests := []struct {
		countries []string
		want      string // first candidate of the mention
	}{
		{nil, "geonames:616438"}, // the more populous, in Armenia
		{[]string{"AM"}, "geonames:616438"},
		{[]string{"AZ"}, "geonames:146969"},
		{[]string{"FR", "AZ"}, "geonames:146969"},
		{[]string{"FR"}, "geonames:616438"}, // no Martuni in France: population decides
	}
	for _, tt := range tests {
		ms := g.ScanContext(text, tt.countries)
		if len(ms) != 1 || len(ms[0].Candidates) == 0 {
			t.Fatalf("ScanContext(%v) = %+v; want one mention", tt.countries, ms)
		}
		if c := ms[0].Candidates[0]; c.ID != tt.want {
			t.Errorf("ScanContext(%v) ranks %s %s (%s) first, want %s", tt.countries, c.ID, c.Name, c.Country, tt.want)
		}
		for i := 1; i < len(ms[0].Candidates); i++ {
			if ms[0].Candidates[i].Score > ms[0].Candidates[i-1].Score {
				t.Errorf("ScanContext(%v): candidates out of score order", tt.countries)
			}
		}
	}
	scan, ctx := g.Scan(text), g.ScanContext(text, nil)
	if len(scan) != len(ctx) || scan[0].Candidates[0].ID != ctx[0].Candidates[0].ID {
		t.Errorf("Scan and ScanContext(nil) differ: %v, %v", scan, ctx)
	}
}

// TestConcurrentFirstUse runs the first searches of a fresh Gazetteer,
// which build the deletion index and decode places, from several
// goroutines at once (run with -race), and checks they all agree.
func TestConcurrentFirstUse(t *testing.T) {
	g := smallGazetteer(t)
	queries := []string{"Xankəndi", "Stepanakret", "Shusha", "Ganja", "Agdzhabedy"}
	want := make([]string, len(queries))
	got := make([][]string, 4)
	var wg sync.WaitGroup
	for w := range got {
		wg.Go(func() {
			for _, q := range queries {
				id := ""
				if c := g.Search(q, SearchOptions{Limit: 1}); len(c) > 0 {
					id = c[0].ID
				}
				got[w] = append(got[w], id)
			}
		})
	}
	wg.Wait()
	for i, q := range queries {
		if c := g.Search(q, SearchOptions{Limit: 1}); len(c) > 0 {
			want[i] = c[0].ID
		}
	}
	for w := range got {
		if !slices.Equal(got[w], want) {
			t.Errorf("goroutine %d found %v, want %v", w, got[w], want)
		}
	}
	if want[0] == "" || want[1] != want[0] {
		t.Errorf("Search found %v; want Xankəndi and its typo Stepanakret to find the same place", want)
	}
}

// TestResolveExactNeedsNoFuzzyIndex checks that resolving names spelt as
// the gazetteer spells them leaves the deletion index unbuilt, so that a
// command resolving clean place phrases does not pay for it, and that a
// name it lacks builds it.
func TestResolveExactNeedsNoFuzzyIndex(t *testing.T) {
	g := smallGazetteer(t)
	for _, tt := range []struct {
		phrase string
		want   string
		built  bool // whether the deletion index exists afterwards
	}{
		{"Ganja", "geonames:586523", false},
		{"Xankəndi (Stepanakert)", "geonames:146970", false},
		{"Barda city, Azerbaijan", "geonames:587057", false},
		{"Gashalti village, Naftalan", "geonames:585400", true}, // no Gashalti
		{"Naftallan", "geonames:585400", true},
	} {
		p, ok := g.Resolve(tt.phrase)
		if !ok || p.ID != tt.want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", tt.phrase, p.ID, ok, tt.want)
		}
		if built := g.del != nil; built != tt.built {
			t.Errorf("after Resolve(%q) the deletion index is built: %v, want %v", tt.phrase, built, tt.built)
		}
	}
}

// TestCommonWord checks that CommonWord knows the words of institutions'
// and streets' names and no town's own name.
func TestCommonWord(t *testing.T) {
	for w, want := range map[string]bool{"College": true, "university": true, "Police": true, "Road": true, "Islamabad": false, "Brno": false} {
		if got := CommonWord(w); got != want {
			t.Errorf("CommonWord(%q) = %v, want %v", w, got, want)
		}
	}
}

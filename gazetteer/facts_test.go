package gazetteer

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/harmlog/harmlog/internal/sharedtest"
)

// TestFactsPlaces resolves the place phrases of the 95 claims in
// shared/facts/nk2020-claims.jsonl, and their other-side names, with the
// claim's country as context, and checks that each lands in Azerbaijan or
// Armenia (Nagorno-Karabakh is AZ in GeoNames). The few phrases that name
// only a region or villages absent from cities500 and data/places.tsv are
// listed as known gaps.
func TestFactsPlaces(t *testing.T) {
	f, err := os.Open(sharedtest.Path(t, "facts/nk2020-claims.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := testGazetteer(t)
	cc := map[string][]string{"Azerbaijan": {"AZ"}, "Armenia": {"AM"}, "Nagorno-Karabakh": {"AZ"}}
	gaps := map[string]bool{
		// villages GeoNames' cities500 lacks; no cited coordinates yet
		"Gashalti": true, "Gashalti village, Naftalan": true, "Gashalti, Naftalan district": true,
		"Garayusifli village, Barda district": true, "Garayusifli village, Barda region": true,
		"Garayusifli, Barda District": true, "Qarayusifli village": true, "Qarayusifli": true,
		"Garayusifli": true, "Kebirli village, Tartar district": true,
		"Shahmammadli village, Goranboy district":                       true,
		"Shikharkh settlement for internally displaced persons, Terter": true,
		"Mets Masrik village, Gegharkunik Region":                       true,
		// a region, not a populated place
		"Nagorno-Karabakh (Hadrut videos)": true,
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	tried, ok, gapHits := 0, 0, 0
	for sc.Scan() {
		var c struct {
			Place    string  `json:"place"`
			PlaceAlt *string `json:"place_alt"`
			Country  string  `json:"country_or_region"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		names := []string{c.Place}
		if c.PlaceAlt != nil {
			names = append(names, *c.PlaceAlt)
		}
		for _, name := range names {
			tried++
			p, found := g.Resolve(name, cc[c.Country]...)
			good := found && (p.Country == "AZ" || p.Country == "AM")
			switch {
			case good:
				ok++
			case gaps[name]:
				gapHits++
			default:
				t.Errorf("Resolve(%q, %s) = %s %q (%s), %v", name, c.Country, p.ID, p.Name, p.Country, found)
			}
		}
	}
	t.Logf("%d of %d place phrases resolve in AZ/AM; %d are known gaps", ok, tried, gapHits)
}

package synth

import (
	"reflect"
	"testing"
)

func TestDeterministic(t *testing.T) {
	cfg := Config{Seed: 7, Incidents: 500, Places: 200, Countries: 2, Days: 90, Resolved: 0.5}
	a, b := Generate(cfg), Generate(cfg)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same config gave different claims")
	}
	c := Generate(Config{Seed: 8, Incidents: 500, Places: 200, Countries: 2, Days: 90})
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds gave the same claims")
	}
}

func TestShape(t *testing.T) {
	claims := Generate(Config{Seed: 1, Incidents: 2000, Places: 300, Countries: 3, Days: 180, Resolved: 0.3})
	per := map[int]int{}
	names := map[int]map[string]bool{}
	resolved := 0
	for _, c := range claims {
		per[c.Incident]++
		if names[c.Incident] == nil {
			names[c.Incident] = map[string]bool{}
		}
		names[c.Incident][c.Places[0].Name] = true
		if c.Places[0].ID != "" {
			resolved++
		}
		if c.Date == nil || c.Date.From == "" || c.Claimant == "" {
			t.Fatalf("claim without date or claimant: %+v", c.Claim)
		}
	}
	if len(per) != 2000 {
		t.Errorf("%d incidents, want 2000", len(per))
	}
	multi, spelled := 0, 0
	for i, n := range per {
		if n > 1 {
			multi++
			if len(names[i]) > 1 {
				spelled++
			}
		}
	}
	mean := float64(len(claims)) / 2000
	share := float64(resolved) / float64(len(claims))
	if mean < 2.5 || mean > 4.5 || multi < 1000 || spelled < multi/3 || share < 0.2 || share > 0.4 {
		t.Errorf("mean %.2f sources, %d multi-source incidents, %d with several spellings, %.2f resolved", mean, multi, spelled, share)
	}
}

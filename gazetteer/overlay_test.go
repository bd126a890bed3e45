package gazetteer

import (
	"math"
	"testing"
)

// fresh returns a Gazetteer sharing the loaded base tables with an empty
// overlay of its own, for tests that add places.
func fresh(t *testing.T) *Gazetteer {
	t.Helper()
	b := testGazetteer(t)
	g := open(b.ix)
	g.del = b.fuzzy()
	g.delOnce.Do(func() {})
	return g
}

func TestAddPlaceAndAlias(t *testing.T) {
	g := fresh(t)
	// A village GeoNames' cities500 lacks, as an analyst would store it.
	gashalti := Place{ID: "user:1", Name: "Qaşaltı", Names: []string{"Gashalti"}, Lat: 40.53, Lon: 46.84, Country: "AZ"}
	if err := g.AddPlace(gashalti); err != nil {
		t.Fatal(err)
	}
	if err := g.AddPlace(gashalti); err == nil {
		t.Error("AddPlace with an ID in use: no error")
	}
	if err := g.AddPlace(Place{Name: "Nowhere"}); err == nil {
		t.Error("AddPlace without ID: no error")
	}
	if err := g.AddAlias("user:1", "Kashalty"); err != nil {
		t.Fatal(err)
	}
	if err := g.AddAlias("geonames:585400", "Naftalan city"); err != nil {
		t.Fatal(err)
	}
	if err := g.AddAlias("user:99", "x"); err == nil {
		t.Error("AddAlias to an unknown place: no error")
	}
	tests := []struct {
		name      string
		countries []string
		want      string
	}{
		{"Qaşaltı", nil, "user:1"},
		{"Gashalti village, Naftalan", []string{"AZ"}, "user:1"},
		{"Gashalti, Naftalan district", nil, "user:1"},
		{"Kashalty", nil, "user:1"},
		{"Gashalty", []string{"AZ"}, "user:1"}, // a typo of a user name
		{"Naftalan", nil, "geonames:585400"},
	}
	for _, tt := range tests {
		p, ok := g.Resolve(tt.name, tt.countries...)
		if !ok || p.ID != tt.want {
			t.Errorf("Resolve(%q) = %s %q, %v; want %s", tt.name, p.ID, p.Name, ok, tt.want)
		}
	}
	if p, ok := g.ByID("user:1"); !ok || len(p.Names) != 3 {
		t.Errorf("ByID(user:1) = %+v, %v; want 3 names", p, ok)
	}
	if p, _ := g.ByID("geonames:585400"); p.Names[len(p.Names)-1] != "Naftalan city" {
		t.Errorf("ByID(geonames:585400).Names ends %q, want the added alias", p.Names[len(p.Names)-1])
	}
	ms := g.Scan("Shells fell on Qaşaltı and Naftalan.")
	if len(ms) != 2 || ms[0].Candidates[0].ID != "user:1" {
		t.Errorf("Scan found %+v; want Qaşaltı (user:1) and Naftalan", ms)
	}
	// The shared gazetteer is untouched.
	if _, ok := testGazetteer(t).ByID("user:1"); ok {
		t.Error("AddPlace changed another Gazetteer")
	}
}

func TestDistanceAndRef(t *testing.T) {
	g := testGazetteer(t)
	tests := []struct {
		a, b     string
		min, max float64 // km
	}{
		{"geonames:146970", "geonames:147105", 5, 8},     // Xankandi–Şuşa
		{"geonames:586523", "geonames:587057", 70, 95},   // Ganja–Barda
		{"geonames:616438", "geonames:146969", 140, 175}, // the two Martunis
		{"geonames:146970", "geonames:146970", 0, 0.001}, // itself
	}
	for _, tt := range tests {
		a, ok1 := g.ByID(tt.a)
		b, ok2 := g.ByID(tt.b)
		if !ok1 || !ok2 {
			t.Fatalf("ByID(%s, %s) missing", tt.a, tt.b)
		}
		if d := Distance(a, b); d < tt.min || d > tt.max || math.IsNaN(d) {
			t.Errorf("Distance(%s, %s) = %.1f km, want %v–%v", a.Name, b.Name, d, tt.min, tt.max)
		}
	}
	p, _ := g.ByID("geonames:146970")
	r := p.Ref()
	if r.ID != p.ID || r.Name != p.Name || r.Lat == nil || *r.Lat != p.Lat || r.Country != "AZ" {
		t.Errorf("Ref() = %+v", r)
	}
	if _, ok := g.ByID("geonames:0"); ok {
		t.Error("ByID(geonames:0) found a place")
	}
}

func TestSearchCountry(t *testing.T) {
	g := testGazetteer(t)
	for _, tt := range []struct{ q, cc, want string }{
		{"Martuni", "AZ", "geonames:146969"},
		{"Martuni", "AM", "geonames:616438"},
		{"Gandzak", "AM", "geonames:823800"},
		{"Gandzak", "AZ", "geonames:586523"},
	} {
		c := g.Search(tt.q, SearchOptions{Countries: []string{tt.cc}, Limit: 3})
		if len(c) == 0 || c[0].ID != tt.want {
			t.Errorf("Search(%q, %s) = %v; want %s first", tt.q, tt.cc, c, tt.want)
		}
	}
}

func TestWithOptions(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a second gazetteer")
	}
	g, err := Load(
		WithPlaces(Place{ID: "user:7", Name: "Shikharkh", Lat: 40.37, Lon: 47.08, Country: "AZ"}),
		WithAliases(Alias{ID: "user:7", Alias: "Şıxarx"}),
	)
	if err != nil {
		t.Fatal(err)
	}
	if p, ok := g.Resolve("Şıxarx settlement, Terter"); !ok || p.ID != "user:7" {
		t.Errorf("Resolve(Şıxarx) = %s, %v; want user:7", p.ID, ok)
	}
	if _, err := Load(WithAliases(Alias{ID: "user:404", Alias: "x"})); err == nil {
		t.Error("Load with an alias to an unknown place: no error")
	}
}

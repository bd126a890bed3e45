package audit

import (
	"bytes"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract"
)

// fakeExtractor returns fixed claims, whatever the text.
type fakeExtractor []harmlog.Claim

func (f fakeExtractor) Extract(string, string) extract.Result {
	return extract.Result{Claims: f}
}

// fakePlaces resolves names from a table.
type fakePlaces map[string]harmlog.PlaceRef

func (f fakePlaces) Resolve(name string, _ ...string) (harmlog.PlaceRef, bool) {
	p, ok := f[name]
	return p, ok
}

func ptr(v float64) *float64 { return &v }

// world returns invented places: North Town and its quarter 1.5 km away,
// South Town 40 km away, and a resolver where "Nordstadt" is North Town's
// other-side name.
func world() (north, quarter, south harmlog.PlaceRef, places fakePlaces) {
	north = harmlog.PlaceRef{Name: "North Town", ID: "geonames:1", Lat: ptr(40.0), Lon: ptr(46.0), Country: "XA"}
	quarter = harmlog.PlaceRef{Name: "Mill Quarter", ID: "geonames:2", Lat: ptr(40.0), Lon: ptr(46.0175), Country: "XA"}
	south = harmlog.PlaceRef{Name: "South Town", ID: "geonames:3", Lat: ptr(39.64), Lon: ptr(46.0), Country: "XA"}
	places = fakePlaces{"North Town": north, "Nordstadt": north, "South Town": south, "Mill Quarter": quarter}
	return
}

func incident(id int64, date string, perp []string, killed int, ps ...harmlog.PlaceRef) harmlog.Incident {
	return harmlog.Incident{ID: id, DateFrom: date, DateTo: date, Places: ps, Country: "XA", Perpetrators: perp,
		Killed: harmlog.Exact(killed), Injured: harmlog.Exact(0), Grade: harmlog.GradeFair, Sources: 2, Weapons: []string{"artillery"}}
}

func TestMatch(t *testing.T) {
	north, quarter, south, places := world()
	unresolved := func(name, alt string) harmlog.PlaceRef { return harmlog.PlaceRef{Name: name, Alt: alt, Country: "XA"} }
	tests := []struct {
		name    string
		mention harmlog.Claim
		inc     harmlog.Incident
		want    bool
		how     string
	}{
		{"same gazetteer id", harmlog.Claim{Places: []harmlog.PlaceRef{north}, Perpetrator: "Red"},
			incident(1, "2020-10-04", []string{"Red"}, 1, north), true, "same place (geonames:1)"},
		{"other-side toponym of an unresolved incident place", harmlog.Claim{Places: []harmlog.PlaceRef{north}},
			incident(1, "2020-10-04", []string{"Red"}, 1, unresolved("Nordstadt centre", "Nordstadt")), true, "other-side name"},
		{"two places in one phrase", harmlog.Claim{Places: []harmlog.PlaceRef{south}},
			incident(1, "2020-10-04", []string{"Red"}, 1, unresolved("North Town and South Town", "")), true, "same place (geonames:3)"},
		{"area after a comma", harmlog.Claim{Places: []harmlog.PlaceRef{south}},
			incident(1, "2020-10-04", []string{"Red"}, 1, unresolved("Hill village, South Town", "")), true, "in the area"},
		{"within the radius", harmlog.Claim{Places: []harmlog.PlaceRef{quarter}},
			incident(1, "2020-10-04", []string{"Red"}, 1, north), true, "1.5 km apart"},
		{"too far", harmlog.Claim{Places: []harmlog.PlaceRef{south}},
			incident(1, "2020-10-04", []string{"Red"}, 1, north), false, ""},
		{"same name, never resolved: strings are not compared", harmlog.Claim{Places: []harmlog.PlaceRef{{Name: "Nowhere"}}},
			incident(1, "2020-10-04", []string{"Red"}, 1, harmlog.PlaceRef{Name: "Nowhere"}), false, ""},
		{"another party alleged", harmlog.Claim{Places: []harmlog.PlaceRef{north}, Perpetrator: "Blue"},
			incident(1, "2020-10-04", []string{"Red"}, 1, north), false, ""},
		{"contested incident names the party too", harmlog.Claim{Places: []harmlog.PlaceRef{north}, Perpetrator: "Blue"},
			incident(1, "2020-10-04", []string{"Red", "Blue"}, 1, north), true, "same place"},
		{"date a day off", harmlog.Claim{Places: []harmlog.PlaceRef{north}, Date: &harmlog.DateRange{From: "2020-10-05", To: "2020-10-05"}},
			incident(1, "2020-10-04", []string{"Red"}, 1, north), true, "date within a day"},
		{"date two days off", harmlog.Claim{Places: []harmlog.PlaceRef{north}, Date: &harmlog.DateRange{From: "2020-10-06", To: "2020-10-06"}},
			incident(1, "2020-10-04", []string{"Red"}, 1, north), false, ""},
		{"period up to a date", harmlog.Claim{Places: []harmlog.PlaceRef{north}, Date: &harmlog.DateRange{To: "2020-10-08"}},
			incident(1, "2020-10-04", []string{"Red"}, 1, north), true, "same place"},
		{"weapon differs is said, not excluded", harmlog.Claim{Places: []harmlog.PlaceRef{north}, Weapons: []string{"drone"}},
			incident(1, "2020-10-04", []string{"Red"}, 1, north), true, "weapon differs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.mention.Scope = harmlog.ScopeIncident
			r, err := Audit(Statement{Name: "s", Text: "A statement.", Published: "2020-10-09"}, []harmlog.Incident{tt.inc},
				Config{Extractor: fakeExtractor{tt.mention}, Places: places}, Options{From: "2020-09-27"})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Mentions) != 1 {
				t.Fatalf("%d mentions, want 1", len(r.Mentions))
			}
			got := len(r.Mentions[0].Incidents) == 1
			if got != tt.want {
				t.Fatalf("matched %v, want %v (mention %+v)", got, tt.want, r.Mentions[0])
			}
			if !tt.want {
				if len(r.Unmatched) != 1 {
					t.Errorf("unmatched mentions %d, want 1", len(r.Unmatched))
				}
				return
			}
			var how string
			for _, p := range r.Parties {
				for _, in := range p.Mentioned.List {
					how = strings.Join(in.MatchedBy, "; ")
				}
			}
			if !strings.Contains(how, tt.how) {
				t.Errorf("matched by %q, want it to say %q", how, tt.how)
			}
		})
	}
}

func TestScope(t *testing.T) {
	north, _, _, _ := world()
	day := func(d string) *harmlog.DateRange { return &harmlog.DateRange{From: d, To: d} }
	tests := []struct {
		name      string
		text      string
		published string
		claims    []harmlog.Claim
		opt       Options
		from, to  string
		countries []string
		weak      bool
	}{
		{"dates of the text up to publication", "Shelling since 27 September.", "2020-10-09",
			[]harmlog.Claim{{Places: []harmlog.PlaceRef{north}, Date: day("2020-10-04")}}, Options{},
			"2020-09-27", "2020-10-09", []string{"XA"}, false},
		{"a bare year is too vague", "The 1949 conventions apply.", "2020-10-08",
			[]harmlog.Claim{{Places: []harmlog.PlaceRef{north, {Name: "Elsewhere", Country: "XB"}}}}, Options{},
			"", "2020-10-08", []string{"XA", "XB"}, false},
		{"flags win", "Shelling since 27 September.", "2020-10-09",
			[]harmlog.Claim{{Places: []harmlog.PlaceRef{north}}},
			Options{From: "2020-10-01", To: "2020-10-31", Countries: []string{"XC"}, Grades: []string{"weak", "fair"}},
			"2020-10-01", "2020-10-31", []string{"XC"}, true},
		{"nothing to go by", "Nothing dated.", "", nil, Options{}, "", "", []string{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Audit(Statement{Text: tt.text, Published: tt.published}, nil, Config{Extractor: fakeExtractor(tt.claims)}, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			sc := r.Scope
			if sc.From != tt.from || sc.To != tt.to || strings.Join(sc.Countries, ",") != strings.Join(tt.countries, ",") || sc.Weak != tt.weak {
				t.Errorf("scope %+v, want %s…%s in %v, weak %v", sc, tt.from, tt.to, tt.countries, tt.weak)
			}
		})
	}
}

func TestMeasure(t *testing.T) {
	north, _, south, places := world()
	red := []string{"Red"}
	blue := []string{"Blue"}
	incs := []harmlog.Incident{
		incident(1, "2020-10-01", red, 10, north),
		incident(2, "2020-10-02", red, 10, south),
		incident(3, "2020-10-03", blue, 20, north),
		incident(4, "2020-10-04", blue, 0, south),
	}
	mention := func(perp string, p harmlog.PlaceRef) harmlog.Claim {
		return harmlog.Claim{Places: []harmlog.PlaceRef{p}, Perpetrator: perp, Scope: harmlog.ScopeIncident}
	}
	tests := []struct {
		name                  string
		claims                []harmlog.Claim
		gap, gapCas           float64
		redIndex              *float64
		redMentioned, omitted int
	}{
		// Red: 2 of 4 incidents (50%), 20 of 40 casualties (50%).
		{"only Red's incidents", []harmlog.Claim{mention("Red", north), mention("Red", south)}, 0.5, 0.5, ptr(2), 2, 2},
		{"only Blue's incidents", []harmlog.Claim{mention("Blue", north), mention("Blue", south)}, 0.5, 0.5, ptr(0), 0, 2},
		{"both in the record's proportion", []harmlog.Claim{mention("", north)}, 0, 0, ptr(1), 1, 2},
		{"nothing mentioned", nil, -1, -1, nil, 0, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Audit(Statement{Text: "x", Published: "2020-10-09"}, incs, Config{Extractor: fakeExtractor(tt.claims), Places: places}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			g := r.Measure.GapIncidents
			switch {
			case tt.gap < 0 && g != nil:
				t.Errorf("gap %v, want undefined", *g)
			case tt.gap >= 0 && (g == nil || *g != tt.gap):
				t.Errorf("gap %v, want %v", g, tt.gap)
			case tt.gapCas >= 0 && *r.Measure.GapCasualties.Low != tt.gapCas:
				t.Errorf("casualty gap %v, want %v", *r.Measure.GapCasualties.Low, tt.gapCas)
			}
			var redP *PartyReport
			omitted := 0
			for i := range r.Parties {
				omitted += len(r.Parties[i].Omitted)
				if r.Parties[i].Party == "Red" {
					redP = &r.Parties[i]
				}
			}
			if redP == nil {
				t.Fatal("no row for Red")
			}
			if redP.Mentioned.Incidents != tt.redMentioned || omitted != tt.omitted {
				t.Errorf("Red mentioned %d, omitted overall %d; want %d, %d", redP.Mentioned.Incidents, omitted, tt.redMentioned, tt.omitted)
			}
			if (redP.Shares.Index == nil) != (tt.redIndex == nil) || (tt.redIndex != nil && *redP.Shares.Index != *tt.redIndex) {
				t.Errorf("Red index %v, want %v", redP.Shares.Index, tt.redIndex)
			}
		})
	}
}

func TestOmittedLargestFirst(t *testing.T) {
	north, _, south, _ := world()
	incs := []harmlog.Incident{
		incident(1, "2020-10-01", []string{"Red"}, 2, north),
		incident(2, "2020-10-02", []string{"Red"}, 9, south),
		incident(3, "2020-10-03", []string{"Red"}, 5, north),
	}
	incs[1].Members = []harmlog.Link{
		{Claim: &harmlog.Claim{ID: 7, Claimant: "Machine", Status: harmlog.StatusMachine}},
		{Claim: &harmlog.Claim{ID: 8, Claimant: "Wire", URL: "https://example.org/b", Status: harmlog.StatusImported}},
	}
	r, err := Audit(Statement{Text: "x"}, incs, Config{Extractor: fakeExtractor{}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, in := range r.Parties[0].Omitted {
		ids = append(ids, in.ID)
	}
	if len(ids) != 3 || ids[0] != 2 || ids[1] != 3 || ids[2] != 1 {
		t.Errorf("omitted order %v, want [2 3 1]", ids)
	}
	if cs := r.Parties[0].Omitted[0].Claims; len(cs) != 2 || cs[0].ID != 8 {
		t.Errorf("best-sourced claims %+v, want claim 8 (with a URL) first", cs)
	}
}

func TestHTMLEscapesTheStatement(t *testing.T) {
	north, _, south, places := world()
	hostile := `<script>alert(1)</script><img src=x onerror=alert(2)>`
	claim := harmlog.Claim{Places: []harmlog.PlaceRef{{Name: hostile, ID: "geonames:1", Lat: ptr(40), Lon: ptr(46)}},
		Claimant: hostile, Perpetrator: "Red", Scope: harmlog.ScopeIncident, Start: 0, End: len(hostile)}
	inc := incident(1, "2020-10-01", []string{"Red"}, 1, north)
	inc2 := incident(2, "2020-10-01", []string{"Blue"}, 1, south)
	inc2.Members = []harmlog.Link{{Claim: &harmlog.Claim{ID: 3, Claimant: hostile, URL: "javascript:alert(3)"}}}
	r, err := Audit(Statement{Name: hostile, Title: hostile, Publisher: hostile, URL: "javascript:alert(4)", Text: hostile},
		[]harmlog.Incident{inc, inc2}, Config{Extractor: fakeExtractor{claim}, Places: places}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteHTML(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script", "<img", `href="javascript:`, "<a href=\"javascript"} {
		if strings.Contains(strings.ToLower(out), bad) {
			t.Errorf("HTML report contains %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;", "Content-Security-Policy", "#2 2020-10-01", "#ZgotmplZ"} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
}

func TestNoVerdictWords(t *testing.T) {
	north, _, _, places := world()
	r, err := Audit(Statement{Name: "s", Text: "x", Published: "2020-10-09"},
		[]harmlog.Incident{incident(1, "2020-10-01", []string{"Red"}, 1, north)},
		Config{Extractor: fakeExtractor{{Places: []harmlog.PlaceRef{north}, Perpetrator: "Red", Scope: harmlog.ScopeIncident}}, Places: places}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, write := range map[string]func(*bytes.Buffer) error{
		"text": func(b *bytes.Buffer) error { return WriteText(b, r) },
		"html": func(b *bytes.Buffer) error { return WriteHTML(b, r) },
		"json": func(b *bytes.Buffer) error { return WriteJSON(b, r) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		if b.Len() == 0 {
			t.Fatalf("%s: empty report", name)
		}
		low := strings.ToLower(b.String())
		for _, w := range []string{"biased", "selective", "unfair", "is fair", "not fair", "propaganda", "one-sided", "partial"} {
			if strings.Contains(low, w) {
				t.Errorf("%s report uses the word %q", name, w)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		st   Statement
		cfg  Config
		opt  Options
	}{
		{"no extractor", Statement{}, Config{}, Options{}},
		{"bad from", Statement{}, Config{Extractor: fakeExtractor{}}, Options{From: "4 Oct"}},
		{"bad published", Statement{Published: "2020-13-01"}, Config{Extractor: fakeExtractor{}}, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Audit(tt.st, nil, tt.cfg, tt.opt); err == nil {
				t.Error("no error")
			}
		})
	}
}

package infographic

import (
	"bytes"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/basemap"
	"github.com/harmlog/harmlog/internal/benchutil"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// generated is the fixed generation time of the tests.
var generated = time.Date(2026, 11, 29, 6, 0, 0, 0, time.UTC)

// secret is an analyst's note and victim is a victim's name (a sensitive
// field): neither may reach an infographic.
const (
	secret = "ANALYST-NOTE-DO-NOT-PUBLISH"
	victim = "VICTIM-NAME-DO-NOT-PUBLISH"
)

func place(name, country string, lat, lon float64) harmlog.PlaceRef {
	return harmlog.PlaceRef{Name: name, ID: "geonames:" + name, Lat: &lat, Lon: &lon, Country: country}
}

func claim(id, doc int64, claimant, published string, killed *harmlog.Range) harmlog.Link {
	return harmlog.Link{ClaimID: id, Claim: &harmlog.Claim{
		ID: id, DocumentID: doc, Claimant: claimant, Publisher: claimant + " wire", Published: published,
		Killed: killed, Victims: harmlog.VictimsCivilian, Scope: harmlog.ScopeIncident,
		URL: fmt.Sprintf("https://example.org/%d", id), Note: secret, Status: harmlog.StatusImported, VictimNames: []string{victim},
		Date: &harmlog.DateRange{From: published, To: published},
	}}
}

// fixture is a small record: two parties alleged (the same rules for
// both), one contested incident, one without figures, one military
// incident and one outside the period, both left out of civilian
// summaries for October.
func fixture() []harmlog.Incident {
	ganja := place("Ganja", "AZ", 40.6828, 46.3606)
	barda := place("Barda", "AZ", 40.3744, 47.1267)
	stepanakert := place("Stepanakert", "AZ", 39.8153, 46.7519)
	martuni := place("Martuni", "AZ", 39.7936, 47.1128)
	return []harmlog.Incident{
		{ID: 1, DateFrom: "2020-10-04", Places: []harmlog.PlaceRef{ganja}, Perpetrators: []string{"Armenia"},
			Victims: "civilian", Killed: harmlog.Between(1, 2), Injured: harmlog.Exact(32), Grade: "fair", Sources: 2,
			Members: []harmlog.Link{claim(11, 101, "Azerbaijan Prosecutor General", "2020-10-04", harmlog.Exact(1)), claim(12, 102, "HRW", "2020-12-11", harmlog.Exact(2))}},
		{ID: 2, DateFrom: "2020-10-04", Places: []harmlog.PlaceRef{stepanakert}, Perpetrators: []string{"Azerbaijan"},
			Victims: "civilian", Killed: harmlog.Between(2, 4), Injured: harmlog.Between(10, 11), Grade: "fair", Sources: 2,
			Members: []harmlog.Link{claim(21, 103, "Artsakh Ombudsman", "2020-10-05", harmlog.Exact(4)), claim(22, 102, "HRW", "2020-12-11", harmlog.Exact(2))}},
		{ID: 3, DateFrom: "2020-10-11", Places: []harmlog.PlaceRef{ganja}, Perpetrators: []string{"Armenia"},
			Victims: "civilian", Killed: harmlog.Exact(10), Injured: harmlog.Between(34, 40), Grade: "contested", Contested: true,
			Denials: []string{"Armenia MoD"}, Sources: 1,
			Members: []harmlog.Link{claim(31, 104, "Azerbaijan Prosecutor General", "2020-10-11", harmlog.Exact(10))}},
		{ID: 4, DateFrom: "2020-10-27", Places: []harmlog.PlaceRef{barda}, Perpetrators: []string{"Armenia"},
			Victims: "civilian", Killed: harmlog.Between(21, 25), Injured: harmlog.Exact(70), Grade: "confirmed", Sources: 3,
			Members: []harmlog.Link{claim(41, 105, "Amnesty International", "2020-10-29", harmlog.Exact(21))}},
		{ID: 5, DateFrom: "2020-10-28", Places: []harmlog.PlaceRef{martuni}, Perpetrators: nil,
			Victims: "civilian", Grade: "weak", Sources: 1,
			Members: []harmlog.Link{claim(51, 106, "Local official", "2020-10-28", nil)}},
		{ID: 6, DateFrom: "2020-10-20", Places: []harmlog.PlaceRef{barda}, Perpetrators: []string{"Azerbaijan"},
			Victims: "military", Killed: harmlog.Exact(300), Grade: "weak", Sources: 1},
		{ID: 7, DateFrom: "2020-11-20", Places: []harmlog.PlaceRef{ganja}, Perpetrators: []string{"Azerbaijan"},
			Victims: "civilian", Killed: harmlog.Exact(400), Grade: "weak", Sources: 1},
	}
}

// boxes is a basemap of two invented outlines, so that the golden files
// do not follow the real map's data.
type boxes struct{}

func (boxes) Within(minLon, minLat, maxLon, maxLat float64) []basemap.Country {
	return []basemap.Country{
		{ISO: "AZ", Name: "Azerbaijan", BBox: [4]float64{45, 39, 50, 41.9},
			Rings: [][][2]float64{{{45.0, 39.0}, {50.0, 39.0}, {50.0, 41.9}, {46.5, 41.2}, {45.0, 40.5}, {45.0, 39.0}}}},
		{ISO: "AM", Name: "Armenia", BBox: [4]float64{43.4, 38.8, 46.5, 41.3},
			Rings: [][][2]float64{{{43.4, 38.8}, {45.0, 39.0}, {45.0, 40.5}, {46.5, 41.2}, {43.4, 41.3}, {43.4, 38.8}}}},
	}
}

// Country names a country by its code, as *basemap.Map does.
func (boxes) Country(iso string) (basemap.Country, bool) {
	for _, c := range (boxes{}).Within(-180, -90, 180, 90) {
		if strings.EqualFold(c.ISO, iso) {
			return c, true
		}
	}
	return basemap.Country{}, false
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		name                 string
		opts                 Options
		incidents, contested int
		killedLo, killedHi   int
		sources, documents   int
		cutOff, first, last  string
		days                 int
		topParty, topPlace   string
		grades               string
		partyRows, points    int
	}{
		{name: "october", opts: Options{From: "2020-10-01", To: "2020-10-31"},
			incidents: 5, contested: 1, killedLo: 34, killedHi: 41, sources: 5, documents: 6,
			cutOff: "2020-12-11", first: "2020-10-04", last: "2020-10-28", days: 31,
			topParty: "Armenia", topPlace: "Barda", grades: "confirmed:1 contested:1 fair:2 weak:1",
			partyRows: 3, points: 5},
		{name: "all dates", opts: Options{},
			incidents: 6, contested: 1, killedLo: 434, killedHi: 441, sources: 5, documents: 6,
			cutOff: "2020-12-11", first: "2020-10-04", last: "2020-11-20", days: 48,
			topParty: "Azerbaijan", topPlace: "Ganja", grades: "confirmed:1 contested:1 fair:2 weak:2",
			partyRows: 3, points: 6},
		{name: "one day", opts: Options{From: "2020-10-04", To: "2020-10-04"},
			incidents: 2, killedLo: 3, killedHi: 6, sources: 3, documents: 3,
			cutOff: "2020-12-11", first: "2020-10-04", last: "2020-10-04", days: 1,
			topParty: "Azerbaijan", topPlace: "Stepanakert", grades: "fair:2", partyRows: 2, points: 2},
		{name: "other country", opts: Options{Country: "AM"}, grades: ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Summarize(fixture(), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var grades []string
			for _, g := range s.Grades {
				grades = append(grades, fmt.Sprintf("%s:%d", g.Grade, g.N))
			}
			got := fmt.Sprintf("incidents %d contested %d killed %d–%d sources %d documents %d cut-off %q dates %q–%q days %d grades %q party rows %d points %d",
				len(s.Incidents), s.Contested, s.Total.KilledLow, s.Total.KilledHigh, s.Sources, s.Documents, s.CutOff, s.First, s.Last, len(s.Days), strings.Join(grades, " "), len(s.ByParty), len(s.Points))
			want := fmt.Sprintf("incidents %d contested %d killed %d–%d sources %d documents %d cut-off %q dates %q–%q days %d grades %q party rows %d points %d",
				tt.incidents, tt.contested, tt.killedLo, tt.killedHi, tt.sources, tt.documents, tt.cutOff, tt.first, tt.last, tt.days, tt.grades, tt.partyRows, tt.points)
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			if tt.incidents == 0 {
				return
			}
			if s.ByParty[0].Label != tt.topParty || s.ByPlace[0].Label != tt.topPlace {
				t.Errorf("top rows %q, %q; want %q, %q", s.ByParty[0].Label, s.ByPlace[0].Label, tt.topParty, tt.topPlace)
			}
			for _, in := range s.Incidents {
				if in.Victims != harmlog.VictimsCivilian {
					t.Errorf("incident %d has victims %q: only civilian incidents belong", in.ID, in.Victims)
				}
			}
		})
	}
}

func TestSummarizeRedacts(t *testing.T) {
	incs := fixture()
	s, err := Summarize(incs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range s.Incidents {
		for _, m := range in.Members {
			if len(m.Claim.VictimNames) > 0 {
				t.Errorf("claim %d keeps its victims' names in the summary", m.ClaimID)
			}
		}
	}
	if got := incs[0].Members[0].Claim.VictimNames; len(got) != 1 || got[0] != victim {
		t.Errorf("Summarize changed the caller's claim: victim names %q", got)
	}
}

func TestSummarizePointsPerPlaceAndGrade(t *testing.T) {
	incs := fixture()
	twin := incs[1] // Stepanakert, fair, killed 2–4
	twin.ID, twin.Killed = 8, harmlog.Exact(6)
	s, err := Summarize(append(incs, twin), Options{From: "2020-10-04", To: "2020-10-04"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range s.Points {
		got = append(got, fmt.Sprintf("%d:%s:%d incidents, killed high %d", p.ID, p.Grade, p.Incidents, p.KilledHigh))
	}
	want := "1:fair:1 incidents, killed high 2 | 2:fair:2 incidents, killed high 10"
	if strings.Join(got, " | ") != want {
		t.Errorf("points\n got %s\nwant %s", strings.Join(got, " | "), want)
	}
}

func TestSummarizeContestedPerRow(t *testing.T) {
	s, err := Summarize(fixture(), Options{From: "2020-10-01", To: "2020-10-31"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range s.ByParty {
		got[r.Label] = fmt.Sprintf("%d incidents, %d contested, killed %d–%d (%d unknown)", r.Incidents, r.Contested, r.KilledLow, r.KilledHigh, r.KilledUnknown)
	}
	want := map[string]string{
		"Armenia":          "3 incidents, 1 contested, killed 32–37 (0 unknown)",
		"Azerbaijan":       "1 incidents, 0 contested, killed 2–4 (0 unknown)",
		"no party alleged": "1 incidents, 0 contested, killed 0–0 (1 unknown)",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %q, want %q", k, got[k], w)
		}
	}
}

func TestSummarizeErrors(t *testing.T) {
	for _, tt := range []struct {
		opts Options
		want string
	}{
		{Options{By: "weapon"}, `by "weapon"`},
		{Options{From: "2020-13-01"}, "from"},
		{Options{To: "soon"}, "to"},
		{Options{From: "2020-10-05", To: "2020-10-01"}, "after"},
	} {
		_, err := Summarize(fixture(), tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want one mentioning %q", tt.opts, err, tt.want)
		}
	}
}

func render(t testing.TB, opts Options, bm Basemap) (svgOut, pngOut []byte, height float64) {
	t.Helper()
	opts.Generated = generated
	s, err := Summarize(fixture(), opts)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Draw(s, bm)
	if err != nil {
		t.Fatal(err)
	}
	var sv, pn bytes.Buffer
	if err := c.WriteSVG(&sv, false); err != nil {
		t.Fatal(err)
	}
	if err := c.WritePNG(&pn); err != nil {
		t.Fatal(err)
	}
	_, h := c.Size()
	return sv.Bytes(), pn.Bytes(), h
}

var goldenCases = []struct {
	name  string
	opts  Options
	bm    Basemap
	title string // the line under the title
}{
	{"october", Options{From: "2020-10-01", To: "2020-10-31", Country: "AZ"}, boxes{}, "Azerbaijan (AZ) · 1 Oct 2020 – 31 Oct 2020"},
	{"by-party", Options{By: ByParty}, boxes{}, "All countries · all dates (4 Oct 2020 – 20 Nov 2020)"},
	{"by-place-no-basemap", Options{By: ByPlace, From: "2020-10-01", To: "2020-10-31"}, nil, "All countries · 1 Oct 2020 – 31 Oct 2020"},
	{"empty", Options{Country: "am"}, boxes{}, "Armenia (AM) · all dates"},
}

func TestGoldenSVG(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			got, _, _ := render(t, tc.opts, tc.bm)
			path := filepath.Join("testdata", tc.name+".svg")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./infographic -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the rendering (%d bytes against %d); look at both, then run with -update if the change is intended", path, len(want), len(got))
			}
		})
	}
}

func TestRenderDeterministicAndSafe(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			svg1, png1, h := render(t, tc.opts, tc.bm)
			svg2, png2, _ := render(t, tc.opts, tc.bm)
			if !bytes.Equal(svg1, svg2) || !bytes.Equal(png1, png2) {
				t.Error("two renderings of the same data differ")
			}
			img, err := png.Decode(bytes.NewReader(png1))
			if err != nil {
				t.Fatalf("PNG does not decode: %v", err)
			}
			if b := img.Bounds(); b.Dx() != Width || b.Dy() != int(h) || h < 1500 {
				t.Errorf("PNG is %dx%d, want %dx%.0f (and at least 1500 high)", b.Dx(), b.Dy(), Width, h)
			}
			for _, bad := range []string{secret, victim, "<script", "example.org"} {
				if bytes.Contains(svg1, []byte(bad)) {
					t.Errorf("the SVG contains %q", bad)
				}
			}
			for _, want := range []string{"Generated 29 Nov 2026 06:00 UTC", "Grades (the first rule", "Data cut-off", tc.title} {
				if !bytes.Contains(svg1, []byte(want)) {
					t.Errorf("the SVG lacks %q", want)
				}
			}
		})
	}
}

func TestPlaceLabel(t *testing.T) {
	for in, want := range map[string]string{
		"garayusifli (geonames:147)": "Garayusifli",
		"ganja central market":       "Ganja Central Market",
		"(no place)":                 "no place named",
		"tartar":                     "Tartar",
	} {
		if got := placeLabel(in); got != want {
			t.Errorf("placeLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// synthetic makes n incidents over 60 days and 40 places.
func synthetic(n int) []harmlog.Incident {
	incs := make([]harmlog.Incident, n)
	parties := []string{"Armenia", "Azerbaijan"}
	for i := range incs {
		p := place(fmt.Sprintf("place%d", i%40), "AZ", 39.5+float64(i%40)*0.04, 46+float64(i%40%7)*0.2)
		incs[i] = harmlog.Incident{ID: int64(i + 1), DateFrom: time.Date(2020, 9, 27+i%60, 0, 0, 0, 0, time.UTC).Format(time.DateOnly),
			Places: []harmlog.PlaceRef{p}, Perpetrators: []string{parties[i%2]}, Victims: "civilian",
			Killed: harmlog.Between(i%5, i%5+i%3), Injured: harmlog.Between(i%7, i%9+i%7), Grade: GradeOrder()[i%5], Contested: i%5 == 2,
			Members: []harmlog.Link{claim(int64(i+1), int64(i/3+1), fmt.Sprintf("source %d", i%17), "2020-11-10", harmlog.Exact(i%5))}}
	}
	return incs
}

// BenchmarkInfographic summarises, draws and renders 2,000 incidents over
// the real basemap, reporting CPU milliseconds per rendering beside wall
// time (the machine is shared).
func BenchmarkInfographic(b *testing.B) {
	incs := synthetic(2000)
	bm, err := basemap.Load()
	if err != nil {
		b.Fatal(err)
	}
	for _, format := range []string{"svg", "png"} {
		b.Run(format, func(b *testing.B) {
			c0, n := benchutil.CPUTime(), 0
			for b.Loop() {
				s, err := Summarize(incs, Options{Generated: generated})
				if err != nil {
					b.Fatal(err)
				}
				c, err := Draw(s, bm)
				if err != nil {
					b.Fatal(err)
				}
				var buf bytes.Buffer
				if format == "svg" {
					err = c.WriteSVG(&buf, true)
				} else {
					err = c.WritePNG(&buf)
				}
				if err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(buf.Len()))
				n++
			}
			if cpu := benchutil.CPUTime() - c0; cpu > 0 {
				b.ReportMetric(float64(cpu.Microseconds())/1e3/float64(n), "cpu-ms/op")
			}
		})
	}
}

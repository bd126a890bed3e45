package web

import (
	"fmt"
	"html"
	"maps"
	"math"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/basemap"
	"github.com/harmlog/harmlog/internal/benchutil"
)

func incident(id int64, date string, killed *harmlog.Range, lat, lon float64, place string) harmlog.Incident {
	return harmlog.Incident{ID: id, DateFrom: date, DateTo: date, Killed: killed, Grade: harmlog.GradeFair,
		Places: []harmlog.PlaceRef{{Name: place, Lat: &lat, Lon: &lon}}}
}

func TestDays(t *testing.T) {
	tests := []struct {
		name string
		in   []harmlog.Incident
		want []Day
	}{
		{"none", nil, nil},
		{"undated only", []harmlog.Incident{{ID: 1}}, nil},
		{"gaps filled, same day summed", []harmlog.Incident{
			incident(1, "2020-10-04", harmlog.Between(1, 3), 0, 0, "a"),
			incident(2, "2020-10-02", harmlog.Exact(2), 0, 0, "b"),
			incident(3, "2020-10-04", harmlog.Between(5, -1), 0, 0, "c"),
			{ID: 4},
		}, []Day{
			{Date: "2020-10-02", Incidents: 1, KilledLow: 2, KilledHigh: 2},
			{Date: "2020-10-03"},
			{Date: "2020-10-04", Incidents: 2, KilledLow: 6, KilledHigh: 8},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Days(tc.in)
			if len(got) != len(tc.want) {
				t.Fatalf("Days = %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("day %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestCharts keeps the server-rendered timeline and map under review as
// golden files, and checks that they escape what they draw.
func TestCharts(t *testing.T) {
	bm := testBasemap(t)
	incs := []harmlog.Incident{
		incident(1, "2020-10-04", harmlog.Between(1, 3), 40.68, 46.36, "Ganja"),
		incident(2, "2020-10-02", harmlog.Exact(2), 40.38, 47.13, "Barda"),
		incident(3, "2020-10-06", harmlog.Between(5, 12), 39.82, 46.75, hostileScript),
		{ID: 4, DateFrom: "2020-10-05", Places: []harmlog.PlaceRef{{Name: "no coordinates"}}},
	}
	incs[0].Perpetrators = []string{"Party B"}
	incs[1].Perpetrators = []string{hostileScript}
	incs[2].Perpetrators = []string{"Party B", hostileScript}
	incs[2].Contested = true
	timeline := string(Timeline(Days(incs)))
	mapSVG := string(Map(incs, MapOptions{Basemap: bm, Legend: true, Query: url.Values{"from": {"2020-10-01"}}}))
	golden(t, "timeline.svg", timeline+"\n")
	golden(t, "map.svg", mapSVG+"\n")
	for name, svg := range map[string]string{"timeline": timeline, "map": mapSVG} {
		if !strings.HasPrefix(svg, "<svg") || !strings.HasSuffix(svg, "</svg>") {
			t.Errorf("%s is not one SVG element: %.80s", name, svg)
		}
		if strings.Contains(svg, hostileScript) || strings.Contains(svg, "style=") {
			t.Errorf("%s has unescaped text or an inline style", name)
		}
	}
	for _, want := range []string{
		`<a href="/incidents/1">`, `<a href="/incidents/2">`, `<a href="/incidents/3">`, // one marker a place
		`class="marker p0"`, `class="marker p1"`, `class="marker contested denied"`, // colours: hostileScript sorts before Party B
		`<g class="land"><path d="M`, `>Azerbaijan</text>`, `>Natural Earth</text>`,
		`alleged: Party B`, `several parties alleged`, `dashed: contested`,
	} {
		if !strings.Contains(mapSVG, want) {
			t.Errorf("map lacks %s", want)
		}
	}
	var many []harmlog.Incident
	for i := range 24 {
		many = append(many, incident(int64(i+1), "2020-10-01", harmlog.Exact(1), 40+float64(i)/20, 46+float64(i)/20, "near"))
	}
	many = append(many, incident(25, "2020-10-01", harmlog.Exact(1), 35.7, 139.7, "far"))
	for _, tc := range []struct {
		name, got, want string
	}{
		{"a far-off place is left out of the view and counted", string(Map(many, MapOptions{})), "1 place(s) outside this view not drawn"},
		{"no basemap: no land", string(Map(many, MapOptions{})), "<line class=\"grid\""},
		{"empty timeline", string(Timeline(nil)), "No dated incidents"},
		{"empty map", string(Map([]harmlog.Incident{{ID: 1}}, MapOptions{})), "No incident has coordinates"},
	} {
		if !strings.Contains(tc.got, tc.want) {
			t.Errorf("%s: %q lacks %q", tc.name, tc.got, tc.want)
		}
	}
	if strings.Contains(string(Map(many, MapOptions{})), `class="land"`) {
		t.Error("a map without a basemap draws land")
	}
}

func testBasemap(t testing.TB) *basemap.Map {
	t.Helper()
	bm, err := basemap.Load()
	if err != nil {
		t.Fatal(err)
	}
	return bm
}

// at makes a marker of incident inc at (x, y) in the viewport.
func at(inc int, x, y float64) marker {
	return marker{inc: inc, x: x, y: y, place: fmt.Sprint("p", inc)}
}

func TestClusterMarkers(t *testing.T) {
	killed := func(n int) harmlog.Incident { return harmlog.Incident{Killed: harmlog.Exact(n)} }
	// With ref 100, an incident of 100 killed has radius maxR (18), one of
	// 1 killed minR (4).
	tests := []struct {
		name    string
		incs    []harmlog.Incident
		ms      []marker
		want    []int // incidents per cluster, largest cluster first
		wantMax int   // clusters
	}{
		{"same spot merges", []harmlog.Incident{killed(1), killed(1)}, []marker{at(0, 100, 100), at(1, 100, 100)}, []int{2}, 1},
		{"touching merges", []harmlog.Incident{killed(1), killed(1)}, []marker{at(0, 100, 100), at(1, 108.5, 100)}, []int{2}, 1},
		{"apart stays apart", []harmlog.Incident{killed(1), killed(1)}, []marker{at(0, 100, 100), at(1, 110, 100)}, []int{1, 1}, 2},
		{"distant stay apart", []harmlog.Incident{killed(100), killed(100), killed(1)}, []marker{at(0, 100, 100), at(1, 400, 100), at(2, 100, 400)}, []int{1, 1, 1}, 3},
		{"a big marker swallows a small neighbour", []harmlog.Incident{killed(100), killed(1)}, []marker{at(0, 100, 100), at(1, 120, 100)}, []int{2}, 1},
		{"one incident at two nearby places is one marker", []harmlog.Incident{killed(5)}, []marker{at(0, 100, 100), at(0, 103, 100)}, []int{1}, 1},
		{"a chain merges through the grown cluster", []harmlog.Incident{killed(1), killed(1), killed(1), killed(1)},
			[]marker{at(0, 100, 100), at(1, 108, 100), at(2, 116, 100), at(3, 124, 100)}, []int{4}, 1},
		{"two groups", []harmlog.Incident{killed(1), killed(1), killed(1), killed(1)},
			[]marker{at(0, 100, 100), at(1, 101, 100), at(2, 300, 300), at(3, 301, 301)}, []int{2, 2}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for i := range tc.incs {
				tc.incs[i].ID = int64(i + 1)
			}
			sz := sizer{ref: 100, minR: minR, maxR: maxR, clusterR: clusterR, minCls: minClusterR}
			cs := clusterMarkers(tc.ms, tc.incs, sz)
			var got []int
			for _, c := range cs {
				got = append(got, len(c.incs))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("incidents per cluster %v, want %v", got, tc.want)
			}
			checkClusters(t, tc.ms, tc.incs, cs)
		})
	}
}

// checkClusters checks what any clustering must hold: every marker in
// exactly one cluster, every incident counted, and no two clusters
// overlapping.
func checkClusters(t *testing.T, ms []marker, incs []harmlog.Incident, cs []cluster) {
	t.Helper()
	seen := make([]int, len(ms))
	for _, c := range cs {
		for _, m := range c.markers {
			seen[m]++
		}
	}
	for m, n := range seen {
		if n != 1 {
			t.Errorf("marker %d in %d clusters, want 1", m, n)
		}
	}
	for i := range cs {
		for j := i + 1; j < len(cs); j++ {
			if d := math.Hypot(cs[i].x-cs[j].x, cs[i].y-cs[j].y); d < cs[i].r+cs[j].r+markerGap {
				t.Errorf("clusters %d and %d overlap: %.1f apart, radii %.1f and %.1f", i, j, d, cs[i].r, cs[j].r)
			}
		}
	}
}

var (
	hrefRE  = regexp.MustCompile(`<a href="([^"]*)"><g class="[^"]*"><title>[^<]*</title>(?:<(?:circle|path)[^>]*>)+(?:<text class="num"[^>]*>(\d+)</text>)?`)
	titleRE = regexp.MustCompile(`^(\d+) incidents`)
)

// TestMapReachable draws many incidents, some piled up, and checks that
// every one can be reached from the map: by its own marker, or by a
// cluster whose count includes it and whose dashboard link's box holds its
// place; and that the dashboard, given that box, lists it.
func TestMapReachable(t *testing.T) {
	bm := testBasemap(t)
	var incs []harmlog.Incident
	for i := range 60 {
		// Three piles and a spread, deterministic.
		lat, lon := 39.5+float64(i%10)*0.2, 45.5+float64(i/10)*0.5
		if i%3 == 0 {
			lat, lon = 40.38+float64(i%7)*0.001, 47.13
		}
		in := incident(int64(i+1), "2020-10-01", harmlog.Between(i%4, i%4+i%5), lat, lon, fmt.Sprint("place ", i))
		in.Perpetrators = [][]string{nil, {"Side A"}, {"Side B"}, {"Side A", "Side B"}}[i%4]
		incs = append(incs, in)
	}
	svg := string(Map(incs, MapOptions{Basemap: bm, Query: url.Values{"grade": {"fair"}, "bbox": {"1,2,3,4"}}}))
	reached := map[int64]int{}
	total, clusters := 0, 0
	for _, m := range hrefRE.FindAllStringSubmatch(svg, -1) {
		href := html.UnescapeString(m[1])
		if id, ok := strings.CutPrefix(href, "/incidents/"); ok {
			n, _ := strconv.ParseInt(id, 10, 64)
			reached[n]++
			total++
			continue
		}
		clusters++
		u, err := url.Parse(href)
		if err != nil || u.Path != "/" {
			t.Fatalf("cluster link %q", href)
		}
		if u.Query().Get("grade") != "fair" {
			t.Errorf("cluster link %q drops the dashboard's filter", href)
		}
		box, err := ParseBBox(u.Query().Get("bbox"))
		if err != nil {
			t.Fatalf("cluster link %q: %v", href, err)
		}
		count, _ := strconv.Atoi(m[2])
		inBox := 0
		for i := range incs {
			if InBBox(&incs[i], box) {
				reached[incs[i].ID]++
				inBox++
			}
		}
		if inBox < count {
			t.Errorf("cluster of %d has a box %v holding %d incidents", count, box, inBox)
		}
		total += count
	}
	if clusters == 0 || !strings.Contains(svg, `class="wedge`) {
		t.Error("no cluster with wedges of its colours drawn for the piles")
	}
	if total != len(incs) {
		t.Errorf("markers and cluster counts add up to %d, want %d", total, len(incs))
	}
	for _, in := range incs {
		if reached[in.ID] == 0 {
			t.Errorf("incident %d cannot be reached from the map", in.ID)
		}
	}

	// The dashboard follows a cluster's link.
	f := newFixture(t)
	for _, tc := range []struct {
		query  string
		status int
		want   string
	}{
		{"bbox=47,40,47.5,40.5", 200, "1 incident(s)"},
		{"bbox=44,38,45,39", 200, "0 incident(s)"},
		{"bbox=47,40,47.5", 200, "want minLon,minLat,maxLon,maxLat"},
		{"bbox=47.5,40,47,40.5", 200, "the minimum comes first"},
	} {
		res := f.do(t, "GET", "/?"+tc.query, "", nil)
		body := readBody(t, res)
		if res.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%s: status %d, body lacks %q", tc.query, res.StatusCode, tc.want)
		}
	}
}

func TestParseBBox(t *testing.T) {
	tests := []struct {
		in   string
		want [4]float64
		err  string
	}{
		{"44.5,38,50.25,42", [4]float64{44.5, 38, 50.25, 42}, ""},
		{" -10 , -5 ,10,5", [4]float64{-10, -5, 10, 5}, ""},
		{"1,2,3", [4]float64{}, "four numbers"},
		{"a,2,3,4", [4]float64{}, `"a" is not a number`},
		{"NaN,2,3,4", [4]float64{}, "is not a number"},
		{"-181,2,3,4", [4]float64{}, "longitudes"},
		{"1,2,3,95", [4]float64{}, "latitudes"},
		{"3,2,1,4", [4]float64{}, "minimum comes first"},
	}
	for _, tc := range tests {
		got, err := ParseBBox(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseBBox(%q) err = %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ParseBBox(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

// TestPartyColours checks that colours follow one rule for every side:
// the given order first, then alphabetical; a party keeps its colour
// alone on a map; colours do not depend on which incident names a party.
func TestPartyColours(t *testing.T) {
	inc := func(ps ...string) harmlog.Incident { return harmlog.Incident{Perpetrators: ps} }
	incs := []harmlog.Incident{inc("Beta"), inc("Alpha"), inc("Gamma"), inc("Alpha", "Beta"), inc()}
	ms := []marker{{inc: 0}, {inc: 1}, {inc: 2}, {inc: 3}, {inc: 4}}
	tests := []struct {
		name  string
		order []string
		want  map[string]string
	}{
		{"alphabetical", nil, map[string]string{"Alpha": "p0", "Beta": "p1", "Gamma": "p2"}},
		{"given order; absent parties keep their slots", []string{"Gamma", "Absent", "Beta"}, map[string]string{"Gamma": "p0", "Beta": "p2", "Alpha": "p3"}},
		{"a taken slot passes to the next free one", []string{"Beta", "1", "2", "3", "4", "5", "6", "Alpha", "Gamma"}, map[string]string{"Beta": "p0", "Alpha": "p1", "Gamma": "p2"}},
	}
	for _, tc := range tests {
		got := partyColours(incs, ms, tc.order)
		if !maps.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
		if c := colourOf(&incs[3], got); c != colourContested {
			t.Errorf("%s: two alleged parties coloured %q", tc.name, c)
		}
		if c := colourOf(&incs[4], got); c != colourUnattributed {
			t.Errorf("%s: no alleged party coloured %q", tc.name, c)
		}
	}
	// A party alone on a map keeps the colour it has among others.
	if got := partyColours(incs[2:3], []marker{{inc: 0}}, []string{"Gamma", "Absent", "Beta"}); got["Gamma"] != "p0" {
		t.Errorf("Gamma alone: %v, want p0", got)
	}
	if got := partyColours([]harmlog.Incident{inc("Beta")}, []marker{{inc: 0}}, []string{"Gamma", "Absent", "Beta"}); got["Beta"] != "p2" {
		t.Errorf("Beta alone: %v, want p2", got)
	}
	swapped := []harmlog.Incident{inc("Alpha"), inc("Beta")}
	a := partyColours(swapped, []marker{{inc: 0}, {inc: 1}}, nil)
	swapped[0].Perpetrators, swapped[1].Perpetrators = []string{"Beta"}, []string{"Alpha"}
	b := partyColours(swapped, []marker{{inc: 0}, {inc: 1}}, nil)
	if !maps.Equal(a, b) {
		t.Errorf("colours depend on which incident names a party: %v vs %v", a, b)
	}
}

// BenchmarkMap draws the dashboard's map of 10,000 incidents around the
// South Caucasus: basemap, clustering, markers.
func BenchmarkMap(b *testing.B) {
	bm := testBasemap(b)
	var incs []harmlog.Incident
	for i := range 10_000 {
		lat := 39 + float64((i*7919)%3000)/1000
		lon := 44.5 + float64((i*104729)%5000)/1000
		in := incident(int64(i+1), "2020-10-01", harmlog.Between(i%5, i%9), lat, lon, "p")
		in.Perpetrators = []string{fmt.Sprint("party ", i%3)}
		incs = append(incs, in)
	}
	var n int
	c0 := benchutil.CPUTime()
	for b.Loop() {
		n = len(Map(incs, MapOptions{Basemap: bm, Legend: true}))
	}
	if c := benchutil.CPUTime() - c0; c > 0 && c0 > 0 {
		b.ReportMetric(float64(c.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
	}
	b.ReportMetric(float64(n), "svg-bytes")
}

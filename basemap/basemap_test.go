package basemap

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/harmlog/harmlog/internal/benchutil"
)

func load(t testing.TB) *Map {
	t.Helper()
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestCountries checks that known countries are in the embedded data with
// their names and plausible bounding boxes (Natural Earth's, rounded
// outwards by a degree).
func TestCountries(t *testing.T) {
	m := load(t)
	tests := []struct {
		iso, name string
		box       [4]float64 // no smaller than the country's box (min lon, min lat, max lon, max lat)
		inner     [4]float64 // no larger than the country's box
	}{
		{"AZ", "Azerbaijan", [4]float64{44, 38, 51, 42}, [4]float64{45.5, 39, 50, 41.5}},
		{"AM", "Armenia", [4]float64{43, 38.5, 47, 41.5}, [4]float64{44, 39.5, 46, 41}},
		{"GE", "Georgia", [4]float64{39.5, 41, 47, 44}, [4]float64{41, 42, 46, 43}},
		{"JP", "Japan", [4]float64{122, 24, 154.5, 46}, [4]float64{130, 31, 145, 45}},
		{"BR", "Brazil", [4]float64{-75, -34, -28, 6}, [4]float64{-73, -33, -35, 5}},
	}
	for _, tc := range tests {
		t.Run(tc.iso, func(t *testing.T) {
			c, ok := m.Country(strings.ToLower(tc.iso))
			if !ok {
				t.Fatalf("no country %s", tc.iso)
			}
			if c.Name != tc.name {
				t.Errorf("name %q, want %q", c.Name, tc.name)
			}
			b := c.BBox
			if b[0] < tc.box[0] || b[1] < tc.box[1] || b[2] > tc.box[2] || b[3] > tc.box[3] {
				t.Errorf("bbox %v is not within %v", b, tc.box)
			}
			if b[0] > tc.inner[0] || b[1] > tc.inner[1] || b[2] < tc.inner[2] || b[3] < tc.inner[3] {
				t.Errorf("bbox %v does not cover %v", b, tc.inner)
			}
			for i, r := range c.Rings {
				if len(r) < 4 || r[0] != r[len(r)-1] {
					t.Errorf("ring %d: %d points, closed %v; want a closed ring of 4 or more", i, len(r), r[0] == r[len(r)-1])
				}
			}
		})
	}
	all := m.Countries()
	if len(all) < 200 {
		t.Errorf("%d countries, want the world's (200 or more)", len(all))
	}
	for i := 1; i < len(all); i++ {
		if all[i-1].Name > all[i].Name {
			t.Errorf("countries not sorted by name: %q before %q", all[i-1].Name, all[i].Name)
		}
	}
	all[0].Name = "changed"
	if m.Countries()[0].Name == "changed" {
		t.Error("Countries returns the map's own slice")
	}
	if _, ok := m.Country("XX"); ok {
		t.Error("found a country XX")
	}
}

func TestWithin(t *testing.T) {
	m := load(t)
	tests := []struct {
		name     string
		box      [4]float64
		want     []string
		wantNone []string
	}{
		{"South Caucasus", [4]float64{44, 38.5, 50, 42}, []string{"AM", "AZ", "GE", "IR", "RU", "TR"}, []string{"BR", "JP", "UA"}},
		{"mid-Atlantic", [4]float64{-40, 10, -30, 20}, nil, []string{"BR", "CV"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]bool{}
			for _, c := range m.Within(tc.box[0], tc.box[1], tc.box[2], tc.box[3]) {
				got[c.ISO] = true
			}
			for _, iso := range tc.want {
				if !got[iso] {
					t.Errorf("%s missing", iso)
				}
			}
			for _, iso := range tc.wantNone {
				if got[iso] {
					t.Errorf("%s present", iso)
				}
			}
		})
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func TestFit(t *testing.T) {
	tests := []struct {
		name      string
		box       [4]float64
		w, h      float64
		wantBox   [4]float64 // the box shown
		lon, lat  float64
		wantX, wY float64
	}{
		// At the equator a degree is a degree: a 10×10 box in a 200×100
		// viewport is widened to 20 degrees of longitude.
		{"equator widened in longitude", [4]float64{0, -5, 10, 5}, 200, 100, [4]float64{-5, -5, 15, 5}, 0, 5, 50, 0},
		{"corner bottom right", [4]float64{0, -5, 10, 5}, 200, 100, [4]float64{-5, -5, 15, 5}, 15, -5, 200, 100},
		{"widened in latitude", [4]float64{0, -5, 10, 5}, 100, 200, [4]float64{0, -10, 10, 10}, 5, 0, 50, 100},
		// At 60° a degree of longitude is half a degree of latitude.
		{"mid-latitude 60", [4]float64{0, 59, 4, 61}, 100, 100, [4]float64{0, 59, 4, 61}, 0, 61, 0, 0},
		{"swapped corners", [4]float64{10, 5, 0, -5}, 200, 100, [4]float64{-5, -5, 15, 5}, 5, 0, 100, 50},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Fit(tc.box[0], tc.box[1], tc.box[2], tc.box[3], tc.w, tc.h)
			a, b, c, d := f.Box()
			if !near(a, tc.wantBox[0]) || !near(b, tc.wantBox[1]) || !near(c, tc.wantBox[2]) || !near(d, tc.wantBox[3]) {
				t.Errorf("box %v %v %v %v, want %v", a, b, c, d, tc.wantBox)
			}
			if x, y := f.XY(tc.lon, tc.lat); !near(x, tc.wantX) || !near(y, tc.wY) {
				t.Errorf("XY(%v, %v) = %v, %v; want %v, %v", tc.lon, tc.lat, x, y, tc.wantX, tc.wY)
			}
			if w, h := f.Size(); w != tc.w || h != tc.h {
				t.Errorf("size %v×%v, want %v×%v", w, h, tc.w, tc.h)
			}
		})
	}
	// A point box still gives a frame that places the point in the middle.
	f := Fit(47, 40, 47, 40, 300, 200)
	if x, y := f.XY(47, 40); !near(x, 150) || !near(y, 100) {
		t.Errorf("point box: XY = %v, %v; want the middle", x, y)
	}
	if !f.Contains(47, 40) || f.Contains(48, 40) {
		t.Error("point box: Contains wrong")
	}
	if got := Aspect(0, 59, 4, 61); !near(got, 1) {
		t.Errorf("Aspect at 60° = %v, want 1", got)
	}
	if x, y := (Frame{}).XY(1, 2); x != 0 || y != 0 {
		t.Errorf("zero Frame XY = %v, %v", x, y)
	}
}

func square(lon0, lat0, lon1, lat1 float64) [][2]float64 {
	return [][2]float64{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}
}

func TestPath(t *testing.T) {
	f := Fit(0, -5, 10, 5, 100, 100) // at the equator: 10 units a degree
	tests := []struct {
		name string
		ring [][2]float64
		want string
	}{
		{"outside", square(20, 20, 30, 30), ""},
		{"too few points", [][2]float64{{1, 1}, {2, 2}}, ""},
		{"inside", [][2]float64{{1, 1}, {2, 1}, {2, 2}, {1, 1}}, "M10 40L20 40L20 30Z"},
		{"thinned", [][2]float64{{1, 1}, {1.01, 1}, {2, 1}, {2, 2}, {1, 1}}, "M10 40L20 40L20 30Z"},
		{"around the frame: the frame plus its margin", square(-5, -10, 15, 10), "M-3 -3L-3 103L103 103L103 -3Z"},
		{"cut at the right edge", [][2]float64{{9, 1}, {11, 1}, {11, 2}, {9, 2}, {9, 1}}, "M90 40L103 40L103 30L90 30Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := f.Path(tc.ring); got != tc.want {
				t.Errorf("Path = %q, want %q", got, tc.want)
			}
		})
	}
	c := Country{Name: "two", Rings: [][][2]float64{tests[2].ring, square(20, 20, 30, 30), tests[5].ring}, BBox: [4]float64{1, 1, 30, 30}}
	if got, want := f.CountryPath(c), "M10 40L20 40L20 30ZM90 40L103 40L103 30L90 30Z"; got != want {
		t.Errorf("CountryPath = %q, want %q", got, want)
	}
	if got := f.CountryPath(Country{Rings: c.Rings, BBox: [4]float64{20, 20, 30, 30}}); got != "" {
		t.Errorf("CountryPath of a country out of view = %q, want none", got)
	}
}

func TestLabel(t *testing.T) {
	f := Fit(0, -10, 20, 10, 200, 200)
	minLon, _, _, _ := f.Box()
	// An L-shaped country: the label lies inside it, on its widest
	// stretch through the centroid.
	ell := [][2]float64{{minLon, -10}, {minLon + 20, -10}, {minLon + 20, -6}, {minLon + 4, -6}, {minLon + 4, 10}, {minLon, 10}, {minLon, -10}}
	tests := []struct {
		name    string
		c       Country
		ok      bool
		x, y, w float64
	}{
		{"square", Country{Rings: [][][2]float64{square(minLon+5, -5, minLon+15, 5)}, BBox: [4]float64{minLon + 5, -5, minLon + 15, 5}}, true, 100, 100, 100},
		{"out of view", Country{Rings: [][][2]float64{square(50, 50, 60, 60)}, BBox: [4]float64{50, 50, 60, 60}}, false, 0, 0, 0},
		{"L shape", Country{Rings: [][][2]float64{ell}, BBox: [4]float64{minLon, -10, minLon + 20, 10}}, true, 20, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l, ok := f.Label(tc.c)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			if tc.w > 0 && (!near(l.X, tc.x) || !near(l.Y, tc.y) || !near(l.Width, tc.w)) {
				t.Errorf("label %+v, want x %v y %v width %v", l, tc.x, tc.y, tc.w)
			}
			if tc.w == 0 && (math.Abs(l.X-tc.x) > 1e-6 || l.Y < 0 || l.Y > 200) {
				t.Errorf("label %+v, want x %v inside the L's upright", l, tc.x)
			}
		})
	}
	// A real country in its region.
	m := load(t)
	az, _ := m.Country("AZ")
	cau := Fit(43.5, 38.3, 50.5, 41.9, 900, 600)
	l, ok := cau.Label(az)
	if !ok || l.Area < 50_000 {
		t.Fatalf("Azerbaijan label %+v, %v; want a large visible area", l, ok)
	}
	lon, lat := lonLat(cau, l.X, l.Y)
	if lon < 46 || lon > 50 || lat < 39 || lat > 41.5 {
		t.Errorf("Azerbaijan labelled at %.2f, %.2f; want within the country", lon, lat)
	}
}

// lonLat inverts XY for the tests.
func lonLat(f Frame, x, y float64) (float64, float64) {
	a, b, c, d := f.Box()
	w, h := f.Size()
	return a + x/w*(c-a), d - y/h*(d-b)
}

// BenchmarkLoad measures decoding the embedded outlines.
func BenchmarkLoad(b *testing.B) {
	c0 := benchutil.CPUTime()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, c0)
}

// BenchmarkRegion measures drawing the South Caucasus with its neighbours
// (the dashboard's usual view): the paths and labels of every country in
// view.
func BenchmarkRegion(b *testing.B) {
	m := load(b)
	f := Fit(43.5, 38.3, 50.5, 41.9, 900, 600)
	cs := m.Within(f.Box())
	var n int
	c0 := benchutil.CPUTime()
	for b.Loop() {
		n = 0
		for _, c := range cs {
			n += len(f.CountryPath(c))
			f.Label(c)
		}
	}
	reportCPU(b, c0)
	b.ReportMetric(float64(n), "path-bytes")
}

// reportCPU reports the CPU time per operation since c0, steadier than
// wall time on a shared machine.
func reportCPU(b *testing.B, c0 time.Duration) {
	if c := benchutil.CPUTime() - c0; c > 0 && c0 > 0 {
		b.ReportMetric(float64(c.Microseconds())/1e3/float64(b.N), "cpu-ms/op")
	}
}

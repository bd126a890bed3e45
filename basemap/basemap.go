// Package basemap is harmlog's offline world map: country outlines from
// Natural Earth, embedded in the binary, and the projection that draws them
// as SVG paths.
//
// The outlines (data/countries.bin) are Natural Earth's Admin 0 countries
// as the npm package world-atlas ships them, simplified slightly and
// stored compactly; basemap/gen regenerates them, and building needs no
// network. Natural Earth is in the public domain (see NOTICE).
//
// Use:
//
//	m, err := basemap.Load()                        // decode once, share the *Map
//	f := basemap.Fit(44, 38, 51, 42, 900, 600)      // a lon/lat box in a 900×600 viewport
//	for _, c := range m.Within(f.Box()) {           // the countries in view
//		d := f.CountryPath(c)                   // an SVG path's d, clipped to the frame
//		if l, ok := f.Label(c); ok && l.Area > 5000 { /* write c.Name at l.X, l.Y */ }
//	}
//	x, y := f.XY(47.1, 40.4)                        // a place in the viewport
//
// A *Map is immutable and safe for concurrent use; the countries it
// returns share their rings with it and must not be modified.
package basemap

import (
	_ "embed"
	"math"
	"slices"
	"strings"

	"github.com/harmlog/harmlog/basemap/internal/shapes"
)

//go:embed data/countries.bin
var data []byte

// Country is one country's outline.
type Country struct {
	// ISO is the ISO 3166-1 alpha-2 code, such as "AZ"; empty for the
	// few areas Natural Earth draws without one (Kosovo, Somaliland, N.
	// Cyprus, …).
	ISO string
	// Name is Natural Earth's short name, such as "Azerbaijan".
	Name string
	// Rings are closed rings of (longitude, latitude) points: outer
	// boundaries and holes, told apart by containment (draw them with the
	// even-odd fill rule).
	Rings [][][2]float64
	// BBox is the bounding box: min longitude, min latitude, max
	// longitude, max latitude.
	BBox [4]float64
	// boxes are the rings' own bounding boxes, when known, so that
	// drawing skips the rings out of view without reading their points.
	boxes [][4]float64
}

// Map is the decoded set of countries, sorted by name.
type Map struct {
	countries []Country
}

// Load decodes the embedded outlines. Each call decodes afresh (see
// BenchmarkLoad for its cost); keep the *Map.
func Load() (*Map, error) {
	ss, err := shapes.Decode(data)
	if err != nil {
		return nil, err
	}
	return fromShapes(ss), nil
}

func fromShapes(ss []shapes.Shape) *Map {
	m := &Map{countries: make([]Country, len(ss))}
	for i, s := range ss {
		c := Country{ISO: s.ISO, Name: s.Name, Rings: s.Rings, BBox: [4]float64{180, 90, -180, -90}}
		c.boxes = make([][4]float64, len(s.Rings))
		for j, r := range s.Rings {
			b := ringBox(r)
			c.boxes[j] = b
			c.BBox = [4]float64{math.Min(c.BBox[0], b[0]), math.Min(c.BBox[1], b[1]), math.Max(c.BBox[2], b[2]), math.Max(c.BBox[3], b[3])}
		}
		m.countries[i] = c
	}
	return m
}

// Countries returns every country, sorted by name.
func (m *Map) Countries() []Country { return slices.Clone(m.countries) }

// Country returns the country with the ISO alpha-2 code iso (any case).
func (m *Map) Country(iso string) (Country, bool) {
	for _, c := range m.countries {
		if c.ISO != "" && strings.EqualFold(c.ISO, iso) {
			return c, true
		}
	}
	return Country{}, false
}

// Within returns the countries whose bounding box meets the box from
// (minLon, minLat) to (maxLon, maxLat), sorted by name.
func (m *Map) Within(minLon, minLat, maxLon, maxLat float64) []Country {
	var out []Country
	for _, c := range m.countries {
		if c.BBox[0] <= maxLon && c.BBox[2] >= minLon && c.BBox[1] <= maxLat && c.BBox[3] >= minLat {
			out = append(out, c)
		}
	}
	return out
}

// ringBox is a ring's bounding box as Country.BBox has it.
func ringBox(r [][2]float64) [4]float64 {
	b := [4]float64{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range r {
		if p[0] < b[0] {
			b[0] = p[0]
		}
		if p[0] > b[2] {
			b[2] = p[0]
		}
		if p[1] < b[1] {
			b[1] = p[1]
		}
		if p[1] > b[3] {
			b[3] = p[1]
		}
	}
	return b
}

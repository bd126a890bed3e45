package main

import (
	"encoding/json"
	"fmt"
	"math"
)

// topology is the part of a TopoJSON topology (RFC-like specification at
// github.com/topojson/topojson-specification) that gen reads: the arcs,
// the optional quantization transform, and named geometry collections.
type topology struct {
	Type      string `json:"type"`
	Transform *struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][]float64         `json:"arcs"`
	Objects map[string]collection `json:"objects"`
}

type collection struct {
	Type       string     `json:"type"`
	Geometries []geometry `json:"geometries"`
}

// geometry is a Polygon (arcs: rings of arc indexes) or a MultiPolygon
// (arcs: polygons of rings); other types carry no area and are skipped.
type geometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
	Arcs json.RawMessage `json:"arcs"`
}

// feature is a decoded polygonal geometry: its id, name and polygons, each
// a list of rings of absolute (longitude, latitude) points.
type feature struct {
	ID, Name string
	Polygons [][][]int // arc indexes per ring per polygon (~i: arc i reversed)
}

// parseTopology decodes a topology and the polygonal geometries of its
// object named obj, with their arcs turned into absolute coordinates.
func parseTopology(data []byte, obj string) ([][][2]float64, []feature, error) {
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, nil, fmt.Errorf("topojson: %w", err)
	}
	if t.Type != "Topology" {
		return nil, nil, fmt.Errorf("topojson: type %q, want Topology", t.Type)
	}
	col, ok := t.Objects[obj]
	if !ok {
		return nil, nil, fmt.Errorf("topojson: no object %q", obj)
	}
	arcs := make([][][2]float64, len(t.Arcs))
	for i, a := range t.Arcs {
		if len(a) < 2 {
			return nil, nil, fmt.Errorf("topojson: arc %d has %d positions, want at least 2", i, len(a))
		}
		var x, y float64
		for j, p := range a {
			if len(p) < 2 {
				return nil, nil, fmt.Errorf("topojson: arc %d position %d has %d numbers, want 2", i, j, len(p))
			}
			if t.Transform == nil {
				x, y = p[0], p[1]
			} else {
				// Quantized arcs are delta-encoded: each position is an
				// offset from the previous one.
				x, y = x+p[0], y+p[1]
			}
			lon, lat := x, y
			if t.Transform != nil {
				lon = x*t.Transform.Scale[0] + t.Transform.Translate[0]
				lat = y*t.Transform.Scale[1] + t.Transform.Translate[1]
			}
			if math.Abs(lon) > 180.0001 || math.Abs(lat) > 90.0001 {
				return nil, nil, fmt.Errorf("topojson: arc %d position %d: (%g, %g) is not a longitude and latitude", i, j, lon, lat)
			}
			arcs[i] = append(arcs[i], [2]float64{clamp(lon, 180), clamp(lat, 90)})
		}
	}
	var feats []feature
	for gi, g := range col.Geometries {
		f := feature{Name: g.Properties.Name}
		if len(g.ID) > 0 && string(g.ID) != "null" {
			var s string
			if err := json.Unmarshal(g.ID, &s); err != nil {
				var n json.Number
				if err := json.Unmarshal(g.ID, &n); err != nil {
					return nil, nil, fmt.Errorf("topojson: %s geometry %d: id %s is neither a string nor a number", obj, gi, g.ID)
				}
				s = n.String()
			}
			f.ID = s
		}
		switch g.Type {
		case "Polygon":
			var rings [][]int
			if err := json.Unmarshal(g.Arcs, &rings); err != nil {
				return nil, nil, fmt.Errorf("topojson: %s geometry %d (%s): arcs: %w", obj, gi, f.Name, err)
			}
			f.Polygons = [][][]int{rings}
		case "MultiPolygon":
			if err := json.Unmarshal(g.Arcs, &f.Polygons); err != nil {
				return nil, nil, fmt.Errorf("topojson: %s geometry %d (%s): arcs: %w", obj, gi, f.Name, err)
			}
		default:
			continue
		}
		for _, poly := range f.Polygons {
			for _, ring := range poly {
				for _, a := range ring {
					if i := arcIndex(a); i < 0 || i >= len(arcs) {
						return nil, nil, fmt.Errorf("topojson: %s geometry %d (%s): arc index %d out of range (%d arcs)", obj, gi, f.Name, a, len(arcs))
					}
				}
			}
		}
		feats = append(feats, f)
	}
	return arcs, feats, nil
}

func clamp(v, limit float64) float64 { return math.Max(-limit, math.Min(limit, v)) }

// arcIndex resolves a ring's reference to an arc: i, or ^i (that is,
// -i-1) for arc i traversed backwards.
func arcIndex(a int) int {
	if a < 0 {
		return ^a
	}
	return a
}

// ring joins the arcs a ring references into its closed point sequence.
// Consecutive arcs share their joining point, which is kept once.
func ring(arcs [][][2]float64, refs []int) [][2]float64 {
	var out [][2]float64
	for k, a := range refs {
		pts := arcs[arcIndex(a)]
		n := len(pts)
		for j := range n {
			p := pts[j]
			if a < 0 {
				p = pts[n-1-j]
			}
			if k > 0 && j == 0 {
				continue
			}
			out = append(out, p)
		}
	}
	return out
}

// simplify reduces a line with the Ramer–Douglas–Peucker algorithm: points
// closer than tol (degrees) to the chord of their stretch are dropped; the
// two ends are always kept, so that arcs shared by neighbours still meet.
func simplify(pts [][2]float64, tol float64) [][2]float64 {
	if len(pts) < 3 || tol <= 0 {
		return pts
	}
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	type span struct{ i, j int }
	stack := []span{{0, len(pts) - 1}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		far, at := 0.0, -1
		for k := s.i + 1; k < s.j; k++ {
			if d := segDist(pts[k], pts[s.i], pts[s.j]); d > far {
				far, at = d, k
			}
		}
		if at >= 0 && far > tol {
			keep[at] = true
			stack = append(stack, span{s.i, at}, span{at, s.j})
		}
	}
	var out [][2]float64
	for k, p := range pts {
		if keep[k] {
			out = append(out, p)
		}
	}
	return out
}

// segDist is the planar distance from p to the segment a–b.
func segDist(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	return math.Hypot(p[0]-a[0]-t*dx, p[1]-a[1]-t*dy)
}

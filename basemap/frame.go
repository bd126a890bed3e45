package basemap

import (
	"math"
	"slices"
	"strconv"
)

// Frame maps longitude and latitude into a w×h viewport (x to the right,
// y down, as in SVG) with an equirectangular projection whose standard
// parallel is the middle of the box, so that local proportions hold. Make
// one with Fit; the zero Frame maps everything to (0, 0).
type Frame struct {
	minLon, minLat, maxLon, maxLat float64
	w, h                           float64
}

// Margin is how far, in viewport units, paths run past the frame's edges
// before they are clipped, so that the cut never shows inside the viewport
// (keep outline strokes thinner than this).
const Margin = 3.0

// Fit returns the frame that shows the box from (minLon, minLat) to
// (maxLon, maxLat) whole, centred, in a w×h viewport: the box is widened
// in longitude or in latitude, whichever the viewport's shape calls for,
// so that a degree of latitude and a degree of longitude at the box's
// middle keep their true ratio. Empty extents are widened to a
// thousandth of a degree and the standard parallel is kept within 85°, so
// that any box gives a usable frame.
func Fit(minLon, minLat, maxLon, maxLat, w, h float64) Frame {
	if maxLon < minLon {
		minLon, maxLon = maxLon, minLon
	}
	if maxLat < minLat {
		minLat, maxLat = maxLat, minLat
	}
	w, h = math.Max(w, 1), math.Max(h, 1)
	const eps = 1e-3
	midLon, midLat := (minLon+maxLon)/2, (minLat+maxLat)/2
	k := cosLat(midLat)
	ew := math.Max(maxLon-minLon, eps) * k // degrees of latitude, roughly
	eh := math.Max(maxLat-minLat, eps)
	s := math.Min(w/ew, h/eh) // viewport units per degree of latitude
	halfLon, halfLat := w/s/k/2, h/s/2
	return Frame{minLon: midLon - halfLon, maxLon: midLon + halfLon, minLat: midLat - halfLat, maxLat: midLat + halfLat, w: w, h: h}
}

// Aspect is the height over the width of the box from (minLon, minLat) to
// (maxLon, maxLat) as Fit projects it: the viewport shape that shows the
// box with no widening.
func Aspect(minLon, minLat, maxLon, maxLat float64) float64 {
	const eps = 1e-3
	ew := math.Max(math.Abs(maxLon-minLon), eps) * cosLat((minLat+maxLat)/2)
	return math.Max(math.Abs(maxLat-minLat), eps) / ew
}

func cosLat(lat float64) float64 { return math.Cos(math.Min(math.Abs(lat), 85) * math.Pi / 180) }

// Box is the longitude and latitude box the frame shows: min longitude,
// min latitude, max longitude, max latitude. Its latitudes may pass the
// poles when the viewport is taller than the world.
func (f Frame) Box() (minLon, minLat, maxLon, maxLat float64) {
	return f.minLon, f.minLat, f.maxLon, f.maxLat
}

// Size is the viewport's width and height.
func (f Frame) Size() (w, h float64) { return f.w, f.h }

// XY projects a longitude and latitude into the viewport.
func (f Frame) XY(lon, lat float64) (x, y float64) {
	if f.maxLon == f.minLon || f.maxLat == f.minLat {
		return 0, 0
	}
	return (lon - f.minLon) / (f.maxLon - f.minLon) * f.w, (f.maxLat - lat) / (f.maxLat - f.minLat) * f.h
}

// Contains reports whether a longitude and latitude fall in the frame.
func (f Frame) Contains(lon, lat float64) bool {
	return lon >= f.minLon && lon <= f.maxLon && lat >= f.minLat && lat <= f.maxLat
}

// Path returns the SVG path data ("M x y L … Z") of a ring, projected,
// clipped to the viewport plus Margin, and thinned: a point closer than
// half a unit to the last one kept is dropped. Coordinates have one
// decimal. It is "" when nothing of the ring is left to draw.
func (f Frame) Path(ring [][2]float64) string {
	if len(ring) < 3 || !f.meets(ringBox(ring)) {
		return ""
	}
	pts := f.project(ring, nil)
	if len(pts) < 3 {
		return ""
	}
	return string(appendPath(nil, pts))
}

// CountryPath is the path data of all of a country's rings in the frame,
// one subpath each; fill it with the even-odd rule so that holes stay
// open.
func (f Frame) CountryPath(c Country) string {
	if !f.meets(c.BBox) {
		return ""
	}
	var b []byte
	var pts [][2]float64
	for i, r := range c.Rings {
		if !f.ringInView(c, i) {
			continue
		}
		pts = f.project(r, pts[:0])
		if len(pts) >= 3 {
			b = appendPath(b, pts)
		}
	}
	return string(b)
}

// meets reports whether a bounding box overlaps the frame.
func (f Frame) meets(b [4]float64) bool {
	return b[0] <= f.maxLon && b[2] >= f.minLon && b[1] <= f.maxLat && b[3] >= f.minLat
}

// ringInView reports whether ring i of c may show in the frame, from
// the ring's bounding box (worked out here when c did not come from Load).
func (f Frame) ringInView(c Country, i int) bool {
	if len(c.boxes) == len(c.Rings) {
		return f.meets(c.boxes[i])
	}
	return f.meets(ringBox(c.Rings[i]))
}

// project appends to buf the ring projected, clipped and thinned (see
// Path), without the closing point.
func (f Frame) project(ring [][2]float64, buf [][2]float64) [][2]float64 {
	if len(ring) < 3 {
		return buf[:0]
	}
	// A point between two others beyond the same edge of the clip box
	// cannot change the clipped polygon (only the edges that cross into
	// the box do): drop it here, so that the parts of a large country far
	// out of view cost little.
	x0, y0, x1, y1 := -Margin, -Margin, f.w+Margin, f.h+Margin
	outcode := func(x, y float64) uint8 {
		var c uint8
		if x < x0 {
			c |= 1
		} else if x > x1 {
			c |= 2
		}
		if y < y0 {
			c |= 4
		} else if y > y1 {
			c |= 8
		}
		return c
	}
	pts := make([][2]float64, 0, len(ring))
	var c1, c2 uint8 // the outcodes of the last two points kept
	for _, p := range ring {
		x, y := f.XY(p[0], p[1])
		c := outcode(x, y)
		if n := len(pts); n >= 2 && c&c1&c2 != 0 {
			pts[n-1], c1 = [2]float64{x, y}, c
			continue
		}
		pts = append(pts, [2]float64{x, y})
		c2, c1 = c1, c
	}
	if pts[0] == pts[len(pts)-1] {
		pts = pts[:len(pts)-1]
	}
	pts = clip(pts, x0, y0, x1, y1)
	out := buf[:0]
	for _, p := range pts {
		if n := len(out); n > 0 && math.Abs(p[0]-out[n-1][0]) < .5 && math.Abs(p[1]-out[n-1][1]) < .5 {
			continue
		}
		out = append(out, p)
	}
	if n := len(out); n > 1 && math.Abs(out[0][0]-out[n-1][0]) < .5 && math.Abs(out[0][1]-out[n-1][1]) < .5 {
		out = out[:n-1]
	}
	return out
}

// clip cuts a closed polygon to a rectangle (Sutherland–Hodgman, one edge
// at a time). A polygon that surrounds the rectangle comes back as the
// rectangle; the cut may leave edges along the rectangle's sides, which
// Margin keeps out of sight.
func clip(pts [][2]float64, x0, y0, x1, y1 float64) [][2]float64 {
	inside := [4]func(p [2]float64) bool{
		func(p [2]float64) bool { return p[0] >= x0 },
		func(p [2]float64) bool { return p[0] <= x1 },
		func(p [2]float64) bool { return p[1] >= y0 },
		func(p [2]float64) bool { return p[1] <= y1 },
	}
	cross := [4]func(a, b [2]float64) [2]float64{
		func(a, b [2]float64) [2]float64 { return atX(a, b, x0) },
		func(a, b [2]float64) [2]float64 { return atX(a, b, x1) },
		func(a, b [2]float64) [2]float64 { return atY(a, b, y0) },
		func(a, b [2]float64) [2]float64 { return atY(a, b, y1) },
	}
	in := pts
	var out [][2]float64
	for e := range 4 {
		if len(in) == 0 {
			break
		}
		// Skip the edge when every point is inside it: the common case.
		if !slices.ContainsFunc(in, func(p [2]float64) bool { return !inside[e](p) }) {
			continue
		}
		out = make([][2]float64, 0, len(in)+4)
		prev := in[len(in)-1]
		for _, p := range in {
			switch pin, qin := inside[e](p), inside[e](prev); {
			case pin && qin:
				out = append(out, p)
			case pin:
				out = append(out, cross[e](prev, p), p)
			case qin:
				out = append(out, cross[e](prev, p))
			}
			prev = p
		}
		in = out
	}
	return in
}

func atX(a, b [2]float64, x float64) [2]float64 {
	t := (x - a[0]) / (b[0] - a[0])
	return [2]float64{x, a[1] + t*(b[1]-a[1])}
}

func atY(a, b [2]float64, y float64) [2]float64 {
	t := (y - a[1]) / (b[1] - a[1])
	return [2]float64{a[0] + t*(b[0]-a[0]), y}
}

func appendPath(b []byte, pts [][2]float64) []byte {
	for i, p := range pts {
		if i == 0 {
			b = append(b, 'M')
		} else {
			b = append(b, 'L')
		}
		b = strconv.AppendFloat(b, round1(p[0]), 'f', -1, 64)
		b = append(b, ' ')
		b = strconv.AppendFloat(b, round1(p[1]), 'f', -1, 64)
	}
	return append(b, 'Z')
}

// round1 rounds to one decimal, and -0 to 0.
func round1(v float64) float64 { return math.Round(v*10)/10 + 0 }

// Label is where a country's name fits in a frame: the middle (X, Y) of
// the widest horizontal stretch of its largest visible part, through that
// part's centroid; Width is that stretch's length and Area the part's
// area, both in viewport units.
type Label struct {
	X, Y, Width, Area float64
}

// Label finds where to write a country's name; false when no part of it
// is in view. Callers choose by Area and Width which countries to name.
func (f Frame) Label(c Country) (Label, bool) {
	if !f.meets(c.BBox) {
		return Label{}, false
	}
	var best [][2]float64
	bestArea := 0.0
	var pts [][2]float64
	for i, r := range c.Rings {
		if !f.ringInView(c, i) {
			continue
		}
		pts = f.project(r, pts[:0])
		if len(pts) < 3 {
			continue
		}
		// Clip again to the viewport itself: a label belongs in view.
		vis := clip(pts, 0, 0, f.w, f.h)
		if a := math.Abs(area(vis)); a > bestArea {
			best, bestArea = slices.Clone(vis), a
		}
	}
	if best == nil {
		return Label{}, false
	}
	_, cy := centroid(best)
	x0, x1, ok := widestSpan(best, cy)
	if !ok {
		return Label{}, false
	}
	return Label{X: (x0 + x1) / 2, Y: cy, Width: x1 - x0, Area: bestArea}, true
}

// area is the signed area of a closed polygon (shoelace).
func area(pts [][2]float64) float64 {
	s := 0.0
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		s += p[0]*q[1] - q[0]*p[1]
	}
	return s / 2
}

// centroid is a polygon's centroid, or its vertices' mean when it has no
// area.
func centroid(pts [][2]float64) (float64, float64) {
	a := area(pts)
	if math.Abs(a) < 1e-9 {
		var x, y float64
		for _, p := range pts {
			x, y = x+p[0], y+p[1]
		}
		return x / float64(len(pts)), y / float64(len(pts))
	}
	var cx, cy float64
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		c := p[0]*q[1] - q[0]*p[1]
		cx, cy = cx+(p[0]+q[0])*c, cy+(p[1]+q[1])*c
	}
	return cx / (6 * a), cy / (6 * a)
}

// widestSpan returns the longest stretch of the horizontal line at y that
// lies inside the polygon (even-odd).
func widestSpan(pts [][2]float64, y float64) (x0, x1 float64, ok bool) {
	var xs []float64
	for i, p := range pts {
		q := pts[(i+1)%len(pts)]
		if (p[1] > y) != (q[1] > y) {
			xs = append(xs, p[0]+(y-p[1])/(q[1]-p[1])*(q[0]-p[0]))
		}
	}
	slices.Sort(xs)
	for i := 0; i+1 < len(xs); i += 2 {
		if !ok || xs[i+1]-xs[i] > x1-x0 {
			x0, x1, ok = xs[i], xs[i+1], true
		}
	}
	return x0, x1, ok
}

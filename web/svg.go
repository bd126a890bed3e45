package web

import (
	"cmp"
	"fmt"
	"html"
	"html/template"
	"maps"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/basemap"
)

// Day is one day of the timeline: the incidents starting that day and
// their killed figures summed on the low and on the high bounds.
type Day struct {
	Date                  string
	Incidents             int
	KilledLow, KilledHigh int
}

// Days counts incidents per day (by first date) from the first day to the
// last, days without incidents included; undated incidents are left out.
func Days(incs []harmlog.Incident) []Day {
	by := map[string]*Day{}
	var first, last time.Time
	for _, in := range incs {
		t, err := time.Parse(time.DateOnly, in.DateFrom)
		if err != nil {
			continue
		}
		if first.IsZero() || t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
		d := by[in.DateFrom]
		if d == nil {
			d = &Day{Date: in.DateFrom}
			by[in.DateFrom] = d
		}
		d.Incidents++
		d.KilledLow += in.Killed.Low()
		d.KilledHigh += in.Killed.High()
	}
	if first.IsZero() {
		return nil
	}
	const maxDays = 3660
	var out []Day
	for t := first; !t.After(last) && len(out) < maxDays; t = t.AddDate(0, 0, 1) {
		k := t.Format(time.DateOnly)
		if d := by[k]; d != nil {
			out = append(out, *d)
		} else {
			out = append(out, Day{Date: k})
		}
	}
	return out
}

// Timeline draws the days as an SVG chart: per day a light bar up to the
// killed high bound, a dark bar up to the low bound (the band between them
// is the uncertainty), and a dot per day scaled to its number of
// incidents; each day explained in a title. Everything is escaped.
func Timeline(days []Day) template.HTML {
	if len(days) == 0 {
		return template.HTML(`<p class="muted">No dated incidents to draw.</p>`)
	}
	const w, h, pad, top = 900.0, 220.0, 30.0, 20.0
	maxK, maxN := 1, 1
	for _, d := range days {
		maxK, maxN = max(maxK, d.KilledHigh), max(maxN, d.Incidents)
	}
	step := (w - 2*pad) / float64(len(days))
	y := func(v int) float64 { return h - pad - float64(v)/float64(maxK)*(h-pad-top) }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="timeline" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="timeline-title" xmlns="http://www.w3.org/2000/svg">`, w, h)
	fmt.Fprintf(&b, `<title id="timeline-title">Incidents per day from %s to %s; bars: killed, dark up to the low bound, light up to the high bound</title>`,
		html.EscapeString(days[0].Date), html.EscapeString(days[len(days)-1].Date))
	fmt.Fprintf(&b, `<line class="axis" x1="%.0f" y1="%.1f" x2="%.0f" y2="%.1f"/>`, pad, h-pad, w-pad, h-pad)
	fmt.Fprintf(&b, `<text class="label" x="%.0f" y="%.0f">%d killed (high)</text>`, pad, top-6, maxK)
	for i, d := range days {
		x := pad + float64(i)*step
		bw := math.Max(step*0.8, 0.5)
		fmt.Fprintf(&b, `<g><title>%s: %d incident(s), killed %s</title>`, html.EscapeString(d.Date), d.Incidents, html.EscapeString(lowHigh(d.KilledLow, d.KilledHigh)))
		if d.KilledHigh > 0 {
			fmt.Fprintf(&b, `<rect class="high" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, x, y(d.KilledHigh), bw, h-pad-y(d.KilledHigh))
		}
		if d.KilledLow > 0 {
			fmt.Fprintf(&b, `<rect class="low" x="%.1f" y="%.1f" width="%.1f" height="%.1f"/>`, x, y(d.KilledLow), bw, h-pad-y(d.KilledLow))
		}
		if d.Incidents > 0 {
			r := 1.5 + 3.5*math.Sqrt(float64(d.Incidents)/float64(maxN))
			fmt.Fprintf(&b, `<circle class="count" cx="%.1f" cy="%.1f" r="%.1f"/>`, x+bw/2, h-pad+10, r)
		}
		b.WriteString(`</g>`)
	}
	fmt.Fprintf(&b, `<text class="label" x="%.0f" y="%.0f">%s</text>`, pad, h-2, html.EscapeString(days[0].Date))
	fmt.Fprintf(&b, `<text class="label end" x="%.0f" y="%.0f">%s</text>`, w-pad, h-2, html.EscapeString(days[len(days)-1].Date))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func lowHigh(lo, hi int) string {
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

// MapOptions shape a Map.
type MapOptions struct {
	// Basemap draws land, borders and the names of the larger countries
	// under the markers; nil draws the graticule alone.
	Basemap *basemap.Map
	// Width is the viewport's width in SVG units (900 when 0); the height
	// follows the view's proportions, between 0.45 and 0.75 times the
	// width (the view widens to fill it).
	Width float64
	// MinSpan is the least extent of the view in degrees (3 when 0), so
	// that a lone incident still shows its surroundings.
	MinSpan float64
	// Parties fixes the alleged parties' colours (see partyColours):
	// give every map the same list, and a party has the same colour on
	// each (the app passes the party registry's names).
	Parties []string
	// Query is the dashboard query that cluster links keep; each cluster
	// links to "/?" + Query + bbox=its box.
	Query url.Values
	// Legend adds the key (colours, sizes, clusters) below the map.
	Legend bool
}

// Marker sizes, in SVG units at the default width: a marker's area grows
// with the killed high bound up to maxR for the largest incident in view;
// clusters grow with their total up to clusterR and are never smaller
// than minClusterR, so that their count fits.
const (
	mapWidth    = 900.0
	minR        = 4.0
	maxR        = 18.0
	clusterR    = 28.0
	minClusterR = 9.0
	markerGap   = 1.0 // markers closer than this (edge to edge) are merged
)

// palette is the colour classes of alleged parties, in order (styled in
// static/style.css with the Okabe–Ito colours, told apart with colour
// blindness); a map with more parties reuses them, as its legend shows.
const paletteSize = 7

// Map plots incidents on the embedded basemap: each incident's places that
// have coordinates, on an equirectangular projection of their bounding box
// (padded; see near for far-off places). A marker's area follows the
// incident's killed high bound, an inner ring its low bound; its colour is
// the alleged party's (one colour per party, assigned by the same rule for
// every side; "contested" when claims name several parties, "unattributed"
// when none), with a dashed outline when the incident is contested (a
// denial). Markers that would overlap at the map's scale merge into a
// cluster showing its count, linked to the dashboard filtered to the
// cluster's box and listing its first incidents in its title; a lone
// marker links to its incident's page. Everything is escaped, and styled
// by class only (no inline style), for the strict CSP.
func Map(incs []harmlog.Incident, opt MapOptions) template.HTML {
	var ms []marker
	for i := range incs {
		for _, p := range incs[i].Places {
			if p.Lat != nil && p.Lon != nil && math.Abs(*p.Lat) <= 90 && math.Abs(*p.Lon) <= 180 {
				ms = append(ms, marker{lat: *p.Lat, lon: *p.Lon, inc: i, place: p.Name})
			}
		}
	}
	if len(ms) == 0 {
		return template.HTML(`<p class="muted">No incident has coordinates to plot.</p>`)
	}
	// The view spans every place except far-off ones (often a name
	// resolved in the wrong country), which would shrink the rest to a
	// dot: see near. The places left out are counted on the map.
	lats, lons := make([]float64, len(ms)), make([]float64, len(ms))
	for i, m := range ms {
		lats[i], lons[i] = m.lat, m.lon
	}
	nearLat, nearLon := near(lats), near(lons)
	inView := ms[:0:0]
	minLat, maxLat, minLon, maxLon := 90.0, -90.0, 180.0, -180.0
	for _, m := range ms {
		if !nearLat(m.lat) || !nearLon(m.lon) {
			continue
		}
		inView = append(inView, m)
		minLat, maxLat = math.Min(minLat, m.lat), math.Max(maxLat, m.lat)
		minLon, maxLon = math.Min(minLon, m.lon), math.Max(maxLon, m.lon)
	}
	outside := len(ms) - len(inView)
	ms = inView
	// Pad by a fifth of the extent, and to at least MinSpan.
	span := cmp.Or(opt.MinSpan, 3)
	padLat := math.Max((maxLat-minLat)/5, (span-(maxLat-minLat))/2)
	padLon := math.Max((maxLon-minLon)/5, (span-(maxLon-minLon))/2)
	minLat, maxLat = math.Max(minLat-padLat, -90), math.Min(maxLat+padLat, 90)
	minLon, maxLon = math.Max(minLon-padLon, -180), math.Min(maxLon+padLon, 180)
	w := cmp.Or(opt.Width, mapWidth)
	h := math.Round(w * math.Min(math.Max(basemap.Aspect(minLon, minLat, maxLon, maxLat), 0.45), 0.75))
	f := basemap.Fit(minLon, minLat, maxLon, maxLat, w, h)
	minLon, minLat, maxLon, maxLat = f.Box()
	scale := w / mapWidth
	for i := range ms {
		ms[i].x, ms[i].y = f.XY(ms[i].lon, ms[i].lat)
	}
	sz := newSizer(incs, ms, scale)
	clusters := clusterMarkers(ms, incs, sz)
	colours := partyColours(incs, ms, opt.Parties)

	var b strings.Builder
	legendH := 0.0
	var legend []legendItem
	if opt.Legend {
		legend = legendItems(incs, ms, colours, slices.ContainsFunc(clusters, func(c cluster) bool { return len(c.incs) > 1 }))
		legendH = layoutLegend(legend, w)
	}
	class := "map"
	if w < mapWidth {
		class += " small"
	}
	fmt.Fprintf(&b, `<svg class="%s" viewBox="0 0 %s %s" role="img" aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">`, class, num(w), num(h+legendH))
	fmt.Fprintf(&b, `<title id="map-title">Map of %d incident place(s), latitude %.2f to %.2f, longitude %.2f to %.2f (equirectangular); circle area follows the killed high bound, the inner ring the low bound; overlapping places are grouped with their count</title>`,
		len(ms), minLat, maxLat, minLon, maxLon)
	fmt.Fprintf(&b, `<rect class="sea" x="0" y="0" width="%s" height="%s"/>`, num(w), num(h))
	if opt.Basemap != nil {
		drawBasemap(&b, opt.Basemap, f)
	}
	step := 1.0 // graticule spacing in degrees
	if ext := math.Max(maxLat-minLat, maxLon-minLon); ext > 60 {
		step = 10
	} else if ext > 20 {
		step = 5
	}
	for lon := math.Ceil(minLon/step) * step; lon <= maxLon; lon += step {
		x, _ := f.XY(lon, 0)
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="0" x2="%.1f" y2="%s"/>`, x, x, num(h))
		if x < w-80 { // the corner holds the credit
			fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%.1f">%g°</text>`, x+2, h-4, lon)
		}
	}
	for lat := math.Ceil(minLat/step) * step; lat <= maxLat; lat += step {
		_, y := f.XY(0, lat)
		fmt.Fprintf(&b, `<line class="grid" x1="0" y1="%.1f" x2="%s" y2="%.1f"/><text class="label" x="2" y="%.1f">%g°</text>`, y, num(w), y, y-2, lat)
	}
	if outside > 0 {
		fmt.Fprintf(&b, `<text class="label end" x="%.1f" y="14">%d place(s) outside this view not drawn</text>`, w-4, outside)
	}
	for _, c := range clusters {
		drawCluster(&b, c, incs, ms, colours, opt.Query)
	}
	if opt.Basemap != nil {
		fmt.Fprintf(&b, `<text class="label end credit" x="%.1f" y="%.1f">Natural Earth</text>`, w-4, h-4)
	}
	if opt.Legend {
		drawLegend(&b, legend, h)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// num formats a size for SVG without needless decimals.
func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

// marker is one place of one incident on the map.
type marker struct {
	lon, lat float64
	x, y     float64 // in the viewport
	inc      int     // index of the incident
	place    string
}

// cluster is a group of markers drawn as one: a lone incident (at one or
// several nearby places) or a cluster of incidents.
type cluster struct {
	x, y, r   float64
	markers   []int // indexes of ms
	incs      []int // distinct incidents, in order of their first marker
	low, high int   // killed, summed over incs
}

// sizer gives markers and clusters their radius.
type sizer struct {
	ref                          float64 // the killed high bound drawn at maxR
	minR, maxR, clusterR, minCls float64
}

func newSizer(incs []harmlog.Incident, ms []marker, scale float64) sizer {
	ref := 1
	for _, m := range ms {
		ref = max(ref, incs[m.inc].Killed.High())
	}
	// A smaller map has smaller large markers, but the least sizes stay,
	// so that every marker and count remains legible.
	return sizer{ref: float64(ref), minR: minR, maxR: math.Max(maxR*scale, 12), clusterR: math.Max(clusterR*scale, 18), minCls: minClusterR}
}

// radius of a figure: area proportional to v, maxR for the reference.
func (s sizer) radius(v int) float64 { return s.maxR * math.Sqrt(math.Max(float64(v), 0)/s.ref) }

// size sets a cluster's radius from its incidents' killed high bounds.
func (s sizer) size(c *cluster) {
	if len(c.incs) == 1 {
		c.r = math.Max(s.minR, s.radius(c.high))
		return
	}
	c.r = math.Min(math.Max(s.minCls, s.radius(c.high)), s.clusterR)
}

// clusterMarkers merges markers that would overlap. It starts from one
// cluster per marker, largest first, and makes passes over a grid of
// cells as wide as the largest possible overlap: each cluster joins the
// nearest cluster already placed that it would overlap, else is placed
// itself; after a pass every cluster moves to its markers' mean position
// and takes its new size. Passes repeat until one merges nothing, so
// that no two clusters drawn overlap. Every marker ends in exactly one
// cluster. The result is deterministic and sorted largest first (drawn
// first, so that small markers stay on top).
func clusterMarkers(ms []marker, incs []harmlog.Incident, sz sizer) []cluster {
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ia, ib := &incs[ms[a].inc], &incs[ms[b].inc]
		return cmp.Or(cmp.Compare(ib.Killed.High(), ia.Killed.High()), cmp.Compare(ia.ID, ib.ID), cmp.Compare(ms[a].place, ms[b].place))
	})
	cs := make([]cluster, len(order))
	for i, m := range order {
		cs[i] = cluster{x: ms[m].x, y: ms[m].y, markers: []int{m}}
		settle(&cs[i], ms, incs, sz)
	}
	type cell struct{ x, y int }
	for {
		reach := markerGap
		for _, c := range cs {
			reach = math.Max(reach, 2*c.r+markerGap)
		}
		grid := map[cell][]int{}
		var out []cluster
		merged := false
		for _, c := range cs {
			at := cell{int(math.Floor(c.x / reach)), int(math.Floor(c.y / reach))}
			best, bestD := -1, math.Inf(1)
			for dx := -1; dx <= 1; dx++ {
				for dy := -1; dy <= 1; dy++ {
					for _, o := range grid[cell{at.x + dx, at.y + dy}] {
						d := math.Hypot(c.x-out[o].x, c.y-out[o].y)
						if d < c.r+out[o].r+markerGap && d < bestD {
							best, bestD = o, d
						}
					}
				}
			}
			if best >= 0 {
				out[best].markers = append(out[best].markers, c.markers...)
				merged = true
				continue
			}
			grid[at] = append(grid[at], len(out))
			out = append(out, c)
		}
		for i := range out {
			settle(&out[i], ms, incs, sz)
		}
		cs = out
		if !merged {
			break
		}
	}
	slices.SortStableFunc(cs, func(a, b cluster) int {
		return cmp.Or(cmp.Compare(b.r, a.r), cmp.Compare(incs[a.incs[0]].ID, incs[b.incs[0]].ID))
	})
	return cs
}

// settle recomputes a cluster from its markers: position (their mean),
// distinct incidents, killed sums and radius.
func settle(c *cluster, ms []marker, incs []harmlog.Incident, sz sizer) {
	var x, y float64
	c.incs, c.low, c.high = c.incs[:0], 0, 0
	seen := make(map[int]bool, len(c.markers))
	for _, m := range c.markers {
		x, y = x+ms[m].x, y+ms[m].y
		if i := ms[m].inc; !seen[i] {
			seen[i] = true
			c.incs = append(c.incs, i)
			c.low += incs[i].Killed.Low()
			c.high += incs[i].Killed.High()
		}
	}
	n := float64(len(c.markers))
	c.x, c.y = x/n, y/n
	sz.size(c)
}

// box is the longitude and latitude box of a cluster's markers, rounded
// outwards to 4 decimals, as a bbox filter value.
func (c cluster) box(ms []marker) string {
	b := [4]float64{180, 90, -180, -90}
	for _, m := range c.markers {
		b[0], b[1] = math.Min(b[0], ms[m].lon), math.Min(b[1], ms[m].lat)
		b[2], b[3] = math.Max(b[2], ms[m].lon), math.Max(b[3], ms[m].lat)
	}
	const q = 1e4
	return fmt.Sprintf("%s,%s,%s,%s", fmtDeg(math.Floor(b[0]*q)/q), fmtDeg(math.Floor(b[1]*q)/q), fmtDeg(math.Ceil(b[2]*q)/q), fmtDeg(math.Ceil(b[3]*q)/q))
}

func fmtDeg(v float64) string { return strconv.FormatFloat(v+0, 'f', -1, 64) }

// ParseBBox reads a bbox filter, "minLon,minLat,maxLon,maxLat" in
// degrees, as cluster links write it.
func ParseBBox(s string) ([4]float64, error) {
	var b [4]float64
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return b, fmt.Errorf("bbox=%q: want minLon,minLat,maxLon,maxLat (four numbers)", s)
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return b, fmt.Errorf("bbox=%q: %q is not a number", s, p)
		}
		b[i] = v
	}
	switch {
	case math.Abs(b[0]) > 180 || math.Abs(b[2]) > 180:
		return b, fmt.Errorf("bbox=%q: longitudes run from -180 to 180", s)
	case math.Abs(b[1]) > 90 || math.Abs(b[3]) > 90:
		return b, fmt.Errorf("bbox=%q: latitudes run from -90 to 90", s)
	case b[0] > b[2] || b[1] > b[3]:
		return b, fmt.Errorf("bbox=%q: the minimum comes first (minLon,minLat,maxLon,maxLat)", s)
	}
	return b, nil
}

// InBBox reports whether any of an incident's places lies in the box.
func InBBox(in *harmlog.Incident, b [4]float64) bool {
	for _, p := range in.Places {
		if p.Lat != nil && p.Lon != nil && *p.Lon >= b[0] && *p.Lon <= b[2] && *p.Lat >= b[1] && *p.Lat <= b[3] {
			return true
		}
	}
	return false
}

// Colour classes besides the palette's p0…p6.
const (
	colourContested    = "contested"    // claims name several alleged parties
	colourUnattributed = "unattributed" // no claim names one
	colourMixed        = "mixed"        // a cluster of incidents of different colours
)

// partyColours assigns the palette's classes to the alleged parties on the
// map. Each party prefers the slot of its rank (its place in order, the
// parties not listed following alphabetically) modulo the palette's size,
// and takes the next free slot when a party ranked before it on the map
// holds that one: with order fixed (the party registry), a party keeps
// its colour from view to view, parties listed side by side (as a
// conflict's parties are in the registry) never share one, and up to
// paletteSize parties on one map always differ. The rule names no party.
func partyColours(incs []harmlog.Incident, ms []marker, order []string) map[string]string {
	present := map[string]bool{}
	for _, m := range ms {
		if ps := incs[m.inc].Perpetrators; len(ps) == 1 {
			present[ps[0]] = true
		}
	}
	rank := map[string]int{}
	for _, p := range order {
		if _, ok := rank[p]; !ok {
			rank[p] = len(rank)
		}
	}
	var names, rest []string
	for p := range present {
		if _, ok := rank[p]; ok {
			names = append(names, p)
		} else {
			rest = append(rest, p)
		}
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Compare(rank[a], rank[b]) })
	slices.Sort(rest)
	for _, p := range rest {
		rank[p] = len(rank)
	}
	out := map[string]string{}
	var taken [paletteSize]bool
	for _, p := range append(names, rest...) {
		slot := rank[p] % paletteSize
		for k := range paletteSize {
			if s := (rank[p] + k) % paletteSize; !taken[s] {
				slot = s
				break
			}
		}
		taken[slot] = true
		out[p] = fmt.Sprintf("p%d", slot)
	}
	return out
}

// partyOrder is the order that fixes parties' colours on every map: the
// party registry's.
func (s *Server) partyOrder() []string {
	var names []string
	for _, p := range s.cfg.Parties.Parties() {
		names = append(names, p.Name)
	}
	return names
}

// colourOf is an incident's colour class.
func colourOf(in *harmlog.Incident, colours map[string]string) string {
	switch len(in.Perpetrators) {
	case 0:
		return colourUnattributed
	case 1:
		return colours[in.Perpetrators[0]]
	}
	return colourContested
}

// drawBasemap draws the countries in view, then the names of those with
// room for them.
func drawBasemap(b *strings.Builder, bm *basemap.Map, f basemap.Frame) {
	w, h := f.Size()
	cs := bm.Within(f.Box())
	b.WriteString(`<g class="land">`)
	for _, c := range cs {
		if d := f.CountryPath(c); d != "" {
			fmt.Fprintf(b, `<path d="%s"/>`, d)
		}
	}
	b.WriteString(`</g>`)
	// A name is written where the country's visible part is at least a
	// fiftieth of the map and its widest stretch holds the name (about
	// 7 units a character at the labels' 12-unit size).
	for _, c := range cs {
		l, ok := f.Label(c)
		if !ok || l.Area < w*h/50 || l.Width < 7*float64(utf8.RuneCountInString(c.Name))+8 {
			continue
		}
		fmt.Fprintf(b, `<text class="country" x="%.1f" y="%.1f">%s</text>`, l.X, l.Y+4, html.EscapeString(c.Name))
	}
}

// drawCluster draws a lone incident as a link to its page, or a cluster
// with its count as a link to the dashboard filtered to its box.
func drawCluster(b *strings.Builder, c cluster, incs []harmlog.Incident, ms []marker, colours map[string]string, query url.Values) {
	colour := colourOf(&incs[c.incs[0]], colours)
	denied := false
	for _, i := range c.incs {
		if colourOf(&incs[i], colours) != colour {
			colour = colourMixed
		}
		denied = denied || incs[i].Contested
	}
	class := "marker " + colour
	if denied {
		class += " denied"
	}
	sz := c.r
	lowR := 0.0
	if c.high > 0 && c.low < c.high {
		lowR = sz * math.Sqrt(float64(c.low)/float64(c.high))
	}
	if len(c.incs) == 1 {
		in := &incs[c.incs[0]]
		var places []string
		for _, m := range c.markers {
			if !slices.Contains(places, ms[m].place) {
				places = append(places, ms[m].place)
			}
		}
		fmt.Fprintf(b, `<a href="/incidents/%d"><g class="%s"><title>%s</title>`, in.ID, class, html.EscapeString(describe(in, strings.Join(places, "; "))))
	} else {
		q := url.Values{}
		for k, v := range query {
			if k != "bbox" {
				q[k] = v
			}
		}
		q.Set("bbox", c.box(ms))
		var lines []string
		for k, i := range c.incs {
			if k == 5 {
				lines = append(lines, fmt.Sprintf("and %d more", len(c.incs)-k))
				break
			}
			lines = append(lines, describe(&incs[i], placeOf(c, ms, i)))
		}
		title := fmt.Sprintf("%d incidents, killed %s in all: %s. Select to list them.", len(c.incs), lowHigh(c.low, c.high), strings.Join(lines, "; "))
		fmt.Fprintf(b, `<a href="/?%s"><g class="%s cluster"><title>%s</title>`, html.EscapeString(q.Encode()), class, html.EscapeString(title))
	}
	fmt.Fprintf(b, `<circle class="disc" cx="%.1f" cy="%.1f" r="%.1f"/>`, c.x, c.y, sz)
	if colour == colourMixed {
		drawWedges(b, c, incs, colours)
		fmt.Fprintf(b, `<circle class="rim" cx="%.1f" cy="%.1f" r="%.1f"/>`, c.x, c.y, sz)
	}
	if lowR >= 1 {
		fmt.Fprintf(b, `<circle class="ring" cx="%.1f" cy="%.1f" r="%.1f"/>`, c.x, c.y, lowR)
	}
	if len(c.incs) > 1 {
		fmt.Fprintf(b, `<text class="num" x="%.1f" y="%.1f">%d</text>`, c.x, c.y+3.5, len(c.incs))
	}
	b.WriteString(`</g></a>`)
}

// drawWedges shares a mixed cluster's disc among its colours, each wedge
// as large as its share of the cluster's incidents, in the legend's order.
func drawWedges(b *strings.Builder, c cluster, incs []harmlog.Incident, colours map[string]string) {
	count := map[string]int{}
	for _, i := range c.incs {
		count[colourOf(&incs[i], colours)]++
	}
	classes := slices.Collect(maps.Keys(count))
	slices.SortFunc(classes, func(a, b string) int { return cmp.Compare(colourRank(a), colourRank(b)) })
	start := 0.0 // turns, clockwise from 12 o'clock
	for _, cl := range classes {
		end := start + float64(count[cl])/float64(len(c.incs))
		x0, y0 := c.x+c.r*math.Sin(2*math.Pi*start), c.y-c.r*math.Cos(2*math.Pi*start)
		x1, y1 := c.x+c.r*math.Sin(2*math.Pi*end), c.y-c.r*math.Cos(2*math.Pi*end)
		large := 0
		if end-start > 0.5 {
			large = 1
		}
		fmt.Fprintf(b, `<path class="wedge %s" d="M%.1f %.1fL%.1f %.1fA%.1f %.1f 0 %d 1 %.1f %.1fZ"/>`, cl, c.x, c.y, x0, y0, c.r, c.r, large, x1, y1)
		start = end
	}
}

// colourRank orders colour classes: the parties' p0…p6, then several
// parties alleged, then none.
func colourRank(class string) string {
	switch class {
	case colourContested:
		return "q"
	case colourUnattributed:
		return "r"
	}
	return class
}

// placeOf is the place of incident i's first marker in a cluster.
func placeOf(c cluster, ms []marker, i int) string {
	for _, m := range c.markers {
		if ms[m].inc == i {
			return ms[m].place
		}
	}
	return ""
}

// describe is one incident in a line, for titles.
func describe(in *harmlog.Incident, place string) string {
	alleged := "no party alleged"
	if len(in.Perpetrators) > 0 {
		alleged = "alleged: " + strings.Join(in.Perpetrators, " / ")
	}
	if in.Contested {
		alleged += " (contested)"
	}
	return fmt.Sprintf("#%d %s %s: killed %s, injured %s; %s; %s", in.ID, dateSpan(in.DateFrom, in.DateTo), place,
		in.Killed.String(), in.Injured.String(), alleged, in.Grade)
}

// legendItem is one entry of the key: a swatch of a colour class (or a
// sample marker) and its text, placed by layoutLegend.
type legendItem struct {
	class, text string
	kind        string // "swatch", "size", "ring", "cluster" or "denied"
	x, y        float64
}

// legendItems lists the colours on the map, parties first in colour
// order, then the kinds of marker (groups only when grouped).
func legendItems(incs []harmlog.Incident, ms []marker, colours map[string]string, grouped bool) []legendItem {
	used := map[string]bool{}
	denied, ranged := false, false
	for _, m := range ms {
		in := &incs[m.inc]
		used[colourOf(in, colours)] = true
		denied = denied || in.Contested
		ranged = ranged || in.Killed.Low() < in.Killed.High()
	}
	parties := slices.Collect(maps.Keys(colours))
	slices.SortFunc(parties, func(a, b string) int {
		return cmp.Or(cmp.Compare(len(colours[a]), len(colours[b])), cmp.Compare(colours[a], colours[b]), strings.Compare(a, b))
	})
	var items []legendItem
	for _, p := range parties {
		items = append(items, legendItem{class: colours[p], text: "alleged: " + p, kind: "swatch"})
	}
	if used[colourContested] {
		items = append(items, legendItem{class: colourContested, text: "several parties alleged", kind: "swatch"})
	}
	if used[colourUnattributed] {
		items = append(items, legendItem{class: colourUnattributed, text: "no party alleged", kind: "swatch"})
	}
	items = append(items, legendItem{kind: "size", text: "area: killed (high)"})
	if ranged {
		items = append(items, legendItem{kind: "ring", text: "ring: killed (low)"})
	}
	if denied {
		items = append(items, legendItem{kind: "denied", class: colourUnattributed, text: "dashed: contested"})
	}
	if grouped {
		items = append(items, legendItem{kind: "cluster", class: colourMixed, text: "group of incidents (count; wedges: their colours); select to list"})
	}
	return items
}

// layoutLegend places the items in rows below the map, w wide, and
// returns the height they take.
func layoutLegend(items []legendItem, w float64) float64 {
	const rowH, pad = 22.0, 8.0
	x, y := pad, pad+rowH/2
	for i := range items {
		iw := 28 + 6.2*float64(utf8.RuneCountInString(items[i].text)) + 14
		if x+iw > w-pad && x > pad {
			x, y = pad, y+rowH
		}
		items[i].x, items[i].y = x, y
		x += iw
	}
	return y + rowH/2 + pad
}

func drawLegend(b *strings.Builder, items []legendItem, top float64) {
	b.WriteString(`<g class="legend">`)
	for _, it := range items {
		cx, cy := it.x+9, top+it.y
		switch it.kind {
		case "swatch":
			fmt.Fprintf(b, `<g class="marker %s"><circle class="disc" cx="%.1f" cy="%.1f" r="7"/></g>`, it.class, cx, cy)
		case "size":
			fmt.Fprintf(b, `<g class="marker key"><circle class="disc" cx="%.1f" cy="%.1f" r="4"/><circle class="disc" cx="%.1f" cy="%.1f" r="8"/></g>`, cx-5, cy+4, cx+6, cy)
		case "ring":
			fmt.Fprintf(b, `<g class="marker key"><circle class="disc" cx="%.1f" cy="%.1f" r="8"/><circle class="ring" cx="%.1f" cy="%.1f" r="4.5"/></g>`, cx, cy, cx, cy)
		case "denied":
			fmt.Fprintf(b, `<g class="marker key denied"><circle class="disc" cx="%.1f" cy="%.1f" r="7"/></g>`, cx, cy)
		case "cluster":
			fmt.Fprintf(b, `<g class="marker cluster %s"><circle class="disc" cx="%.1f" cy="%.1f" r="9"/><text class="num" x="%.1f" y="%.1f">n</text></g>`, it.class, cx, cy, cx, cy+3.5)
		}
		fmt.Fprintf(b, `<text class="label" x="%.1f" y="%.1f">%s</text>`, it.x+28, cy+4, html.EscapeString(it.text))
	}
	b.WriteString(`</g>`)
}

// near returns a test of whether a coordinate lies near the bulk of vs:
// within eight median absolute deviations of the median, and never less
// than 3 degrees, so that a tight cluster keeps its neighbours.
func near(vs []float64) func(float64) bool {
	med := median(vs)
	dev := make([]float64, len(vs))
	for i, v := range vs {
		dev[i] = math.Abs(v - med)
	}
	limit := math.Max(8*median(dev), 3)
	return func(v float64) bool { return math.Abs(v-med) <= limit }
}

func median(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// dateSpan renders a period for people.
func dateSpan(from, to string) string {
	switch {
	case from == "" && to == "":
		return "date unknown"
	case to == "" || to == from:
		return from
	case from == "":
		return "…" + to
	}
	return from + "…" + to
}

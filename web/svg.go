package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
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

// Map plots each incident's places that have coordinates on an
// equirectangular projection of their bounding box (padded; see spread for
// far-off places), a circle per place scaled to the incident's killed high
// bound, linked to the incident page and explained in a title. There is no
// basemap yet: a graticule (every 1, 5 or 10 degrees) gives the scale.
func Map(incs []harmlog.Incident) template.HTML {
	type pt struct {
		lat, lon float64
		in       *harmlog.Incident
		place    string
	}
	var pts []pt
	for i := range incs {
		for _, p := range incs[i].Places {
			if p.Lat != nil && p.Lon != nil && math.Abs(*p.Lat) <= 90 && math.Abs(*p.Lon) <= 180 {
				pts = append(pts, pt{*p.Lat, *p.Lon, &incs[i], p.Name})
			}
		}
	}
	if len(pts) == 0 {
		return template.HTML(`<p class="muted">No incident has coordinates to plot.</p>`)
	}
	// The view spans every place except far-off ones (often a name
	// resolved in the wrong country), which would shrink the rest to a
	// dot: see near. The places left out are counted on the map.
	lats, lons := make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		lats[i], lons[i] = p.lat, p.lon
	}
	nearLat, nearLon := near(lats), near(lons)
	inView := pts[:0:0]
	minLat, maxLat, minLon, maxLon := 90.0, -90.0, 180.0, -180.0
	maxK := 1
	for _, p := range pts {
		if !nearLat(p.lat) || !nearLon(p.lon) {
			continue
		}
		inView = append(inView, p)
		minLat, maxLat = math.Min(minLat, p.lat), math.Max(maxLat, p.lat)
		minLon, maxLon = math.Min(minLon, p.lon), math.Max(maxLon, p.lon)
		maxK = max(maxK, p.in.Killed.High())
	}
	outside := len(pts) - len(inView)
	pts = inView
	// Pad by a fifth of the extent, at least half a degree.
	padLat := math.Max((maxLat-minLat)/5, 0.5)
	padLon := math.Max((maxLon-minLon)/5, 0.5)
	minLat, maxLat = math.Max(minLat-padLat, -90), math.Min(maxLat+padLat, 90)
	minLon, maxLon = math.Max(minLon-padLon, -180), math.Min(maxLon+padLon, 180)
	// Equirectangular with the standard parallel at the box's middle, so
	// that the plot keeps local proportions.
	k := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	// The longer side is 900 units; the other keeps the proportions.
	w, h := 900.0, 900.0
	if aspect := (maxLat - minLat) / ((maxLon - minLon) * k); aspect > 1 {
		w = h / aspect
	} else {
		h = w * aspect
	}
	x := func(lon float64) float64 { return (lon - minLon) / (maxLon - minLon) * w }
	y := func(lat float64) float64 { return (maxLat - lat) / (maxLat - minLat) * h }
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="map" viewBox="0 0 %.1f %.1f" role="img" aria-labelledby="map-title" xmlns="http://www.w3.org/2000/svg">`, w, h)
	fmt.Fprintf(&b, `<title id="map-title">Incident places, latitude %.2f to %.2f, longitude %.2f to %.2f (equirectangular; circles scaled to killed, high bound)</title>`, minLat, maxLat, minLon, maxLon)
	fmt.Fprintf(&b, `<rect class="sea" x="0" y="0" width="%.1f" height="%.1f"/>`, w, h)
	step := 1.0 // graticule spacing in degrees
	if ext := math.Max(maxLat-minLat, maxLon-minLon); ext > 60 {
		step = 10
	} else if ext > 20 {
		step = 5
	}
	for lon := math.Ceil(minLon/step) * step; lon <= maxLon; lon += step {
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="0" x2="%.1f" y2="%.1f"/><text class="label" x="%.1f" y="%.1f">%g°</text>`, x(lon), x(lon), h, x(lon)+2, h-4, lon)
	}
	for lat := math.Ceil(minLat/step) * step; lat <= maxLat; lat += step {
		fmt.Fprintf(&b, `<line class="grid" x1="0" y1="%.1f" x2="%.1f" y2="%.1f"/><text class="label" x="2" y="%.1f">%g°</text>`, y(lat), w, y(lat), y(lat)-2, lat)
	}
	if outside > 0 {
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="14" text-anchor="end">%d place(s) outside this view not drawn</text>`, w-4, outside)
	}
	for _, p := range pts {
		r := 3 + 12*math.Sqrt(float64(p.in.Killed.High())/float64(maxK))
		fmt.Fprintf(&b, `<a href="/incidents/%d"><circle class="incident grade-%s" cx="%.1f" cy="%.1f" r="%.1f"><title>#%d %s %s: killed %s, injured %s; %s</title></circle></a>`,
			p.in.ID, html.EscapeString(p.in.Grade), x(p.lon), y(p.lat), r, p.in.ID, html.EscapeString(dateSpan(p.in.DateFrom, p.in.DateTo)),
			html.EscapeString(p.place), html.EscapeString(p.in.Killed.String()), html.EscapeString(p.in.Injured.String()), html.EscapeString(p.in.Grade))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
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

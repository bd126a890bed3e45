package infographic

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/tdewolff/canvas"

	"github.com/harmlog/harmlog/basemap"
)

// Basemap gives the countries whose outlines meet a box (degrees);
// *basemap.Map is one. A nil Basemap draws the incidents on a plain frame.
type Basemap interface {
	Within(minLon, minLat, maxLon, maxLat float64) []basemap.Country
}

// Colours: one set for every party. Bars of killed and of injured differ
// in hue; a bar is dark up to the low figure and pale up to the high one.
// (Functions, so that no package-level value can be changed.)
func colInk() color.RGBA      { return canvas.Hex("#1a1a1a") }
func colMuted() color.RGBA    { return canvas.Hex("#555555") }
func colRule() color.RGBA     { return canvas.Hex("#d0d0d0") }
func colTile() color.RGBA     { return canvas.Hex("#f2f2ee") }
func colPaper() color.RGBA    { return canvas.Hex("#ffffff") }
func colSea() color.RGBA      { return canvas.Hex("#e4edf3") }
func colLand() color.RGBA     { return canvas.Hex("#f7f6f0") }
func colBorder() color.RGBA   { return canvas.Hex("#9a9a9a") }
func colKilled() color.RGBA   { return canvas.Hex("#36465f") }
func colKilledHi() color.RGBA { return canvas.Hex("#b3bccb") }
func colInjured() color.RGBA  { return canvas.Hex("#2e6e70") }
func colInjHi() color.RGBA    { return canvas.Hex("#a9cfd0") }

// gradeColour colours an incident by its grade (Okabe–Ito colours, safe
// for colour-blind readers); never by party.
func gradeColour(g string) color.RGBA {
	switch g {
	case "confirmed":
		return canvas.Hex("#0072b2")
	case "fair":
		return canvas.Hex("#009e73")
	case "weak":
		return canvas.Hex("#e69f00")
	case "contested":
		return canvas.Hex("#cc79a7")
	}
	return canvas.Hex("#8c8c8c")
}

// Layout sizes, in pixels of a Width-wide page.
const (
	margin  = 56.0
	inner   = Width - 2*margin
	mapH    = 620.0
	barH    = 26.0
	rowH    = 118.0
	rowsOne = 8 // rows of a breakdown drawn alone
	rowsTwo = 4 // rows of each when both are drawn
)

// page collects drawing operations in top-left coordinates while the
// height grows; Draw then makes a canvas of the final height and replays
// them (the map's outlines first, so that the page masks what spills out
// of the map's frame).
type page struct {
	ff     *canvas.FontFamily
	used   [2]map[rune]bool // characters drawn, regular and bold
	y      float64          // the next free line
	under  []func(*pen)
	over   []func(*pen)
	mapBox [4]float64 // x, y, w, h; zero when no map
}

// pen draws on the final canvas in top-left coordinates.
type pen struct {
	c *canvas.Canvas
	h float64
}

func (p *pen) at(x, y float64) canvas.Matrix { return canvas.Identity.Translate(x, p.h-y) }

func (p *pen) rect(x, y, w, h float64, fill color.RGBA) {
	if w <= 0 || h <= 0 {
		return
	}
	st := canvas.DefaultStyle
	st.Fill = canvas.Paint{Color: fill}
	p.c.RenderPath(canvas.Rectangle(w, h), st, p.at(x, y+h))
}

func (p *pen) roundRect(x, y, w, h, r float64, fill color.RGBA) {
	st := canvas.DefaultStyle
	st.Fill = canvas.Paint{Color: fill}
	p.c.RenderPath(canvas.RoundedRectangle(w, h, r), st, p.at(x, y+h))
}

// circle fills a disc and, when width > 0, a ring of that width around
// its edge, dashed when dashes (a dash and a gap, in units along the edge)
// are given. The ring is filled rather than stroked: stroking curves is
// what rasterizing spends most on.
func (p *pen) circle(x, y, r float64, fill, ring color.RGBA, width float64, dashes []float64) {
	st := canvas.DefaultStyle
	st.Fill = canvas.Paint{Color: fill}
	p.c.RenderPath(canvas.Circle(r), st, p.at(x, y))
	if width <= 0 {
		return
	}
	ro, ri := r+width/2, r-width/2
	path := &canvas.Path{}
	if len(dashes) < 2 {
		path = canvas.Circle(ro).Append(canvas.Circle(ri).Reverse())
	} else {
		n := max(4, int(math.Round(2*math.Pi*r/(dashes[0]+dashes[1]))))
		step := 360 / float64(n)
		on := step * dashes[0] / (dashes[0] + dashes[1])
		for k := range n {
			t0, t1 := float64(k)*step, float64(k)*step+on
			a0, a1 := t0*math.Pi/180, t1*math.Pi/180
			path.MoveTo(ro*math.Cos(a0), ro*math.Sin(a0))
			path.Arc(ro, ro, 0, t0, t1)
			path.LineTo(ri*math.Cos(a1), ri*math.Sin(a1))
			path.Arc(ri, ri, 0, t1, t0)
			path.Close()
		}
	}
	st.Fill = canvas.Paint{Color: ring}
	p.c.RenderPath(path, st, p.at(x, y))
}

func (p *pen) line(x0, y0, x1, y1, width float64, col color.RGBA) {
	st := canvas.DefaultStyle
	st.Fill = canvas.Paint{}
	st.Stroke = canvas.Paint{Color: col}
	st.StrokeWidth = width
	path := &canvas.Path{}
	path.MoveTo(x0, p.h-y0)
	path.LineTo(x1, p.h-y1)
	p.c.RenderPath(path, st, canvas.Identity)
}

// outline fills a country's path (SVG coordinates, y down, from the map's
// corner at x0, y0) with the even-odd rule.
func (p *pen) outline(path *canvas.Path, x0, y0 float64) {
	st := canvas.DefaultStyle
	st.Fill = canvas.Paint{Color: colLand()}
	st.Stroke = canvas.Paint{Color: colBorder()}
	st.StrokeWidth = 1.5
	st.FillRule = canvas.EvenOdd
	p.c.RenderPath(path, st, canvas.Identity.Translate(x0, p.h-y0).Scale(1, -1))
}

// face is a font face of size px (in page units).
func (pg *page) face(px float64, bold bool, col color.RGBA) *canvas.FontFace {
	style := canvas.FontRegular
	if bold {
		style = canvas.FontBold
	}
	return pg.ff.Face(px*72/25.4, col, style, canvas.FontNormal)
}

// text draws one line with its baseline at y, cut to fit width (0: no cut).
func (pg *page) text(x, y, px float64, bold bool, col color.RGBA, align canvas.TextAlign, width float64, s string) {
	f := pg.face(px, bold, col)
	s = fit(f, s, width)
	w := 0
	if bold {
		w = 1
	}
	for _, r := range s {
		pg.used[w][r] = true
	}
	pg.over = append(pg.over, func(p *pen) { p.c.RenderText(canvas.NewTextLine(f, s, align), p.at(x, y)) })
}

// para draws text wrapped at word boundaries to width, one line of text
// each, from the top y, and returns its height.
func (pg *page) para(x, y, px float64, col color.RGBA, width float64, s string) float64 {
	f := pg.face(px, false, col)
	lead := px * 1.3
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && f.TextWidth(line+" "+w) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		lines = append(lines, line)
	}
	for i, l := range lines {
		pg.text(x, y+px+float64(i)*lead, px, false, col, canvas.Left, width, l)
	}
	return float64(len(lines)) * lead
}

func (pg *page) draw(f func(*pen)) { pg.over = append(pg.over, f) }

// fit cuts s with an ellipsis until it fits width.
func fit(f *canvas.FontFace, s string, width float64) string {
	if width <= 0 || f.TextWidth(s) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && f.TextWidth(string(r)+"…") > width {
		r = r[:len(r)-1]
	}
	return strings.TrimSpace(string(r)) + "…"
}

// Draw lays a summary out as one portrait page, Width wide. bm gives the
// country outlines under the map; nil draws none.
func Draw(s *Summary, bm Basemap) (*Sheet, error) {
	ff, err := fonts()
	if err != nil {
		return nil, err
	}
	pg := &page{ff: ff, y: margin, used: [2]map[rune]bool{{}, {}}}
	pg.header(s, bm)
	pg.tiles(s)
	pg.mapSection(s, bm)
	rows := rowsTwo
	if s.By != ByBoth {
		rows = rowsOne
	}
	if s.By != ByPlace {
		pg.bars("Civilians killed and injured, by alleged party", s.ByParty, rows, "parties")
	}
	if s.By != ByParty {
		pg.bars("Civilians killed and injured, by place", s.ByPlace, rows, "places")
	}
	pg.timeline(s)
	pg.footer(s)

	h := math.Ceil(pg.y + margin)
	c := canvas.New(Width, h)
	p := &pen{c: c, h: h}
	p.rect(0, 0, Width, h, colPaper())
	for _, f := range pg.under {
		f(p)
	}
	if b := pg.mapBox; b[2] > 0 {
		// Mask what the outlines draw outside the map's frame.
		p.rect(0, 0, Width, b[1], colPaper())
		p.rect(0, b[1]+b[3], Width, h-b[1]-b[3], colPaper())
		p.rect(0, b[1], b[0], b[3], colPaper())
		p.rect(b[0]+b[2], b[1], Width-b[0]-b[2], b[3], colPaper())
	}
	for _, f := range pg.over {
		f(p)
	}
	return &Sheet{c: c, used: pg.used}, nil
}

// header writes the title, the country (named when the basemap knows its
// code) and the period.
func (pg *page) header(s *Summary, bm Basemap) {
	pg.y += 56
	pg.text(margin, pg.y, 58, true, colInk(), canvas.Left, inner, "Civilian harm: the claims recorded")
	pg.y += 50
	where := "All countries"
	if s.Country != "" {
		where = strings.ToUpper(s.Country)
		if m, ok := bm.(interface {
			Country(iso string) (basemap.Country, bool)
		}); ok {
			if c, ok := m.Country(s.Country); ok && c.Name != "" {
				where = c.Name + " (" + where + ")"
			}
		}
	}
	pg.text(margin, pg.y, 34, false, colInk(), canvas.Left, inner, where+" · "+period(s))
	pg.y += 42
	pg.text(margin, pg.y, 28, false, colMuted(), canvas.Left, inner, "Civilian victims only. Claims with their sources, not verdicts.")
	pg.y += 36
}

// period says which dates the summary covers.
func period(s *Summary) string {
	from, to := s.From, s.To
	switch {
	case from == "" && to == "" && s.First == "":
		return "all dates"
	case from == "" && to == "":
		return "all dates (" + dateSpan(s.First, s.Last) + ")"
	case from == "":
		return "up to " + longDate(to)
	case to == "":
		return "from " + longDate(from)
	}
	return dateSpan(from, to)
}

func dateSpan(a, b string) string {
	if a == b {
		return longDate(a)
	}
	return longDate(a) + " – " + longDate(b)
}

// longDate writes 2020-10-04 as "4 Oct 2020".
func longDate(d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil {
		return d
	}
	return t.Format("2 Jan 2006")
}

func lowHigh(lo, hi int) string {
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d–%d", lo, hi)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (pg *page) tiles(s *Summary) {
	const gap, th = 22.0, 176.0
	w := (inner - 2*gap) / 3
	t := s.Total
	tiles := []struct{ value, label, note string }{
		{fmt.Sprint(t.Incidents), "incidents", plural(s.Contested, "contested", "contested")},
		{lowHigh(t.KilledLow, t.KilledHigh), "civilians killed", unknownNote(t.KilledUnknown)},
		{lowHigh(t.InjuredLow, t.InjuredHigh), "civilians injured", unknownNote(t.InjuredUnknown)},
	}
	y := pg.y
	for i, tl := range tiles {
		x := margin + float64(i)*(w+gap)
		pg.draw(func(p *pen) { p.roundRect(x, y, w, th, 14, colTile()) })
		pg.text(x+22, y+70, 54, true, colInk(), canvas.Left, w-44, tl.value)
		pg.text(x+22, y+114, 30, false, colInk(), canvas.Left, w-44, tl.label)
		pg.text(x+22, y+152, 26, false, colMuted(), canvas.Left, w-44, tl.note)
	}
	pg.y += th
}

func unknownNote(n int) string {
	if n == 0 {
		return "all with a figure"
	}
	return fmt.Sprintf("%d without a figure", n)
}

func (pg *page) heading(s string) {
	pg.y += 76
	pg.text(margin, pg.y, 38, true, colInk(), canvas.Left, inner, s)
	pg.y += 22
}

// mapSection draws the located incidents on an equirectangular map
// (basemap.Fit: the standard parallel at the middle of the box) over the
// countries' outlines: a circle per place and grade, its area following
// the incidents' highest killed figures summed, coloured by grade,
// contested ones ringed with dashes.
func (pg *page) mapSection(s *Summary, bm Basemap) {
	pg.heading("Where")
	x0, y0 := margin, pg.y
	pg.mapBox = [4]float64{x0, y0, inner, mapH}
	pg.under = append(pg.under, func(p *pen) { p.rect(x0, y0, inner, mapH, colSea()) })
	pts := s.Points
	if len(pts) == 0 {
		pg.under = append(pg.under, func(p *pen) { p.rect(x0, y0, inner, mapH, colTile()) })
		pg.text(x0+inner/2, y0+mapH/2, 32, false, colMuted(), canvas.Center, inner-40, "No incident with known coordinates")
		pg.y += mapH
		pg.mapLegend(s)
		return
	}
	minLon, maxLon, minLat, maxLat := pts[0].Lon, pts[0].Lon, pts[0].Lat, pts[0].Lat
	for _, p := range pts {
		minLon, maxLon = min(minLon, p.Lon), max(maxLon, p.Lon)
		minLat, maxLat = min(minLat, p.Lat), max(maxLat, p.Lat)
	}
	// Pad by a fifth of the extent and at least half a degree; the frame
	// widens one side to the map's proportions.
	padLon, padLat := max((maxLon-minLon)*0.2, 0.5), max((maxLat-minLat)*0.2, 0.5)
	fr := basemap.Fit(minLon-padLon, minLat-padLat, maxLon+padLon, maxLat+padLat, inner, mapH)
	proj := func(lon, lat float64) (float64, float64) {
		x, y := fr.XY(lon, lat)
		return x0 + x, y0 + y
	}
	if bm != nil {
		cs := bm.Within(fr.Box())
		slices.SortStableFunc(cs, func(a, b basemap.Country) int { return cmp.Or(cmp.Compare(a.ISO, b.ISO), cmp.Compare(a.Name, b.Name)) })
		for _, c := range cs {
			d := fr.CountryPath(c)
			if d == "" {
				continue
			}
			path, err := canvas.ParseSVGPath(d)
			if err != nil {
				continue // an outline the frame cannot draw is left out, never half drawn
			}
			pg.under = append(pg.under, func(p *pen) { p.outline(path, x0, y0) })
			// Name a country where its name fits, away from the circles.
			l, ok := fr.Label(c)
			nameW := pg.face(26, false, colMuted()).TextWidth(c.Name)
			if !ok || c.Name == "" || l.Width < nameW+20 {
				continue
			}
			lx, ly := x0+l.X, y0+l.Y
			clear := lx-nameW/2 > x0+10 && lx+nameW/2 < x0+inner-10 && ly > y0+40 && ly < y0+mapH-40
			for _, pt := range pts {
				px, py := proj(pt.Lon, pt.Lat)
				clear = clear && math.Hypot(px-lx, py-ly) > 80
			}
			if clear {
				pg.text(lx, ly+9, 26, false, colMuted(), canvas.Center, 0, c.Name)
			}
		}
	}
	// Biggest first, so that small circles stay visible on top.
	order := slices.Clone(pts)
	slices.SortStableFunc(order, func(a, b Point) int {
		return cmp.Or(cmp.Compare(b.KilledHigh, a.KilledHigh), cmp.Compare(a.ID, b.ID))
	})
	for _, pt := range order {
		x, y := proj(pt.Lon, pt.Lat)
		r := 9 + 4*math.Sqrt(float64(pt.KilledHigh))
		r = min(r, 48)
		fill := gradeColour(pt.Grade)
		fill.A = 0xb0
		fill.R, fill.G, fill.B = premul(fill.R, 0xb0), premul(fill.G, 0xb0), premul(fill.B, 0xb0)
		stroke, width, dashes := colPaper(), 2.0, []float64(nil)
		if pt.Contested {
			stroke, width, dashes = colInk(), 3.0, []float64{7, 5}
		}
		pg.draw(func(p *pen) { p.circle(x, y, r, fill, stroke, width, dashes) })
	}
	// A frame and a scale note.
	pg.draw(func(p *pen) {
		p.line(x0, y0, x0+inner, y0, 2, colRule())
		p.line(x0, y0+mapH, x0+inner, y0+mapH, 2, colRule())
		p.line(x0, y0, x0, y0+mapH, 2, colRule())
		p.line(x0+inner, y0, x0+inner, y0+mapH, 2, colRule())
	})
	if bm != nil {
		pg.text(x0+14, y0+mapH-16, 24, false, colMuted(), canvas.Left, inner/3, "Borders: Natural Earth")
	}
	bx0, by0, bx1, by1 := fr.Box()
	pg.text(x0+inner-14, y0+mapH-16, 24, false, colMuted(), canvas.Right, inner/2,
		fmt.Sprintf("%.1f°–%.1f°E, %.1f°–%.1f°N", bx0, bx1, by0, by1))
	pg.y += mapH
	pg.mapLegend(s)
}

// premul premultiplies a colour channel by alpha (canvas wants
// premultiplied colours).
func premul(c, a uint8) uint8 { return uint8(uint16(c) * uint16(a) / 255) }

func (pg *page) mapLegend(s *Summary) {
	pg.y += 44
	x := margin
	for _, g := range s.Grades {
		c := gradeColour(g.Grade)
		cx, cy := x+14, pg.y-10
		contested := g.Grade == "contested"
		pg.draw(func(p *pen) {
			if contested {
				p.circle(cx, cy, 13, c, colInk(), 3, []float64{7, 5})
			} else {
				p.circle(cx, cy, 13, c, colPaper(), 0, nil)
			}
		})
		label := fmt.Sprintf("%s %d", g.Grade, g.N)
		pg.text(x+34, pg.y, 28, false, colInk(), canvas.Left, 0, label)
		x += 34 + pg.face(28, false, colInk()).TextWidth(label) + 30
	}
	pg.y += 14
	pg.y += pg.para(margin, pg.y, 26, colMuted(), inner,
		"Colour: the grade. Area: the incidents' highest killed figures at that place, summed. Dashed ring: contested.")
}

// bars draws a breakdown: per row the group, its incidents, and a bar each
// for killed and injured, dark to the low sum and pale to the high sum, on
// one scale for all rows.
func (pg *page) bars(title string, rows []Row, limit int, what string) {
	pg.heading(title)
	pg.y += 14
	key := func(x float64, lo, hi color.RGBA, s string) float64 {
		y := pg.y
		pg.draw(func(p *pen) { p.rect(x, y-22, 22, 24, lo); p.rect(x+22, y-22, 22, 24, hi) })
		pg.text(x+54, y, 26, false, colMuted(), canvas.Left, 0, s)
		return x + 54 + pg.face(26, false, colMuted()).TextWidth(s) + 34
	}
	x := key(margin, colKilled(), colKilledHi(), "killed")
	x = key(x, colInjured(), colInjHi(), "injured")
	pg.text(x, pg.y, 26, false, colMuted(), canvas.Left, margin+inner-x, "dark: lowest figures, pale: highest")
	pg.y += 12
	if len(rows) == 0 {
		pg.y += 48
		pg.text(margin, pg.y, 30, false, colMuted(), canvas.Left, inner, "No incidents.")
		return
	}
	shown := rows[:min(limit, len(rows))]
	top := 1
	for _, r := range shown {
		top = max(top, r.KilledHigh, r.InjuredHigh)
	}
	const valueW = 300.0
	full := inner - valueW
	for _, r := range shown {
		pg.y += 46
		label := r.Label
		info := plural(r.Incidents, "incident", "incidents")
		if r.Contested > 0 {
			info += fmt.Sprintf(", %d contested", r.Contested)
		}
		infoW := pg.face(26, false, colMuted()).TextWidth(info)
		pg.text(margin, pg.y, 32, true, colInk(), canvas.Left, inner-infoW-24, label)
		pg.text(margin+inner, pg.y, 26, false, colMuted(), canvas.Right, 0, info)
		for _, b := range []struct {
			lo, hi, unknown int
			dark, pale      color.RGBA
			noun            string
		}{
			{r.KilledLow, r.KilledHigh, r.KilledUnknown, colKilled(), colKilledHi(), "killed"},
			{r.InjuredLow, r.InjuredHigh, r.InjuredUnknown, colInjured(), colInjHi(), "injured"},
		} {
			y := pg.y + 12
			wLo := full * float64(b.lo) / float64(top)
			wHi := full * float64(b.hi) / float64(top)
			pg.draw(func(p *pen) {
				p.rect(margin, y, full, barH, colTile())
				p.rect(margin, y, wHi, barH, b.pale)
				p.rect(margin, y, wLo, barH, b.dark)
			})
			v := lowHigh(b.lo, b.hi) + " " + b.noun
			if b.unknown > 0 {
				v += fmt.Sprintf(" (+%d ?)", b.unknown)
			}
			pg.text(margin+full+14, y+barH-4, 26, false, colInk(), canvas.Left, valueW-14, v)
			pg.y += barH + 6
		}
		pg.y += 14
	}
	if n := len(rows) - len(shown); n > 0 {
		pg.y += 40
		pg.text(margin, pg.y, 26, false, colMuted(), canvas.Left, inner,
			fmt.Sprintf("and %d more %s (the report lists them all)", n, what))
	}
	unknown := false
	for _, r := range shown {
		unknown = unknown || r.KilledUnknown > 0 || r.InjuredUnknown > 0
	}
	if unknown {
		pg.y += 38
		pg.text(margin, pg.y, 26, false, colMuted(), canvas.Left, inner, "(+N ?): N incidents without a figure, not in the bar.")
	}
}

// timeline draws incidents per day, and killed per day as a low–high band.
func (pg *page) timeline(s *Summary) {
	pg.heading("When")
	if len(s.Days) == 0 {
		pg.y += 48
		pg.text(margin, pg.y, 30, false, colMuted(), canvas.Left, inner, "No dated incidents.")
		return
	}
	maxN, maxK := 1, 1
	for _, d := range s.Days {
		maxN, maxK = max(maxN, d.Incidents), max(maxK, d.KilledHigh)
	}
	step := inner / float64(len(s.Days))
	gap := min(step*0.2, 3)
	chart := func(label string, h float64, top int, bar func(d Day) (lo, hi int), dark, pale color.RGBA) {
		pg.y += 44
		pg.text(margin, pg.y, 28, false, colInk(), canvas.Left, inner-120, label)
		pg.text(margin+inner, pg.y, 26, false, colMuted(), canvas.Right, 120, fmt.Sprintf("max %d", top))
		pg.y += 12
		y0 := pg.y
		for i, d := range s.Days {
			lo, hi := bar(d)
			if hi == 0 {
				continue
			}
			x := margin + float64(i)*step
			hHi := h * float64(hi) / float64(top)
			hLo := h * float64(lo) / float64(top)
			pg.draw(func(p *pen) {
				p.rect(x, y0+h-hHi, step-gap, hHi, pale)
				p.rect(x, y0+h-hLo, step-gap, hLo, dark)
			})
		}
		pg.draw(func(p *pen) { p.line(margin, y0+h, margin+inner, y0+h, 2, colMuted()) })
		pg.y += h
	}
	chart("Incidents per day", 130, maxN, func(d Day) (int, int) { return d.Incidents, d.Incidents }, colMuted(), colMuted())
	chart("Civilians killed per day (dark: lowest, pale: highest)", 170, maxK,
		func(d Day) (int, int) { return d.KilledLow, d.KilledHigh }, colKilled(), colKilledHi())
	pg.y += 36
	first, last := s.Days[0].Date, s.Days[len(s.Days)-1].Date
	pg.text(margin, pg.y, 26, false, colMuted(), canvas.Left, inner/2, longDate(first))
	pg.text(margin+inner, pg.y, 26, false, colMuted(), canvas.Right, inner/2, longDate(last))
}

func (pg *page) footer(s *Summary) {
	pg.y += 40
	y := pg.y
	pg.draw(func(p *pen) { p.line(margin, y, margin+inner, y, 2, colRule()) })
	pg.y += 22
	pg.y += pg.para(margin, pg.y, 26, colInk(), inner, FigureRules)
	pg.y += 14
	pg.y += pg.para(margin, pg.y, 26, colInk(), inner, GradeRules)
	pg.y += 44
	pg.text(margin, pg.y, 28, true, colInk(), canvas.Left, inner,
		fmt.Sprintf("Sources: %s in %s.", plural(s.Sources, "independent source", "independent sources"), plural(s.Documents, "document", "documents")))
	pg.y += 40
	cut := "none"
	if s.CutOff != "" {
		cut = longDate(s.CutOff)
	}
	pg.text(margin, pg.y, 28, false, colInk(), canvas.Left, inner, "Data cut-off: "+cut+" (the latest date published or claimed).")
	pg.y += 40
	pg.text(margin, pg.y, 28, false, colInk(), canvas.Left, inner, "Generated "+s.Generated.UTC().Format("2 Jan 2006 15:04")+" UTC by harmlog.")
}

package when

// at tries every pattern that may begin at token t.
func (p *parser) at(t token) (result, bool) {
	switch t.kind {
	case kNum:
		if r, ok := p.absolute(t, false); ok {
			return p.span(r), true
		}
		return p.ago(t)
	case kWord:
	default:
		return result{}, false
	}
	var buf [12]byte
	w := p.word(t, buf[:])
	if w == "" {
		return result{}, false
	}
	if p.capital(t) {
		if m, _ := month(w); m != 0 {
			if r, ok := p.absolute(t, false); ok {
				return p.span(r), true
			}
			return result{}, false
		}
		if weekday(w) >= 0 {
			return p.weekday(t, t, false)
		}
	}
	switch w {
	case "since":
		return p.since(t)
	case "between", "from":
		return p.period(t, w)
	case "in", "during", "throughout", "until":
		// The preposition allows a bare month or year; it is not part of
		// the span.
		n := p.tok(t.e)
		if r, ok := p.absolute(n, true); ok {
			return p.span(r), true
		}
		if y, ok := p.year(n); ok && !p.punct(p.tok(n.e), '-') {
			return result{start: n.s, end: n.e, from: ymd{y, 1, 1}, to: ymd{y, 12, 31}, prec: Range}, true
		}
	case "early", "mid", "late", "end", "beginning", "start":
		return p.part(t, w)
	case "night":
		return p.nightOf(t)
	case "today", "tonight", "yesterday", "overnight", "the", "past", "earlier", "later", "this", "last", "previous":
		return p.relative(t, w)
	case "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve":
		return p.ago(t)
	}
	return result{}, false
}

// span extends an absolute date at r into a period when a connector and a
// second date follow: "27 September to 8 October", "1 Oct. – 5 Oct. 2020".
func (p *parser) span(r result) result {
	c := p.tok(r.end)
	if !(p.dash(c) || p.is(c, "to") || p.is(c, "until") || p.is(c, "till") || p.is(c, "through")) {
		return r
	}
	if r2, ok := p.absolute(p.tok(c.e), false); ok {
		return result{start: r.start, end: r2.end, from: r.from, to: r2.to, prec: Range}
	}
	return r
}

// absolute parses a date that begins at t: "17 October 2020", "4 and 5
// October", "October 17, 2020", "Oct. 17", "October 2020", "2020-10-17",
// "17.10.2020". bare allows a month name alone ("in October").
func (p *parser) absolute(t token, bare bool) (result, bool) {
	switch t.kind {
	case kNum:
		if r, ok := p.numeric(t); ok {
			return r, true
		}
		return p.dayFirst(t)
	case kWord:
		if p.capital(t) {
			return p.monthFirst(t, bare)
		}
	}
	return result{}, false
}

// numeric parses 2020-10-17 and 17.10.2020 (or 17/10/2020; 10/17/2020 when
// the second number cannot be a month).
func (p *parser) numeric(a token) (result, bool) {
	s1 := p.tok(a.e)
	if s1.s != a.e || s1.kind != kPunct || s1.e-s1.s != 1 {
		return result{}, false
	}
	sep := p.text[s1.s]
	if sep != '-' && sep != '/' && sep != '.' {
		return result{}, false
	}
	b := p.tok(s1.e)
	s2 := p.tok(b.e)
	c := p.tok(s2.e)
	if b.s != s1.e || s2.s != b.e || c.s != s2.e || !p.punct(s2, sep) || b.kind != kNum || c.kind != kNum {
		return result{}, false
	}
	// A date must not run on into more digits: "1.2.2020.5".
	if n := p.tok(c.e); n.s == c.e && n.kind == kNum {
		return result{}, false
	}
	var d ymd
	if y, ok := p.year(a); ok {
		m, ok1 := p.num(b, 2)
		dd, ok2 := p.num(c, 2)
		if !ok1 || !ok2 {
			return result{}, false
		}
		d = ymd{y, m, dd}
	} else {
		x, ok1 := p.num(a, 2)
		z, ok2 := p.num(b, 2)
		y, ok3 := p.year(c)
		if !ok1 || !ok2 || !ok3 {
			return result{}, false
		}
		d = ymd{y, z, x}
		if sep == '/' && z > 12 && x <= 12 {
			d = ymd{y, x, z}
		}
	}
	if d.d < 1 || d.m < 1 || d.m > 12 || !valid(d) {
		return result{}, false
	}
	return result{start: a.s, end: c.e, from: d, to: d, prec: Day}, true
}

// dayOf parses a day number with an optional ordinal suffix at t.
func (p *parser) dayOf(t token) (int, int, bool) {
	d, ok := p.num(t, 2)
	if !ok || d < 1 || d > 31 {
		return 0, 0, false
	}
	end := t.e
	if n := p.tok(end); n.s == end && (p.is(n, "st") || p.is(n, "nd") || p.is(n, "rd") || p.is(n, "th")) {
		end = n.e
	}
	return d, end, true
}

// dayFirst parses "17 October [2020]", "17th of Oct.", "4 and 5 October",
// "1-5 October", "4, 5 and 6 October".
func (p *parser) dayFirst(t token) (result, bool) {
	first, end, ok := p.dayOf(t)
	if !ok {
		return result{}, false
	}
	last := first
	for k := 0; k < 6; k++ {
		c := p.tok(end)
		if !(p.punct(c, ',') || p.dash(c) || p.is(c, "and") || p.is(c, "to") || p.is(c, "through")) {
			break
		}
		n := p.tok(c.e)
		if p.punct(c, ',') && p.is(n, "and") {
			n = p.tok(n.e)
		}
		d, e, ok := p.dayOf(n)
		if !ok || d <= last {
			break
		}
		last, end = d, e
	}
	mt := p.tok(end)
	if p.is(mt, "of") {
		mt = p.tok(mt.e)
	}
	var buf [12]byte
	m, abbr := month(p.word(mt, buf[:]))
	if m == 0 || !p.capital(mt) {
		return result{}, false
	}
	end = mt.e
	if n := p.tok(end); abbr && p.punct(n, '.') && n.s == end {
		end = n.e
	}
	y := 0
	yt := p.tok(end)
	if p.punct(yt, ',') {
		yt = p.tok(yt.e)
	}
	if v, ok := p.year(yt); ok {
		y, end = v, yt.e
	}
	prec := Day
	if last != first {
		prec = Range
	}
	return result{start: t.s, end: end, from: ymd{y, m, first}, to: ymd{y, m, last}, prec: prec}, true
}

// monthFirst parses "October 17, 2020", "Oct. 17", "October 4 and 5",
// "October 2020" and, when bare, "October".
func (p *parser) monthFirst(t token, bare bool) (result, bool) {
	var buf [12]byte
	m, abbr := month(p.word(t, buf[:]))
	if m == 0 {
		return result{}, false
	}
	end := t.e
	if n := p.tok(end); abbr && p.punct(n, '.') && n.s == end {
		end = n.e
	}
	n := p.tok(end)
	if first, e, ok := p.dayOf(n); ok && !p.isYearLike(n) {
		last := first
		end = e
		c := p.tok(end)
		if p.dash(c) || p.is(c, "and") || p.is(c, "to") {
			if d, e2, ok := p.dayOf(p.tok(c.e)); ok && d > first {
				last, end = d, e2
			}
		}
		y := 0
		yt := p.tok(end)
		if p.punct(yt, ',') {
			yt = p.tok(yt.e)
		}
		if v, ok := p.year(yt); ok {
			y, end = v, yt.e
		}
		prec := Day
		if last != first {
			prec = Range
		}
		return result{start: t.s, end: end, from: ymd{y, m, first}, to: ymd{y, m, last}, prec: prec}, true
	}
	if p.punct(n, ',') {
		n = p.tok(n.e)
	}
	if y, ok := p.year(n); ok && !abbr || ok && end > t.e {
		return result{start: t.s, end: n.e, from: ymd{y, m, 1}, to: ymd{y, m, 1}.add(0, 1, -1), prec: Month}, true
	}
	if bare && !abbr {
		return p.monthRange(t.s, t.e, m, 1, 0), true
	}
	return result{}, false
}

// isYearLike reports whether a number token is four digits long.
func (p *parser) isYearLike(t token) bool { return t.e-t.s == 4 }

// monthRange is days from..to of month m with the year (if any) read from
// the token after end; to == 0 means the month's last day (see ymd).
func (p *parser) monthRange(start, end, m, from, to int) result {
	y := 0
	yt := p.tok(end)
	if p.punct(yt, ',') {
		yt = p.tok(yt.e)
	}
	if v, ok := p.year(yt); ok {
		y, end = v, yt.e
	}
	r := result{start: start, end: end, from: ymd{y, m, from}, to: ymd{y, m, to}, prec: Range}
	if from == 1 && to == 0 {
		r.prec = Month
	}
	return r
}

// part parses "early October", "mid-October", "late October 2020", "end of
// October", "beginning of October", and "late on Sunday", "early Monday".
func (p *parser) part(t token, w string) (result, bool) {
	n := p.tok(t.e)
	if w == "mid" && p.dash(n) {
		n = p.tok(n.e)
	}
	if w == "end" || w == "beginning" || w == "start" {
		if !p.is(n, "of") {
			return result{}, false
		}
		n = p.tok(n.e)
	}
	if p.is(n, "on") && (w == "early" || w == "late") {
		n = p.tok(n.e)
	}
	var buf [12]byte
	nw := p.word(n, buf[:])
	if weekday(nw) >= 0 && p.capital(n) && (w == "early" || w == "late") {
		return p.weekday(t, n, false)
	}
	m, abbr := month(nw)
	if m == 0 || abbr || !p.capital(n) {
		return result{}, false
	}
	from, to := 1, 10
	switch w {
	case "mid":
		from, to = 11, 20
	case "late", "end":
		from, to = 21, 0
	}
	return p.monthRange(t.s, n.e, m, from, to), true
}

// nightOf parses "night of 4 October" (into the 5th) and "night of 4 to 5
// October".
func (p *parser) nightOf(t token) (result, bool) {
	o := p.tok(t.e)
	if !p.is(o, "of") {
		return result{}, false
	}
	r, ok := p.absolute(p.tok(o.e), false)
	if !ok || r.prec == Month {
		return result{}, false
	}
	r.start = t.s
	if r.prec == Day {
		r.prec = Range
		if r.to.y != 0 {
			r.to = r.to.add(0, 0, 1)
		} else {
			// The year is not known yet: the day after, in a leap year so
			// that 28 February has its 29th.
			n := ymd{2000, r.to.m, r.to.d}.add(0, 0, 1)
			if n.m < r.to.m {
				n.y = 2001 // 31 December → 1 January: the year after
			}
			r.to = ymd{0, n.m, n.d}
		}
	}
	return r, true
}

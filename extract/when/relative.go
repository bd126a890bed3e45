package when

// rel returns a result for a relative expression over [start, end): the
// dates from f applied to the dateline, or unresolved without one.
func (p *parser) rel(start, end int, prec string, f func(dl ymd) (ymd, ymd)) (result, bool) {
	r := result{start: start, end: end, prec: prec}
	if p.dl.m == 0 {
		r.unresolved = true
		return r, true
	}
	r.from, r.to = f(p.dl)
	return r, true
}

// day is a relative expression meaning the dateline moved by days.
func (p *parser) day(start, end, days int) (result, bool) {
	return p.rel(start, end, Day, func(dl ymd) (ymd, ymd) { d := dl.add(0, 0, days); return d, d })
}

// night is the night before the dateline moved by days: from that day to
// the next.
func (p *parser) night(start, end, days int) (result, bool) {
	return p.rel(start, end, Range, func(dl ymd) (ymd, ymd) { return dl.add(0, 0, days-1), dl.add(0, 0, days) })
}

// dayPart reports whether w names a part of a day.
func dayPart(w string) bool {
	return w == "morning" || w == "afternoon" || w == "evening" || w == "night"
}

// relative parses the expressions that begin with an ordinary word:
// "today", "yesterday", "last night", "overnight", "this morning", "last
// week", "earlier this month", "last Sunday", "the past 24 hours", "the day
// before yesterday".
func (p *parser) relative(t token, w string) (result, bool) {
	var buf [12]byte
	n := p.tok(t.e)
	nw := p.word(n, buf[:])
	switch w {
	case "today", "tonight":
		return p.day(t.s, t.e, 0)
	case "yesterday":
		if nw == "night" {
			return p.night(t.s, n.e, 0)
		}
		if dayPart(nw) {
			return p.day(t.s, n.e, -1)
		}
		return p.day(t.s, t.e, -1)
	case "overnight":
		return p.night(t.s, t.e, 0)
	case "the":
		if nw == "day" {
			b := p.tok(n.e)
			y := p.tok(b.e)
			if p.is(b, "before") && p.is(y, "yesterday") {
				return p.day(t.s, y.e, -2)
			}
		}
		if nw == "past" || nw == "last" {
			return p.past(n)
		}
	case "past":
		return p.past(t)
	case "earlier", "later":
		if nw == "today" {
			return p.day(t.s, n.e, 0)
		}
		if nw == "this" {
			return p.this(t.s, n)
		}
	case "this":
		return p.this(t.s, t)
	case "last", "previous":
		switch nw {
		case "night":
			return p.night(t.s, n.e, 0)
		case "week":
			return p.rel(t.s, n.e, Week, func(dl ymd) (ymd, ymd) {
				mon := monday(dl).add(0, 0, -7)
				return mon, mon.add(0, 0, 6)
			})
		case "weekend":
			return p.rel(t.s, n.e, Range, func(dl ymd) (ymd, ymd) {
				sat := lastWeekday(dl.add(0, 0, -1), 6)
				return sat, sat.add(0, 0, 1)
			})
		case "month":
			return p.rel(t.s, n.e, Month, func(dl ymd) (ymd, ymd) {
				first := ymd{dl.y, dl.m, 1}.add(0, -1, 0)
				return first, first.add(0, 1, -1)
			})
		case "year":
			return p.rel(t.s, n.e, Range, func(dl ymd) (ymd, ymd) { return ymd{dl.y - 1, 1, 1}, ymd{dl.y - 1, 12, 31} })
		}
		if weekday(nw) >= 0 && p.capital(n) {
			return p.weekday(t, n, true)
		}
		return p.past(t)
	}
	return result{}, false
}

// this parses "this morning", "this week", "this month", "this year" at t;
// the span begins at start ("earlier this week").
func (p *parser) this(start int, t token) (result, bool) {
	var buf [12]byte
	n := p.tok(t.e)
	switch p.word(n, buf[:]) {
	case "morning", "afternoon", "evening":
		return p.day(start, n.e, 0)
	case "week":
		return p.rel(start, n.e, Week, func(dl ymd) (ymd, ymd) { return monday(dl), dl })
	case "month":
		return p.rel(start, n.e, Month, func(dl ymd) (ymd, ymd) { return ymd{dl.y, dl.m, 1}, dl })
	case "year":
		return p.rel(start, n.e, Range, func(dl ymd) (ymd, ymd) { return ymd{dl.y, 1, 1}, dl })
	}
	return result{}, false
}

// past parses "past 24 hours", "last three days", "past week" from the word
// "past" or "last" at t: the period up to the dateline.
func (p *parser) past(t token) (result, bool) {
	n := p.tok(t.e)
	k := 1
	var buf [12]byte
	u := n
	counted := true
	if c := p.count(n); c > 0 && n.kind == kNum || c > 1 {
		k, u = c, p.tok(n.e)
	} else if p.is(n, "few") {
		k, u = 3, p.tok(n.e)
	} else {
		counted = false
	}
	// Without a count only "past week", "past month", "past year": "the
	// last day of the strike" is no date.
	if !counted && (!p.is(t, "past") || p.is(u, "day") || p.is(u, "hours")) {
		return result{}, false
	}
	years, months, days, prec := 0, 0, 0, Range
	switch p.word(u, buf[:]) {
	case "hours":
		days = -(k + 23) / 24
		if k < 24 {
			days = -1
		}
	case "day", "days":
		days = -k
	case "week":
		days, prec = -7, Week
	case "weeks":
		days = -7 * k
	case "month", "months":
		months = -k
	case "year", "years":
		years = -k
	default:
		return result{}, false
	}
	return p.rel(t.s, u.e, prec, func(dl ymd) (ymd, ymd) { return dl.add(years, months, days), dl })
}

// ago parses "two days ago", "a week ago", "3 months ago" at t.
func (p *parser) ago(t token) (result, bool) {
	k := p.count(t)
	if k < 1 {
		return result{}, false
	}
	var buf [12]byte
	u := p.tok(t.e)
	a := p.tok(u.e)
	if !p.is(a, "ago") {
		return result{}, false
	}
	switch p.word(u, buf[:]) {
	case "day", "days":
		return p.day(t.s, a.e, -k)
	case "week", "weeks":
		return p.rel(t.s, a.e, Week, func(dl ymd) (ymd, ymd) {
			mon := monday(dl.add(0, 0, -7*k))
			return mon, mon.add(0, 0, 6)
		})
	case "month", "months":
		return p.rel(t.s, a.e, Month, func(dl ymd) (ymd, ymd) {
			first := ymd{dl.y, dl.m, 1}.add(0, -k, 0)
			return first, first.add(0, 1, -1)
		})
	case "year", "years":
		return p.rel(t.s, a.e, Range, func(dl ymd) (ymd, ymd) { return ymd{dl.y - k, 1, 1}, ymd{dl.y - k, 12, 31} })
	}
	return result{}, false
}

// weekday parses a weekday name at wd, optionally followed by a part of
// the day ("Monday night"); the span begins at start ("last Sunday", "late
// on Monday"). It is the latest such day on or before the dateline, or
// strictly before it when strict ("last Sunday"). A night runs into the
// next day, but not past the dateline.
func (p *parser) weekday(start, wd token, strict bool) (result, bool) {
	var buf [12]byte
	k := weekday(p.word(wd, buf[:]))
	end := wd.e
	n := p.tok(end)
	// "Monday, 5 October", "Monday October 5": the date decides.
	if d := n; !strict {
		if p.punct(d, ',') {
			d = p.tok(d.e)
		}
		if r, ok := p.absolute(d, false); ok && r.prec == Day {
			r.start = start.s
			return r, true
		}
	}
	nw := p.word(n, buf[:])
	isNight := false
	if dayPart(nw) {
		end, isNight = n.e, nw == "night"
	}
	prec := Day
	if isNight {
		prec = Range
	}
	return p.rel(start.s, end, prec, func(dl ymd) (ymd, ymd) {
		from := dl
		if strict {
			from = dl.add(0, 0, -1)
		}
		d := lastWeekday(from, k)
		if isNight && d.before(dl) {
			return d, d.add(0, 0, 1)
		}
		return d, d
	})
}

// lastWeekday is the latest day on or before d that falls on weekday k.
func lastWeekday(d ymd, k int) ymd {
	back := (int(d.time().Weekday()) - k + 7) % 7
	return d.add(0, 0, -back)
}

// monday is the Monday of d's week (weeks begin on Monday).
func monday(d ymd) ymd { return lastWeekday(d, 1) }

// since parses "since 27 September", "since Sunday", "since last week":
// from that date to the dateline.
func (p *parser) since(t token) (result, bool) {
	n := p.tok(t.e)
	r, ok := p.absolute(n, true)
	if !ok {
		if y, yok := p.year(n); yok {
			r, ok = result{start: n.s, end: n.e, from: ymd{y, 1, 1}, to: ymd{y, 1, 1}}, true
		}
	}
	if !ok {
		r, ok = p.at(n)
	}
	if !ok {
		return result{}, false
	}
	r.start, r.prec = t.s, Range
	r.to = p.dl
	if r.from.y == 0 && r.from.m != 0 && p.dl.m != 0 {
		r.from.y = p.inferYear(r.from)
	}
	return r, true
}

// period parses "between X and Y" and "from X to Y" where X and Y are
// dates; "between 1 and 5 October" is already a date list.
func (p *parser) period(t token, w string) (result, bool) {
	n := p.tok(t.e)
	a, ok := p.absolute(n, true)
	if !ok {
		return result{}, false
	}
	c := p.tok(a.end)
	conn := p.is(c, "to") || p.is(c, "until") || p.is(c, "till") || p.is(c, "through") || p.dash(c)
	if w == "between" {
		conn = p.is(c, "and") || p.dash(c)
	}
	if conn {
		if b, ok := p.absolute(p.tok(c.e), true); ok {
			return result{start: t.s, end: b.end, from: a.from, to: b.to, prec: Range}, true
		}
	}
	if a.prec == Range {
		// "between 1 and 5 October", "from 1 to 5 October".
		a.start = t.s
		return a, true
	}
	return p.span(a), true
}

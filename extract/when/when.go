// Package when finds the dates and periods a text speaks of ("17 October
// 2020", "Oct. 17", "on Sunday", "last night", "since 27 September",
// "between 1 and 5 October") and resolves them to calendar dates against
// the text's dateline.
package when

import (
	"time"

	"github.com/harmlog/harmlog"
)

// Precisions of a Mention.
const (
	Day     = "day"     // one calendar day
	Week    = "week"    // a calendar week or a week-long period
	Month   = "month"   // a calendar month, or part of one so far
	Range   = "range"   // any other period: several days, a night, a year
	Unknown = "unknown" // the expression cannot be resolved: no dateline
)

// Mention is one date or period: the byte span [Start, End) of text, the
// dates it stands for, how precise they are, and the words
// (text[Start:End]). Range is empty when Precision is Unknown; for a period
// that runs up to the dateline ("since 27 September") Range.To is the
// dateline.
type Mention struct {
	Start, End int
	Range      harmlog.DateRange
	Precision  string
	Text       string
}

// Find returns the dates and periods of text in order, without overlaps.
// Year-less dates take the dateline's year, or the year before when that
// would put them more than a month after the dateline; relative expressions
// ("yesterday", "on Sunday", "last week") are resolved against the
// dateline. With a zero dateline those get Precision Unknown and an empty
// Range, but are still reported.
func Find(text string, dateline time.Time) []Mention {
	out := make([]Mention, 0, len(text)/512+1)
	each(text, dateline, func(m Mention) bool {
		out = append(out, m)
		return true
	})
	return out
}

// First returns the first date or period of text that resolves to a
// range, reading no further than it; ok is false when there is none.
func First(text string, dateline time.Time) (m Mention, ok bool) {
	each(text, dateline, func(x Mention) bool {
		if x.Range.IsZero() {
			return true
		}
		m, ok = x, true
		return false
	})
	return m, ok
}

// each calls fn with the mentions of text in order until fn returns false.
func each(text string, dateline time.Time, fn func(Mention) bool) {
	p := parser{text: text}
	if !dateline.IsZero() {
		y, m, d := dateline.Date()
		p.dl = ymd{y, int(m), d}
	}
	tab := starts()
	for i := 0; i < len(text); {
		t := p.tok(i)
		if t.kind == 0 {
			break
		}
		if t.kind == kPunct || t.kind == kWord && !p.mayStart(t, tab) {
			i = t.e
			continue
		}
		if r, ok := p.at(t); ok {
			m := p.finish(r)
			if m.End > m.Start {
				if !fn(m) {
					return
				}
				i = m.End
				continue
			}
		}
		i = t.e
	}
}

// ymd is a calendar date; y == 0 means the year is not known yet, m == 0
// that there is no date at all, d == 0 the last day of the month.
type ymd struct{ y, m, d int }

func (d ymd) time() time.Time { return time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC) }

func fromTime(t time.Time) ymd {
	y, m, d := t.Date()
	return ymd{y, int(m), d}
}

// add returns d moved by years, months and days.
func (d ymd) add(years, months, days int) ymd { return fromTime(d.time().AddDate(years, months, days)) }

func (d ymd) before(e ymd) bool {
	if d.y != e.y {
		return d.y < e.y
	}
	if d.m != e.m {
		return d.m < e.m
	}
	return d.d < e.d
}

func (d ymd) String() string {
	if d.m == 0 || d.y <= 0 || d.y > 9999 {
		return ""
	}
	b := [10]byte{
		byte('0' + d.y/1000), byte('0' + d.y/100%10), byte('0' + d.y/10%10), byte('0' + d.y%10), '-',
		byte('0' + d.m/10), byte('0' + d.m%10), '-', byte('0' + d.d/10), byte('0' + d.d%10),
	}
	return string(b[:])
}

// result is what a parser found: a span of text and the dates it means,
// possibly without years. unresolved marks a relative expression met
// without a dateline.
type result struct {
	start, end int
	from, to   ymd
	prec       string
	unresolved bool
}

// parser holds the text and the dateline (m == 0 when there is none).
type parser struct {
	text string
	dl   ymd
}

// finish fills in missing years and turns r into a Mention.
func (p *parser) finish(r result) Mention {
	m := Mention{Start: r.start, End: r.end, Text: p.text[r.start:r.end], Precision: r.prec}
	from, to := r.from, r.to
	if to.m != 0 && to.y == 0 {
		to.y = p.inferYear(to)
	}
	if to.m != 0 && to.y != 0 && to.d == 0 {
		to = ymd{to.y, to.m, 1}.add(0, 1, -1)
	}
	if from.m != 0 && from.y == 0 {
		if to.y != 0 {
			from.y = to.y
			if to.before(from) {
				from.y--
			}
		} else {
			from.y = p.inferYear(from)
		}
	}
	if r.unresolved || (from.m != 0 && from.y == 0) || (to.m != 0 && to.y == 0) || !valid(from) || !valid(to) {
		m.Precision = Unknown
		return m
	}
	m.Range = harmlog.DateRange{From: from.String()}
	if to == from {
		m.Range.To = m.Range.From // one string for a day
	} else {
		m.Range.To = to.String()
	}
	return m
}

// inferYear gives a year-less date the dateline's year, or the year before
// when that would put it more than a month after the dateline; 0 without a
// dateline.
func (p *parser) inferYear(d ymd) int {
	if p.dl.m == 0 {
		return 0
	}
	d.y = p.dl.y
	d.d = max(d.d, 1)
	if !valid(d) {
		// 29 February in a common year: take the leap year before.
		return p.dl.y - 1
	}
	if p.dl.add(0, 1, 0).before(d) {
		return p.dl.y - 1
	}
	return p.dl.y
}

// valid reports whether d (if set and with a year) is a real date.
func valid(d ymd) bool {
	if d.m == 0 || d.y == 0 {
		return true
	}
	return d.m >= 1 && d.m <= 12 && d.d >= 1 && fromTime(d.time()) == d
}

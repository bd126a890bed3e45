package extract

import (
	"sort"
	"sync"

	"github.com/harmlog/harmlog"
)

// maxFigure bounds the figures read; longer numbers are not counts of harm.
const maxFigure = 100_000_000

// quantity is a figure read from tokens [i, j): lo and hi are inclusive
// bounds, -1 meaning unbounded on that side.
type quantity struct {
	i, j   int
	lo, hi int
	single bool // "a", "an", "one", "another": one person or thing
	vague  bool // "dozens", "several", "a few", ...
	more   bool // "another", "a further", "five more": adds to a toll
	anaph  bool // "the two", "both": refers back to people already counted
}

// bounded reports whether q has at least one bound.
func (q quantity) bounded() bool { return q.lo >= 0 || q.hi >= 0 }

// value is the figure the evaluation counts: lo, else hi.
func (q quantity) value() int {
	if q.lo >= 0 {
		return q.lo
	}
	return q.hi
}

func (q quantity) rng() *harmlog.Range { return harmlog.Between(q.lo, q.hi) }

// ParseFigure reads the figure at the start of s ("at least 13", "dozens",
// "between 5 and 7", "twenty-seven", "1,200") and returns its range and the
// number of bytes it spans; ok is false when s does not start with one.
// Dates, years, ages and measures ("122mm") are not figures.
func ParseFigure(s string) (r *harmlog.Range, n int, ok bool) {
	toks := tokenize(s, lowerASCII(s), nil)
	flags := sharedLexicon().flags
	for i := range toks {
		if toks[i].kind == tWord {
			toks[i].f = flags[toks[i].w]
		}
	}
	q, ok := readQuantity(toks, 0)
	if !ok {
		return nil, 0, false
	}
	return q.rng(), toks[q.j-1].e, true
}

var unitWords = map[string]int{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}

var tensWords = map[string]int{
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
}

// vagueWords are quantities without a number, as GUIDELINES.md codes them.
var vagueWords = map[string][2]int{
	"dozens": {12, -1}, "tens": {10, -1}, "several": {3, -1}, "hundreds": {100, -1},
	"thousands": {1000, -1}, "scores": {20, -1}, "dozen": {12, 12},
}

// qualifiers are the words before a number that bound it; kind 'l' makes the
// number a lower bound, 'u' an upper bound, 'e' keeps it exact.
var qualifiers = []struct {
	words []string
	kind  byte
}{
	{[]string{"at", "least"}, 'l'}, {[]string{"atleast"}, 'l'}, {[]string{"more", "than"}, 'l'}, {[]string{"over"}, 'l'},
	{[]string{"upwards", "of"}, 'l'}, {[]string{"in", "excess", "of"}, 'l'},
	{[]string{"no", "fewer", "than"}, 'l'}, {[]string{"no", "less", "than"}, 'l'},
	{[]string{"not", "less", "than"}, 'l'}, {[]string{"a", "minimum", "of"}, 'l'},
	{[]string{"up", "to"}, 'u'}, {[]string{"as", "many", "as"}, 'u'}, {[]string{"nearly"}, 'u'},
	{[]string{"almost"}, 'u'}, {[]string{"fewer", "than"}, 'u'}, {[]string{"less", "than"}, 'u'},
	{[]string{"at", "most"}, 'u'}, {[]string{"close", "to"}, 'u'}, {[]string{"no", "more", "than"}, 'u'},
	{[]string{"not", "more", "than"}, 'u'}, {[]string{"about"}, 'e'}, {[]string{"around"}, 'e'},
	{[]string{"some"}, 'e'}, {[]string{"roughly"}, 'e'}, {[]string{"approximately"}, 'e'},
	{[]string{"an", "estimated"}, 'e'}, {[]string{"estimated"}, 'e'}, {[]string{"a", "total", "of"}, 'e'},
	{[]string{"total", "of"}, 'e'}, {[]string{"only"}, 'e'}, {[]string{"just"}, 'e'},
	{[]string{"approx"}, 'e'}, {[]string{"exactly"}, 'e'}, {[]string{"a", "further"}, 'm'},
	{[]string{"further"}, 'm'}, {[]string{"another"}, 'm'}, {[]string{"an", "additional"}, 'm'},
	{[]string{"additional"}, 'm'}, {[]string{"the"}, 'a'}, {[]string{"these"}, 'a'},
	{[]string{"those"}, 'a'}, {[]string{"all"}, 'a'}, {[]string{"all", "the"}, 'a'},
}

// sharedLexicon is the lexicon of functions that have no Extractor, built
// once and never changed.
var sharedLexicon = sync.OnceValue(newLexicon)

// qualifier is one entry of qualifiers.
type qualifier = struct {
	words []string
	kind  byte
}

// qualifierIndex maps the first word of each qualifier to its entries,
// longest first; built once, never changed.
var qualifierIndex = sync.OnceValue(func() map[string][]qualifier {
	m := map[string][]qualifier{}
	for _, q := range qualifiers {
		m[q.words[0]] = append(m[q.words[0]], q)
	}
	for _, qs := range m {
		sort.SliceStable(qs, func(i, j int) bool { return len(qs[i].words) > len(qs[j].words) })
	}
	return m
})

// matchWords reports whether toks from i start with words.
func matchWords(toks []token, i int, words []string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[i+k].w != w {
			return false
		}
	}
	return true
}

// readQuantity reads a figure starting at token i.
func readQuantity(toks []token, i int) (quantity, bool) {
	if i >= len(toks) {
		return quantity{}, false
	}
	q := quantity{i: i, lo: -1, hi: -1}
	kind := byte(0)
	var quals []qualifier
	if toks[i].f&fQual != 0 {
		quals = qualifierIndex()[toks[i].w]
	}
	for _, ql := range quals {
		if matchWords(toks, i, ql.words) {
			k := i + len(ql.words)
			if k < len(toks) {
				if n, _, ok := readCore(toks, k); ok && n.bounded() {
					kind, i = ql.kind, k
					break
				}
			}
			if ql.kind == 'm' && len(ql.words) == 1 && ql.words[0] == "another" {
				// "another man was killed": one more.
				q.lo, q.hi, q.j, q.single, q.more = 1, 1, i+1, true, true
				return q, true
			}
		}
	}
	core, j, ok := readCore(toks, i)
	if !ok {
		return quantity{}, false
	}
	core.i, core.j = q.i, j
	switch kind {
	case 'l':
		core.hi = -1
		if core.lo < 0 {
			core.lo = 0
		}
	case 'u':
		if core.hi < 0 {
			core.hi = core.lo
		}
		core.lo = -1
	case 'm':
		core.more = true
	case 'a':
		core.anaph = true
	}
	if kind == 0 && !core.vague && j < len(toks) && toks[j].w == "more" && !(j+1 < len(toks) && toks[j+1].w == "than") {
		core.more = true
		core.j++
	}
	return core, true
}

// readCore reads a bare figure at i: digits or words, a range, a vague word.
func readCore(toks []token, i int) (quantity, int, bool) {
	q := quantity{i: i, lo: -1, hi: -1}
	t := &toks[i]
	switch t.w {
	case "between":
		a, j, ok := readNumber(toks, i+1)
		if ok && j+1 < len(toks) && toks[j].w == "and" {
			if b, k, ok := readNumber(toks, j+1); ok && b >= a {
				q.lo, q.hi = a, b
				return q, k, true
			}
		}
		return q, i, false
	case "a", "an":
		if i+1 < len(toks) {
			switch toks[i+1].w {
			case "dozen":
				q.lo, q.hi = 12, 12
				return q, skipOf(toks, i+2), true
			case "few":
				q.lo, q.vague = 2, true
				return q, skipOf(toks, i+2), true
			case "couple":
				q.lo, q.hi = 2, 2
				return q, skipOf(toks, i+2), true
			case "hundred", "thousand":
				if n, j, ok := readNumber(toks, i+1); ok {
					q.lo, q.hi = n, n
					return q, j, true
				}
			case "single":
				q.lo, q.hi, q.single = 1, 1, true
				return q, i + 2, true
			case "number", "lot", "handful", "large", "series", "total", "further":
				return q, i, false
			}
		}
		q.lo, q.hi, q.single = 1, 1, true
		return q, i + 1, true
	case "both":
		q.lo, q.hi, q.anaph = 2, 2, true
		return q, i + 1, true
	}
	if t.f&fVague == 0 {
		// no vague word
	} else if v, ok := vagueWords[t.w]; ok {
		q.lo, q.hi, q.vague = v[0], v[1], v[1] < 0
		return q, skipOf(toks, i+1), true
	}
	n, j, ok := readNumber(toks, i)
	if !ok {
		return q, i, false
	}
	q.lo, q.hi = n, n
	if n == 1 && t.kind == tWord {
		q.single = true
	}
	if j < len(toks) {
		switch nt := &toks[j]; {
		case nt.w == "+" && nt.glued:
			q.hi = -1
			j++
		case (nt.w == "-" || nt.w == "\u2013" || nt.w == "to" || nt.w == "or") && j+1 < len(toks):
			if b, k, ok := readNumber(toks, j+1); ok && b > n && (nt.w != "-" && nt.w != "\u2013" || toks[j+1].kind == t.kind) {
				q.hi = b
				j = k
			}
		}
	}
	return q, j, true
}

func skipOf(toks []token, j int) int {
	if j < len(toks) && toks[j].w == "of" {
		return j + 1
	}
	return j
}

// readNumber reads a whole number in digits or words at i and returns it and
// the index after it. It refuses years, dates, times, ages and measures.
func readNumber(toks []token, i int) (int, int, bool) {
	if i >= len(toks) {
		return 0, i, false
	}
	t := &toks[i]
	var n, j int
	switch t.kind {
	case tNum:
		if t.glued && i > 0 && (toks[i-1].w == "/" || toks[i-1].w == ":") {
			return 0, i, false // "28/01", "12:30"
		}
		digits := 0
		for k := 0; k < len(t.w); k++ {
			c := t.w[k]
			if c == '.' {
				return 0, i, false
			}
			if c == ',' {
				continue
			}
			n = n*10 + int(c-'0')
			digits++
			if n > maxFigure {
				return 0, i, false
			}
		}
		j = i + 1
		if digits == 4 && len(t.w) == 4 && n >= 1900 && n <= 2100 {
			return 0, i, false // a year
		}
		if j < len(toks) && toks[j].glued {
			switch toks[j].w {
			case ":", "/", ".":
				if j+1 < len(toks) && toks[j+1].kind == tNum && toks[j+1].glued {
					return 0, i, false // a time or a date
				}
			case "-", "\u2013":
				if j+1 < len(toks) && toks[j+1].kind == tWord && toks[j+1].glued {
					return 0, i, false // "12-year-old", "5-member"
				}
			default:
				if toks[j].kind == tWord {
					if u, ok := multipliers[toks[j].w]; ok {
						n *= u
						j++
						break
					}
					return 0, i, false // "122mm", "5th", "1990s"
				}
			}
		}
		if j < len(toks) && toks[j].kind == tWord {
			if u, ok := multipliers[toks[j].w]; ok && n*u <= maxFigure {
				n *= u
				j++
			}
		}
	case tWord:
		var ok bool
		n, j, ok = readWordNumber(toks, i)
		if !ok {
			return 0, i, false
		}
	default:
		return 0, i, false
	}
	if j < len(toks) && months[toks[j].w] && toks[j].upper {
		return 0, i, false // "17 October"
	}
	if i > 0 && months[toks[i-1].w] && toks[i-1].upper && t.kind == tNum && !dayTaken(toks, i, j) {
		return 0, i, false // "October 17"
	}
	if j < len(toks) && (toks[j].w == "year-old" || toks[j].w == "years-old") {
		return 0, i, false
	}
	if j+1 < len(toks) && (toks[j].w == "years" || toks[j].w == "year") && toks[j+1].w == "old" {
		return 0, i, false
	}
	return n, j, true
}

// dayTaken reports whether the month before the number at i already has
// its day before it and the number, ending at j, counts victims or harm:
// "since 27 September 27 civilians had been killed", where 27 September is
// the date and the second 27 a figure.
func dayTaken(toks []token, i, j int) bool {
	if i < 2 || toks[i-2].kind != tNum || len(toks[i-2].w) > 2 || j >= len(toks) || toks[j].kind != tWord {
		return false
	}
	switch w := toks[j].w; {
	case toks[j].f&(fCiv|fMil|fTrig) != 0, w == "people", w == "persons", w == "others", w == "dead":
		return true
	}
	return false
}

var multipliers = map[string]int{"hundred": 100, "thousand": 1000, "million": 1_000_000, "k": 1000}

// readWordNumber reads "twenty-seven", "one hundred and five", "three".
func readWordNumber(toks []token, i int) (int, int, bool) {
	total, cur, j := 0, 0, i
	seen := false
	for j < len(toks) {
		w := toks[j].w
		if toks[j].kind != tWord {
			break
		}
		if v, ok := unitWords[w]; ok {
			if cur%10 != 0 || cur%100 != 0 && v >= 10 {
				break
			}
			cur += v
			seen = true
			j++
			continue
		}
		if v, ok := tensWords[w]; ok && cur%100 == 0 {
			cur += v
			seen = true
			j++
			continue
		}
		if v, ok := hyphenNumber(w); ok && cur%100 == 0 {
			cur += v
			seen = true
			j++
			continue
		}
		if w == "hundred" && seen && cur%100 != 0 && cur < 100 {
			cur *= 100
			j++
			continue
		}
		if (w == "thousand" || w == "million") && seen && cur > 0 {
			m := multipliers[w]
			total += cur * m
			if total > maxFigure {
				return 0, i, false
			}
			cur = 0
			j++
			continue
		}
		if w == "and" && seen && cur >= 100 && cur%100 == 0 && j+1 < len(toks) {
			if _, ok := unitWords[toks[j+1].w]; ok {
				j++
				continue
			}
			if _, ok := tensWords[toks[j+1].w]; ok {
				j++
				continue
			}
			if _, ok := hyphenNumber(toks[j+1].w); ok {
				j++
				continue
			}
		}
		break
	}
	if !seen {
		return 0, i, false
	}
	return total + cur, j, true
}

// hyphenNumber reads "twenty-seven".
func hyphenNumber(w string) (int, bool) {
	for k := 0; k < len(w); k++ {
		if w[k] == '-' {
			t, ok1 := tensWords[w[:k]]
			u, ok2 := unitWords[w[k+1:]]
			if ok1 && ok2 && u < 10 {
				return t + u, true
			}
			return 0, false
		}
	}
	return 0, false
}

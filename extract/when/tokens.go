package when

import (
	"strings"
	"sync"
)

// Token kinds.
const (
	kWord  = 'w' // letters, and bytes of multi-byte runes other than dashes
	kNum   = 'n' // ASCII digits
	kPunct = 'p' // one punctuation byte, or an en or em dash
)

// token is one token of the text: [s, e) and its kind (0 at the end).
type token struct {
	s, e int
	kind byte
}

// tok returns the token at or after byte i, skipping white space.
func (p *parser) tok(i int) token {
	t := p.text
	for i < len(t) && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' || t[i] == '\r') {
		i++
	}
	if i >= len(t) {
		return token{s: i, e: i}
	}
	c := t[i]
	switch {
	case c >= '0' && c <= '9':
		e := i + 1
		for e < len(t) && t[e] >= '0' && t[e] <= '9' {
			e++
		}
		return token{i, e, kNum}
	case isDash(t, i):
		return token{i, i + 3, kPunct}
	case isLetter(c):
		e := i + 1
		for e < len(t) {
			c := t[e]
			if c < 0x80 {
				if c|0x20 < 'a' || c|0x20 > 'z' {
					break
				}
			} else if c == 0xE2 && isDash(t, e) {
				break
			}
			e++
		}
		return token{i, e, kWord}
	}
	return token{i, i + 1, kPunct}
}

// isLetter reports whether c may be part of a word.
func isLetter(c byte) bool { return c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z') }

// isDash reports whether an en or em dash starts at t[i].
func isDash(t string, i int) bool {
	return i+2 < len(t) && t[i] == 0xE2 && t[i+1] == 0x80 && (t[i+2] == 0x93 || t[i+2] == 0x94)
}

// word returns the token's text lower-cased (ASCII), or "" for a token that
// is not a word or is too long to be one Find looks for. A word with
// capitals is looked up in the vocabulary, so that lower-casing never
// allocates: a capitalised word Find does not know comes back as "".
func (p *parser) word(t token, buf []byte) string {
	if t.kind != kWord || t.e-t.s > len(buf) {
		return ""
	}
	w := p.text[t.s:t.e]
	upper := false
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			upper = true
			break
		}
	}
	if !upper {
		return w
	}
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return vocabulary()[string(b)]
}

// vocabulary interns every word a parser compares a token with.
var vocabulary = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for _, w := range vocabularyWords() {
		m[w] = w
	}
	return m
})

// starts marks, per lower-cased first byte, the lengths (bit n for n
// bytes, bit 15 for longer) of the words that may begin a date: a cheap
// filter before Find looks closer.
var starts = sync.OnceValue(func() *[256]uint16 {
	var t [256]uint16
	for _, w := range vocabularyWords() {
		t[w[0]] |= 1 << min(len(w), 15)
	}
	return &t
})

// mayStart reports whether a word token may begin a date.
func (p *parser) mayStart(t token, tab *[256]uint16) bool {
	return tab[p.text[t.s]|0x20]&(1<<min(t.e-t.s, 15)) != 0
}

// vocabularyWords lists the words the parsers look for.
func vocabularyWords() []string {
	return strings.Fields(`january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec sunday monday tuesday wednesday thursday friday saturday
		since between from in during throughout until early mid late end beginning start today tonight yesterday overnight
		the past earlier later this last previous night week weekend month year morning afternoon evening day days
		hours weeks months years ago few before a an one two three four five six seven eight nine ten eleven twelve
		to till through and of on st nd rd th`)
}

// is reports whether token t is the lower-case word w, ignoring case.
func (p *parser) is(t token, w string) bool {
	if t.kind != kWord || t.e-t.s != len(w) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := p.text[t.s+i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// punct reports whether t is the punctuation c.
func (p *parser) punct(t token, c byte) bool {
	return t.kind == kPunct && t.e-t.s == 1 && p.text[t.s] == c
}

// dash reports whether t is a hyphen or an en or em dash.
func (p *parser) dash(t token) bool {
	return t.kind == kPunct && (p.text[t.s] == '-' || t.e-t.s == 3)
}

// capital reports whether the token begins with a capital letter.
func (p *parser) capital(t token) bool {
	c := p.text[t.s]
	return c >= 'A' && c <= 'Z'
}

// num returns the value of a number token of at most maxDigits digits.
func (p *parser) num(t token, maxDigits int) (int, bool) {
	if t.kind != kNum || t.e-t.s > maxDigits {
		return 0, false
	}
	n := 0
	for i := t.s; i < t.e; i++ {
		n = n*10 + int(p.text[i]-'0')
	}
	return n, true
}

// year returns the value of a four-digit year token from 1900 to 2100.
func (p *parser) year(t token) (int, bool) {
	if t.e-t.s != 4 {
		return 0, false
	}
	y, ok := p.num(t, 4)
	return y, ok && y >= 1900 && y <= 2100
}

// month returns the month a word names (full name or abbreviation) and
// whether it is an abbreviation, or 0.
func month(w string) (int, bool) {
	switch w {
	case "january":
		return 1, false
	case "february":
		return 2, false
	case "march":
		return 3, false
	case "april":
		return 4, false
	case "may":
		return 5, false
	case "june":
		return 6, false
	case "july":
		return 7, false
	case "august":
		return 8, false
	case "september":
		return 9, false
	case "october":
		return 10, false
	case "november":
		return 11, false
	case "december":
		return 12, false
	case "jan":
		return 1, true
	case "feb":
		return 2, true
	case "mar":
		return 3, true
	case "apr":
		return 4, true
	case "jun":
		return 6, true
	case "jul":
		return 7, true
	case "aug":
		return 8, true
	case "sep", "sept":
		return 9, true
	case "oct":
		return 10, true
	case "nov":
		return 11, true
	case "dec":
		return 12, true
	}
	return 0, false
}

// weekday returns the day a word names, Sunday = 0, or -1.
func weekday(w string) int {
	switch w {
	case "sunday":
		return 0
	case "monday":
		return 1
	case "tuesday":
		return 2
	case "wednesday":
		return 3
	case "thursday":
		return 4
	case "friday":
		return 5
	case "saturday":
		return 6
	}
	return -1
}

// count returns the number a word or digits give ("two", "a", "24"), or -1.
func (p *parser) count(t token) int {
	if n, ok := p.num(t, 3); ok {
		return n
	}
	var buf [8]byte
	switch p.word(t, buf[:]) {
	case "a", "an", "one":
		return 1
	case "two":
		return 2
	case "three":
		return 3
	case "four":
		return 4
	case "five":
		return 5
	case "six":
		return 6
	case "seven":
		return 7
	case "eight":
		return 8
	case "nine":
		return 9
	case "ten":
		return 10
	case "eleven":
		return 11
	case "twelve":
		return 12
	}
	return -1
}

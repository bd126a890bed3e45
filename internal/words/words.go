// Package words is the byte-level word scanning that harmlog's fast text
// scanners share (weapons, parties): a word is a run of ASCII letters and
// digits and of bytes of multi-byte UTF-8 sequences, so a span of words
// never splits a rune; ASCII case folding without allocation; and a
// Bloom-like filter that spares most map lookups for words of running text.
package words

import "strings"

// IsWordByte reports whether c belongs to a word: an ASCII letter or digit
// or any byte of a multi-byte UTF-8 sequence.
func IsWordByte(c byte) bool {
	return c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z') || (c >= '0' && c <= '9')
}

// Next returns the span of the first word at or after i, or -1, -1.
func Next(text string, i int) (int, int) {
	for i < len(text) && !IsWordByte(text[i]) {
		i++
	}
	if i >= len(text) {
		return -1, -1
	}
	e := i
	for e < len(text) && IsWordByte(text[e]) {
		e++
	}
	return i, e
}

// Split splits s into its words.
func Split(s string) []string {
	var out []string
	for i := 0; ; {
		st, e := Next(s, i)
		if st < 0 {
			return out
		}
		out = append(out, s[st:e])
		i = e
	}
}

// AppendLower appends s with ASCII letters lower-cased to dst.
func AppendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// EqualLower reports whether s equals the lower-case word w, ignoring
// ASCII case.
func EqualLower(s, w string) bool {
	if len(s) != len(w) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[i] {
			return false
		}
	}
	return true
}

// Filter is a Bloom-like set of words keyed on their length and first,
// second and last letters, ignoring ASCII case: a word it does not hold is
// certainly not in the set, and most words of running text are not, so the
// test spares a map lookup.
type Filter [1024]uint64

// filterKey hashes a word's length and first, second and last letters.
func filterKey(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	c0, c1, cl := w[0]|0x20, w[min(1, n-1)]|0x20, w[n-1]|0x20
	h := uint32(c0)*0x9E3779B1 ^ uint32(c1)*0x85EBCA77 ^ uint32(cl)*0xC2B2AE3D ^ uint32(min(n, 31))*0x27D4EB2F
	return (h ^ h>>15) & (1024*64 - 1)
}

// Add puts w in the set.
func (f *Filter) Add(w string) { k := filterKey(w); f[k>>6] |= 1 << (k & 63) }

// May reports whether w may be in the set (false: certainly not).
func (f *Filter) May(w string) bool { k := filterKey(w); return f[k>>6]&(1<<(k&63)) != 0 }

// Adjacent returns the word that follows position i across a short gap (at
// most four bytes) of spaces and line breaks with at most one of the marks
// (for example "-" or "-'"), or -1, -1 when anything else intervenes.
func Adjacent(text string, i int, marks string) (int, int) {
	j := i
	used := false
	for j < len(text) && j-i <= 4 {
		c := text[j]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			j++
			continue
		}
		if !used && c < 0x80 && strings.IndexByte(marks, c) >= 0 {
			used = true
			j++
			continue
		}
		break
	}
	if j == i || j >= len(text) || !IsWordByte(text[j]) {
		return -1, -1
	}
	e := j
	for e < len(text) && IsWordByte(text[e]) {
		e++
	}
	return j, e
}

// MatchRest reports whether the lower-case words rest follow position i of
// text, each Adjacent to the one before (with marks), and where the last
// one ends.
func MatchRest(text string, i int, rest []string, marks string) (int, bool) {
	for _, w := range rest {
		s, e := Adjacent(text, i, marks)
		if s < 0 || !EqualLower(text[s:e], w) {
			return 0, false
		}
		i = e
	}
	return i, true
}

package party

// Word scanning shared by Find and Normalize. A word is a run of ASCII
// letters and digits and of bytes of multi-byte UTF-8 sequences, so a span
// of words never splits a rune.

// matchRest reports whether the words follow position i of text, each
// separated from the one before by a short gap (see adjacentWord), and
// where the last one ends.
func matchRest(text string, i int, words []string) (int, bool) {
	for _, w := range words {
		s, e := adjacentWord(text, i)
		if s < 0 || !equalLower(text[s:e], w) {
			return 0, false
		}
		i = e
	}
	return i, true
}

// adjacentWord returns the word that follows position i across a short gap
// of spaces and line breaks with at most one hyphen or apostrophe, or -1
// when something else intervenes.
func adjacentWord(text string, i int) (int, int) {
	j := i
	marks := 0
	for j < len(text) && j-i <= 4 {
		c := text[j]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			j++
			continue
		}
		if (c == '-' || c == '\'') && marks == 0 {
			marks++
			j++
			continue
		}
		break
	}
	if j == i || j >= len(text) || !isWordByte(text[j]) {
		return -1, -1
	}
	e := j
	for e < len(text) && isWordByte(text[e]) {
		e++
	}
	return j, e
}

// prevWord returns the word that ends before position i across spaces only,
// or -1.
func prevWord(text string, i int) (int, int) {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\n' || text[j-1] == '\t' || text[j-1] == '\r') {
		j--
	}
	if j == i || j == 0 || !isWordByte(text[j-1]) {
		return -1, -1
	}
	s := j
	for s > 0 && isWordByte(text[s-1]) {
		s--
	}
	return s, j
}

// nextWord returns the first word at or after i, or -1.
func nextWord(text string, i int) (int, int) {
	for i < len(text) && !isWordByte(text[i]) {
		i++
	}
	if i >= len(text) {
		return -1, -1
	}
	e := i
	for e < len(text) && isWordByte(text[e]) {
		e++
	}
	return i, e
}

// isWordByte reports whether c belongs to a word.
func isWordByte(c byte) bool {
	return c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z') || (c >= '0' && c <= '9')
}

// lower appends s with ASCII letters lower-cased to dst.
func lower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// equalLower reports whether s equals the lower-case word w, ignoring ASCII
// case.
func equalLower(s, w string) bool {
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

// splitWords splits s into words.
func splitWords(s string) []string {
	var out []string
	for i := 0; ; {
		st, e := nextWord(s, i)
		if st < 0 {
			return out
		}
		out = append(out, s[st:e])
		i = e
	}
}

// wordFilter is a Bloom-like set of words keyed on their length and first,
// second and last letters, ignoring ASCII case: a word it does not hold is
// certainly not in the set, and most words of running text are not, so the
// test spares a map lookup.
type wordFilter [1024]uint64

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

func (f *wordFilter) add(w string) { k := filterKey(w); f[k>>6] |= 1 << (k & 63) }

// may reports whether w may be in the set.
func (f *wordFilter) may(w string) bool { k := filterKey(w); return f[k>>6]&(1<<(k&63)) != 0 }

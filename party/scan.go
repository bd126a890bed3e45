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

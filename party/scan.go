package party

import "github.com/harmlog/harmlog/internal/words"

// Matching of multi-word aliases in running text; the word scanning itself
// is internal/words, shared with extract/weapons.

// matchRest reports whether the words follow position i of text, each
// separated from the one before by a short gap (see adjacentWord), and
// where the last one ends.
func matchRest(text string, i int, rest []string) (int, bool) {
	for _, w := range rest {
		s, e := adjacentWord(text, i)
		if s < 0 || !words.EqualLower(text[s:e], w) {
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
	if j == i || j >= len(text) || !words.IsWordByte(text[j]) {
		return -1, -1
	}
	e := j
	for e < len(text) && words.IsWordByte(text[e]) {
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
	if j == i || j == 0 || !words.IsWordByte(text[j-1]) {
		return -1, -1
	}
	s := j
	for s > 0 && words.IsWordByte(text[s-1]) {
		s--
	}
	return s, j
}

package party

import "github.com/harmlog/harmlog/internal/words"

// aliasMarks may join the words of a multi-word alias besides spaces: one
// hyphen or apostrophe ("Nagorno-Karabakh", "Karabakh's").
const aliasMarks = "-'"

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

package who

import "strings"

// Byte-level scanning: words, sentences, quotes. A word is a run of ASCII
// letters and digits, inner hyphens and apostrophes ("ministry's",
// "Nagorno-Karabakh"), and bytes of multi-byte runes other than quote marks
// and dashes, so spans never split a rune.

// isWordByte reports whether c may be part of a word.
func isWordByte(c byte) bool {
	return c >= 0x80 || (c|0x20 >= 'a' && c|0x20 <= 'z') || (c >= '0' && c <= '9')
}

// runeMark reports whether a typographic quote mark or dash (three bytes)
// starts at t[i].
func runeMark(t string, i int) bool {
	return i+2 < len(t) && t[i] == 0xE2 && t[i+1] == 0x80 && (t[i+2] >= 0x93 && t[i+2] <= 0x9D)
}

// wordEnd returns the end of the word that starts at i.
func wordEnd(t string, i int) int {
	e := i
	for e < len(t) {
		c := t[e]
		if c >= 0x80 && runeMark(t, e) {
			// ’ inside a word ("ministry’s") belongs to it.
			if t[e+2] == 0x99 && e+3 < len(t) && isWordByte(t[e+3]) && !runeMark(t, e+3) && e > i {
				e += 3
				continue
			}
			break
		}
		if isWordByte(c) {
			e++
			continue
		}
		if (c == '\'' || c == '-') && e > i && e+1 < len(t) && isWordByte(t[e+1]) && !runeMark(t, e+1) {
			e++
			continue
		}
		break
	}
	return e
}

// nextWord returns the first word at or after i, or -1.
func nextWord(t string, i int) (int, int) {
	for i < len(t) {
		if isWordByte(t[i]) && !runeMark(t, i) {
			return i, wordEnd(t, i)
		}
		if runeMark(t, i) {
			i += 3
		} else {
			i++
		}
	}
	return -1, -1
}

// wordAfter returns the word after position i across spaces only, or -1.
func wordAfter(t string, i int) (int, int) {
	for i < len(t) && isSpace(t[i]) {
		i++
	}
	if i >= len(t) || !isWordByte(t[i]) || runeMark(t, i) {
		return -1, -1
	}
	return i, wordEnd(t, i)
}

// wordBefore returns the word that ends before position i across spaces
// only, or -1.
func wordBefore(t string, i int) (int, int) {
	j := i
	for j > 0 && isSpace(t[j-1]) {
		j--
	}
	if j == 0 || !isWordByte(t[j-1]) || (j >= 3 && runeMark(t, j-3)) {
		return -1, -1
	}
	s := j - 1
	for s > 0 {
		c := t[s-1]
		if isWordByte(c) && !(s >= 3 && runeMark(t, s-3)) {
			s--
			continue
		}
		if (c == '\'' || c == '-') && s >= 2 && isWordByte(t[s-2]) {
			s--
			continue
		}
		if s >= 4 && runeMark(t, s-3) && t[s-1] == 0x99 && isWordByte(t[s-4]) {
			s -= 3
			continue
		}
		break
	}
	return s, wordEnd(t, s)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// lowerWord returns w lower-cased (ASCII), without a possessive "'s".
func lowerWord(w string) string {
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(w)
		}
	}
	return w
}

func capitalised(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// sentenceAt returns the sentence around position i: from after the
// previous sentence end or line break to the next one (inclusive of its
// final punctuation).
func sentenceAt(t string, i int) (int, int) {
	s := i
	for s > 0 {
		if t[s-1] == '\n' || (isSpace(t[s-1]) && s >= 2 && isStop(t[s-2]) && endsSentence(t, s-2)) {
			break
		}
		s--
	}
	for s < len(t) && isSpace(t[s]) {
		s++
	}
	e := i
	for e < len(t) {
		if t[e] == '\n' {
			break
		}
		if isStop(t[e]) && endsSentence(t, e) && (e+1 == len(t) || isSpace(t[e+1])) {
			e++
			break
		}
		e++
	}
	return s, e
}

// clauseAt is sentenceAt with semicolons as boundaries too: in "Residents
// reported shelling; four died, according to the governor" each half has
// its own source.
func clauseAt(t string, i int) (int, int) {
	s, e := sentenceAt(t, i)
	if j := strings.LastIndexByte(t[s:i], ';'); j >= 0 {
		s += j + 1
		for s < e && isSpace(t[s]) {
			s++
		}
	}
	if j := strings.IndexByte(t[i:e], ';'); j >= 0 {
		e = i + j + 1
	}
	return s, e
}

// isStop reports whether c may end a sentence (see endsSentence).
func isStop(c byte) bool { return c == '.' || c == '!' || c == '?' || c == '"' }

// endsSentence reports whether t[i] (or a quote mark just after one) is
// the end of a sentence: . ! ? not after a short abbreviation.
func endsSentence(t string, i int) bool {
	c := t[i]
	if c == '"' && i > 0 {
		c = t[i-1]
		i--
	}
	switch c {
	case '!', '?':
		return true
	case '.':
		ws, we := wordBefore(t, i)
		if ws >= 0 && we == i && we-ws <= 4 {
			switch lowerWord(t[ws:we]) {
			case "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "capt", "maj", "sgt", "no", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "e.g", "i.e", "vs":
				return false
			}
			if we-ws == 1 && capitalised(t[ws:we]) {
				return false // an initial
			}
		}
		return true
	}
	return false
}

// quote is the content [s, e) of a quotation, without its marks; close is
// the position just after the closing mark (e if it ran to a paragraph end).
type quote struct{ s, e, close int }

// quotes finds quotations: straight or typographic double quotes, paired
// in order. A quote left open at a paragraph end continues if the next
// paragraph opens with a quote mark, as news style writes quotes of several
// paragraphs; otherwise it ends there.
func quotes(t string) []quote {
	var out []quote
	open := -1
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '"' || (runeMark(t, i) && (t[i+2] == 0x9C || t[i+2] == 0x9D)):
			n := 1
			if c != '"' {
				n = 3
			}
			if open < 0 {
				open = i + n
			} else {
				out = append(out, quote{open, i, i + n})
				open = -1
			}
			i += n - 1
		case c == '\n' && open >= 0:
			j := i
			for j < len(t) && isSpace(t[j]) {
				j++
			}
			if j < len(t) && (t[j] == '"' || (runeMark(t, j) && t[j+2] == 0x9C)) {
				// Continued quote: skip the reopening mark.
				if t[j] == '"' {
					i = j
				} else {
					i = j + 2
				}
				continue
			}
			out = append(out, quote{open, i, i})
			open = -1
		}
	}
	if open >= 0 {
		out = append(out, quote{open, len(t), len(t)})
	}
	return out
}

// inQuote returns the index of the quote whose content contains i, or -1.
func inQuote(qs []quote, i int) int {
	lo, hi := 0, len(qs)
	for lo < hi {
		m := (lo + hi) / 2
		if qs[m].e <= i {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(qs) && qs[lo].s <= i && i < qs[lo].e {
		return lo
	}
	return -1
}

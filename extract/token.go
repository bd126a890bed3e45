package extract

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	tWord  = iota // letters, with inner apostrophes and hyphens
	tNum          // digits, with inner ',' and '.' between digits
	tPunct        // one punctuation rune
)

// token is one word, number or punctuation mark of a text.
type token struct {
	s, e  int    // byte span in the text
	w     string // lower-cased form (a substring of the lowered text)
	kind  uint8
	upper bool   // starts with an upper-case letter
	nl    bool   // a line break precedes it
	par   bool   // a blank line precedes it: a paragraph break
	glued bool   // no space between it and the token before
	f     uint16 // word class flags from the lexicon (fTrig, fQStart, ...)
}

// lowerASCII returns text with ASCII letters lower-cased; other bytes are
// kept, so byte offsets stay the same.
func lowerASCII(text string) string { return string(appendLower(nil, text)) }

// appendLower appends text to dst with ASCII letters lower-cased.
func appendLower(dst []byte, text string) []byte {
	n := len(dst)
	dst = append(dst, text...)
	b := dst[n:]
	for i, c := range b {
		if c-'A' < 26 {
			b[i] = c + ('a' - 'A')
		}
	}
	return dst
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// tokenize splits text into tokens, appending them to toks.
func tokenize(text, lower string, toks []token) []token {
	n := len(text)
	nl, space, par := false, true, false
	for i := 0; i < n; {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			i++
			space = true
			continue
		case c == '\n':
			i++
			if nl {
				par = true // a second line break: a blank line
			}
			nl, space = true, true
			continue
		}
		t := token{s: i, nl: nl, par: par, glued: !space}
		nl, space, par = false, false, false
		switch {
		case isLetter(c):
			i = wordEnd(text, i+1)
			t.kind = tWord
			t.upper = 'A' <= c && c <= 'Z'
		case isDigit(c):
			i++
			for i < n {
				if isDigit(text[i]) {
					i++
				} else if (text[i] == ',' || text[i] == '.') && i+1 < n && isDigit(text[i+1]) {
					i += 2
				} else {
					break
				}
			}
			t.kind = tNum
		case c < utf8.RuneSelf:
			i++
			t.kind = tPunct
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) {
				i = wordEnd(text, i+size)
				t.kind = tWord
				t.upper = unicode.IsUpper(r)
			} else if unicode.IsSpace(r) {
				i += size
				space = true
				if r == '\u2028' || r == '\u2029' || r == '\u0085' {
					nl = true
				}
				continue
			} else {
				i += size
				t.kind = tPunct
			}
		}
		t.e = i
		t.w = lower[t.s:t.e]
		toks = append(toks, t)
	}
	return toks
}

// wordEnd returns the end of the word whose letters continue at i: letters,
// digits, and an apostrophe or hyphen between letters.
func wordEnd(text string, i int) int {
	n := len(text)
	for i < n {
		c := text[i]
		switch {
		case isLetter(c) || isDigit(c):
			i++
		case (c == '\'' || c == '-') && i+1 < n && isLetter(text[i+1]):
			i += 2
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(text[i:])
			if r == '\u2019' && i+size < n && isLetter(text[i+size]) {
				i += size + 1
				continue
			}
			if !unicode.IsLetter(r) && !unicode.IsMark(r) {
				return i
			}
			i += size
		default:
			return i
		}
	}
	return i
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "col": true,
	"lt": true, "capt": true, "sgt": true, "maj": true, "no": true, "vs": true, "jan": true,
	"feb": true, "mar": true, "apr": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "gov": true, "prof": true, "rev": true,
	"jr": true, "sr": true, "inc": true, "co": true, "corp": true, "brig": true, "cpl": true,
	"pvt": true, "adm": true, "cmdr": true, "hon": true, "sen": true, "rep": true, "approx": true,
	"u": true, "s": true, "e": true, "g": true, "i": true, "etc": false,
}

// sentences splits toks into sentences, returning the index of each
// sentence's first token; ends[k] is the index after its last token.
func sentences(toks []token, starts []int) []int {
	if len(toks) == 0 {
		return starts
	}
	starts = append(starts, 0)
	for i := 1; i < len(toks); i++ {
		t, p := &toks[i], &toks[i-1]
		// A blank line always ends a sentence: a headline without a
		// final stop is not glued to the paragraph after it.
		if t.par || t.nl && (t.upper || t.kind != tWord || p.kind == tPunct && isStop(p.w)) {
			starts = append(starts, i)
			continue
		}
		if p.kind != tPunct {
			continue
		}
		switch p.w {
		case ";":
			starts = append(starts, i)
		case ".", "!", "?":
			if t.glued && t.kind != tPunct && !(t.upper && i >= 2 && toks[i-2].kind == tWord && len(toks[i-2].w) > 3 && t.e-t.s > 1) {
				continue // "U.S", "3.5"; but "winter.Firing" ends a sentence
			}
			if p.w == "." && i >= 2 && toks[i-2].kind == tWord && toks[i-2].e == p.s && abbreviations[toks[i-2].w] &&
				!(months[toks[i-2].w] && t.kind == tWord) {
				continue
			}
			if t.kind == tWord && !t.upper {
				continue
			}
			starts = append(starts, i)
		}
	}
	return starts
}

func isStop(w string) bool { return w == "." || w == "!" || w == "?" || w == ":" || w == ";" }

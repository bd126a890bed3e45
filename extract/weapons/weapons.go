// Package weapons finds the words for weapons and means of attack in a text
// and maps them onto harmlog's normalised weapon vocabulary ("missile",
// "cluster munitions", "bombing", ...), keeping the words as written.
package weapons

import (
	"sort"
	"strings"
	"sync"
)

// Mention is one weapon mention: the byte span [Start, End) of text, its
// normalised name and the words as the text has them (text[Start:End]).
type Mention struct {
	Start, End int
	Norm       string
	Words      string
}

// phrase is one trigger: lower-case words and the vocabulary index it
// stands for (-1 for a reject).
type phrase struct {
	words []string
	term  int
}

// matcher holds the trigger phrases indexed by their first word.
type matcher struct {
	terms []Term
	first map[string][]phrase // longest phrase first
	tail  map[string]bool
	// lead marks the lower-case first bytes of first words, a cheap filter
	// before the map.
	lead [256]bool
	// filter holds the first words, for a cheap test before the map.
	filter wordFilter
}

// table is built once, on first use, and never changed afterwards.
var table = sync.OnceValue(newMatcher)

func newMatcher() *matcher {
	m := &matcher{terms: Vocabulary(), first: map[string][]phrase{}, tail: map[string]bool{}}
	add := func(s string, term int) {
		w := splitWords(strings.ToLower(s))
		m.first[w[0]] = append(m.first[w[0]], phrase{w, term})
		m.lead[w[0][0]] = true
		m.filter.add(w[0])
	}
	for i, t := range m.terms {
		for _, w := range t.Words {
			add(w, i)
		}
	}
	for _, r := range rejects() {
		add(r, -1)
	}
	for k, ps := range m.first {
		sort.SliceStable(ps, func(i, j int) bool { return len(ps[i].words) > len(ps[j].words) })
		m.first[k] = ps
	}
	for _, t := range tails() {
		m.tail[t] = true
	}
	return m
}

// Find returns the weapon mentions of text in order, longest match first
// and without overlaps: "Armenian missile strikes" gives one mention,
// {Norm: "missile", Words: "missile strikes"}.
func Find(text string) []Mention {
	m := table()
	out := make([]Mention, 0, len(text)/256+1)
	var buf [32]byte
	for i := 0; i < len(text); {
		s, e := nextWord(text, i)
		if s < 0 {
			break
		}
		i = e
		if e-s > len(buf) || e-s < 2 || !m.lead[text[s]|0x20] || !m.filter.may(text[s:e]) {
			continue
		}
		cands, ok := m.first[string(lower(buf[:0], text[s:e]))]
		if !ok {
			continue
		}
		for _, p := range cands {
			end, ok := matchRest(text, e, p.words[1:])
			if !ok {
				continue
			}
			i = end
			if p.term < 0 {
				break
			}
			// Up to two tail words: "rocket launcher systems".
			for k := 0; k < 2; k++ {
				ts, te := adjacentWord(text, end)
				if ts < 0 || te-ts > len(buf) || !m.tail[string(lower(buf[:0], text[ts:te]))] {
					break
				}
				end = te
			}
			i = end
			out = append(out, Mention{Start: s, End: end, Norm: m.terms[p.term].Norm, Words: text[s:end]})
			break
		}
	}
	return out
}

// Norms returns the distinct Norm values of ms in order of first mention.
func Norms(ms []Mention) []string {
	var out []string
	for _, m := range ms {
		dup := false
		for _, n := range out {
			if n == m.Norm {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, m.Norm)
		}
	}
	return out
}

// matchRest reports whether the words follow position i of text, each
// separated from the one before by spaces or a hyphen only, and where the
// last one ends.
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
// of spaces, line breaks or one hyphen, or -1 when something else
// intervenes.
func adjacentWord(text string, i int) (int, int) {
	j := i
	hyphens := 0
	for j < len(text) && j-i <= 4 {
		c := text[j]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			j++
			continue
		}
		if c == '-' && hyphens == 0 {
			hyphens++
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

// isWordByte reports whether c belongs to a word: an ASCII letter or digit
// or any byte of a multi-byte UTF-8 sequence (so words never split a rune).
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

// splitWords splits a vocabulary entry into words as Find sees them.
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

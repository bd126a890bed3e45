// Package weapons finds the words for weapons and means of attack in a text
// and maps them onto harmlog's normalised weapon vocabulary ("missile",
// "cluster munitions", "bombing", ...), keeping the words as written.
package weapons

import (
	"github.com/harmlog/harmlog/internal/words"
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
	filter words.Filter
}

// table is built once, on first use, and never changed afterwards.
var table = sync.OnceValue(newMatcher)

func newMatcher() *matcher {
	m := &matcher{terms: Vocabulary(), first: map[string][]phrase{}, tail: map[string]bool{}}
	add := func(s string, term int) {
		w := words.Split(strings.ToLower(s))
		m.first[w[0]] = append(m.first[w[0]], phrase{w, term})
		m.lead[w[0][0]] = true
		m.filter.Add(w[0])
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
		s, e := words.Next(text, i)
		if s < 0 {
			break
		}
		i = e
		if e-s > len(buf) || e-s < 2 || !m.lead[text[s]|0x20] || !m.filter.May(text[s:e]) {
			continue
		}
		cands, ok := m.first[string(words.AppendLower(buf[:0], text[s:e]))]
		if !ok {
			continue
		}
		for _, p := range cands {
			end, ok := words.MatchRest(text, e, p.words[1:], "-")
			if !ok {
				continue
			}
			i = end
			if p.term < 0 {
				break
			}
			// Up to two tail words: "rocket launcher systems".
			for k := 0; k < 2; k++ {
				ts, te := words.Adjacent(text, end, "-")
				if ts < 0 || te-ts > len(buf) || !m.tail[string(words.AppendLower(buf[:0], text[ts:te]))] {
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

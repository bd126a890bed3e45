package gazetteer

import (
	_ "embed"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/harmlog/harmlog/gazetteer/internal/index"
)

// Mention is a place name found in running text.
type Mention struct {
	Start, End int    // byte offsets of the name in the text
	Text       string // text[Start:End]
	// Candidates are the places of that name, most populous first (for
	// ScanContext, those in the context countries first).
	Candidates []Candidate
}

// maxTokens bounds the length of a name in tokens ("Rio de Janeiro" is 3).
const maxTokens = 6

// maxMentionCandidates bounds the candidates Scan returns per mention.
const maxMentionCandidates = 5

//go:embed data/common.txt
var commonTxt string

// common holds folded English words that, capitalised only because they
// begin a sentence, are no place: "Police", "Most", "Of" are all towns.
// The value is true for words never taken for a place ("March", "May").
var common = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		always := strings.HasPrefix(line, "!")
		for _, w := range strings.Fields(strings.TrimPrefix(line, "!")) {
			m[Fold(w)] = always
		}
	}
	return m
}()

// CommonWord reports whether name, folded, is one of the English words
// that are also the names of some populated place ("Police", "College",
// "Union"): capitalised inside an organisation's name or at the start of
// a sentence, such a word is seldom the place.
func CommonWord(name string) bool {
	_, ok := common[Fold(name)]
	return ok
}

// token is a word of the text: letters, digits and inner apostrophes.
type token struct {
	start, end int // the word, without a possessive 's
	next       int // where scanning resumes after it
	upper      bool
}

// nextToken returns the first token at or after i, and false at the end.
func nextToken(text string, i int) (token, bool) {
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if isASCIIAlnum(c) {
				break
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		i += n
	}
	if i >= len(text) {
		return token{}, false
	}
	t := token{start: i}
	if c := text[i]; c < utf8.RuneSelf {
		t.upper = 'A' <= c && c <= 'Z'
	} else {
		r, _ := utf8.DecodeRuneInString(text[i:])
		t.upper = unicode.IsUpper(r)
	}
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			if isASCIIAlnum(c) {
				i++
				continue
			}
			if c == '\'' && i+1 < len(text) && isASCIIAlnum(text[i+1]) {
				i++
				continue
			}
			break
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) ||
			(r == '’' && i+n < len(text) && isASCIIAlnum(text[i+n])) {
			i += n
			continue
		}
		break
	}
	t.end, t.next = i, i
	switch w := text[t.start:t.end]; {
	case strings.HasSuffix(w, "'s") && len(w) > 3:
		t.end -= 2
	case strings.HasSuffix(w, "’s") && len(w) > 5:
		t.end -= 4
	}
	return t, true
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// joins reports whether the gap between token t and the next token,
// starting at j, may lie inside one name: spaces, one hyphen, or the
// full stop of an abbreviation ("St. Louis"), nothing that ends a clause.
func joins(text string, t token, j int) bool {
	i := t.next
	if j-i > 3 || j == i {
		return false
	}
	if text[i] == '.' && t.end-t.start <= 3 {
		i++ // "St.", "Ste.", "Mt."
	}
	for ; i < j; i++ {
		if c := text[i]; c != ' ' && c != '-' {
			return false
		}
	}
	return true
}

// sentenceStart reports whether the token at i begins a sentence: the text
// before it, quotes and brackets aside, is empty or ends in . ! ? : ; or a
// line break.
func sentenceStart(text string, i int) bool {
	for i > 0 {
		c := text[i-1]
		switch c {
		case ' ', '\t', '"', '(', '[', '\'':
			i--
			continue
		case '.', '!', '?', ':', ';', '\n', '\r':
			return true
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeLastRuneInString(text[:i])
			if r == '“' || r == '‘' || r == '«' || r == '—' || r == '–' {
				i -= n
				continue
			}
		}
		return false
	}
	return true
}

// Scan finds the place names in text: spans that begin with a capital
// letter and whose folded tokens form a known name, the longest name
// winning. A name that is also a common English word ("Police", "Most")
// is skipped at the start of a sentence.
func (g *Gazetteer) Scan(text string) []Mention {
	return g.ScanContext(text, nil)
}

// ScanContext is Scan for a text from or about the given countries (ISO
// 3166-1 alpha-2 codes, as SearchOptions.Countries): each mention's
// candidates in those countries come first, most populous first, then the
// others, and score g.w.country more, as Search scores them. "Martuni" in
// a report from Armenia ranks Armenia's Martuni first, from Azerbaijan
// Azerbaijan's (Xocavənd). With no countries it is Scan.
func (g *Gazetteer) ScanContext(text string, countries []string) []Mention {
	// Find the names and rank each one's places, then give the mentions
	// pending their candidates, allocated at once and exactly sized: for
	// a short text at the end, for a long one whenever many are pending.
	var out []Mention
	var rstack [8 * maxMentionCandidates]ranked
	ranks := rstack[:0] // the ranked places of each pending mention in turn
	var nstack [32]uint8
	counts := nstack[:0] // how many places of ranks each pending mention has
	done := 0            // out[:done] have their candidates
	var buf []byte
	u := g.user.Load()
	for i := 0; ; {
		t, ok := nextToken(text, i)
		if !ok {
			break
		}
		if !t.upper {
			i = t.next
			continue
		}
		m := g.longest(text, t, u, &buf)
		if m.tokens > 1 && sentenceStart(text, t.start) {
			buf = appendFold(buf[:0], text[t.start:t.end])
			if _, ok := common[string(buf)]; ok {
				// "In La Rochelle": a name starting at the next token that
				// reaches further wins over "In La".
				if nt, ok := nextToken(text, t.next); ok && joins(text, t, nt.start) {
					if m2 := g.longest(text, nt, u, &buf); m2.end > m.end {
						i = nt.start
						continue
					}
				}
			}
		}
		if m.end == 0 || !g.mentionable(text, t, m.end, m.key, m.ukey, &buf) {
			i = t.next
			continue
		}
		var best [maxMentionCandidates]ranked
		n := g.rankPlaces(u, m.key, m.ukey, countries, &best)
		ranks = append(ranks, best[:n]...)
		counts = append(counts, uint8(n))
		out = append(out, Mention{Start: t.start, End: m.end, Text: text[t.start:m.end]})
		if len(ranks) >= maxPendingCandidates {
			g.giveCandidates(u, out[done:], ranks, counts)
			done, ranks, counts = len(out), ranks[:0], counts[:0]
		}
		i = m.next
	}
	if len(out) > done {
		g.giveCandidates(u, out[done:], ranks, counts)
	}
	return out
}

// maxPendingCandidates bounds the candidates ScanContext ranks before it
// allocates them.
const maxPendingCandidates = 64 * maxMentionCandidates

// giveCandidates sets the candidates of each mention of ms, counts[j] of
// ranks for ms[j], in one allocation.
func (g *Gazetteer) giveCandidates(u *overlay, ms []Mention, ranks []ranked, counts []uint8) {
	slab := make([]Candidate, len(ranks))
	for j := range ms {
		n := int(counts[j])
		cands := slab[:n:n]
		g.fillCandidates(u, ranks[:n], ms[j].Text, cands)
		ms[j].Candidates = cands
		slab, ranks = slab[n:], ranks[n:]
	}
}

// ranked is a place of a name and what ranks it among the name's places.
type ranked struct {
	pi  int32
	ctx bool // in one of the context countries
	pop int
}

// mentionable reports whether a name found at t, ending at end, may be a
// place: not a month or such, and if one word, not a common word that
// begins a sentence, nor shorter than three letters. buf is scratch space.
func (g *Gazetteer) mentionable(text string, t token, end int, k int32, ukey string, buf *[]byte) bool {
	if end > t.end {
		*buf = appendFold((*buf)[:0], text[t.start:t.end])
		always := common[string(*buf)]
		return !always
	}
	var key string
	if k >= 0 {
		key = g.key(k)
	} else {
		key = ukey
	}
	if len(key) < 3 {
		return false
	}
	always, ok := common[key]
	return !ok || !always && !sentenceStart(text, t.start)
}

// match is the longest name found at a token.
type match struct {
	key       int32  // base key, or -1
	ukey      string // overlay key when key < 0
	end, next int    // end of the name; where scanning resumes
	tokens    int
}

// longest returns the longest known name that starts at token t; its end
// is 0 when there is none. buf is scratch space.
func (g *Gazetteer) longest(text string, t token, u *overlay, buf *[]byte) match {
	best := match{key: -1}
	b := appendFold((*buf)[:0], text[t.start:t.end])
	defer func() { *buf = b }()
	if !g.ix.MayStart(b) && len(u.keys) == 0 {
		return best
	}
	cur := t
	for tokens := 1; ; tokens++ {
		k := index.Find(g.ix, b)
		isPrefix := false
		if k >= 0 {
			if len(g.postings(k)) > 0 {
				best = match{key: k, end: cur.end, next: cur.next, tokens: tokens}
			}
			isPrefix = g.ix.IsPrefix(k)
		}
		if len(u.keys) > 0 {
			if _, ok := u.keys[string(b)]; ok && cur.end > best.end {
				best = match{key: -1, ukey: string(b), end: cur.end, next: cur.next, tokens: tokens}
			}
			isPrefix = isPrefix || u.prefix[string(b)]
		}
		if !isPrefix || tokens == maxTokens || cur.end != cur.next {
			return best
		}
		nt, ok := nextToken(text, cur.next)
		if !ok || !joins(text, cur, nt.start) {
			return best
		}
		b = append(b, ' ')
		b = appendFold(b, text[nt.start:nt.end])
		cur = nt
	}
}

// rankPlaces puts in best the places of a key, at most maxMentionCandidates,
// those in countries first, then most populous first, and returns how
// many it put. Each posting's rank is read once, and no Place is decoded.
func (g *Gazetteer) rankPlaces(u *overlay, k int32, ukey string, countries []string, best *[maxMentionCandidates]ranked) int {
	var posts string // the base postings, then the overlay's places
	key := ukey
	if k >= 0 {
		key = g.key(k)
		posts = g.postings(k)
	}
	var more []int32
	if len(u.keys) > 0 {
		more = u.keys[key]
	}
	nbase := len(posts) / 3
	n := 0
	// before reports whether place a ranks before place b.
	before := func(a, b ranked) bool {
		if a.ctx != b.ctx {
			return a.ctx
		}
		return a.pop > b.pop
	}
next:
	for j := range nbase + len(more) {
		var pi int32
		if j < nbase {
			pi = index.Post(posts, j) & placeMask
		} else {
			pi = more[j-nbase] & placeMask
		}
		for _, b := range best[:n] {
			if b.pi == pi {
				continue next // filed twice: a name and a curated alias
			}
		}
		r := ranked{pi: pi, pop: u.population(g, pi)}
		r.ctx = len(countries) > 0 && slices.Contains(countries, u.country(g, pi))
		at := n
		for at > 0 && before(r, best[at-1]) {
			at--
		}
		if at == maxMentionCandidates {
			continue
		}
		if n < maxMentionCandidates {
			n++
		}
		copy(best[at+1:n], best[at:n-1])
		best[at] = r
	}
	return n
}

// fillCandidates writes into out the candidates of the ranked places;
// Matched is the span as the text writes it.
func (g *Gazetteer) fillCandidates(u *overlay, best []ranked, span string, out []Candidate) {
	for j, r := range best {
		p := u.place(g, r.pi)
		score := 1 + g.w.exact + g.w.pop*popScore(p.Population)
		if r.ctx {
			score += g.w.country
		}
		out[j] = Candidate{Place: p, Score: score, Matched: span, Similarity: 1}
	}
}

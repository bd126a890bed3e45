// Package who finds who makes each claim in a text: the spans of text that
// are attributed to a speaker ("X said", "according to X", quotes closed by
// `," the appeal said.`), with the chain of reporters ("Trend reports
// citing the appeal"), speech the quoted speaker reports of others ("you
// note that ..."), and denials.
//
// Naming rules. A claimant is named as the text names it, tidied: no
// leading article, no post-modifying clause. A definite description of an
// utterance ("the appeal", "the statement", "the letter") names its
// authors: first as they call themselves inside the quotes attributed to it
// ("As the NGOs of Azerbaijan ..., we"; "on behalf of the NGOs of ..."),
// else as the sentence that introduces it names them ("X made an appeal"),
// else the description stays. A bare pronoun ("he said") takes the claimant
// before it. Speech the claimant reports of its addressee or of a third
// party inside its own quote ("in the statement you note that ...", "your
// statement says that ...", "X's report claims that ...") is a nested span
// whose claimant is that party "(as described in the appeal)" or "(as
// described by Y)". The rules are the same for every party.
package who

import (
	"slices"
	"strings"
)

// Span is a region of text [Start, End) whose content is attributed to
// Claimant. Chain lists the speakers as the text names them, outermost
// reporter first (["Trend", "the appeal"]); Cue is the words that attribute
// it ("said", "according to", "citing", "you note that"). Spans may nest:
// the innermost span around a claim names its claimant (see At).
type Span struct {
	Start, End int
	Claimant   string
	Chain      []string
	Cue        string
}

// At returns the span of spans that names who claims what the text range
// [start, end) says, and whether there is one: the innermost span that
// contains the range's last byte, since spans nest and a claim ends with
// what is claimed (in "the statement you note that Khankendi was bombed"
// the claim ends inside the span of what "you note"); failing that, the
// span that overlaps the range most, the innermost on a tie. Spans must be
// in order of Start, as Attribute and Denials return them; At then looks
// only at the few around the range.
func At(spans []Span, start, end int) (Span, bool) {
	last := end - 1
	// k: the first span that starts after the range's last byte.
	k, _ := slices.BinarySearchFunc(spans, last+1, func(s Span, pos int) int {
		if s.Start < pos {
			return -1
		}
		return 1
	})
	// Spans that contain a position start before it; those that nest are
	// next to each other and the rest do not overlap, so a short look back
	// finds them.
	lo := max(0, k-nearby)
	best, ok := Span{}, false
	for _, s := range spans[lo:k] {
		if s.Start <= last && last < s.End && (!ok || s.End-s.Start < best.End-best.Start) {
			best, ok = s, true
		}
	}
	if ok {
		return best, true
	}
	bestOver := 0
	for _, s := range spans[lo:k] {
		over := min(end, s.End) - max(start, s.Start)
		if over <= 0 {
			continue
		}
		if over > bestOver || over == bestOver && s.End-s.Start < best.End-best.Start {
			best, bestOver, ok = s, over, true
		}
	}
	return best, ok
}

// nearby is how many spans before a position At examines.
const nearby = 16

// speechVerb reports whether lw is a verb of saying or reporting.
func speechVerb(lw string) bool {
	switch lw {
	case "said", "says", "say", "stated", "states", "told", "tells", "reported", "reports", "report", "claimed", "claims",
		"announced", "announces", "added", "adds", "noted", "notes", "wrote", "writes", "alleged", "alleges", "confirmed",
		"confirms", "insisted", "insists", "warned", "warns", "declared", "declares", "tweeted", "explained", "stressed",
		"emphasised", "emphasized", "accused", "accuses", "informed", "quoted", "cited", "asserted", "asserts", "charged":
		return true
	}
	return false
}

// doc holds the state of one Attribute call.
type doc struct {
	t      string
	qs     []quote
	spans  []Span
	used   map[int]bool // cue positions already spent on a quote
	raw    []string     // claimant as written, per span
	isDesc []bool       // the claimant is an utterance description
}

// Attribute returns the attributed spans of text in order of Start. See
// the package comment for how claimants are named.
func Attribute(text string) []Span {
	d := &doc{t: text, qs: quotes(text), used: map[int]bool{}}
	// News text attributes about one sentence in two; room for that
	// spares the appends their copying.
	est := len(text)/200 + 4
	d.spans, d.raw, d.isDesc = make([]Span, 0, est), make([]string, 0, est), make([]bool, 0, est)
	for qi := range d.qs {
		d.quoteSpan(qi)
	}
	d.sentenceSpans()
	d.sortSpans()
	d.resolve()
	n := len(d.spans)
	d.nested()
	if len(d.spans) > n {
		d.sortSpans()
	}
	return d.spans
}

// sortSpans puts the spans (and their raw claimants) in order of Start,
// outer before inner at the same Start.
func (d *doc) sortSpans() {
	less := func(a, b Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	}
	if slices.IsSortedFunc(d.spans, less) {
		return
	}
	idx := make([]int, len(d.spans))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return less(d.spans[a], d.spans[b]) })
	spans, raw, isDesc := make([]Span, len(idx)), make([]string, len(idx)), make([]bool, len(idx))
	for k, i := range idx {
		spans[k], raw[k], isDesc[k] = d.spans[i], d.raw[i], d.isDesc[i]
	}
	d.spans, d.raw, d.isDesc = spans, raw, isDesc
}

// add records a span with the claimant as written.
func (d *doc) add(s, e int, raw, cue string, chain []string) {
	if raw == "" || e <= s {
		return
	}
	if len(chain) == 0 {
		chain = []string{raw}
	}
	d.spans = append(d.spans, Span{Start: s, End: e, Claimant: raw, Chain: chain, Cue: cue})
	d.raw = append(d.raw, raw)
	d.isDesc = append(d.isDesc, description(raw) != "")
}

// quoteSpan attributes quote qi from the words after its closing mark
// (`," the appeal said.`, `," said X.`) or before its opening mark
// (`X said: "`).
func (d *doc) quoteSpan(qi int) {
	q := d.qs[qi]
	t := d.t
	if q.e-q.s < 2 {
		return
	}
	// After: up to the end of the sentence or the next quote.
	limit := len(t)
	if qi+1 < len(d.qs) {
		limit = d.qs[qi+1].s
	}
	i := q.close
	for k := 0; k < 12; k++ {
		ws, we := nextWord(t, i)
		if ws < 0 || ws >= limit || strings.ContainsAny(t[i:ws], ".!?\n;") && k > 0 || strings.Contains(t[i:ws], "\n") {
			break
		}
		lw := lowerWord(t[ws:we])
		if lw == "according" {
			if ts, te := wordAfter(t, we); ts >= 0 && t[ts:te] == "to" {
				name, _ := npAfter(t, te)
				d.addQuote(qi, name, "according to", te)
				d.used[ws] = true
				return
			}
		}
		if speechVerb(lw) && !nounUse(t, ws) {
			name := speakerBefore(t, ws)
			if name == "" {
				name, _ = npAfter(t, we)
			}
			if name != "" {
				d.used[ws] = true
				d.addQuote(qi, name, lw, we)
				return
			}
		}
		if !npWord(t[ws:we]) {
			break
		}
		i = we
	}
	// Before: `X said: "` or `X said, "` in the same sentence.
	j := q.s - 1
	for j > 0 && (t[j] == '"' || t[j] >= 0x80) && q.s-j <= 3 {
		j--
	}
	for j > 0 && (isSpace(t[j]) || t[j] == ':' || t[j] == ',') {
		j--
	}
	ws, we := wordBefore(t, j+1)
	// The cue may serve the quote before as well: `"A," X said, "b."`.
	if ws >= 0 && speechVerb(lowerWord(t[ws:we])) {
		name, _ := npBefore(t, ws)
		d.used[ws] = true
		d.addQuote(qi, name, lowerWord(t[ws:we]), we)
	}
}

// addQuote adds the span of quote qi; after is where the attribution's
// verb or name ends, to look for "citing Y" and "told Y".
func (d *doc) addQuote(qi int, name, cue string, after int) {
	if name == "" {
		return
	}
	chain := d.chainAfter(name, cue, after)
	if len(chain) > 1 && cue != "told" && cue != "tells" {
		cue += " citing"
	}
	// The span is the quoted words without the comma or space that ends
	// them before the closing mark.
	s, e := d.qs[qi].s, d.qs[qi].e
	for e > s && (isSpace(d.t[e-1]) || d.t[e-1] == ',') {
		e--
	}
	d.add(s, e, chain[len(chain)-1], cue, chain)
}

// chainAfter builds the chain for a speaker whose attribution continues
// after position i: "X reports citing Y" gives [X, Y]; "X told Reuters"
// gives [Reuters, X].
func (d *doc) chainAfter(name, cue string, i int) []string {
	t := d.t
	_, end := npAfter(t, i)
	if cue == "quoted" || cue == "cited" {
		// "Interfax quoted the mayor as saying".
		if src, _ := npAfter(t, i); src != "" {
			return []string{name, src}
		}
	}
	if cue == "told" || cue == "tells" {
		if medium, _ := npAfter(t, i); medium != "" && (capitalised(medium) || strings.HasPrefix(medium, "the ")) {
			return []string{medium, name}
		}
	}
	for _, from := range []int{i, end} {
		ws, we := wordAfter(t, from)
		if ws < 0 && from < len(t) && t[from] == ',' {
			ws, we = wordAfter(t, from+1)
		}
		if ws >= 0 && (lowerWord(t[ws:we]) == "citing" || lowerWord(t[ws:we]) == "quoting") {
			if src, _ := npAfter(t, we); src != "" {
				return []string{name, src}
			}
		}
	}
	return []string{name}
}

// sentenceSpans attributes sentences by a speech verb or "according to"
// outside quotes whose cue no quote has spent.
func (d *doc) sentenceSpans() {
	t := d.t
	lastEnd := -1
	for i := 0; i < len(t); {
		// Cues are ASCII words: scan runs of ASCII letters, and skip those
		// glued to digits or other letters.
		if c := t[i]; c|0x20 < 'a' || c|0x20 > 'z' {
			i++
			continue
		}
		ws := i
		for i < len(t) && t[i]|0x20 >= 'a' && t[i]|0x20 <= 'z' {
			i++
		}
		we := i
		if we-ws > 10 || we-ws < 4 || ws > 0 && isWordByte(t[ws-1]) || we < len(t) && isWordByte(t[we]) {
			continue
		}
		if capitalised(t[ws:we]) && t[ws:we] != "According" && t[ws:we] != "Citing" {
			continue // cues are lower-case but for these; skip the allocation
		}
		lw := lowerWord(t[ws:we])
		if lw != "according" && lw != "citing" && !speechVerb(lw) {
			continue
		}
		if d.used[ws] || inQuote(d.qs, ws) >= 0 {
			continue
		}
		var name, cue string
		var after int
		switch {
		case lw == "according":
			ts, te := wordAfter(t, we)
			if ts < 0 || t[ts:te] != "to" {
				continue
			}
			name, after = npAfter(t, te)
			cue = "according to"
		case lw == "citing":
			// "..., Trend reports citing the appeal" is handled at
			// "reports"; a bare "citing Y" attributes to Y.
			name, after = npAfter(t, we)
			cue = "citing"
		case speechVerb(lw) && !nounUse(t, ws):
			cue = lw
			name = speakerBefore(t, ws)
			after = we
			if name == "" && (lw == "quoted" || lw == "cited") {
				// "The mayor was quoted as saying".
				if ps, pe := wordBefore(t, ws); ps >= 0 && (t[ps:pe] == "was" || t[ps:pe] == "were" || t[ps:pe] == "is") {
					name = speakerBefore(t, ps)
					cue = t[ps:pe] + " " + lw
				}
			}
			if name == "" {
				// "..., said the ministry."
				if ps, pe := wordBefore(t, ws); ps < 0 || pe < ws && strings.ContainsAny(t[pe:ws], ",") {
					name, after = npAfter(t, we)
				}
			}
		default:
			continue
		}
		if name == "" {
			continue
		}
		ss, se := clauseAt(t, ws)
		if ss < lastEnd {
			continue // one attribution a sentence
		}
		chain := d.chainAfter(name, cue, after)
		if cue == "citing" {
			chain = []string{name}
		} else if len(chain) > 1 && cue != "told" && cue != "tells" && cue != "quoted" && cue != "cited" {
			cue += " citing"
		}
		d.add(ss, se, chain[len(chain)-1], cue, chain)
		lastEnd = se
		i = max(i, se)
	}
}

package who

import (
	"strings"
)

// description returns the noun of a definite description of an utterance
// ("the appeal" → "appeal"), or "".
func description(raw string) string {
	if len(raw) < 5 || !strings.EqualFold(raw[:4], "the ") {
		return ""
	}
	rest := raw[4:]
	if i := strings.LastIndexByte(rest, ' '); i >= 0 {
		if strings.Count(rest, " ") > 1 {
			return ""
		}
		rest = rest[i+1:]
	}
	if len(rest) > 12 {
		return ""
	}
	var buf [12]byte
	switch n := string(lowerInto(buf[:0], rest)); n {
	case "appeal", "statement", "letter", "report", "communique", "communiqué", "release", "petition", "message",
		"document", "address", "declaration", "resolution", "complaint", "note", "memorandum":
		return strings.Clone(n)
	}
	return ""
}

// resolve names the authors of descriptions, extends chains with the
// reporter that cites a speaker, and resolves pronouns.
func (d *doc) resolve() {
	// Reporters: "Trend reports citing the appeal" → later spans of "the
	// appeal" get Trend in front.
	prefix := map[string][]string{}
	for _, s := range d.spans {
		if len(s.Chain) > 1 {
			prefix[strings.ToLower(s.Chain[len(s.Chain)-1])] = s.Chain[:len(s.Chain)-1]
		}
	}
	authors := map[string]string{}
	for i := range d.spans {
		s := &d.spans[i]
		raw := d.raw[i]
		if len(prefix) == 0 || len(s.Chain) != 1 {
			// nothing to prepend
		} else if p, ok := prefix[strings.ToLower(raw)]; ok {
			s.Chain = append(append([]string(nil), p...), s.Chain...)
		}
		if d.isDesc[i] {
			key := strings.ToLower(raw)
			a, ok := authors[key]
			if !ok {
				a = d.authorsOf(raw)
				authors[key] = a
			}
			if a != "" {
				s.Claimant = a
			}
			continue
		}
		s.Claimant = cleanName(s.Claimant)
	}
	// Pronouns take the claimant of the span before them (spans are in
	// order of Start).
	prev := ""
	for i := range d.spans {
		s := &d.spans[i]
		if pronoun(s.Claimant) {
			if prev == "" {
				continue
			}
			s.Claimant = prev
		}
		prev = s.Claimant
	}
}

// authorsOf names who speaks as raw ("the appeal"): as they call themselves
// in the quotes attributed to raw, else as the sentence introducing the
// utterance names them; "" when neither says.
func (d *doc) authorsOf(raw string) string {
	t := d.t
	for i, s := range d.spans {
		if !strings.EqualFold(d.raw[i], raw) {
			continue
		}
		if n := selfName(t[s.Start:s.End]); n != "" {
			return n
		}
	}
	noun := description(raw)
	for _, is := range d.introductions(noun) {
		ss, _ := sentenceAt(t, is)
		// "X made an appeal": the subject before the verb.
		vs, ve := wordBefore(t, is)
		if vs >= 0 && (t[vs:ve] == "an" || t[vs:ve] == "a" || t[vs:ve] == "the" || t[vs:ve] == "its" || t[vs:ve] == "their") {
			vs, ve = wordBefore(t, vs)
		}
		if vs < 0 {
			continue
		}
		switch lowerWord(t[vs:ve]) {
		case "made", "issued", "released", "published", "sent", "signed", "adopted", "addressed", "wrote", "launched", "filed", "submitted", "make", "issue", "publish":
			if n := cleanName(strings.TrimSpace(t[ss:vs])); n != "" && len(n) < 200 {
				return n
			}
		}
	}
	return ""
}

// introductions returns the positions of the noun outside quotes, in order.
func (d *doc) introductions(noun string) []int {
	var out []int
	t := d.t
	for i := 0; i < len(t) && len(out) < 8; {
		ws, we := nextWord(t, i)
		if ws < 0 {
			break
		}
		i = we
		if we-ws == len(noun) && strings.EqualFold(t[ws:we], noun) && inQuote(d.qs, ws) < 0 {
			out = append(out, ws)
		}
	}
	return out
}

// selfName finds how a speaker names itself in its own words: "As the X,
// we ...", "We, the X, ...", "on behalf of the X".
func selfName(q string) string {
	for i := 0; i < len(q); {
		ws, we := nextWord(q, i)
		if ws < 0 {
			break
		}
		i = we
		w := q[ws:we]
		switch {
		case w == "As" || w == "as":
			c := strings.IndexByte(q[we:], ',')
			if c < 0 || c > 200 {
				continue
			}
			if ns, ne := wordAfter(q, we+c+1); ns >= 0 && strings.EqualFold(q[ns:ne], "we") {
				if n := cleanName(strings.TrimSpace(q[we : we+c])); n != "" && capitalised(firstName(n)) {
					return n
				}
			}
		case strings.EqualFold(w, "behalf"):
			if ns, ne := wordAfter(q, we); ns >= 0 && q[ns:ne] == "of" {
				if n, _ := npAfter(q, ne); n != "" {
					if n = cleanName(n); capitalised(firstName(n)) {
						return n
					}
				}
			}
		}
	}
	return ""
}

// firstName returns the first capitalised word of a name, or its first
// word: "NGOs of Azerbaijan" → "NGOs".
func firstName(n string) string {
	for _, f := range strings.Fields(n) {
		if capitalised(f) {
			return f
		}
	}
	if fs := strings.Fields(n); len(fs) > 0 {
		return fs[0]
	}
	return ""
}

// addresseeOf names whom the utterance raw ("the appeal") is addressed to
// or answers, from the sentence that introduces it: "an appeal in protest
// of Amnesty International's statement", "a letter to the UN".
func (d *doc) addresseeOf(raw string) string {
	t := d.t
	noun := description(raw)
	if noun == "" {
		return ""
	}
	for _, is := range d.introductions(noun) {
		_, se := sentenceAt(t, is)
		for i, k := is+len(noun), 0; k < 12; k++ {
			ws, we := nextWord(t, i)
			if ws < 0 || ws >= se {
				break
			}
			i = we
			w := t[ws:we]
			if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
				if n := properBefore(t, we); n != "" {
					return cleanName(n)
				}
			}
			if w == "to" {
				if n, _ := npAfter(t, we); n != "" && capitalised(firstName(n)) {
					return cleanName(n)
				}
			}
		}
	}
	return ""
}

package who

import "strings"

// reportVerb reports whether lw is a verb by which a speaker reports what
// another party said ("you note that", "their report claims that").
func reportVerb(lw string) bool {
	switch lw {
	case "note", "noted", "notes", "say", "said", "says", "claim", "claimed", "claims", "state", "stated", "states",
		"write", "wrote", "writes", "allege", "alleged", "alleges", "mention", "mentioned", "mentions", "report", "reported",
		"reports", "assert", "asserted", "asserts", "argue", "argued", "argues", "suggest", "suggested", "suggests", "accuse", "accused", "accuses":
		return true
	}
	return false
}

// utteranceNoun reports whether lw names something a party says or writes.
func utteranceNoun(lw string) bool {
	switch lw {
	case "statement", "report", "letter", "publication", "article", "release", "appeal", "message", "post", "tweet", "document", "briefing":
		return true
	}
	return false
}

// nested adds, inside each quote span, spans for speech the claimant
// reports of its addressee ("you note that ...", "your statement says
// that ...") or of a named third party ("X's report claims that ...", "X
// claims that ..."). The reported clause runs from "that" to the end of the
// clause: a comma before "but", "while", "whereas", "although", a
// semicolon, or the end of the sentence.
func (d *doc) nested() {
	t := d.t
	n := len(d.spans)
	for si := 0; si < n; si++ {
		outer := d.spans[si]
		if inQuote(d.qs, outer.Start) < 0 {
			continue
		}
		addressee := ""
		for i := outer.Start; i < outer.End; {
			ws, we := nextWord(t, i)
			if ws < 0 || ws >= outer.End {
				break
			}
			i = we
			lw := lowerWord(t[ws:we])
			if !reportVerb(lw) {
				continue
			}
			ts, te := wordAfter(t, we)
			if ts < 0 || te > outer.End || t[ts:te] != "that" {
				continue
			}
			// Who reports: the word(s) before the verb.
			ps, pe := wordBefore(t, ws)
			if ps < outer.Start || ps < 0 {
				continue
			}
			prev := t[ps:pe]
			var party, words string
			switch {
			case strings.EqualFold(prev, "you"):
				words = prev
			case utteranceNoun(lowerWord(prev)):
				os, oe := wordBefore(t, ps)
				if os < outer.Start || os < 0 {
					continue
				}
				owner := t[os:oe]
				switch {
				case strings.EqualFold(owner, "your"):
					words = owner + " " + prev
				case strings.HasSuffix(owner, "'s") || strings.HasSuffix(owner, "’s"):
					if name := properBefore(t, oe); name != "" {
						party, words = cleanName(name), name+" "+prev
					}
				}
			case capitalised(prev) && !strings.EqualFold(prev, "we") && !strings.EqualFold(prev, "i"):
				if name := properBefore(t, ws); name != "" && !pronoun(name) {
					party, words = cleanName(name), name
				}
			}
			if words == "" {
				continue
			}
			if party == "" {
				if addressee == "" {
					addressee = d.addresseeOf(d.raw[si])
					if addressee == "" {
						addressee = "the addressee"
					}
				}
				party = addressee
			}
			cs, ce := te, clauseEnd(t, te, outer.End)
			for cs < ce && isSpace(t[cs]) {
				cs++
			}
			if ce <= cs {
				continue
			}
			via := "as described by " + outer.Claimant
			if description(d.raw[si]) != "" {
				via = "as described in " + strings.ToLower(d.raw[si][:1]) + d.raw[si][1:]
			}
			chain := append(append([]string(nil), outer.Chain...), party)
			d.spans = append(d.spans, Span{Start: cs, End: ce, Claimant: party + " (" + via + ")", Chain: chain, Cue: strings.ToLower(prev) + " " + lw + " that"})
			d.raw = append(d.raw, words)
			d.isDesc = append(d.isDesc, false)
			i = ce
		}
	}
}

// clauseEnd returns where the clause that starts at i ends, at most at
// limit.
func clauseEnd(t string, i, limit int) int {
	for j := i; j < limit; j++ {
		switch t[j] {
		case ';', '\n':
			return j
		case ',':
			if ws, we := wordAfter(t, j+1); ws >= 0 {
				switch strings.ToLower(t[ws:we]) {
				case "but", "while", "whereas", "although", "though", "yet", "however":
					return j
				}
			}
		case '.', '!', '?':
			if endsSentence(t, j) && (j+1 == limit || j+1 < len(t) && isSpace(t[j+1])) {
				return j
			}
		}
	}
	return limit
}

package who

import "strings"

// Denials returns the sentences of text that deny or counter a claim
// ("denied", "rejected the claim", "dismissed ... as fake", "refuted", "did
// not fire"), in order, with the denier as Claimant: the speaker before the
// verb, or, for "we" and for words with no subject ("the reports are
// false"), the claimant of the attributed span around them. Cue is the
// denying words.
func Denials(text string) []Span {
	var out []Span
	var attributed []Span
	attributedDone := false
	lastEnd := -1
	for i := 0; i < len(text); {
		ws, we := nextWord(text, i)
		if ws < 0 {
			break
		}
		i = we
		if we-ws < 4 || we-ws > 16 {
			if !(we-ws == 3 && (text[ws:we] == "did" || text[ws:we] == "has")) && !(we-ws == 5 && lowerWord(text[ws:we]) == "never") {
				continue
			}
		}
		if w := text[ws:we]; capitalised(w) && w != "Never" && w != "Did" {
			continue
		}
		cue, subjAt, end, ok := denialCue(text, ws, we)
		if !ok {
			continue
		}
		ss, se := sentenceAt(text, ws)
		if ss < lastEnd {
			continue
		}
		name, raw := "", ""
		var chain []string
		if subjAt >= 0 {
			var ns int
			name, ns = npBefore(text, skipAdverbsBack(text, subjAt))
			raw = name
			// "our army never fired": the speaker's own side.
			if ps, pe := wordBefore(text, ns); name != "" && ps >= 0 {
				switch strings.ToLower(text[ps:pe]) {
				case "our", "my", "its", "their":
					name = "we"
				}
			}
		}
		if name == "" || strings.EqualFold(name, "we") || strings.EqualFold(name, "i") || pronoun(name) {
			if !attributedDone {
				attributed, attributedDone = Attribute(text), true
			}
			if s, ok := At(attributed, ws, we); ok {
				name, chain = s.Claimant, s.Chain
			} else if pronoun(name) {
				name = ""
			} else if name == "we" {
				name = cleanName(raw)
			}
		} else {
			name = cleanName(name)
		}
		if chain == nil {
			if raw == "" || pronoun(raw) || strings.EqualFold(raw, "we") {
				raw = name
			}
			chain = chainOf(raw)
		}
		out = append(out, Span{Start: ss, End: se, Claimant: name, Chain: chain, Cue: cue})
		lastEnd = se
		i = max(i, end)
	}
	return out
}

// chainOf is the chain of a denier named directly.
func chainOf(name string) []string {
	if name == "" {
		return nil
	}
	return []string{name}
}

// denialCue reports whether the word text[ws:we] begins a denial, with the
// cue words, where the denier's name ends (-1 if the cue takes none) and
// where the cue ends.
func denialCue(text string, ws, we int) (string, int, int, bool) {
	lw := lowerWord(text[ws:we])
	switch lw {
	case "denied", "denies", "deny", "denying", "refuted", "refutes", "refute", "refuting":
		return lw, ws, we, true
	case "rejected", "rejects", "dismissed", "dismisses", "disputed", "disputes", "rebuffed":
		_, se := sentenceAt(text, ws)
		if mentionsClaim(text[we:se]) {
			return lw, ws, we, true
		}
	case "did", "does", "do", "has", "have", "had", "never":
		// "did not fire", "never targeted", "has not shelled".
		j := we
		cue := lw
		if lw != "never" {
			ns, ne := wordAfter(text, j)
			if ns < 0 {
				return "", 0, 0, false
			}
			n := lowerWord(text[ns:ne])
			if n != "not" && n != "never" {
				return "", 0, 0, false
			}
			cue, j = lw+" "+n, ne
		}
		vs, ve := wordAfter(text, j)
		if vs >= 0 && attackVerb(lowerWord(text[vs:ve])) {
			return cue + " " + lowerWord(text[vs:ve]), ws, ve, true
		}
	case "false", "untrue", "baseless", "groundless", "fabricated", "fake", "unfounded":
		// "reports of shelling were false": a counter-claim by whoever
		// says it, when the word is said of something ("were false", "as
		// fake"), not an attribute ("a false flag").
		if ps, pe := wordBefore(text, ws); ps >= 0 {
			switch lowerWord(text[ps:pe]) {
			case "is", "are", "was", "were", "as", "been", "be", "completely", "absolutely", "entirely", "totally", "utterly":
				return lw, -1, we, true
			}
		}
		// "called the claims groundless", "branded the report fake": the
		// denier is who calls.
		if ss, _ := sentenceAt(text, ws); calledBefore(text[ss:ws]) >= 0 {
			return lw, ss + calledBefore(text[ss:ws]), we, true
		}
	case "disinformation", "misinformation":
		return lw, -1, we, true
	case "correspond":
		// "the information did not correspond to reality".
		if ps, pe := wordBefore(text, ws); ps >= 0 && strings.EqualFold(text[ps:pe], "not") {
			if rs, re := wordAfter(text, we); rs >= 0 && text[rs:re] == "to" {
				return "not correspond to", -1, re, true
			}
		}
	}
	return "", 0, 0, false
}

// mentionsClaim reports whether s speaks of a claim being rejected.
func mentionsClaim(s string) bool {
	s = strings.ToLower(s)
	for _, w := range []string{"claim", "accusation", "allegation", "report", "statement", "information", " as fake", " as false",
		" as lies", " as baseless", " as groundless", " as absurd", " as fabricated", " as untrue", "disinformation", "propaganda", "provocation"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// attackVerb reports whether lw is a verb of attack that a party may deny.
func attackVerb(lw string) bool {
	switch lw {
	case "fire", "fired", "shell", "shelled", "target", "targeted", "attack", "attacked", "strike", "struck", "bomb", "bombed",
		"use", "used", "kill", "killed", "launch", "launched", "hit", "open", "opened", "shoot", "shot", "carry", "carried":
		return true
	}
	return false
}

// skipAdverbsBack moves back from i over adverbs and auxiliaries between a
// subject and its denial verb ("categorically denied", "has denied").
func skipAdverbsBack(text string, i int) int {
	for k := 0; k < 3; k++ {
		ws, we := wordBefore(text, i)
		if ws < 0 {
			break
		}
		switch lowerWord(text[ws:we]) {
		case "categorically", "strongly", "flatly", "firmly", "also", "officially", "has", "have", "had", "again", "vehemently", "immediately", "swiftly", "later":
			i = ws
			continue
		}
		break
	}
	return i
}

// calledBefore returns where in s a verb of labelling ("called",
// "branded", "described") begins, for an adjective after it to complete,
// or -1.
func calledBefore(s string) int {
	for _, v := range []string{" called ", " branded ", " described ", " labelled ", " labeled ", " termed "} {
		if i := strings.Index(s, v); i >= 0 {
			return i + 1
		}
	}
	return -1
}

package who

import "strings"

// npWord reports whether a word may belong to the name of a speaker:
// capitalised words (names, titles, bodies) other than sentence adverbs,
// and lower-case determiners, connectors and nouns for speakers.
func npWord(w string) bool {
	lw := strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if capitalised(lw) {
		if len(lw) > 16 {
			return true
		}
		var buf [16]byte
		return !stopWord(string(lowerInto(buf[:0], lw)))
	}
	if stopWord(lw) {
		return false
	}
	switch lw {
	case "the", "a", "an", "its", "their", "his", "her", "of", "for", "and",
		"local", "regional", "national", "state", "official", "senior", "chief", "deputy", "foreign", "defence", "defense",
		"interior", "health", "emergency", "emergencies", "press", "human", "rights", "international", "military", "police", "army",
		"ministry", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokesmen", "service", "office", "official's", "officials",
		"authorities", "government", "governor", "mayor", "prosecutor", "prosecutor's", "sources", "source", "witnesses", "witness",
		"residents", "resident", "doctors", "doctor", "medics", "hospital", "agency", "committee", "commission", "council", "group",
		"organisation", "organization", "organisations", "organizations", "appeal", "statement", "report", "letter", "release",
		"communique", "communiqué", "mission", "monitors", "observers", "head", "commander", "president", "minister", "adviser",
		"advisor", "assistant", "aide", "representative", "ombudsman", "department", "centre", "center", "headquarters", "command",
		"staff", "channel", "television", "media", "outlet", "newspaper", "website", "news", "activists", "activist", "journalist",
		"journalists", "correspondent", "villagers", "relatives", "survivors", "survivor", "eyewitness", "eyewitnesses", "analysts",
		"experts", "researchers", "investigators", "team", "unit", "forces", "troops", "side", "officer", "officers", "secretary",
		"general", "director", "coordinator", "envoy", "ambassador", "embassy", "ngo", "ngos", "he", "she", "they", "it", "we", "i",
		"security", "civil", "public", "affairs", "information", "humanitarian", "medical", "rescue", "provincial", "district", "city",
		"county", "municipal", "federal", "central", "united", "relief", "workers", "worker", "paramedics", "hospitals", "coalition",
		"leader", "leaders", "militants", "rebels", "insurgents", "tv", "radio", "broadcaster", "body", "bodies", "charity", "watchdog",
		"ministry's", "agency's", "monitor", "watch", "institute", "union", "party", "parliament", "speaker", "member", "members":
		return true
	}
	// Any other noun-like word: not an adverb, participle or number.
	return len(lw) > 2 && !strings.HasSuffix(lw, "ly") && !strings.HasSuffix(lw, "ed") && !strings.HasSuffix(lw, "ing") &&
		lw[0] >= 'a' && lw[0] <= 'z'
}

// stopWord lists words that end a speaker's name when walking back from a
// verb: conjunctions, adverbs, auxiliaries and prepositions.
func stopWord(lw string) bool {
	switch lw {
	case "that", "which", "who", "whom", "whose", "when", "where", "while", "as", "because", "but", "if", "after", "before",
		"since", "on", "in", "at", "to", "from", "with", "by", "was", "were", "is", "are", "has", "have", "had", "been", "be",
		"also", "later", "earlier", "today", "yesterday", "not", "this", "there", "then", "thus", "however", "meanwhile",
		"moreover", "furthermore", "separately", "previously", "already", "so", "yet", "or", "nor", "than", "said", "says",
		"accordingly", "unfortunately", "nevertheless", "instead", "elsewhere", "finally", "first", "second",
		"would", "will", "could", "may", "might", "should", "must", "can", "did", "does", "do", "tonight", "overnight", "late",
		"during", "about", "into", "over", "under", "against", "between", "through", "per", "via", "what", "why", "how",
		"said,", "say", "told", "killed", "died", "hit", "struck", "fire", "its", "our", "your", "here", "all",
		"some", "many", "more", "most", "other", "others", "both", "each", "any", "no", "two", "three", "four", "five", "six",
		"seven", "eight", "nine", "ten", "dozens", "hundreds", "people", "civilians", "you", "them", "him", "us", "me", "one",
		"every", "least", "still", "even", "just", "only", "again", "now", "once", "up", "out", "off", "down", "away", "among",
		"within", "without", "near", "across", "around", "along", "behind", "beyond", "toward", "towards", "upon", "like",
		"unlike", "whether", "although", "though", "unless", "until", "whereas", "wherever", "whenever", "shelling", "attack",
		"attacks", "strikes", "strike", "rockets", "shells", "fighting", "clashes", "violence", "war", "conflict", "toll":
		return true
	}
	return false
}

// pronoun reports whether a claimant is a bare pronoun to resolve.
func pronoun(s string) bool {
	return strings.EqualFold(s, "he") || strings.EqualFold(s, "she") || strings.EqualFold(s, "they") || strings.EqualFold(s, "it")
}

// npBefore returns the speaker's name that ends at position i (just before
// a verb), walking back over name words, and its start; "" if none.
func npBefore(t string, i int) (string, int) {
	start := i
	for k := 0; k < 12; k++ {
		ws, we := wordBefore(t, start)
		if ws < 0 {
			break
		}
		if !npWord(t[ws:we]) {
			// "officials in Eastville": a place after a speaker.
			if w := t[ws:we]; (w == "in" || w == "from") && start < i && capitalised(t[start:]) {
				if ps, pe := wordBefore(t, ws); ps >= 0 && npWord(t[ps:pe]) {
					start = ws
					continue
				}
			}
			break
		}
		start = ws
	}
	return trimNP(t, start, i)
}

// speakerBefore returns the speaker's name before a verb at i, as written:
// "Kamran Aliyev, the prosecutor general," (a name and its apposition,
// which cleanName reduces to the name) or whatever npBefore finds.
func speakerBefore(t string, i int) string {
	j := i
	for j > 0 && isSpace(t[j-1]) {
		j--
	}
	if j > 0 && t[j-1] == ',' {
		title, ts := npBefore(t, j-1)
		k := ts
		for k > 0 && isSpace(t[k-1]) {
			k--
		}
		if title != "" && k > 0 && t[k-1] == ',' {
			if name := properBefore(t, k-1); name != "" {
				start := k - 1 - len(name)
				if start >= 0 && t[start:k-1] == name {
					return name + ", " + title
				}
			}
		}
		return ""
	}
	name, _ := npBefore(t, i)
	return name
}

// properBefore returns the proper name that ends at position i: capitalised
// words, with "of", "for" and "and" between them ("Amnesty International",
// "Ministry of Defence"); "" if none.
func properBefore(t string, i int) string {
	start := i
	for k := 0; k < 8; k++ {
		ws, we := wordBefore(t, start)
		if ws < 0 {
			break
		}
		w := t[ws:we]
		if capitalised(w) && !stopWord(lowerWord(w)) {
			start = ws
			continue
		}
		if w == "of" || w == "for" || w == "and" {
			if ps, pe := wordBefore(t, ws); ps >= 0 && capitalised(t[ps:pe]) {
				start = ws
				continue
			}
		}
		break
	}
	name, _ := trimNP(t, start, i)
	return name
}

// npAfter returns the speaker's name that begins at position i (just after
// a verb or "according to"), and its end; "" if none.
func npAfter(t string, i int) (string, int) {
	end := i
	s, _ := wordAfter(t, i)
	if s < 0 {
		return "", i
	}
	for k := 0; k < 12; k++ {
		ws, we := wordAfter(t, end)
		if ws < 0 || !npWord(t[ws:we]) {
			break
		}
		end = we
	}
	if end == i {
		return "", i
	}
	return trimNP(t, s, end)
}

// trimNP trims connectors at both ends of t[s:e] and returns the name and
// where it starts; a name with no content word is "".
func trimNP(t string, s, e int) (string, int) {
	if s >= e {
		return "", e
	}
	for s < e {
		ws, we := wordAfter(t, s)
		if ws < 0 || we > e {
			break
		}
		if w := t[ws:we]; w == "of" || w == "for" || w == "and" {
			s = we
			continue
		}
		break
	}
	for e > s {
		ws, we := wordBefore(t, e)
		if ws < s {
			break
		}
		switch t[ws:we] {
		case "of", "for", "and", "the", "a", "an", "its", "their", "his", "her":
			e = ws
			continue
		}
		break
	}
	name := strings.TrimSpace(t[s:e])
	if name == "" {
		return "", e
	}
	if len(name) <= 3 {
		for _, w := range [...]string{"the", "a", "an", "we", "i"} {
			if strings.EqualFold(name, w) {
				return "", e
			}
		}
	}
	for s < len(t) && isSpace(t[s]) {
		s++
	}
	if strings.ContainsAny(name, "\n\t\r") || strings.Contains(name, "  ") {
		name = strings.Join(strings.Fields(name), " ")
	}
	return name, s
}

// lowerInto appends w lower-cased (ASCII) to dst.
func lowerInto(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// cleanName tidies a name for use as a claimant: no leading article, no
// trailing possessive, and no post-modifying clause ("NGOs of Azerbaijan
// specialized in human rights protection" → "NGOs of Azerbaijan").
func cleanName(name string) string {
	name = strings.TrimSpace(name)
	start, end := 0, len(name)
	first := true
	for i := 0; i < len(name); first = false {
		ws, we := nextWord(name, i)
		if ws < 0 {
			break
		}
		i = we
		w := name[ws:we]
		if first {
			if (strings.EqualFold(w, "the") || strings.EqualFold(w, "a") || strings.EqualFold(w, "an")) && we < len(name) {
				start = we
				for start < len(name) && isSpace(name[start]) {
					start++
				}
			}
			continue
		}
		if ws > start && strings.ContainsAny(name[start:ws], ",;:") {
			end = start + strings.IndexAny(name[start:ws], ",;:")
			break
		}
		cut := false
		if !capitalised(w) {
			switch {
			case w == "united":
			case strings.HasSuffix(w, "ed"), strings.HasSuffix(w, "ing"):
				cut = true
			}
			switch w {
			case "who", "which", "that", "based", "working", "operating", "in", "on", "at", "from", "with":
				cut = true
			}
		}
		if cut && ws > start {
			end = ws
			break
		}
	}
	s := strings.TrimSpace(name[start:end])
	return strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
}

// nounUse reports whether the speech verb at ws is used as a noun: after a
// determiner or a possessive ("Human Rights Watch's report", "your
// statement", "the claims"), or, for the forms that are also plural nouns
// ("claims", "reports"), when what follows cannot begin what is said
// ("the Smerch claims groundless").
func nounUse(t string, ws int) bool {
	switch w := t[ws:wordEnd(t, ws)]; w {
	case "claims", "reports", "notes", "states", "report", "claim", "note", "state":
		ns, ne := wordAfter(t, wordEnd(t, ws))
		if ns >= 0 {
			n := t[ns:ne]
			if !capitalised(n) && !(n[0] >= '0' && n[0] <= '9') {
				switch strings.ToLower(n) { // n is not capitalised: no copy
				case "that", "the", "a", "an", "its", "their", "his", "her", "citing", "quoting", "some", "at", "up", "more",
					"about", "nearly", "over", "no", "none", "it", "they", "he", "she", "we", "there", "on", "in", "to",
					"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "several":
				default:
					return true
				}
			}
		}
	}
	ps, pe := wordBefore(t, ws)
	if ps < 0 {
		return false
	}
	w := t[ps:pe]
	if strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
		return true
	}
	if len(w) > 5 {
		return false
	}
	var buf [5]byte
	switch string(lowerInto(buf[:0], w)) {
	case "the", "a", "an", "its", "their", "his", "her", "your", "our", "my", "this", "these", "those", "such", "whose":
		return true
	}
	return false
}

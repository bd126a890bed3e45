package extract

import "strings"

// singular finds one person harmed without a number: "he was killed",
// "Ahmed Ali was shot dead", "the driver died", "killed Ahmed Ali".
func (ex *run) singular(toks []token, k, a, b int) (figure, bool) {
	lx := ex.lex
	t := &toks[k]
	if f, ok := ex.deathOf(toks, k, b); ok && !ex.protest(toks, a, b) {
		return f, true
	}
	tr, ok := lx.triggers[t.w]
	if t.w == "gunned" && k+1 < b && toks[k+1].w == "down" {
		tr, ok = trigger{kind: kKilled}, true
	} else if t.w == "down" && k > a && toks[k-1].w == "gunned" || t.w == "death" && k > a+1 && toks[k-1].w == "to" && toks[k-2].kind == tWord {
		tr, ok = trigger{kind: kKilled}, true
		k--
		if toks[k].w == "to" {
			k--
		}
	}
	if !ok || tr.kind == kDamage || tr.kind == kMissing || tr.nominal {
		if t.w == "body" && k > a && (bodyDet(toks[k-1].w) || toks[k-1].w == "dead" || toks[k-1].w == "riddled" ||
			k-1 > a && bodyDet(toks[k-2].w) && toks[k-1].kind == tWord && (strings.Contains(toks[k-1].w, "-") || strings.HasSuffix(toks[k-1].w, "ed"))) &&
			ex.foundAhead(toks, k+1, b) {
			// "his body", "her bullet-riddled body was found"
			return figure{kind: kKilled, q: quantity{i: k - 1, j: k + 1, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: "unknown"}, true
		}
		return figure{}, false
	}
	if t.w == "dead" && k > a && toks[k-1].w == "shot" {
		k--
	} else if t.w == "dead" {
		if f, ok := ex.shotDead(toks, k, a); ok {
			return f, true
		}
	}
	// Walk back over adverbs and auxiliaries.
	m := k - 1
	sing, plural := false, false
	for m >= a && auxWords[toks[m].w] {
		switch toks[m].w {
		case "was", "is", "has":
			sing = true
		case "were", "are", "have":
			plural = true
		}
		m--
	}
	if !sing && !plural && m > a && toks[m].w == "and" && tr.active {
		// "he was targeted by gunmen and killed": the auxiliary of the
		// first verb serves both.
		for n := m - 1; n >= a && n >= m-8; n-- {
			w := toks[n].w
			if toks[n].kind == tPunct || w == "were" || w == "are" || w == "have" {
				break
			}
			if w == "was" || w == "is" || w == "has" {
				sing, m = true, n-1
				for m >= a && auxWords[toks[m].w] {
					m--
				}
				break
			}
		}
	}
	if plural && (tr.kind == kKilled || tr.kind == kInjured) && !tr.nominal {
		return ex.pairSubject(toks, k, m, a, tr)
	}
	if !sing && tr.intrans && m >= a {
		// "the driver and his assistant died"
		if f, ok := ex.pairSubject(toks, k, m, a, tr); ok {
			return f, true
		}
	}
	if plural || m < a {
		return figure{}, false
	}
	if !sing && !tr.intrans && tr.active && k+1 < b && k > a && !auxWords[toks[k-1].w] {
		switch n := toks[k+1].w; n {
		case "him", "her", "himself", "herself":
			if n == "her" && k+2 < b && toks[k+2].kind == tWord && ex.personNoun(toks[k+2].w) {
				return ex.possessed(toks, k, b, tr)
			}
			return figure{kind: tr.kind, q: quantity{i: k + 1, j: k + 2, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: "unknown"}, true
		case "his", "their":
			return ex.possessed(toks, k, b, tr)
		case "the":
			if k+2 < b && toks[k+2].kind == tWord && !strings.HasSuffix(toks[k+2].w, "s") && !lx.nonVictim[toks[k+2].w] && !lx.objects[toks[k+2].w] &&
				(k+3 >= b || toks[k+3].kind != tWord || !strings.HasSuffix(toks[k+3].w, "s")) {
				return figure{kind: tr.kind, q: quantity{i: k + 1, j: k + 3, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: lx.victimsOf(toks, k+2, k+3)}, true
			}
		}
	}
	if !sing && !tr.active && !tr.nominal || !sing && (t.w == "killed" || t.w == "wounded" || t.w == "injured") {
		// a headline: "Ukrainian soldier killed", "Woman killed in shelling",
		// "Soldier reported killed"
		p := k - 1
		for p > a && p > k-3 && (toks[p].w == "reported" || toks[p].w == "reportedly" || toks[p].w == "confirmed" || toks[p].w == "found") {
			p--
		}
		if p >= a && toks[p].kind == tWord && (k == m+1 || p < k-1) {
			n := toks[p].w
			if (lx.civilian[n] || lx.military[n] || n == "man") && n[len(n)-1] != 's' && !strings.HasSuffix(n, "men") &&
				n != "police" && n != "army" && n != "militia" && n != "taliban" && n != "shabaab" && n != "personnel" &&
				n != "isis" && n != "aid" && n != "elderly" && n != "displaced" && n != "youth" && !(p > a && toks[p-1].w == "the") &&
				(k+1 >= b || !ex.takesObject(toks, k+1, b)) {
				return figure{kind: tr.kind, q: quantity{i: p, j: k, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: lx.victimsOf(toks, p, k)}, true
			}
		}
		// a name in a headline: "Taras Melnyk killed by sniper near Avdiivka"
		if t.w == "killed" && k == m+1 && k-2 >= a && toks[k-1].upper && toks[k-2].upper && toks[k-1].kind == tWord && toks[k-2].kind == tWord &&
			toks[k-1].f == 0 && toks[k-2].f == 0 && !strings.HasSuffix(toks[k-1].w, "s") && (k-3 < a || toks[k-3].kind != tWord || !toks[k-3].upper) &&
			(k+1 >= b || toks[k+1].f&fBreak != 0 || toks[k+1].kind == tPunct) && (k+1 >= b || !ex.takesObject(toks, k+1, b)) {
			return figure{kind: tr.kind, q: quantity{i: k - 2, j: k, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: "unknown"}, true
		}
	}
	if !sing && !tr.intrans && tr.active && k+1 < b {
		// "attack kills militiaman": a singular noun after an active verb,
		// perhaps after a word of nationality ("kills Ukrainian serviceman").
		j := k + 1
		if toks[j].upper && j+1 < b && toks[j+1].kind == tWord && !toks[j+1].upper && toks[j].f == 0 {
			j++
		} else if (toks[j].w == "a" || toks[j].w == "an") && j+1 < b {
			// "killing a cattle herder", "assassinate an army colonel"
			j++
			for n := 0; n < 2 && j+1 < b && toks[j+1].kind == tWord && toks[j].kind == tWord && !lx.breakers[toks[j+1].w] &&
				(!ex.personNoun(toks[j].w) || ex.personNoun(toks[j+1].w)); n++ {
				j++
			}
		}
		if n := toks[j].w; (lx.civilian[n] || lx.military[n] || n == "man") && n[len(n)-1] != 's' && !strings.HasSuffix(n, "men") &&
			n != "police" && n != "army" && n != "militia" && n != "taliban" && n != "shabaab" && n != "personnel" {
			return figure{kind: tr.kind, q: quantity{i: k + 1, j: j + 1, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: lx.victimsOf(toks, j, j+1)}, true
		}
	}
	if !sing && !tr.intrans {
		// "killed Ahmed Ali": an active harm word before a name.
		if tr.active && k+2 < b && toks[k+1].upper && toks[k+1].kind == tWord && toks[k+2].upper &&
			!months[toks[k+1].w] && lx.weekdays[toks[k+1].w] == 0 && toks[k+1].w != "sunday" &&
			(m < a || !lx.breakers[toks[m].w]) && k > a && toks[k-1].kind == tWord {
			return figure{kind: tr.kind, q: quantity{i: k + 1, j: k + 2, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: "unknown"}, true
		}
		return figure{}, false
	}
	if toks[m].w == ")" {
		for m > a && toks[m].w != "(" {
			m--
		}
		m--
	} else if toks[m].w == "," && (sing || tr.intrans) {
		// "Ujjal, 40, a bus passenger, was killed", "A policeman, ASHO Fard, died"
		n := m - 1
		for n > a && m-n < 10 && toks[n].w != "," {
			n--
		}
		if n > a && toks[n].w == "," {
			m = n - 1
			for m > a && toks[m].w == "," || m > a && toks[m].kind == tNum {
				m--
			}
			if m > a && toks[m].w == ")" {
				for m > a && toks[m].w != "(" {
					m--
				}
				m--
			}
		}
	}
	if m < a {
		return figure{}, false
	}
	s := &toks[m]
	if s.kind != tWord {
		return figure{}, false
	}
	v := "unknown"
	switch {
	case pronounsOne[s.w]:
	case s.upper && (m > a || s.f == 0 && !lx.civilian[s.w] && !lx.military[s.w] && !lx.person[s.w] && !lx.nonVictim[s.w] && !lx.objects[s.w] && !determiners[s.w]):
		// a name: "Kishor Dutta was injured"
		if lx.nonVictim[s.w] || lx.objects[s.w] {
			return figure{}, false
		}
		v = lx.victimsOf(toks, m, m+1)
	case lx.civilian[s.w] || lx.military[s.w] || s.w == "man" || s.w == "victim" || s.w == "person" || s.w == "individual":
		if s.w == "police" || s.w == "army" || s.w == "militia" || s.w == "taliban" || s.w == "shabaab" {
			return figure{}, false
		}
		if len(s.w) > 1 && s.w[len(s.w)-1] == 's' && !sing {
			return figure{}, false
		}
		v = lx.victimsOf(toks, m, m+1)
	default:
		return figure{}, false
	}
	return figure{kind: tr.kind, q: quantity{i: m, j: m + 1, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: v}, true
}

// possessed reads one person harmed named by a possessive after an active
// harm word at k: "killing his son", "wounded their driver", "shot her
// husband". A plural noun ("their children") or a thing ("his house") is
// no one person.
func (ex *run) possessed(toks []token, k, b int, tr trigger) (figure, bool) {
	j := k + 2
	if j < b && toks[j].kind == tWord && !ex.personNoun(toks[j].w) && j+1 < b && ex.personNoun(toks[j+1].w) {
		j++ // "his elder brother", "her teenage son"
	}
	if j >= b || toks[j].kind != tWord {
		return figure{}, false
	}
	w := toks[j].w
	if !ex.personNoun(w) || strings.HasSuffix(w, "s") || strings.HasSuffix(w, "men") || w == "police" || w == "family" ||
		w == "army" || w == "militia" || w == "personnel" || w == "children" || w == "relatives" {
		return figure{}, false
	}
	return figure{kind: tr.kind, q: quantity{i: k + 1, j: j + 1, lo: 1, hi: 1}, trig: k, parent: -1, weak: true,
		victims: ex.lex.victimsOf(toks, j, j+1)}, true
}

// pairSubject reads two people harmed when the subject joins one person
// to one more by "and his" or "along with her": "the DSP and his brother
// were shot dead", "a councillor and one of his friends were killed",
// "the leader along with his driver were gunned down". m is the last word
// before the auxiliaries of the harm word at k. The subject must hold no
// number and, before the join, no plural noun.
func (ex *run) pairSubject(toks []token, k, m, a int, tr trigger) (figure, bool) {
	// The join: "and his|her NOUN", "and one of his|her NOUN",
	// "along|together with his|her NOUN" ending at m.
	if m-2 < a || toks[m].kind != tWord {
		return figure{}, false
	}
	p := m - 1
	if toks[p].w != "his" && toks[p].w != "her" {
		return figure{}, false
	}
	if w := toks[m].w; ex.lex.nonVictim[w] || ex.lex.objects[w] {
		return figure{}, false // "and his car"
	}
	p--
	one := false
	if p-2 >= a && toks[p].w == "of" && toks[p-1].w == "one" {
		p -= 2
		one = true
	}
	switch {
	case toks[p].w == "and":
	case p-1 >= a && toks[p].w == "with" && (toks[p-1].w == "along" || toks[p-1].w == "together"):
		p--
	default:
		return figure{}, false
	}
	if w := toks[m].w; !one && (strings.HasSuffix(w, "s") || strings.HasSuffix(w, "men")) {
		return figure{}, false // "and his guards"
	}
	// The first person: from the clause's start to the join, no number, no
	// plural noun, no other verb of harm.
	start := a
	for n := p - 1; n >= a; n-- {
		if w := toks[n].w; subordinators[w] || w == ";" || w == ":" || w == "." {
			start = n + 1
			break
		}
	}
	if start >= p {
		return figure{}, false
	}
	for n := start; n < p; n++ {
		t := &toks[n]
		if t.kind == tNum && !(n > start && n+1 < p && toks[n-1].w == "," && toks[n+1].w == ",") {
			return figure{}, false // a figure, unless an age: "Ali, 45,"
		}
		if t.f&fTrig != 0 || auxWords[t.w] && t.w != "his" && t.w != "her" {
			return figure{}, false
		}
		if t.kind == tWord && !t.upper && (strings.HasSuffix(t.w, "s") && len(t.w) > 3 && ex.personNoun(t.w) ||
			strings.HasSuffix(t.w, "men") || t.w == "people" || t.w == "police" || t.w == "children") {
			return figure{}, false
		}
	}
	return figure{kind: tr.kind, q: quantity{i: start, j: m + 1, lo: 2, hi: 2}, trig: k, parent: -1,
		victims: ex.lex.victimsOf(toks, start, m+1)}, true
}

// singularPassive reads one person harmed from a singular passive harm
// word at k ("was shot dead", "has been killed") whose subject no other
// rule reads: "The general secretary of the local unit was shot dead", "A
// key suspect in the attacks was killed". The clause must hold no number
// before it, and the subject's last word must be no thing. It is the last
// rule tried.
func (ex *run) singularPassive(toks []token, k, a int) (figure, bool) {
	lx := ex.lex
	tr, ok := lx.triggers[toks[k].w]
	if toks[k].w == "dead" && k > a && toks[k-1].w == "shot" {
		k--
		tr, ok = trigger{kind: kKilled}, true
	} else if toks[k].w == "gunned" && k+1 < len(toks) && toks[k+1].w == "down" {
		tr, ok = trigger{kind: kKilled}, true
	}
	if !ok || tr.kind != kKilled && tr.kind != kInjured || tr.nominal || tr.noPassive {
		return figure{}, false
	}
	m, sing := k-1, false
	for m >= a && auxWords[toks[m].w] {
		switch toks[m].w {
		case "was", "is", "has":
			sing = true
		case "were", "are", "have":
			return figure{}, false
		}
		m--
	}
	// Past the end of an apposition: "Raja Ali, nephew of the mayor, was
	// killed", "a fighter - known as Rahim - was killed", "Ali (45) was".
	for m > a && toks[m].kind == tPunct {
		switch toks[m].w {
		case ",", "-", "\u2013", "\u2014", "'", "\u2019", "\"":
			m--
		case ")", "]":
			for m > a && toks[m].w != "(" && toks[m].w != "[" {
				m--
			}
			m--
		default:
			return figure{}, false
		}
	}
	if !sing || m < a || !ex.subjectOne(toks, m, a) {
		return figure{}, false
	}
	return figure{kind: tr.kind, q: quantity{i: m, j: m + 1, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: "unknown"}, true
}

// subjectOne reports whether the subject ending at m may be one person:
// its last word is no thing and the clause has no number or harm word
// before it.
func (ex *run) subjectOne(toks []token, m, a int) bool {
	lx := ex.lex
	if w := toks[m].w; lx.nonVictim[w] || lx.objects[w] || determiners[w] && w != "one" || toks[m].kind != tWord {
		return false
	}
	for n := m; n >= a; n-- {
		t := &toks[n]
		if subordinators[t.w] && n < m || t.w == ";" || t.w == ":" {
			break
		}
		if t.kind == tNum && !(n > a && n+1 <= m && (toks[n-1].w == "," && toks[n+1].w == "," || toks[n-1].w == "(" && toks[n+1].w == ")")) &&
			!(n+1 <= m && (strings.Contains(toks[n+1].w, "year") || toks[n+1].w == "-")) {
			return false // a figure elsewhere in the subject: "one of the 5 wounded"
		}
		if t.f&fTrig != 0 && n < m {
			return false
		}
		if w := t.w; w == "none" || w == "nobody" || w == "no" || w == "not" || w == "neither" {
			return false
		}
	}
	return true
}

// negation reads "no casualties", "nobody was killed", "no one was hurt".
func (ex *run) negation(toks []token, k, a, b, si int, figs []figure, used []bool) []figure {
	w := toks[k].w
	start := k + 1
	switch w {
	case "no":
		if k+1 < b && toks[k+1].w == "one" {
			start = k + 2
		}
	case "nobody", "none", "without":
	default:
		return figs
	}
	for m := start; m < b && m < start+5; m++ {
		x := toks[m].w
		if x == "casualties" || x == "casualty" || x == "causalities" || x == "causality" { // a common misspelling
			zero := quantity{i: k, j: m + 1, lo: 0, hi: 0}
			figs = append(figs, figure{kind: kKilled, q: zero, trig: m, sent: si, parent: -1, victims: "unknown"},
				figure{kind: kInjured, q: zero, trig: m, sent: si, parent: -1, victims: "unknown"})
			return figs
		}
		if tr, ok := ex.lex.triggers[x]; ok && tr.kind != kDamage {
			if w == "no" && start == k+1 && !tr.nominal && m != start {
				return figs
			}
			used[m] = true
			zero := quantity{i: k, j: m + 1, lo: 0, hi: 0}
			return append(figs, figure{kind: tr.kind, q: zero, trig: m, sent: si, parent: -1, victims: "unknown"})
		}
		if toks[m].kind == tPunct {
			return figs
		}
	}
	return figs
}

// determiners and pronouns that may open a sentence but name nobody.
var determiners = map[string]bool{"the": true, "this": true, "that": true, "it": true, "which": true,
	"there": true, "what": true, "nothing": true, "everything": true, "everyone": true, "one": true,
	"someone": true, "somebody": true, "nobody": true, "none": true, "each": true, "who": true, "they": true}

// personNoun reports whether w is a word for people.
func (ex *run) personNoun(w string) bool {
	return ex.lex.civilian[w] || ex.lex.military[w] || w == "man"
}

// shotDead reads "shot the local leader dead", "shot him dead": one person
// between "shot" and the "dead" at k.
func (ex *run) shotDead(toks []token, k, a int) (figure, bool) {
	for m := k - 1; m >= a && m >= k-12; m-- {
		w := toks[m].w
		if w == "shot" {
			if m+1 == k {
				return figure{}, false
			}
			l := k - 1
			for l > m && toks[l].w == "," {
				l--
			}
			last := toks[l].w
			if !pronounsOne[last] && (toks[l].kind != tWord || strings.HasSuffix(last, "s") && !toks[l].upper || last == "them") {
				return figure{}, false
			}
			return figure{kind: kKilled, q: quantity{i: m + 1, j: k, lo: 1, hi: 1}, trig: k, parent: -1, weak: true,
				victims: ex.lex.victimsOf(toks, m+1, k)}, true
		}
		if w == "," {
			continue // "shot Yadav, a contractor, dead"
		}
		if toks[m].kind != tWord || auxWords[w] || ex.lex.breakers[w] {
			return figure{}, false
		}
	}
	return figure{}, false
}

// bodyDet reports whether w may stand before "body" to make it one dead
// person's: "his body", "the body".
func bodyDet(w string) bool { return w == "his" || w == "her" || w == "the" }

// deathOf reads "the death of a 28-year-old youth", "the killing of Ali
// Khan": one person named after a noun of death at k.
func (ex *run) deathOf(toks []token, k, b int) (figure, bool) {
	switch toks[k].w {
	case "death", "killing", "murder", "assassination":
	default:
		return figure{}, false
	}
	j := k + 1
	if j+1 >= b || toks[j].w != "of" {
		return figure{}, false
	}
	j++
	if w := toks[j].w; w == "a" || w == "an" || w == "the" || w == "his" || w == "her" {
		j++
	}
	for j < b && (toks[j].kind == tNum || toks[j].w == "-" || strings.Contains(toks[j].w, "year")) {
		j++ // an age: "28-year-old"
	}
	if j >= b || toks[j].kind != tWord {
		return figure{}, false
	}
	n := j
	for !ex.personNoun(toks[n].w) && n+1 < b && toks[n+1].kind == tWord && !toks[n+1].upper && toks[n+1].f&fBreak == 0 &&
		toks[n+1].w != "of" && toks[n+1].w != "and" && n < j+2 {
		n++ // "a local trader": the head is last
	}
	w := toks[n].w
	name := toks[j].upper && j+1 < b && toks[j+1].upper && toks[j].f == 0
	plural := strings.HasSuffix(w, "s") || strings.HasSuffix(w, "men") || w == "police" || w == "personnel" || w == "people" || w == "children"
	if !name && !(ex.personNoun(w) && !plural) {
		return figure{}, false
	}
	return figure{kind: kKilled, q: quantity{i: k + 2, j: n + 1, lo: 1, hi: 1, single: true}, trig: k, parent: -1, weak: true,
		victims: ex.lex.victimsOf(toks, j, n+1)}, true
}

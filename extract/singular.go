package extract

import "strings"

// singular finds one person harmed without a number: "he was killed",
// "Ahmed Ali was shot dead", "the driver died", "killed Ahmed Ali".
func (ex *run) singular(toks []token, k, a, b int) (figure, bool) {
	lx := ex.lex
	t := &toks[k]
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
		if t.w == "body" && k > a && (toks[k-1].w == "his" || toks[k-1].w == "her" || toks[k-1].w == "the" || toks[k-1].w == "dead" || toks[k-1].w == "riddled") &&
			ex.foundAhead(toks, k+1, b) {
			return figure{kind: kKilled, q: quantity{i: k - 1, j: k + 1, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: "unknown"}, true
		}
		return figure{}, false
	}
	if t.w == "dead" && k > a && toks[k-1].w == "shot" {
		k--
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
	if plural || m < a {
		return figure{}, false
	}
	if !sing && !tr.intrans && tr.active && k+1 < b && k > a && !auxWords[toks[k-1].w] {
		switch n := toks[k+1].w; n {
		case "him", "her", "himself", "herself":
			return figure{kind: tr.kind, q: quantity{i: k + 1, j: k + 2, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: "unknown"}, true
		case "the":
			if k+2 < b && toks[k+2].kind == tWord && !strings.HasSuffix(toks[k+2].w, "s") && !lx.nonVictim[toks[k+2].w] && !lx.objects[toks[k+2].w] &&
				(k+3 >= b || toks[k+3].kind != tWord || !strings.HasSuffix(toks[k+3].w, "s")) {
				return figure{kind: tr.kind, q: quantity{i: k + 1, j: k + 3, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: lx.victimsOf(toks, k+2, k+3)}, true
			}
		}
	}
	if !sing && !tr.active && !tr.nominal || !sing && (t.w == "killed" || t.w == "wounded" || t.w == "injured") {
		// a headline: "Ukrainian soldier killed", "Woman killed in shelling"
		if p := k - 1; p >= a && toks[p].kind == tWord && k == m+1 {
			n := toks[p].w
			if (lx.civilian[n] || lx.military[n] || n == "man") && n[len(n)-1] != 's' && !strings.HasSuffix(n, "men") &&
				n != "police" && n != "army" && n != "militia" && n != "taliban" && n != "shabaab" && n != "personnel" &&
				n != "isis" && n != "aid" && n != "elderly" && n != "displaced" && n != "youth" && !(p > a && toks[p-1].w == "the") &&
				(k+1 >= b || !ex.takesObject(toks, k+1, b)) {
				return figure{kind: tr.kind, q: quantity{i: p, j: k, lo: 1, hi: 1}, trig: k, parent: -1, weak: true, victims: lx.victimsOf(toks, p, k)}, true
			}
		}
	}
	if !sing && !tr.intrans && tr.active && k+1 < b {
		// "attack kills militiaman": a singular noun after an active verb,
		// perhaps after a word of nationality ("kills Ukrainian serviceman").
		j := k + 1
		if toks[j].upper && j+1 < b && toks[j+1].kind == tWord && !toks[j+1].upper && toks[j].f == 0 {
			j++
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
		if x == "casualties" || x == "casualty" {
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

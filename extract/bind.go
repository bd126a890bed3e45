package extract

import "strings"

// activeAt reports whether the harm word before index i takes the figure
// after it: "killing three", "shot dead two", "left 3 dead" is passive.
func (ex *run) activeAt(toks []token, i, a int) (trigger, int, bool) {
	p := i - 1
	if p < a {
		return trigger{}, 0, false
	}
	w := toks[p].w
	if (w == "his" || w == "her" || w == "their") && p-1 >= a {
		p-- // "killing his two sons", "the death of their three children"
		w = toks[p].w
	}
	if w == "of" && p-1 >= a {
		switch toks[p-1].w {
		case "murder", "murders", "killing", "killings", "deaths", "death", "massacre", "lynching", "execution", "executions", "beheading":
			return trigger{kind: kKilled, active: true}, p - 1, true
		case "injury", "injuries", "wounding":
			return trigger{kind: kInjured, active: true}, p - 1, true
		}
	}
	if w == "alive" && p-1 >= a && (toks[p-1].w == "burnt" || toks[p-1].w == "burned" || toks[p-1].w == "buried") ||
		w == "dead" && p-1 >= a && (toks[p-1].w == "shot" || toks[p-1].w == "shooting") || w == "down" && p-1 >= a && toks[p-1].w == "gunned" ||
		w == "death" && p-1 >= a && toks[p-1].w == "to" {
		return trigger{kind: kKilled, active: true}, p, true
	}
	t, ok := ex.lex.triggers[w]
	if !ok || !t.active {
		return trigger{}, 0, false
	}
	// "were killed 3 days ago" is no figure; a passive before a number is rare.
	if p-1 >= a && auxWords[toks[p-1].w] && (toks[p-1].w == "were" || toks[p-1].w == "was" || toks[p-1].w == "been") {
		return trigger{}, 0, false
	}
	return t, p, true
}

// bindActive reads "killing three people", "destroyed 20 houses".
func (ex *run) bindActive(toks []token, q *quantity, a, b int) (figure, bool) {
	t, p, ok := ex.activeAt(toks, q.i, a)
	if !ok {
		return figure{}, false
	}
	lx := ex.lex
	// The noun after the figure, up to the next break.
	end := q.j
	age := false // "a 42-year old pastor"
	for end < b && end < q.j+5 && (toks[end].kind == tWord || toks[end].kind == tNum || toks[end].w == "-") && !lx.breakers[toks[end].w] && toks[end].w != "and" {
		if toks[end].kind == tNum {
			age = true
		}
		if _, isTrig := lx.triggers[toks[end].w]; isTrig {
			break
		}
		end++
	}
	if q.j < b && toks[q.j].kind == tWord && lx.nonVictim[toks[q.j].w] && t.kind != kDamage && !(q.j+1 < b && ex.personNoun(toks[q.j+1].w)) {
		return figure{}, false
	}
	f := figure{kind: t.kind, q: *q, trig: p, parent: -1, brk: isBreakdown(toks, q, a, b)}
	if t.kind == kDamage {
		obj := -1
		for k := q.j; k < end; k++ {
			if lx.objects[toks[k].w] {
				obj = k
			}
		}
		if obj < 0 {
			return figure{}, false
		}
		f.object, f.state = ex.phrase(toks, q.j, obj+1), t.state
		return f, true
	}
	for k := q.j; k < end; k++ {
		if w := toks[k].w; lx.objects[w] || lx.nonVictim[w] && !(age && (w == "year" || w == "years")) {
			if k+1 < end && ex.personNoun(toks[k+1].w) {
				continue // a modifier: "two cattle traders", "three bus passengers"
			}
			return figure{}, false
		}
	}
	f.victims = lx.victimsOf(toks, q.j, end)
	return f, true
}

// bindPassive reads "27 civilians were killed", "two dead", "5 houses were
// destroyed". When the figure is joined by "and" or a comma to a following
// one, it returns that one's first token as c.
func (ex *run) bindPassive(toks []token, q *quantity, a, b int) (f figure, ok bool, c int) {
	lx := ex.lex
	c = -1
	npEnd := -1
	inBrk := false   // inside "including ...": its figures are breakdowns
	passive := false // a passive auxiliary was seen: "were", "been"
	extra := 0
	defer func() {
		if ok && extra > 0 && q.single && f.q.lo == 1 && f.q.hi == 1 {
			f.q.lo, f.q.hi = 1+extra, 1+extra
		}
	}()
	steps := 0
	for k := q.j; k < b; k++ {
		if steps++; steps > 14 {
			break
		}
		t := &toks[k]
		if t.f&fTrig == 0 {
			// not a harm word: no lookup
		} else if tr, isTrig := lx.triggers[t.w]; isTrig && t.kind == tWord {
			if tr.nominal && (t.w == "lives" || t.w == "life") && k > q.j && toks[k-1].w != "their" && toks[k-1].w != "lost" &&
				toks[k-1].w != "his" && toks[k-1].w != "her" {
				return f, false, c
			}
			if tr.kind == kInjured && k+2 < b && toks[k+1].w == "and" && ex.killedAhead(toks, k+2, b) {
				continue // "was injured and later died": the later word counts
			}
			if tr.noPassive {
				return f, false, c // "a targeted killing"
			}
			if npEnd < 0 {
				npEnd = k
			}
			if !passive && tr.active && k+1 < b && ex.takesObject(toks, k+1, b) && !ex.figureThenHarm(toks, k+1, b) {
				return f, false, c // "a mob killed two extortionists", "police have killed a commander"
			}
			if tr.kind == kDamage && k+1 < b && toks[k+1].w == "alive" {
				tr = trigger{kind: kKilled}
			}
			if tr.kind == kDamage && k+2 < b && toks[k+1].w == "to" && toks[k+2].w == "death" {
				tr = trigger{kind: kKilled}
			}
			return ex.passiveFigure(toks, q, tr, k, npEnd, a, b)
		}
		if (t.w == "death" || t.w == "injury") && k == q.j {
			tk := byte(kKilled)
			if t.w == "injury" {
				tk = kInjured
			}
			return ex.passiveFigure(toks, q, trigger{kind: tk}, k, k, a, b) // "one death and four injuries"
		}
		if (t.w == "body" || t.w == "corpse") && ex.foundAhead(toks, k+1, b) {
			return ex.passiveFigure(toks, q, trigger{kind: kKilled, nominal: true}, k, k, a, b) // "a body was found"
		}
		if t.w == "death" && k > q.j && toks[k-1].w == "to" || t.w == "down" && k > q.j && toks[k-1].w == "gunned" {
			if t.w == "down" && !passive && k+1 < b && ex.takesObject(toks, k+1, b) && !ex.figureThenHarm(toks, k+1, b) {
				return f, false, c // "a patrol gunned down three cadres"
			}
			if npEnd < 0 {
				npEnd = k
			}
			return ex.passiveFigure(toks, q, trigger{kind: kKilled}, k, npEnd, a, b)
		}
		switch {
		case t.kind == tNum && inBrk:
			continue // "three civilians, including a 12-year-old boy, were killed"
		case t.kind == tNum:
			return f, false, c
		case t.kind == tPunct:
			switch t.w {
			case ",":
				if inBrk {
					continue
				}
				if npEnd < 0 && k+1 < b && lx.transparent[toks[k+1].w] {
					continue // "6 militants, belonging to a separatist group, were killed"
				}
				if e := apposition(toks, k, b); npEnd < 0 && e > 0 && e+1 < b && !ex.startsQuantity(&toks[e+1]) {
					k = e // "two men in Jaleshwar, Mahottari, were killed"
					continue
				}
				if k+2 < b && toks[k+1].w == "and" && ex.startsQuantity(&toks[k+2]) {
					c = k + 2
					return f, false, c
				}
				if k+1 < b {
					if nq, ok := readQuantity(toks[:b], k+1); ok && nq.bounded() && isBreakdown(toks, &nq, a, b) {
						k = skipTo(toks, k+1, b, ",")
						continue
					}
					if w := toks[k+1].w; w == "including" || w == "among" || w == "mostly" || w == "most" || w == "all" ||
						npEnd < 0 && (w == "who" || w == "aged" || w == "also" || w == "both") {
						if e := skipTo(toks, k+1, b, ","); e < b || w != "including" && w != "among" {
							k = e
							continue
						}
						// "four villagers, including a girl were killed": no
						// closing comma
						inBrk = true
						k++
						continue
					}
					if ex.startsQuantity(&toks[k+1]) {
						c = k + 1
					}
				}
				return f, false, c
			case "(", "[":
				k = skipTo(toks, k+1, b, map[string]string{"(": ")", "[": "]"}[t.w])
				continue
			case "'", "\u2019", "-", "/":
				continue
			}
			return f, false, c
		case t.w == "including" || t.w == "among" && npEnd < 0:
			inBrk = true
			continue
		case (t.w == "and" || t.w == "or" || t.w == "&") && k+1 < b && (lx.triggers[toks[k+1].w].kind != 0 || npEnd >= 0 && ex.harmAhead(toks, k+1, b)):
			continue // "was shot and killed", "were beaten and chopped to death"
		case t.w == "as" && k+2 < b && toks[k+1].w == "well" && toks[k+2].w == "as" && npEnd < 0:
			k += 2
			continue // "10 militants as well as foreigners were killed"
		case t.w == "and" && npEnd < 0 && !inBrk && k+2 < b && (toks[k+1].w == "his" || toks[k+1].w == "her") && toks[k+2].kind == tWord:
			extra++ // "a vendor and his wife were shot dead"
			k++
			continue
		case t.w == "to" && npEnd >= 0 && k+1 < b && (toks[k+1].w == "have" || toks[k+1].w == "be"):
			continue // "was reported to have been killed"
		case t.w == "and" || t.w == "or" || t.w == "&":
			if inBrk {
				continue
			}
			if k+1 < b && ex.startsQuantity(&toks[k+1]) {
				if nq, ok := readQuantity(toks[:b], k+1); ok && nq.bounded() {
					c = k + 1
					return f, false, c
				}
			}
			if npEnd >= 0 {
				return f, false, c // "were arrested and ..." : another verb
			}
			continue
		case t.f&fAux != 0:
			if npEnd < 0 {
				npEnd = k
			}
			switch t.w {
			case "was", "were", "is", "are", "been", "be", "being", "got", "get":
				passive = true
			}
			continue
		case t.w == "to" && k+1 < b && toks[k+1].w == "death":
			continue
		case t.f&fBreak != 0 && npEnd >= 0 && k+2 < b && toks[k+1].w == "and" && ex.harmAhead(toks, k+2, b):
			continue // "were kidnapped and later executed"
		case t.f&fBreak != 0:
			if t.w == "of" || t.w == "for" && k+1 < b && toks[k+1].w == "dead" {
				continue
			}
			if npEnd < 0 && lx.preps[t.w] && k-q.j < 7 {
				continue // "two men from the Hazara community were killed"
			}
			return f, false, c
		}
		if npEnd >= 0 && !t.upper {
			if strings.HasSuffix(t.w, "ly") && len(t.w) > 4 {
				continue // "were intentionally killed"
			}
			if k+2 < b && (toks[k+1].w == "to" && toks[k+2].w == "death" || toks[k+1].w == "and" && ex.harmAhead(toks, k+2, b)) {
				continue // "was chopped to death", "were kidnapped and shot dead"
			}
			return f, false, c // a verb after the auxiliaries: "were arrested"
		}
	}
	return f, false, c
}

func skipTo(toks []token, k, b int, w string) int {
	for ; k < b; k++ {
		if toks[k].w == w {
			return k
		}
	}
	return b
}

// passiveFigure checks the words between a figure and its harm word.
func (ex *run) passiveFigure(toks []token, q *quantity, tr trigger, k, npEnd, a, b int) (figure, bool, int) {
	lx := ex.lex
	f := figure{kind: tr.kind, q: *q, trig: k, parent: -1, brk: isBreakdown(toks, q, a, b)}
	if tr.kind == kDamage {
		obj := -1
		for m := q.j; m < npEnd; m++ {
			if lx.objects[toks[m].w] {
				obj = m
			}
		}
		if obj < 0 {
			return figure{}, false, -1
		}
		f.object, f.state = ex.phrase(toks, q.j, obj+1), tr.state
		return f, true, -1
	}
	if q.j < npEnd && lx.nonVictim[toks[q.j].w] && !(q.j+1 < npEnd && ex.peopleAfterModifier(toks[q.j+1].w)) {
		return figure{}, false, -1 // "5 rockets were fired", but "two cattle thieves were killed"
	}
	head := npEnd - 1
	for m := q.j; m < npEnd; m++ {
		if w := toks[m].w; w == "of" || w == "," || w == "(" || w == "including" || lx.preps[w] {
			head = m - 1
			if w == "of" && m > q.j && lx.kin[toks[m-1].w] {
				return figure{}, false, -1 // "dozens of relatives of a man killed"
			}
			break
		}
	}
	if head >= q.j && (lx.objects[toks[head].w] || lx.nonVictim[toks[head].w]) {
		return figure{}, false, -1
	}
	if q.single && q.j == npEnd && !q.more && q.i+1 == q.j && (toks[q.i].w == "a" || toks[q.i].w == "an") {
		return figure{}, false, -1 // "a killed man"
	}
	f.victims = lx.victimsOf(toks, q.j, npEnd)
	return f, true, -1
}

// phrase returns the text of tokens [i, j).
func (ex *run) phrase(toks []token, i, j int) string {
	if i >= j {
		return ""
	}
	return ex.text[toks[i].s:toks[j-1].e]
}

var pronounsOne = map[string]bool{"he": true, "she": true, "him": true, "her": true}

// apposition returns the closing comma of a name or an age set off by
// commas after the comma at k: ", Mahottari,", ", 40,", ", Ahmed Ali,";
// 0 when the words after k are no such aside.
func apposition(toks []token, k, b int) int {
	for m := k + 1; m < b && m <= k+4; m++ {
		t := &toks[m]
		switch {
		case t.w == ",":
			if m == k+1 {
				return 0
			}
			return m
		case t.kind == tWord && t.upper, t.kind == tNum && m == k+1 && m+1 < b && toks[m+1].w == ",":
		default:
			return 0
		}
	}
	return 0
}

// figureThenHarm reports whether a figure at k is followed by its own harm
// word: "1 policeman killed 5 injured", where the 5 are no object.
func (ex *run) figureThenHarm(toks []token, k, b int) bool {
	q, ok := readQuantity(toks[:b], k)
	if !ok || q.j >= b {
		return false
	}
	tr, isTrig := ex.lex.triggers[toks[q.j].w]
	return isTrig && !tr.noPassive && !tr.nominal && (tr.kind == kKilled || tr.kind == kInjured)
}

// peopleAfterModifier reports whether w, after a word that alone would
// count things ("cattle", "bus"), may name the people counted: "cattle
// traders", "cattle thieves".
func (ex *run) peopleAfterModifier(w string) bool {
	return ex.personNoun(w) || len(w) > 3 && w[len(w)-1] == 's' && !ex.lex.nonVictim[w] && !ex.lex.objects[w] && !eventNouns[w[:len(w)-1]]
}

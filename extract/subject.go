package extract

import "strings"

// subordinators open a clause whose verb is not the subject's: "two men
// were arrested after a guard was killed".
var subordinators = map[string]bool{
	"when": true, "after": true, "before": true, "because": true, "while": true, "as": true,
	"since": true, "if": true, "until": true, "following": true, "though": true, "although": true,
	"whereas": true, "but": true, "said": true, "says": true, "say": true, "told": true, "claimed": true,
	"than": true, "whether": true,
}

// subjectFigure reads a figure whose subject opens the sentence and whose
// harm word comes only after a long post-modifier: "A man accused of
// stealing goats was beaten to death", "Five policemen escorting a bus
// have been killed", "A villager who was beaten by police succumbed to his
// injuries". It is tried only when the sentence gave no figure of killed or
// injured people from its first quantity; qs are the sentence's
// quantities, used marks the harm words already bound, figs are the
// sentence's figures so far.
func (ex *run) subjectFigure(toks []token, a, b int, qs []quantity, used []bool, figs []figure) (figure, bool) {
	lx := ex.lex
	// An opening phrase of place or time is no subject: "In Bogra, the
	// president of the local unit was hacked to death".
	if toks[a].f&fBreak != 0 && toks[a].upper {
		for k := a + 1; k < b && k < a+7; k++ {
			if toks[k].w == "," {
				if k+1 < b {
					a = k + 1
				}
				break
			}
			if toks[k].kind != tWord && toks[k].kind != tNum {
				break
			}
		}
	}
	var q quantity
	switch {
	case len(qs) > 0 && qs[0].i == a:
		q = qs[0]
	case toks[a].w == "a" || toks[a].w == "an":
		q = quantity{i: a, j: a + 1, lo: 1, hi: 1, single: true}
	case toks[a].w == "the" && a+1 < b && toks[a+1].kind == tWord:
		// "the secretary of the local unit was shot dead": one person,
		// perhaps told of before, so weak
		q = quantity{i: a, j: a + 1, lo: 1, hi: 1, single: true, anaph: true}
	case toks[a].upper && toks[a].kind == tWord && toks[a].f&(fTrig|fQStart|fBreak|fSpeech|fAux|fCue) == 0:
		// no article, as in a headline: "Army soldier found near the
		// border was shot and killed"; one person only
		q = quantity{i: a, j: a, lo: 1, hi: 1, single: true}
	default:
		return figure{}, false
	}
	if q.anaph && toks[q.i].w != "the" || q.more {
		return figure{}, false
	}
	one := q.lo == 1 && q.hi == 1
	// The head noun: a word for people within a few words of the figure,
	// with nothing but words between.
	head := -1
	for k := q.j; k < b && k < q.j+6; k++ {
		t := &toks[k]
		if t.kind != tWord && t.w != "-" && t.w != "'" {
			break
		}
		w := t.w
		if (lx.nonVictim[w] || lx.objects[w]) && !(k+1 < b && ex.personNoun(toks[k+1].w)) {
			return figure{}, false
		}
		if lx.civilian[w] || lx.military[w] || lx.person[w] && w != "of" && w != "more" && w != "them" && w != "whom" {
			head = k
			if k+1 < b && toks[k+1].kind == tWord && (lx.civilian[toks[k+1].w] || lx.military[toks[k+1].w]) {
				continue // "a police officer", "a student leader"
			}
			break
		}
		if _, trig := lx.triggers[w]; trig || lx.breakers[w] || auxWords[w] && w != "their" && w != "his" && w != "her" {
			break
		}
	}
	if head < 0 {
		return figure{}, false
	}
	hw := toks[head].w
	if one && strings.HasSuffix(hw, "s") && hw != "police" || !one && (hw == "man" || hw == "person" || hw == "individual") {
		return figure{}, false
	}
	if q.i == q.j && (head > a+2 || hw == "police" || hw == "army" || hw == "militia" || lx.person[hw]) {
		return figure{}, false // no article: a short name for one person only
	}
	// The first harm word after the head, in the same clause.
	for k := head + 1; k < b; k++ {
		t := &toks[k]
		w := t.w
		if t.kind == tNum && (k+1 < b && (lx.nonVictim[toks[k+1].w] || lx.objects[toks[k+1].w] || months[toks[k+1].w] ||
			toks[k+1].w == "s" && toks[k+1].glued) || months[toks[k-1].w]) {
			continue // "a man accused of stealing 11 goats", "on June 29", "in their 20s"
		}
		if t.kind == tNum && k+1 < b && (toks[k-1].w == "(" && toks[k+1].w == ")" || toks[k-1].w == "," && toks[k+1].w == ",") {
			continue // an age: "Assistant constable Nehru Punem (40), posted at"
		}
		if subordinators[w] || t.kind == tNum || w == ";" || w == ":" || t.f&fProtest != 0 || w == "demanding" {
			return figure{}, false
		}
		if (w == "who" || w == "whose" || w == "which" || w == "that") && k > head+2 && toks[k-1].w != "," {
			return figure{}, false // a relative clause on another noun
		}
		if k > head+1 && ex.startsQuantity(t) && w != "a" && w != "an" {
			if nq, ok := readQuantity(toks[:b], k); ok && nq.bounded() && !ex.thingsAt(toks, nq.j, b) {
				return figure{}, false // another figure: "people gathered for two men who ..."
			}
		}
		if w == "where" {
			if k+2 < b && (toks[k+1].w == "they" || toks[k+1].w == "he" || toks[k+1].w == "she") && lx.triggers[toks[k+2].w].intrans {
				continue // "were taken to hospital where they died"
			}
			return figure{}, false
		}
		tr, ok := lx.triggers[w]
		if w == "death" && toks[k-1].w == "to" && k-2 > head && toks[k-2].w == "sentenced" {
			return figure{}, false
		}
		if w == "death" && toks[k-1].w == "to" || w == "down" && toks[k-1].w == "gunned" {
			tr, ok = trigger{kind: kKilled}, true
		}
		if !ok || t.kind != tWord {
			continue
		}
		if used[k] && !onlyBreakdowns(figs, k) {
			return figure{}, false
		}
		if tr.nominal && tr.kind == kInjured {
			continue // "a prisoner who suffered severe injuries ... died"
		}
		if tr.kind == kDamage && k+2 < b && toks[k+1].w == "to" && toks[k+2].w == "death" {
			continue // "was burnt to death": "death" counts
		}
		if tr.kind != kKilled && tr.kind != kInjured || tr.nominal || tr.noPassive {
			return figure{}, false
		}
		if tr.active && k+1 < b && ex.takesObject(toks, k+1, b) {
			return figure{}, false // "a man who killed two"
		}
		if tr.kind == kInjured && k+2 < b && toks[k+1].w == "and" && ex.killedAhead(toks, k+2, b) {
			continue
		}
		kin := false
		if one && !ex.agrees(toks, head+1, k, one, tr.intrans) {
			// "a policeman who worked for the unit and his mother were
			// killed": one more
			for m := head + 1; m+2 < k; m++ {
				if toks[m].w == "and" && (toks[m+1].w == "his" || toks[m+1].w == "her") && toks[m+2].kind == tWord && ex.agrees(toks, m+2, k, false, tr.intrans) {
					kin = true
					break
				}
			}
			if !kin {
				return figure{}, false
			}
		} else if !ex.agrees(toks, head+1, k, one, tr.intrans) {
			if tr.kind == kInjured && !tr.nominal {
				continue // "a woman injured in the raid later died"
			}
			return figure{}, false
		}
		f := figure{kind: tr.kind, q: q, trig: k, parent: -1, victims: lx.victimsOf(toks, q.j, head+1)}
		if kin {
			f.q.lo, f.q.hi = 2, 2
			return f, true
		}
		if q.single {
			f.weak, f.q.anaph = true, false
		}
		return f, true
	}
	return figure{}, false
}

// agrees reports whether the auxiliaries between the subject's head and a
// harm word at k agree with the subject in number: "was", "is", "has" for
// one person, "were", "are", "have" for more. An intransitive harm word
// needs none: "a villager who was beaten succumbed".
func (ex *run) agrees(toks []token, from, k int, one, intrans bool) bool {
	for m := k - 1; m >= from; m-- {
		switch toks[m].w {
		case "was", "is", "has":
			return one
		case "were", "are", "have":
			return !one
		}
	}
	return intrans
}

// thingsAt reports whether the words after a figure ending at j count
// things, not people: "several militant groups", "two vehicles".
func (ex *run) thingsAt(toks []token, j, b int) bool {
	for k := j; k < b && k < j+3; k++ {
		if w := toks[k].w; ex.lex.nonVictim[w] || ex.lex.objects[w] {
			return true
		}
		if toks[k].kind != tWord {
			return false
		}
	}
	return false
}

// onlyBreakdowns reports whether the figures read from the harm word at k
// are all breakdowns: "eight men, including a militant, were killed".
func onlyBreakdowns(figs []figure, k int) bool {
	for i := range figs {
		if figs[i].trig == k && !figs[i].brk {
			return false
		}
	}
	return true
}

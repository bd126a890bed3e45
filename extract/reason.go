package extract

// unitName reports whether q is part of a name: "One JCO of 12 Assam Rifles".
func unitName(toks []token, q *quantity, a, b int) bool {
	return q.i > a && toks[q.i-1].w == "of" && toks[q.i].kind == tNum && q.j < b && toks[q.j].upper &&
		!(q.i-2 >= a && (toks[q.i-2].w == "out" || toks[q.i-2].w == "killing" || toks[q.i-2].w == "murder" || toks[q.i-2].w == "deaths"))
}

// takesObject reports whether the words at k are the object of a verb
// before them: a figure, a determiner, a pronoun.
func (ex *run) takesObject(toks []token, k, b int) bool {
	if toks[k].w == "at" {
		// "killed at least two", but "troops killed at the airport"
		return k+1 < b && (toks[k+1].w == "least" || toks[k+1].w == "most")
	}
	switch toks[k].w {
	case "a", "an", "the", "his", "her", "him", "them", "their", "its", "two", "three", "several", "at", "more",
		"dozens", "scores", "hundreds", "one", "some", "many", "all", "both", "another":
		return true
	}
	return toks[k].kind == tNum
}

// protest reports whether tokens [a, b) tell of a protest.
func (ex *run) protest(toks []token, a, b int) bool {
	for k := a; k < b; k++ {
		if toks[k].f&fProtest != 0 || toks[k].w == "demanding" {
			return true // "blocked the road demanding the arrest of the killers of two men"
		}
	}
	return false
}

// reasonBefore reports whether a word giving a protest's reason comes
// before token i: "against", "over", "after", "condemn".
func (ex *run) reasonBefore(toks []token, a, i int) bool {
	for k := a; k < i; k++ {
		if ex.lex.reason[toks[k].w] && toks[k].w != "for" && toks[k].w != "into" && toks[k].f&fProtest == 0 {
			return true
		}
	}
	return false
}

// harmAhead reports whether a harm word comes within three words of k.
func (ex *run) harmAhead(toks []token, k, b int) bool {
	for m := k; m < b && m < k+3; m++ {
		if _, ok := ex.lex.triggers[toks[m].w]; ok || toks[m].w == "death" {
			return true
		}
		if toks[m].kind == tPunct {
			return false
		}
	}
	return false
}

// givenReason reports whether figure f is the object of "the killing of",
// "the death of" after a word of cause: "protest the killing of two".
func (ex *run) givenReason(toks []token, a int, f figure) bool {
	k := f.trig
	if k+1 >= len(toks) || toks[k+1].w != "of" && toks[k].w != "of" {
		if k > a && (toks[k].w == "killing" || toks[k].w == "death" || toks[k].w == "murder") {
			// "over the killing of" handled below; plain "killing" is a verb
		}
		return false
	}
	for m := k - 1; m >= a && m >= k-4; m-- {
		if ex.lex.reason[toks[m].w] {
			return true
		}
	}
	return false
}

// historic returns where tokens [a, b) start to tell of an earlier time,
// or -1: the word "anniversary" (figures before it are still this
// event's), else the start of the sentence for "years ago" or a year well
// before the dateline.
func (ex *run) historic(toks []token, a, b int) int {
	at := -1
	for k := a; k < b; k++ {
		switch w := toks[k].w; {
		case w == "anniversary":
			if at < 0 {
				at = k
			}
		case w == "ago" && k > a && (toks[k-1].w == "years" || toks[k-1].w == "decades"):
			return a
		case toks[k].kind == tNum && len(w) == 4 && !ex.published.IsZero():
			y := 0
			for i := 0; i < 4; i++ {
				y = y*10 + int(w[i]-'0')
			}
			if y >= 1900 && y < ex.published.Year()-1 && k > a && (toks[k-1].w == "in" || toks[k-1].w == "since" || toks[k-1].w == "," || months[toks[k-1].w]) {
				return a
			}
		}
	}
	return at
}

// killedAhead reports whether a word of death comes within three words of k.
func (ex *run) killedAhead(toks []token, k, b int) bool {
	for m := k; m < b && m < k+3; m++ {
		if tr, ok := ex.lex.triggers[toks[m].w]; ok && tr.kind == kKilled || toks[m].w == "death" {
			return true
		}
		if toks[m].kind == tPunct {
			return false
		}
	}
	return false
}

// foundAhead reports whether "found" or "recovered" comes within a few
// words of k: "the body of a trader was found".
func (ex *run) foundAhead(toks []token, k, b int) bool {
	for m := k; m < b && m < k+12; m++ {
		switch toks[m].w {
		case "found", "recovered", "discovered", "fished":
			return true
		case ".", ";":
			return false
		}
	}
	return false
}

// isAge reports whether q is an age set off after a name: "Kamal Hossain,
// 30, a driver", "Prahlad Singh (40)".
func isAge(toks []token, q *quantity, a, b int) bool {
	if toks[q.i].kind != tNum || q.lo != q.hi || q.lo > 110 || q.i-2 < a || q.j >= b {
		return false
	}
	open, shut := toks[q.i-1].w, toks[q.j].w
	return (open == "," && (shut == "," || shut == ")") || open == "(" && shut == ")") && toks[q.i-2].upper
}

// harmWord returns the first word of death in tokens [a, b), or -1.
func (ex *run) harmWord(toks []token, a, b int) int {
	for k := a; k < b; k++ {
		if tr, ok := ex.lex.triggers[toks[k].w]; ok && tr.kind == kKilled || toks[k].w == "toll" {
			return k
		}
	}
	return -1
}

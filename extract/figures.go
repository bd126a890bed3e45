package extract

import "strings"

// figure is one count of harm found in a sentence.
type figure struct {
	kind    byte
	q       quantity
	victims string
	sent    int // sentence index
	trig    int // token of the harm word
	parent  int // figure this one breaks down, -1 if none
	id      int // index in the document's figures before claims sorts them
	update  bool
	weak    bool // inferred from a singular verb or name, no number
	brk     bool // a breakdown: "including 7 children", "3 of them women"
	cum     bool // told in a sentence of running totals
	object  string
	state   string
}

// auxWords may stand between the people counted and the harm word.
var auxWords = map[string]bool{
	"were": true, "was": true, "are": true, "is": true, "been": true, "have": true, "has": true,
	"had": true, "be": true, "being": true, "also": true, "all": true, "reported": true, "confirmed": true,
	"feared": true, "believed": true, "later": true, "instantly": true, "immediately": true,
	"critically": true, "seriously": true, "severely": true, "slightly": true, "fatally": true,
	"badly": true, "lightly": true, "mortally": true, "gravely": true, "left": true, "remain": true,
	"remained": true, "still": true, "got": true, "get": true, "sustained": true, "suffered": true,
	"received": true, "lost": true, "their": true, "his": true, "her": true, "shot": true, "gunned": true,
	"hacked": true, "stabbed": true, "beaten": true, "burnt": true, "burned": true, "found": true,
	"now": true, "either": true, "both": true, "were.": true, "reportedly": true, "allegedly": true,
	"totally": true, "completely": true, "partially": true, "partly": true, "heavily": true,
	"wounded": true, "injured": true, "presumed": true, "declared": true, "pronounced": true,
	"been.": true, "subsequently": true, "eventually": true, "apparently": true, "said": true, "discovered": true,
}

// sentenceFigures finds the figures of harm in toks[a:b], sentence number
// si, appending them to figs.
func (ex *run) sentenceFigures(toks []token, a, b, si int, figs []figure, qs []quantity, used []bool) ([]figure, []quantity) {
	lx := ex.lex
	// A cheap look for a harm word first: most sentences have none.
	has := false
	for k := a; k < b; k++ {
		if toks[k].f&(fTrig|fCue) != 0 {
			has = true
			break
		}
	}
	if !has {
		return figs, qs
	}
	qs = qs[:0]
	for i := a; i < b; {
		if !ex.startsQuantity(&toks[i]) {
			i++
			continue
		}
		q, ok := readQuantity(toks[:b], i)
		if !ok || !q.bounded() || i > a && (toks[i-1].w == "no" || unitName(toks, &q, a, b) || isAge(toks, &q, a, b)) {
			i++
			continue
		}
		qs = append(qs, q)
		i = q.j
	}
	for k := a; k < b; k++ {
		used[k] = false
	}
	first := len(figs)
	kind := make([]byte, len(qs))
	coord := make([]int, len(qs))
	for n := range qs {
		coord[n] = -1
	}
	// Negations: "no casualties", "nobody was killed", "no one was hurt".
	for k := a; k < b; k++ {
		if w := toks[k].w; len(w) >= 2 && (w[0] == 'n' || w[0] == 'w') {
			figs = ex.negation(toks, k, a, b, si, figs, used) // "no", "nobody", "none", "without"
		}
	}
	boundTo := -1 // the harm word the last passive figure reached
	for n := range qs {
		q := &qs[n]
		if q.i < boundTo {
			if isBreakdown(toks, q, a, b) && len(figs) > first {
				// "7 civilians, 3 of them women, were killed"
				g := figs[len(figs)-1]
				g.q, g.brk = *q, true
				g.victims = lx.victimsOf(toks, q.j, min(q.j+3, b))
				if g.victims == "unknown" {
					g.victims = figs[len(figs)-1].victims
				}
				kind[n] = g.kind
				figs = append(figs, g)
			}
			continue // "a member from an armed group was killed"
		}
		q.anaph = q.anaph || q.i > a && (toks[q.i-1].w == "the" || toks[q.i-1].w == "these" || toks[q.i-1].w == "those")
		// "1 policeman killed 5 injured": the harm word already took the
		// figure before it and does not take this one as its object.
		if boundTo >= 0 && q.i-1 == boundTo {
			if f, ok, _ := ex.bindPassive(toks, q, a, b); ok {
				boundTo = f.trig
				f.sent = si
				kind[n] = f.kind
				used[f.trig] = true
				figs = append(figs, f)
			}
			continue
		}
		if f, ok := ex.bindActive(toks, q, a, b); ok {
			f.sent = si
			kind[n] = f.kind
			used[f.trig] = true
			figs = append(figs, f)
			continue
		}
		f, ok, c := ex.bindPassive(toks, q, a, b)
		if ok && ex.agentBefore(toks, q, &f, qs[n+1:], b) {
			continue // "gunmen riding a motorcycle shot dead two policemen"
		}
		if ok {
			boundTo = f.trig
			f.sent = si
			kind[n] = f.kind
			used[f.trig] = true
			figs = append(figs, f)
			continue
		}
		if n > 0 && kind[n-1] != 0 && q.i > a && (toks[q.i-1].w == "and" || toks[q.i-1].w == ",") && qs[n-1].j <= q.i-1 && q.i-1-qs[n-1].j <= 5 {
			// "killed an official and two others": shares the earlier verb.
			pf := figs[len(figs)-1]
			if pf.q.i == qs[n-1].i && pf.trig < qs[n-1].i && !q.anaph {
				g := pf
				g.q = *q
				g.brk = isBreakdown(toks, q, a, b)
				g.victims = lx.victimsOf(toks, q.j, min(q.j+3, b))
				kind[n] = g.kind
				figs = append(figs, g)
				continue
			}
		}
		if c >= 0 {
			for m := n + 1; m < len(qs); m++ {
				if qs[m].i == c {
					coord[n] = m
				}
			}
		}
	}
	// "two civilians and a soldier were killed": the first shares the verb.
	for n := len(qs) - 1; n >= 0; n-- {
		m := coord[n]
		if m < 0 || kind[m] == 0 || kind[n] != 0 {
			continue
		}
		if j := qs[n].j; j < b && (lx.nonVictim[toks[j].w] || lx.objects[toks[j].w]) {
			continue // "25 times over 24 hours, five persons killed"
		}
		if !ex.headIsPerson(toks, qs[n].j, b) {
			continue // "during a raid on a camp, a commander was killed"
		}
		for _, f := range figs[first:] {
			if f.q.i == qs[m].i {
				g := f
				g.q = qs[n]
				g.victims = lx.victimsOf(toks, qs[n].j, qs[m].i)
				g.brk = false
				figs = append(figs, g)
				kind[n] = f.kind
				break
			}
		}
	}
	// Death tolls: "the death toll rose to 13".
	for k := a; k < b; k++ {
		if toks[k].w != "toll" {
			continue
		}
		tk := byte(kKilled)
		if k > a && (toks[k-1].w == "injury" || toks[k-1].w == "injuries") {
			tk = kInjured
		}
		upd := false
		for n := range qs {
			q := qs[n]
			if q.i <= k || q.i > k+9 || kind[n] != 0 || q.single && toks[q.i].kind == tWord && toks[q.i].w != "one" {
				continue
			}
			gap := false
			for m := k + 1; m < q.i; m++ {
				if lx.toll[toks[m].w] {
					upd = true
				}
				if toks[m].kind == tPunct && toks[m].w != "," || toks[m].kind == tNum {
					gap = true
				}
			}
			if gap {
				break
			}
			kind[n] = tk
			used[k] = true
			figs = append(figs, figure{kind: tk, q: q, victims: "unknown", sent: si, trig: k, parent: -1, update: upd})
			break
		}
	}
	// A toll raised without the word "toll": "the number was raised to 16".
	for n := range qs {
		q := qs[n]
		if kind[n] != 0 || q.i < a+2 || toks[q.i-1].w != "to" || !(lx.toll[toks[q.i-2].w] || toks[q.i-2].w == "raised") {
			continue
		}
		if k := ex.harmWord(toks, a, b); k >= 0 {
			kind[n] = kKilled
			figs = append(figs, figure{kind: kKilled, q: q, victims: "unknown", sent: si, trig: k, parent: -1, update: true})
		}
	}
	// "kidnapped two villagers and killed them": the pronoun takes the
	// figure of people named before it.
	for k := a + 1; k+1 < b; k++ {
		if toks[k+1].w != "them" || used[k] || toks[k].f&fTrig == 0 {
			continue
		}
		if tr := lx.triggers[toks[k].w]; !tr.active || tr.kind != kKilled && tr.kind != kInjured {
			continue
		}
		for n := len(qs) - 1; n >= 0; n-- {
			q := qs[n]
			if q.j > k || kind[n] != 0 || q.single || q.j >= b || !ex.personNoun(toks[q.j].w) && lx.victimsOf(toks, q.j, min(q.j+3, k)) == "unknown" {
				continue
			}
			kind[n] = lx.triggers[toks[k].w].kind
			used[k] = true
			figs = append(figs, figure{kind: kind[n], q: q, sent: si, trig: k, parent: -1, victims: lx.victimsOf(toks, q.j, min(q.j+3, k))})
			break
		}
	}
	// Singular harm words with no number: "he was killed", "a man died".
	for k := a; k < b; k++ {
		if used[k] || toks[k].f&(fTrig|fCue) == 0 {
			continue
		}
		if f, ok := ex.singular(toks, k, a, b); ok {
			f.sent = si
			figs = append(figs, f)
		}
	}
	// "killed one monk and a policeman", "killed a father, his wife and
	// their son": one person after the harm word, then more.
	for n := first; n < len(figs); n++ {
		f := &figs[n]
		if f.q.lo != 1 || f.q.hi != 1 || f.brk || f.trig > f.q.i || f.kind != kKilled && f.kind != kInjured {
			continue
		}
		// A person read as a figure of its own ends the list: "one soldier
		// and one civilian" are two figures already.
		taken := func(j int) bool {
			for m := first; m < len(figs); m++ {
				if m != n && figs[m].q.i == j {
					return true
				}
			}
			return false
		}
		if more := ex.objectList(toks, f.q.i, b, taken); more > 0 {
			f.q.lo, f.q.hi, f.q.single = 1+more, 1+more, false
		}
	}
	// "two soldiers were killed along with 15 militants": the same harm.
	// With one person: "the commander was killed along with six other
	// militants", "the leader, as well as four others, was shot dead" count
	// one more than the number.
	for n := range qs {
		q := &qs[n]
		along := q.i >= a+2 && toks[q.i-1].w == "with" && (toks[q.i-2].w == "along" || toks[q.i-2].w == "together")
		asWell := q.i >= a+3 && toks[q.i-1].w == "as" && toks[q.i-2].w == "well" && toks[q.i-3].w == "as"
		// "the death of the minister and 19 other people"
		andOther := q.i >= a+1 && toks[q.i-1].w == "and" && q.j < b && (toks[q.j].w == "other" || toks[q.j].w == "others")
		if !along && !asWell && !andOther || q.anaph || q.more || q.vague {
			continue
		}
		if kind[n] != 0 {
			// "a commander, as well as four other militants, were killed":
			// the figure read from the number leaves out the one before it.
			join := q.i - 2
			if asWell {
				join = q.i - 3
			}
			if !andOther && ex.oneBefore(toks, a, join) {
				for m := first; m < len(figs); m++ {
					if g := &figs[m]; g.q.i == q.i && !g.brk && (g.kind == kKilled || g.kind == kInjured) && g.q.lo >= 0 {
						g.q.lo++
						if g.q.hi >= 0 {
							g.q.hi++
						}
					}
				}
			}
			continue
		}
		if q.j < b && (lx.nonVictim[toks[q.j].w] || lx.objects[toks[q.j].w]) {
			continue
		}
		if m := ex.oneAlong(toks, figs, first, q, andOther); m >= 0 {
			g := &figs[m]
			g.q, g.weak = *q, false
			g.q.lo++
			if g.q.hi >= 0 {
				g.q.hi++
			}
			g.victims = lx.victimsOf(toks, q.j, min(q.j+3, b))
			kind[n] = g.kind
			continue
		}
		if andOther {
			continue
		}
		// "a commander, along with three other fighters, were killed": no
		// figure yet, the harm word after.
		join := q.i - 2
		if asWell {
			join = q.i - 3
		}
		if k := ex.harmAfter(toks, q.j, b); k >= 0 && !used[k] && ex.oneBefore(toks, a, join) {
			tr := lx.triggers[toks[k].w]
			if toks[k].w == "shot" || toks[k].w == "gunned" {
				tr = trigger{kind: kKilled}
			}
			g := figure{kind: tr.kind, q: *q, trig: k, sent: si, parent: -1, victims: lx.victimsOf(toks, q.j, min(q.j+3, b))}
			g.q.lo++
			if g.q.hi >= 0 {
				g.q.hi++
			}
			used[k] = true
			kind[n] = g.kind
			figs = append(figs, g)
			continue
		}
		for m := len(figs) - 1; m >= first; m-- {
			if g := figs[m]; along && g.trig < q.i && !g.brk && !g.weak && (g.kind == kKilled || g.kind == kInjured) {
				g.q, g.weak = *q, false
				g.victims = lx.victimsOf(toks, q.j, min(q.j+3, b))
				kind[n] = g.kind
				figs = append(figs, g)
				break
			}
		}
	}
	// "a woman injured in the raid later died": the injured died.
	for n, end := first, len(figs); n < end; n++ {
		if f := figs[n]; f.kind == kInjured && !f.brk {
			if k := ex.diedAfter(toks, f.trig+1, b, used); k >= 0 && !trigBound(figs[first:], k) {
				g := f
				g.kind, g.trig = kKilled, k
				used[k] = true
				figs = append(figs, g)
			}
		}
	}
	// A subject with a long post-modifier: "a man accused of theft was
	// beaten to death".
	if b-a > 3 && !ex.boundAt(figs[first:], a) {
		if f, ok := ex.subjectFigure(toks, a, b, qs, used, figs[first:]); ok && !trigBound(figs[first:], f.trig) {
			f.sent = si
			used[f.trig] = true
			figs = append(figs, f)
		}
	}
	// Last, a singular passive whose subject no rule above read: "the
	// general secretary of the local unit was shot dead".
	for k := a; k < b; k++ {
		if used[k] || toks[k].f&(fTrig|fCue) == 0 || trigBound(figs[first:], k) {
			continue
		}
		if f, ok := ex.singularPassive(toks, k, a); ok && !trigBound(figs[first:], f.trig) {
			f.sent = si
			used[f.trig] = true
			figs = append(figs, f)
		}
	}
	// Deaths given as a reason or as history are not this event's:
	// "protest the killing of 2 Maoists", "accused of the murder of
	// thousands", "on the anniversary of the killings", "in 1994".
	if h := ex.historic(toks, a, b); h >= 0 {
		// figures told before an anniversary are this event's: "was killed
		// at a rally marking the anniversary of ..."
		keep := figs[:first]
		for _, f := range figs[first:] {
			if f.trig < h && f.q.i < h {
				keep = append(keep, f)
			}
		}
		figs = keep
	} else {
		keep := figs[:first]
		for _, f := range figs[first:] {
			if !ex.givenReason(toks, a, f) {
				keep = append(keep, f)
			}
		}
		figs = keep
	}
	// A protest over deaths is not an event of harm: "protested after five
	// people died", "a rally against the killing of two civilians".
	if ex.protest(toks, a, b) {
		keep := figs[:first]
		for _, f := range figs[first:] {
			if !ex.reasonBefore(toks, a, min(f.q.i, f.trig)) {
				keep = append(keep, f)
			}
		}
		figs = keep
	}
	// Breakdowns point at the nearest earlier figure of the same kind.
	for n := first; n < len(figs); n++ {
		f := &figs[n]
		if !f.brk {
			continue
		}
		best := -1
		for m := first; m < len(figs); m++ {
			g := &figs[m]
			if m == n || g.brk || g.kind != f.kind || g.q.i > f.q.i {
				continue
			}
			if best < 0 || g.q.i > figs[best].q.i {
				best = m
			}
		}
		f.parent = best // -1: the claims step looks in earlier sentences
	}
	return figs, qs
}

// startsQuantity is a cheap test that a quantity may start at t.
func (ex *run) startsQuantity(t *token) bool {
	if t.kind == tNum {
		return true
	}
	if t.kind != tWord {
		return false
	}
	if t.f&fQStart != 0 {
		return true
	}
	if len(t.w) < 7 || t.w[0] < 'e' || t.w[0] > 't' {
		return false // the shortest hyphenated number is "ten-one"-like; tens start with e..t
	}
	_, ok := hyphenNumber(t.w)
	return ok
}

// isBreakdown reports whether q breaks down an earlier figure:
// "including 7 children", "3 of them women", "among them two boys".
func isBreakdown(toks []token, q *quantity, a, b int) bool {
	if q.i > a {
		switch p := toks[q.i-1].w; p {
		case "including", "includes", "include", "incl", "mostly", "among", "of", "plus":
			if p == "among" && q.i-2 >= a {
				switch toks[q.i-2].w {
				case "was", "were", "is", "are":
					return false // "a commander was among three killed": the whole
				}
			}
			return p != "of" || q.i-2 >= a && toks[q.i-2].w == "out"
		case "them", "whom", "which":
			return q.i-2 >= a && (toks[q.i-2].w == "among" || toks[q.i-2].w == "amongst")
		case "(":
			return true
		}
	}
	if q.j+1 < b && toks[q.j].w == "among" {
		return true // "two among the four killed"
	}
	if q.j+1 < b && toks[q.j].w == "of" && (toks[q.j+1].w == "them" || toks[q.j+1].w == "whom" || toks[q.j+1].w == "which" || toks[q.j+1].w == "those" || toks[q.j+1].w == "the") {
		return true
	}
	return false
}

// boundAt reports whether one of figs counts people from a figure that
// starts at token a.
func (ex *run) boundAt(figs []figure, a int) bool {
	for i := range figs {
		if figs[i].q.i == a && (figs[i].kind == kKilled || figs[i].kind == kInjured) {
			return true
		}
	}
	return false
}

// oneAlong returns the sentence's figure of one person killed or injured
// (from figs[first:]) that a figure q joined to it by "along with" or "as
// well as" adds to, or -1: the person told of without a number, by a name
// or "the commander". Joined by "and" (andOther), only the person of a
// noun of death: "the death of the minister and 19 other people", not
// "a leader was killed and two other leaders were wounded".
func (ex *run) oneAlong(toks []token, figs []figure, first int, q *quantity, andOther bool) int {
	for m := len(figs) - 1; m >= first; m-- {
		g := &figs[m]
		if g.brk || !g.weak || g.q.lo != 1 || g.q.hi != 1 || g.kind != kKilled && g.kind != kInjured {
			continue
		}
		if andOther && (g.trig+1 >= len(toks) || toks[g.trig+1].w != "of" || g.trig > q.i) {
			continue
		}
		if g.q.i < q.i && (g.trig < q.i || g.trig >= q.j) {
			return m
		}
	}
	return -1
}

// objectList counts the people joined by "and" or commas to the one
// person whose words start at i: "one monk and a policeman" gives 1 more,
// "a father, his wife, and their son" 2. Each must be one person ("a",
// "an", "one", "another", "his", "her", "their" and a singular word for
// people within three words): anything else ends the list ("a driver and
// a truck" counts no more), as does a person whose first word is taken,
// read as a figure already.
func (ex *run) objectList(toks []token, i, b int, taken func(int) bool) (more int) {
	// The end of the first person's words.
	k := i + 1
	for k < b && k < i+5 && toks[k].kind == tWord && toks[k].w != "and" && toks[k].f&fTrig == 0 {
		k++
	}
	for k < b {
		j := k
		if toks[j].w == "," {
			j++
		}
		if j < b && toks[j].w == "and" {
			j++
		} else if j == k {
			break
		}
		if j >= b {
			break
		}
		switch toks[j].w {
		case "a", "an", "one", "another", "his", "her", "their":
		default:
			return more
		}
		if taken(j) {
			return more
		}
		// The person: a singular word for people within three words.
		head := -1
		for h := j + 1; h < b && h <= j+3 && toks[h].kind == tWord && toks[h].w != "and"; h++ {
			if w := toks[h].w; ex.personNoun(w) && !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "men") &&
				w != "police" && w != "personnel" && w != "family" && w != "army" && w != "militia" {
				head = h
				break
			}
		}
		if head < 0 {
			return more
		}
		more++
		k = head + 1
	}
	return more
}

// agentBefore reports whether the passive reading f of figure q is wrong
// because the harm word takes the next figure as its object: no passive
// auxiliary stands between them, and right after the harm word comes a
// figure of people with no harm word of its own ("a motorcycle shot dead
// two policemen", but "1 policeman killed 5 injured"). rest are the
// sentence's later figures.
func (ex *run) agentBefore(toks []token, q *quantity, f *figure, rest []quantity, b int) bool {
	if len(rest) == 0 || rest[0].i != f.trig+1 || rest[0].j >= b {
		return false
	}
	if t := &toks[rest[0].j]; t.f&fTrig != 0 || t.kind != tWord {
		return false
	}
	for k := q.j; k < f.trig; k++ {
		switch toks[k].w {
		case "was", "were", "been", "is", "are", "be":
			return false
		}
	}
	return true
}

// harmAfter returns the passive harm word of killed or injured people
// that ends the subject starting before j ("..., were killed", "was shot
// dead"), or -1: only the subject's words, a comma and auxiliaries may
// come between.
func (ex *run) harmAfter(toks []token, j, b int) int {
	for k := j; k < b && k < j+12; k++ {
		w := toks[k].w
		if tr, ok := ex.lex.triggers[w]; ok && toks[k].kind == tWord {
			if tr.kind != kKilled && tr.kind != kInjured || tr.nominal {
				return -1
			}
			if k > j && (toks[k-1].w == "were" || toks[k-1].w == "was" || toks[k-1].w == "been") {
				return k
			}
			return -1
		}
		if (w == "shot" || w == "gunned") && k+1 < b && (toks[k+1].w == "dead" || toks[k+1].w == "down") && k > j && auxWords[toks[k-1].w] {
			return k
		}
		if toks[k].kind == tNum || subordinators[w] || w == ";" || w == ":" || w == "." || toks[k].f&fQStart != 0 && w != "other" {
			return -1
		}
	}
	return -1
}

// oneBefore reports whether the words from a to the join at j (a comma
// before it aside) name one person: they open with an article or a
// capital, hold no number, and end in a singular word.
func (ex *run) oneBefore(toks []token, a, j int) bool {
	if j > a && toks[j-1].w == "," {
		j--
	}
	if j-a < 2 || j-a > 12 {
		return false
	}
	if w := toks[a].w; w != "a" && w != "an" && w != "the" && !toks[a].upper {
		return false
	}
	for k := a; k < j; k++ {
		if toks[k].kind == tNum || toks[k].f&fTrig != 0 || toks[k].w == "and" || toks[k].w == "both" {
			return false
		}
	}
	last := toks[j-1]
	return last.kind == tWord && (last.upper || !strings.HasSuffix(last.w, "s") && !strings.HasSuffix(last.w, "men") &&
		last.w != "police" && last.w != "people" && last.w != "personnel" && last.w != "children")
}

// trigBound reports whether one of figs, not a breakdown, was read from
// the harm word at k or the two words before it ("shot dead" binds at
// "shot", "chopped to death" at "chopped").
func trigBound(figs []figure, k int) bool {
	for i := range figs {
		if !figs[i].brk && figs[i].trig <= k && figs[i].trig >= k-2 {
			return true
		}
	}
	return false
}

// diedAfter returns the intransitive word of death ("died", "succumbed")
// that ends the clause of an injury from k, or -1: "a woman injured in
// the raid later died of her wounds".
func (ex *run) diedAfter(toks []token, k, b int, used []bool) int {
	for m := k; m < b && m < k+12; m++ {
		t := &toks[m]
		if t.kind != tWord || subordinators[t.w] || t.w == "and" || t.w == "while" {
			return -1
		}
		if ex.startsQuantity(t) && t.w != "a" && t.w != "an" {
			if q, ok := readQuantity(toks[:b], m); ok && q.bounded() {
				return -1 // another figure: "a man injured ... two others died"
			}
		}
		if t.f&fTrig != 0 {
			if tr := ex.lex.triggers[t.w]; tr.intrans && tr.kind == kKilled && !used[m] && m > k && toks[m-1].w != "have" && toks[m-1].w != "who" {
				return m
			}
			return -1
		}
	}
	return -1
}

// headIsPerson reports whether the noun phrase after a figure ending at j
// may end in a word for people: "two civilians and", "a soldier," but not
// "a raid and", "a militant camp,". A figure with no noun after it ("two
// and three") passes.
func (ex *run) headIsPerson(toks []token, j, b int) bool {
	last := -1
	for k := j; k < b && k < j+5; k++ {
		t := &toks[k]
		if t.kind != tWord || t.f&fBreak != 0 || t.w == "and" || t.w == "or" || t.f&(fAux|fTrig) != 0 {
			break
		}
		last = k
	}
	if last < 0 {
		return true
	}
	w := toks[last].w
	return !ex.lex.nonVictim[w] && !ex.lex.objects[w] && !eventNouns[w]
}

// eventNouns name events and bodies of people, not people: a figure before
// them counts no victims.
var eventNouns = map[string]bool{"raid": true, "operation": true, "encounter": true, "team": true, "camp": true,
	"convoy": true, "ambush": true, "firing": true, "fight": true, "search": true, "patrol": true, "offensive": true,
	"confrontation": true, "shootout": true, "gunfight": true, "skirmish": true, "unit": true, "squad": true,
	"company": true, "battalion": true, "brigade": true, "platoon": true, "checkpoint": true, "post": true, "round": true,
	"hideout": true, "base": true, "outpost": true, "checkpost": true, "position": true, "meeting": true, "rally": true}

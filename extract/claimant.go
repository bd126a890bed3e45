package extract

// speechVerbs introduce who makes a claim: "X said", "said X".
var speechVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "reported": true, "reports": true,
	"stated": true, "claimed": true, "claims": true, "announced": true, "confirmed": true,
	"added": true, "quoted": true, "tweeted": true, "wrote": true,
}

// claimant returns who makes the claims of sentence si: "according to X",
// "X said", "said X", looking in the sentence, then the rest of its
// paragraph, then the paragraph before it.
func (r *run) claimant(si int) string {
	if s := r.speaker(si); s != "" {
		return s
	}
	for k := si + 1; k+1 < len(r.sents) && !r.paragraphBreak(k); k++ {
		if s := r.speaker(k); s != "" {
			return s
		}
	}
	for k := si - 1; k >= 0; k-- {
		if s := r.speaker(k); s != "" {
			return s
		}
		if r.paragraphBreak(k) {
			break
		}
	}
	return ""
}

// speaker reads the attribution of one sentence, once.
func (r *run) speaker(si int) string {
	if r.spk == nil {
		r.spk = make([]spoken, len(r.sents))
	}
	if sp := &r.spk[si]; sp.read {
		return sp.who
	}
	w := r.readSpeaker(si)
	r.spk[si] = spoken{read: true, who: w}
	return w
}

// spoken is the memo of speaker for one sentence.
type spoken struct {
	read bool
	who  string
}

// readSpeaker reads the attribution of one sentence.
func (r *run) readSpeaker(si int) string {
	a, b := r.sents[si], r.sents[si+1]
	t := r.toks
	for k := a; k < b; k++ {
		if t[k].w == "according" && k+2 < b && t[k+1].w == "to" {
			return r.nounPhrase(k+2, b, 1)
		}
	}
	for k := a; k < b; k++ {
		if t[k].f&fSpeech == 0 {
			continue
		}
		// "X said": back to a quote, comma or the sentence start.
		m := k - 1
		for m >= a && k-m <= 8 && t[m].kind == tWord && t[m].f&fSpeech == 0 {
			m--
		}
		if m+1 < k && (m < a || t[m].kind == tPunct) {
			if t[m+1].w == "it" || t[m+1].w == "he" || t[m+1].w == "she" || t[m+1].w == "they" || t[m+1].w == "we" {
				continue
			}
			return r.text[t[m+1].s:t[k-1].e]
		}
		// "X, an apposition, said" / "X, Y, told Z": back across the
		// apposition to the sentence start or a punctuation mark.
		if k-1 > a && t[k-1].w == "," {
			m := k - 2
			for m >= a && k-m <= 10 && t[m].kind == tWord && t[m].f&fSpeech == 0 {
				m--
			}
			if m+1 < k-1 && m > a && t[m].w == "," {
				h := m - 1
				for h >= a && m-h <= 8 && t[h].kind == tWord && t[h].f&fSpeech == 0 {
					h--
				}
				if h+1 < m && (h < a || t[h].kind == tPunct) {
					return r.text[t[h+1].s:t[k-2].e]
				}
			}
		}
		// "..., said X"; not "..., told X", whose X is the listener.
		if k+1 < b && t[k+1].kind == tWord && (k == a || t[k-1].kind == tPunct) && t[k].w != "told" && t[k].w != "tells" {
			return r.nounPhrase(k+1, b, 1)
		}
	}
	return ""
}

// nounPhrase returns the words from i up to a punctuation mark, a verb of
// speech or a relative word, at most 8.
func (r *run) nounPhrase(i, b, dir int) string {
	t := r.toks
	j := i
	for j < b && j-i < 8 && t[j].kind != tPunct && t[j].f&fSpeech == 0 && t[j].w != "that" && t[j].w != "who" && t[j].w != "on" && t[j].w != "in" {
		j++
	}
	if j == i {
		return ""
	}
	return r.text[t[i].s:t[j-1].e]
}

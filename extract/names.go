package extract

import (
	"sort"
	"strings"

	"github.com/harmlog/harmlog/gazetteer"
)

// titleWords stand before a person's name: "spokesperson Shushan
// Stepanyan", "Prosecutor General Kamran Aliyev".
var titleWords = map[string]bool{
	"spokesperson": true, "spokesman": true, "spokeswoman": true, "minister": true, "general": true,
	"ombudsman": true, "president": true, "mayor": true, "governor": true, "commander": true,
	"aide": true, "mr": true, "mrs": true, "ms": true, "dr": true, "prosecutor": true, "chief": true,
	"colonel": true, "lieutenant": true, "major": true, "captain": true, "sergeant": true, "officer": true,
	"secretary": true, "deputy": true, "head": true, "envoy": true, "ambassador": true, "adviser": true, "advisor": true,
}

// placeDesignators follow a place's name and make the pair a place:
// "Kamran District", "Shushan Province".
var placeDesignators = map[string]bool{
	"city": true, "town": true, "village": true, "district": true, "province": true, "oblast": true,
	"region": true, "county": true, "raion": true, "rayon": true, "state": true, "governorate": true,
	"municipality": true, "county's": true,
}

// localOffices follow a place's name in the title of a local official or
// office: "Kathua deputy commissioner", "Tangail police".
var localOffices = map[string]bool{
	"police": true, "deputy": true, "superintendent": true, "commissioner": true, "correspondent": true,
	"administration": true, "officials": true, "authorities": true, "hospital": true, "model": true,
	"sadar": true, "civil": true, "municipal": true, "mayor": true, "governor": true, "council": true,
}

// orgPhrases are organisations whose first word may also be a place's name:
// "Human Rights Ombudsman", "Red Cross".
var orgPhrases = []string{
	"human rights", "red cross", "red crescent", "amnesty international", "security council",
	"general staff", "state security", "national security", "interior ministry", "foreign ministry",
}

// tokenAt returns the index of the token that starts at byte s, or -1.
func (r *run) tokenAt(s int) int {
	k := sort.Search(len(r.toks), func(i int) bool { return r.toks[i].s >= s })
	if k < len(r.toks) && r.toks[k].s == s {
		return k
	}
	return -1
}

// sentenceOf returns the sentence that token k is in.
func (r *run) sentenceOf(k int) int {
	return sort.Search(len(r.sents), func(i int) bool { return r.sents[i] > k }) - 1
}

// commonName reports whether the place candidate text[s:e] is one English
// word that some hamlet is named after ("Police", "College", "Union",
// "Road") and that nothing marks as the place: capitalised because it
// begins a sentence or belongs to a longer name ("Kadamtoli Police
// Station", "Delhi University", "Jatiya Press Club"). Only a locative
// preposition before it and no capitalised word after it ("fighting in
// Most") keep it.
func (r *run) commonName(s, e int) bool {
	k := r.tokenAt(s)
	if k < 0 || r.toks[k].e != e || !gazetteer.CommonWord(r.text[s:e]) {
		return false
	}
	t := r.toks
	cue := k > 0 && locativeCues[t[k-1].w] && t[k-1].w != "of" && !t[k-1].upper
	nextUpper := k+1 < len(t) && t[k+1].kind == tWord && t[k+1].upper && !t[k+1].nl
	return !cue || nextUpper
}

// smallPlace is the population under which a one-word name inside a
// longer proper name is taken for part of that name, not a place.
const smallPlace = 20000

// nameWord reports whether the mention m is one word of a longer run of
// capitalised words that is no place ("Kamal Uddin", "Jatiyatabadi Chhatra
// Dal", "Sher-e-Bangla Road") and names only small places: a person's or
// an organisation's name, unless a locative word opens the run ("at Kansat
// Bazar").
func (r *run) nameWord(m gazetteer.Mention) bool {
	if len(m.Candidates) == 0 || m.Candidates[0].Population >= smallPlace {
		return false
	}
	for _, cd := range m.Candidates {
		if cd.Population >= smallPlace {
			return false
		}
	}
	k := r.tokenAt(m.Start)
	if k < 0 || r.toks[k].e != m.End {
		return false
	}
	t := r.toks
	capital := func(i int) bool {
		return i >= 0 && i < len(t) && t[i].kind == tWord && t[i].upper && !t[i].nl && t[i].f&fBreak == 0
	}
	if !capital(k-1) && !capital(k+1) || k > 0 && t[k].nl {
		return false
	}
	if k+1 < len(t) && (designatorWords[t[k+1].w] || placeDesignators[t[k+1].w]) {
		return false // "Vardan District", "Kaliganj Upazila"
	}
	s := k
	for s > 0 && capital(s-1) && !t[s].nl {
		s--
	}
	if s > 0 && locativeCues[t[s-1].w] && t[s-1].w != "of" {
		return false
	}
	return true
}

// notPlace reports whether the place candidate text[s:e] is no place by
// the words around it: a person's name after a title, the first word of an
// organisation's name, part of a weapon's name, or a word of the claimant
// that no locative preposition introduces.
func (r *run) notPlace(s, e int, c *docContext) bool {
	for _, w := range c.weapons {
		if w.Start < e && s < w.End {
			return true // "Grad rockets"
		}
	}
	k := r.tokenAt(s)
	if k < 0 {
		return false
	}
	t := r.toks
	j := k
	for j < len(t) && t[j].e <= e {
		j++
	}
	low := strings.ToLower(r.text[s:e])
	if j < len(t) {
		// Is the name, lower-cased, then the next word, an organisation's
		// name or its start?
		next := t[j].w
		n := len(low) + 1 + len(next)
		for _, o := range orgPhrases {
			if len(o) >= n && o[len(low)] == ' ' && strings.HasPrefix(o, low) && strings.HasPrefix(o[len(low)+1:], next) &&
				(len(o) == n || o[n] == ' ') {
				return true
			}
		}
	}
	prep := k > 0 && (t[k-1].w == "of" || t[k-1].w == "in" || t[k-1].w == "from")
	// A title, the name, then another capitalised word that is no
	// designator: a person's first name.
	if k > 0 && titleWords[t[k-1].w] && j < len(t) && t[j].kind == tWord && t[j].upper && !t[j].nl &&
		!placeDesignators[t[j].w] {
		return true
	}
	if prep {
		return false
	}
	// "Kathua deputy commissioner", "Gumla district police": the speaker's
	// local office says where the report comes from.
	if j < len(t) && t[j].kind == tWord && (placeDesignators[t[j].w] || localOffices[t[j].w]) {
		return false
	}
	si := r.sentenceOf(k)
	if si < 0 || si+1 >= len(r.sents) {
		return false
	}
	cs := r.claimantSpan(si, r.speaker(si))
	if cs.e <= cs.s || s < cs.s || e > cs.e {
		return false
	}
	// In the claimant, a title ("Minister of Emergency Situations") or a
	// later word of a longer proper name ("Prosecutor General Kamran
	// Aliyev", "Khyber Pakhtunkhwa Information Minister") is no place; a
	// bare name, one before a common noun ("Luhansk militants") or the
	// first word of a name ("The Tripoli Post") may be.
	drop := titleWords[low]
	if !drop && k > 0 && t[k-1].s >= cs.s && t[k-1].kind == tWord && t[k-1].upper && t[k-1].w != "the" {
		drop = true
	}
	return drop
}

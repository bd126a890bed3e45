package extract

import (
	"strings"

	"github.com/harmlog/harmlog/party"
)

// claimantSpan returns the bytes of sentence si that name its claimant, or
// an empty span when the claimant is not written in it.
func (r *run) claimantSpan(si int, claimant string) span {
	if claimant == "" {
		return span{}
	}
	s, e := r.sentSpan(si)
	if k := strings.Index(r.text[s:e], claimant); k >= 0 {
		return span{s + k, s + k + len(claimant)}
	}
	return span{}
}

// perpetrator returns who a claim of sentence si (in sp) says did the harm:
// a party that acts in the claim's own words, never one inside the words
// that name the claimant; failing that, the party that the next sentence
// blames, if that sentence speaks for the same claimant ("The office blamed
// the Armenian armed forces", "It said the rockets were fired by X", "X was
// blamed").
func (r *run) perpetrator(c *docContext, si int, sp span, claimant string) (string, string) {
	if name, words := c.perpetratorOutside(sp, r.claimantSpan(si, claimant)); name != "" {
		return name, words
	}
	if si+2 >= len(r.sents) || claimant == "" {
		return "", ""
	}
	name, words := r.blamed(c, si+1, claimant)
	if name != "" {
		r.blaming = append(r.blaming, si+1)
	}
	return name, words
}

// blameVerbs lay harm at someone's door.
var blameVerbs = map[string]bool{
	"blamed": true, "blames": true, "blame": true, "accused": true, "accuses": true, "accuse": true,
	"attributed": true, "attributes": true, "responsible": true,
}

// byVerbs name the doer after "by": "fired by X".
var byVerbs = map[string]bool{
	"fired": true, "launched": true, "carried": true, "conducted": true, "committed": true,
	"shelled": true, "struck": true, "hit": true, "bombed": true, "targeted": true, "attacked": true,
}

// blamed returns the party sentence si blames, if it is a blame sentence
// whose subject points back to the claimant of the sentence before: a
// pronoun, "the" and a word of the claimant's ("the office", "the
// ministry"), or a passive blame that names no other accuser.
func (r *run) blamed(c *docContext, si int, claimant string) (string, string) {
	a, b := r.sents[si], r.sents[si+1]
	t := r.toks
	cue, passive := -1, false
	for k := a; k < b; k++ {
		w := t[k].w
		if blameVerbs[w] {
			cue = k
			if k > a && (t[k-1].w == "was" || t[k-1].w == "were" || t[k-1].w == "is" || t[k-1].w == "are" || t[k-1].w == "been") ||
				k+1 < b && (t[k+1].w == "to" || t[k+1].w == "on") && w != "responsible" {
				passive = true
			}
			break
		}
		if w == "by" && k > a && byVerbs[t[k-1].w] {
			cue = k
			break
		}
	}
	if cue < 0 {
		return "", ""
	}
	if !passive && !r.refersBack(a, cue, claimant) {
		return "", ""
	}
	s, e := r.sentSpan(si)
	// The party after the cue; for "X was blamed", the one before it.
	after := span{t[cue].s, e}
	if name, words := c.actorIn(after); name != "" {
		return name, words
	}
	if passive {
		return c.actorIn(span{s, t[cue].s})
	}
	return "", ""
}

// actorIn is perpetratorIn without mentions that name a place, a target or
// a nationality.
func (c *docContext) actorIn(sp span) (string, string) {
	for _, m := range c.parties {
		if sp.has(m.Start, m.End) && (m.Role == party.RoleActor || m.Role == party.RoleUnknown) {
			return m.Party, m.Words
		}
	}
	return "", ""
}

// refersBack reports whether the subject of the sentence starting at token
// a, before token cue, refers to claimant: a pronoun ("It said", "He
// blamed"), or a definite noun phrase one of whose words is the claimant's
// ("The office blamed", "The ministry said").
func (r *run) refersBack(a, cue int, claimant string) bool {
	t := r.toks
	switch t[a].w {
	case "it", "he", "she", "they":
		return true
	case "the", "this", "that":
	default:
		return false
	}
	words := strings.Fields(strings.ToLower(claimant))
	for k := a + 1; k < cue && k <= a+3; k++ {
		if t[k].kind != tWord {
			return false
		}
		for _, w := range words {
			w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
			if w == t[k].w {
				return true
			}
		}
	}
	return false
}

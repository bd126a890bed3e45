package extract

import (
	"sort"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/gazetteer"
)

// Resolver resolves one place phrase to a gazetteer entry, preferring the
// given countries; *gazetteer.Gazetteer implements it. When the Places of
// an Extractor is also a Resolver, a capitalised name after a word of place
// ("in Bagachra", "near Kot Addu", "Jaleshwar village") that Scan did not
// find is looked up by it.
type Resolver interface {
	Resolve(name string, countries ...string) (gazetteer.Place, bool)
}

// locativeCues are the words after which a capitalised phrase names where
// something happened.
var locativeCues = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "from": true,
	"of": true, "around": true, "into": true}

// designatorWords follow a place name and make it one: "Bagachra village".
var designatorWords = map[string]bool{"village": true, "district": true, "town": true, "city": true,
	"area": true, "upazila": true, "province": true, "region": true, "tehsil": true, "township": true,
	"county": true, "sub-district": true, "subdistrict": true, "municipality": true, "block": true,
	"locality": true, "neighbourhood": true, "neighborhood": true, "camp": true, "valley": true, "agency": true,
	"oblast": true, "raion": true, "state": true, "governorate": true, "division": true, "taluka": true,
	"thana": true, "union": true, "ward": true, "settlement": true, "commune": true, "territory": true}

// maxLocatives bounds the lookups of one text: Resolve is not cheap.
const maxLocatives = 6

// locatives finds the capitalised phrases that a word of place marks as
// places ("in Bagachra", "Tebaria village") and that no mention in have
// covers, and resolves them with rs, keeping only places in country when
// it is known. It returns have with the new places, in text order.
func (r *run) locatives(rs Resolver, have []harmlog.PlaceRef, country string, c *docContext) []harmlog.PlaceRef {
	t := r.toks
	covered := func(s, e int) bool {
		for _, p := range have {
			if p.Start < e && s < p.End {
				return true
			}
		}
		for _, p := range c.parties {
			if p.Start < e && s < p.End {
				return true
			}
		}
		return false
	}
	n := 0
	var added []harmlog.PlaceRef
	for k := 0; k < len(t) && n < maxLocatives; k++ {
		if t[k].kind != tWord || !t[k].upper {
			continue
		}
		// the phrase: up to three capitalised words
		j := k
		for j < len(t) && j-k < 3 && t[j].kind == tWord && t[j].upper && !months[t[j].w] && r.lex.weekdays[t[j].w] == 0 && t[j].w != "sunday" {
			j++
		}
		if j == k {
			continue
		}
		cue := k > 0 && locativeCues[t[k-1].w] && !t[k-1].upper
		desig := j < len(t) && designatorWords[t[j].w] && !t[j].upper
		if !cue && !desig || k > 0 && (t[k-1].w == "the" || t[k-1].w == "of" && !desig) {
			k = j - 1
			continue
		}
		s, e := t[k].s, t[j-1].e
		if covered(s, e) || j == k+1 && (t[k].f != 0 || gazetteer.CommonWord(t[k].w)) {
			k = j - 1
			continue // a word of the lexicon: "in Police custody"
		}
		n++
		name := r.text[s:e]
		var p gazetteer.Place
		var ok bool
		if country != "" {
			p, ok = rs.Resolve(name, country)
			ok = ok && p.Country == country
		} else {
			p, ok = rs.Resolve(name)
			ok = ok && exactName(p, name)
		}
		if ok {
			ref := p.Ref()
			ref.Name, ref.Start, ref.End = name, s, e
			added = append(added, ref)
		}
		k = j - 1
	}
	if len(added) == 0 {
		return have
	}
	out := append(have, added...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// exactName reports whether one of p's names is name, folded.
func exactName(p gazetteer.Place, name string) bool {
	f := gazetteer.Fold(name)
	for _, n := range p.Names {
		if gazetteer.Fold(n) == f {
			return true
		}
	}
	return gazetteer.Fold(p.Name) == f
}

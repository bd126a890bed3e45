// Package party knows the parties to armed conflicts as data, not code: a
// Registry of names and aliases ("Armenian army", "Azerbaijani Armed
// Forces", "DPR") read from an embedded file and extended by users, which
// finds the parties a text mentions, with a hint of the role each mention
// plays (actor, nationality of victims, target, place), and normalises names.
// The same rules apply to every party.
package party

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"github.com/harmlog/harmlog/internal/words"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/harmlog/harmlog"
)

// Roles a mention may play in its sentence, as far as the words next to it
// tell; Find reports RoleUnknown when they do not.
const (
	// RoleActor: the party acts or speaks: "Armenian army", "Armenian
	// missile strikes", "fired by Azerbaijani forces", "Hamas said".
	RoleActor = "actor"
	// RoleNationality: the words describe people or things harmed or
	// owned: "Azerbaijani civilians", "Armenian villages".
	RoleNationality = "nationality"
	// RoleTarget: the party is attacked: "attacks on Ukrainian positions",
	// "aggression against Azerbaijan".
	RoleTarget = "target"
	// RolePlace: the words name a place: "in Armenia", "to Baku".
	RolePlace = "place"
	// RoleUnknown: the words around the mention do not say.
	RoleUnknown = ""
)

// defaultData is the embedded parties.json; a string, so it cannot change.
//
//go:embed parties.json
var defaultData string

// Mention is one mention of a party in a text: the byte span [Start, End),
// the party's Name, the words as written (text[Start:End]) and the Role hint.
type Mention struct {
	Start, End int
	Party      string
	Words      string
	Role       string
}

// Registry is an immutable set of parties and their aliases. It is safe for
// concurrent use; Add returns a new Registry.
type Registry struct {
	parties []harmlog.Party
	first   map[string][]alias // lower-case first word → aliases, longest first
	filter  words.Filter       // the first words, for a cheap test before the map
	norm    map[string]string  // normalised alias or name → party name
}

// alias is one name of a party split into words as Find sees them.
type alias struct {
	words []string // lower-case
	orig  string   // as written in the data, for the case rule
	party int
	force bool // the alias ends in a force word ("Armenian army")
}

var defaultRegistry = sync.OnceValue(func() *Registry {
	var ps []harmlog.Party
	if err := json.Unmarshal([]byte(defaultData), &ps); err != nil {
		panic(fmt.Sprintf("party: embedded parties.json: %v", err))
	}
	return New(ps)
})

// Default returns the registry built from the embedded parties.json. The
// same Registry is returned on every call; it is never changed.
func Default() *Registry { return defaultRegistry() }

// New returns a registry of the given parties. A party's Name is also one of
// its aliases. Parties with the same Name are merged. The slice is copied.
func New(parties []harmlog.Party) *Registry {
	r := &Registry{}
	for _, p := range parties {
		r.merge(p)
	}
	r.build()
	return r
}

// Add returns a new registry with p added (or, if a party of that Name
// exists, with p's aliases added to it); r is unchanged.
func (r *Registry) Add(p harmlog.Party) *Registry {
	n := &Registry{}
	for _, q := range r.parties {
		n.merge(q)
	}
	n.merge(p)
	n.build()
	return n
}

// Parties returns a copy of the registry's parties in the order they were
// added.
func (r *Registry) Parties() []harmlog.Party {
	out := make([]harmlog.Party, len(r.parties))
	for i, p := range r.parties {
		p.Aliases = slices.Clone(p.Aliases)
		out[i] = p
	}
	return out
}

// Normalize returns the name of the party that name denotes: an alias or
// party name, ignoring case, a leading "the", a trailing "'s" and the
// difference between spaces and hyphens ("the Armenian armed forces" →
// "Armenia"); failing that, the one party the name mentions, first outside
// parentheses, then anywhere ("Azerbaijani sabotage group (reportedly with
// mercenaries)" → "Azerbaijan"). A name that mentions several parties or
// none is not normalised.
func (r *Registry) Normalize(name string) (string, bool) {
	if p, ok := r.norm[normKey(name)]; ok {
		return p, true
	}
	if p := r.only(stripParens(name)); p != "" {
		return p, true
	}
	if p := r.only(name); p != "" {
		return p, true
	}
	return "", false
}

// only returns the party that text mentions if it mentions exactly one.
func (r *Registry) only(text string) string {
	p := ""
	for _, m := range r.Find(text) {
		if p != "" && m.Party != p {
			return ""
		}
		p = m.Party
	}
	return p
}

// stripParens removes parenthesised asides from s.
func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, c := range s {
		switch {
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func (r *Registry) merge(p harmlog.Party) {
	p.Aliases = slices.Clone(p.Aliases)
	for i := range r.parties {
		if r.parties[i].Name == p.Name {
			q := &r.parties[i]
			for _, a := range p.Aliases {
				if !slices.Contains(q.Aliases, a) {
					q.Aliases = append(q.Aliases, a)
				}
			}
			if q.Country == "" {
				q.Country = p.Country
			}
			return
		}
	}
	r.parties = append(r.parties, p)
}

func (r *Registry) build() {
	r.first = map[string][]alias{}
	r.norm = map[string]string{}
	seen := map[string]bool{}
	for i, p := range r.parties {
		for _, a := range append([]string{p.Name}, p.Aliases...) {
			k := normKey(a)
			if k == "" {
				continue
			}
			if _, ok := r.norm[k]; !ok {
				r.norm[k] = p.Name
			}
			w := words.Split(strings.ToLower(a))
			key := fmt.Sprint(i, w)
			if len(w) == 0 || seen[key] {
				continue
			}
			seen[key] = true
			r.first[w[0]] = append(r.first[w[0]], alias{words: w, orig: a, party: i, force: len(w) > 1 && isForce(w[len(w)-1])})
		}
	}
	for k := range r.first {
		r.filter.Add(k)
	}
	for k, as := range r.first {
		sort.SliceStable(as, func(i, j int) bool { return len(as[i].words) > len(as[j].words) })
		r.first[k] = as
	}
}

// normKey folds a name for Normalize.
func normKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "the ")
	s = strings.TrimSuffix(strings.TrimSuffix(s, "'s"), "’s")
	return strings.Join(words.Split(s), " ")
}

// Find returns the party mentions of text in order, longest alias first and
// without overlaps. Multi-word aliases match regardless of case; a
// single-word alias with capitals ("Armenian", "DPR") matches only as
// written or in all capitals, a lower-case one in any case. Each mention has
// a Role hint read from the words next to it (see the Role constants).
func (r *Registry) Find(text string) []Mention {
	var out []Mention
	var buf [40]byte
	for i := 0; i < len(text); {
		s, e := words.Next(text, i)
		if s < 0 {
			break
		}
		i = e
		if e-s > len(buf) || !r.filter.May(text[s:e]) {
			continue
		}
		cands, ok := r.first[string(words.AppendLower(buf[:0], text[s:e]))]
		if !ok {
			continue
		}
		for _, a := range cands {
			end, ok := words.MatchRest(text, e, a.words[1:], aliasMarks)
			if !ok || (len(a.words) == 1 && !caseOK(text[s:e], a.orig)) {
				continue
			}
			i = end
			out = append(out, Mention{Start: s, End: end, Party: r.parties[a.party].Name, Words: text[s:end], Role: role(text, s, end, a.force)})
			break
		}
	}
	return out
}

// caseOK applies Find's case rule to a single-word alias.
func caseOK(word, alias string) bool {
	if word == alias || strings.ToLower(alias) == alias {
		return true
	}
	for i := 0; i < len(word); i++ {
		if c := word[i]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

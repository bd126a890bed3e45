// Package claimsio reads and writes claims in harmlog's flat JSONL form: one
// JSON object a line with the fields date, place, place_alt,
// country_or_region, killed_min, killed_max, injured_min, injured_max,
// victims, damage, weapon, alleged_perpetrator, claimant, publisher,
// published, url and denied_by, and optionally ref, scope and victim_names
// (the victims' names, a sensitive field: an array of strings, or one string
// separated by ";").
//
// Reading maps each line to a harmlog.Claim of scope "incident" (unless the
// line says scope "cumulative") and status "imported". The words of the
// weapon and perpetrator fields are kept in WeaponWords and PerpetratorWords;
// normalising them is left to the caller or to Reader.Normalize. The free
// text of victims is kept in Note and mapped to a category (civilian,
// military, mixed, unknown). Any other field, such as a human grouping key
// (incident_key), is ignored: it is never read into the claim and so can
// never be used to link.
//
// A malformed line yields a *LineError naming the line and the field; the
// reader carries on with the next line.
package claimsio

import (
	"fmt"
	"strings"
)

// LineError is a problem with one line of input: its 1-based line number,
// the field at fault (empty when the line as a whole is bad) and what is
// wrong.
type LineError struct {
	Line  int
	Field string
	Err   error
}

// Error renders the error as "line 12: killed_min: want a whole number, got \"ten\"".
func (e *LineError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return fmt.Sprintf("line %d: %s: %v", e.Line, e.Field, e.Err)
}

// Unwrap returns the underlying error.
func (e *LineError) Unwrap() error { return e.Err }

// countries maps the country names the flat form uses to ISO 3166-1 alpha-2
// codes. A region that is not a recognised country (such as a disputed
// territory) is kept as its own words in PlaceRef.Admin1 with no country.
var countries = map[string]string{
	"afghanistan": "AF", "armenia": "AM", "azerbaijan": "AZ", "georgia": "GE",
	"iran": "IR", "iraq": "IQ", "israel": "IL", "lebanon": "LB", "libya": "LY",
	"mali": "ML", "myanmar": "MM", "nigeria": "NG", "palestine": "PS",
	"russia": "RU", "russian federation": "RU", "somalia": "SO", "south sudan": "SS",
	"sudan": "SD", "syria": "SY", "turkey": "TR", "türkiye": "TR", "ukraine": "UA",
	"yemen": "YE", "ethiopia": "ET", "democratic republic of the congo": "CD",
	"burkina faso": "BF", "cameroon": "CM", "colombia": "CO", "mozambique": "MZ",
}

// countryCode returns the ISO code for a country name or code, or "".
func countryCode(s string) string {
	t := strings.TrimSpace(s)
	if len(t) == 2 && t[0] >= 'A' && t[0] <= 'Z' && t[1] >= 'A' && t[1] <= 'Z' {
		return t
	}
	return countries[strings.ToLower(t)]
}

// countryName returns the name the flat form uses for an ISO code: the first
// name of the table in alphabetical order, or the code itself.
func countryName(code string) string {
	best := ""
	for name, c := range countries {
		if c == code && (best == "" || name < best) {
			best = name
		}
	}
	if best == "" {
		return code
	}
	return titleCase(best)
}

func titleCase(s string) string {
	w := strings.Fields(s)
	for i, x := range w {
		if x == "of" || x == "the" {
			continue
		}
		w[i] = strings.ToUpper(x[:1]) + x[1:]
	}
	return strings.Join(w, " ")
}

// VictimCategory maps the free text of a victims field to a harmlog victim
// category: civilian, military, mixed when both appear, unknown otherwise.
func VictimCategory(text string) string {
	t := strings.ToLower(text)
	civ := containsAny(t, "civilian", "resident", "villager", "journalist", "reporter",
		"child", "woman", "women", "famil", "elderly", "girl", "boy",
		"mother", "grandmother", "passenger", "worker", "patient")
	mil := containsAny(t, "soldier", "servicem", "military personnel", "troops",
		"combatant", "fighter", "militar", "officer", "conscript")
	switch {
	case civ && mil:
		return "mixed"
	case civ:
		return "civilian"
	case mil:
		return "military"
	}
	return "unknown"
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

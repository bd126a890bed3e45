package extract

import (
	"strings"
	"sync"

	"github.com/harmlog/harmlog/dataset"
)

// countryWords maps the lower-case names of countries, their adjectives
// and names of their people ("bangladesh", "bangladeshi", "sri lankan")
// to ISO 3166-1 alpha-2 codes. The names are those of package dataset;
// the adjectives are derived from them by the regular English endings
// (-i, -n, -an, -ian, -ese), and the few irregular ones are listed. A
// derived form that is no word ("indiai") is never met in a text.
var countryWords = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	add := func(w, cc string) {
		if _, ok := m[w]; !ok {
			m[w] = cc
		}
	}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			cc := string([]rune{a, b})
			name := strings.ToLower(dataset.CountryName(cc))
			if name == "" || strings.ContainsAny(name, "(),") {
				continue
			}
			add(name, cc)
			stem := strings.TrimRight(name, "aeo")
			for _, w := range []string{name + "i", name + "n", name + "ian", name + "ese",
				stem + "i", stem + "an", stem + "ian", stem + "ese"} {
				add(w, cc)
			}
		}
	}
	for w, cc := range map[string]string{
		"burma": "MM", "burmese": "MM", "thai": "TH", "filipino": "PH", "afghan": "AF",
		"congolese": "CD", "ivorian": "CI", "malagasy": "MG", "emirati": "AE", "saudi": "SA",
		"british": "GB", "american": "US", "french": "FR", "dutch": "NL", "swiss": "CH",
		"turkish": "TR", "lao": "LA", "laotian": "LA", "bhutanese": "BT", "polish": "PL", "spanish": "ES",
		"danish": "DK", "swedish": "SE", "finnish": "FI", "irish": "IE", "greek": "GR", "cypriot": "CY",
	} {
		add(w, cc)
	}
	return m
})

// countryFirstWords holds the first word of every name in countryWords,
// so that countriesNamed passes over a word that starts none without
// looking up the runs of words after it.
var countryFirstWords = sync.OnceValue(func() map[string]bool {
	first := map[string]bool{}
	for w := range countryWords() {
		w, _, _ = strings.Cut(w, " ")
		first[w] = true
	}
	return first
})

// maxCountryWords bounds the length of a country's name in words
// ("central african republic").
const maxCountryWords = 4

// countryMention is a country named in a text, by the span of its name.
type countryMention struct {
	cc   string
	s, e int
}

// countriesNamed returns the countries the text names by a capitalised
// name or adjective ("in Bangladesh", "Pakistani troops", "Sri Lanka's
// north"), longest name first at each word, in text order.
func (r *run) countriesNamed() []countryMention {
	m, first := countryWords(), countryFirstWords()
	var out []countryMention
	var buf []byte
	for k := 0; k < len(r.toks); k++ {
		t := &r.toks[k]
		if t.kind != tWord || !t.upper || len(t.w) < 3 {
			continue
		}
		if !first[t.w] && !first[strings.TrimSuffix(t.w, "'s")] {
			continue // no country's name starts here
		}
		// the longest run of words that names a country
		best, end := "", k
		buf = append(buf[:0], t.w...)
		for j := k; j < len(r.toks) && j < k+maxCountryWords; j++ {
			if j > k {
				if r.toks[j].kind != tWord || r.toks[j].glued {
					break
				}
				buf = append(append(buf, ' '), r.toks[j].w...)
			}
			key := buf
			if n := len(key); n > 2 && key[n-2] == '\'' && key[n-1] == 's' {
				key = key[:n-2] // "Pakistan's"
			}
			if cc, ok := m[string(key)]; ok {
				best, end = cc, j
			}
		}
		if best != "" {
			out = append(out, countryMention{best, t.s, r.toks[end].e})
			k = end
		}
	}
	return out
}

package extract

import (
	"strings"
	"testing"

	"github.com/harmlog/harmlog/gazetteer"
)

// fakePlaces is a gazetteer of a few names for the tests: Scan finds the
// names of scan in a text, Resolve looks names up in resolve.
type fakePlaces struct {
	scan    map[string][]gazetteer.Candidate
	resolve map[string]gazetteer.Place
}

func (f fakePlaces) Scan(text string) []gazetteer.Mention {
	var out []gazetteer.Mention
	for name, cs := range f.scan {
		for i := 0; ; {
			k := strings.Index(text[i:], name)
			if k < 0 {
				break
			}
			s := i + k
			out = append(out, gazetteer.Mention{Start: s, End: s + len(name), Text: name, Candidates: cs})
			i = s + len(name)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Start < out[j-1].Start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (f fakePlaces) Resolve(name string, _ ...string) (gazetteer.Place, bool) {
	p, ok := f.resolve[name]
	return p, ok
}

func place(id, name, country string, lat, lon float64, pop int) gazetteer.Place {
	return gazetteer.Place{ID: id, Name: name, ASCII: name, Country: country, Lat: lat, Lon: lon, Population: pop, Names: []string{name}}
}

func cand(p gazetteer.Place, score float64) gazetteer.Candidate {
	return gazetteer.Candidate{Place: p, Score: score, Similarity: 1}
}

// TestPlaces checks the choice among namesakes and the places found after
// a word of place that Scan does not know.
func TestPlaces(t *testing.T) {
	brno := place("t:brno", "Brno", "CZ", 49.19, 16.61, 380000)
	jihlava := place("t:jihlava", "Jihlava", "CZ", 49.40, 15.59, 50000)
	lipovec := place("t:lipovec", "Lipovec", "CZ", 49.38, 16.80, 1200)
	lipovecSK := place("t:lipovec-sk", "Lipovec", "SK", 48.90, 19.30, 900)
	paris := place("t:paris", "Paris", "FR", 48.85, 2.35, 2100000)
	parisUS := place("t:paris-us", "Paris", "US", 33.66, -95.55, 25000)
	dallas := place("t:dallas", "Dallas", "US", 32.78, -96.80, 1300000)
	fake := fakePlaces{
		scan: map[string][]gazetteer.Candidate{
			"Brno":    {cand(brno, 1.8)},
			"Jihlava": {cand(jihlava, 1.7)},
			"Paris":   {cand(paris, 1.82), cand(parisUS, 1.6)},
			"Dallas":  {cand(dallas, 1.8)},
		},
		resolve: map[string]gazetteer.Place{"Lipovec": lipovec, "Horka": lipovecSK},
	}
	tests := []struct {
		name string
		text string
		want []string // place IDs in text order
	}{
		{"resolved after a word of place", "Two men were killed in Lipovec near Brno.", []string{"t:lipovec", "t:brno"}},
		{"resolved before a designator", "Shells hit Lipovec village on Monday; Jihlava was calm.", []string{"t:lipovec", "t:jihlava"}},
		{"no cue, no lookup", "Lipovec said Brno was calm.", []string{"t:brno"}},
		{"resolved in another country", "A man died in Horka, a day after the raid on Brno.", []string{"t:brno"}},
		{"the more populous namesake alone", "Two people were hurt in Paris.", []string{"t:paris"}},
		{"a namesake in the country of the others", "A storm hit Paris and Dallas.", []string{"t:paris-us", "t:dallas"}},
	}
	ex := New(Options{Places: fake})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "")
		var got []string
		for _, p := range res.Places {
			got = append(got, p.ID)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: %q: places %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}

package extract

import (
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/party"
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

// TestPlaceChoiceRules checks the rules that choose among namesakes and
// drop words that only look like places, each on a sentence written for
// the test and a gazetteer of invented places.
func TestPlaceChoiceRules(t *testing.T) {
	brno := place("t:brno", "Brno", "CZ", 49.19, 16.61, 380000)
	college := place("t:college", "College", "US", 64.85, -147.80, 12000)
	// One Lipno in Czechia, two smaller ones in Poland: namesakes in one
	// country are one reading, not two votes.
	lipnoCZ := place("t:lipno-cz", "Lipno", "CZ", 48.63, 14.22, 30000)
	lipnoPL1 := place("t:lipno-pl1", "Lipno", "PL", 52.84, 19.17, 20000)
	lipnoPL2 := place("t:lipno-pl2", "Lipno", "PL", 51.92, 16.56, 18000)
	// A regional seat and a larger village of the same name abroad.
	seat := place("t:halden-seat", "Halden", "CZ", 50.0, 15.0, 60000)
	seat.Feature = "PPLA"
	village := place("t:halden-us", "Halden", "US", 40.0, -90.0, 90000)
	village.Feature = "PPL"
	// "Kovno" is the own name of a town and an old alternate name of a
	// larger city.
	kovnoOwn := place("t:kovno", "Kovno", "LT", 55.0, 24.0, 40000)
	kaunas := place("t:kaunas", "Kaunas", "LT", 54.9, 23.9, 300000)
	kaunas.Names = []string{"Kaunas", "Kovno"}
	// A capital that a party's alias also names, and a town abroad that
	// another party's alias names.
	vardan := place("t:vardan", "Vardan", "CZ", 50.1, 14.4, 1200000)
	ostrov := place("t:ostrov", "Ostrov", "US", 33.0, -97.0, 5000)
	fake := fakePlaces{scan: map[string][]gazetteer.Candidate{
		"Brno":    {cand(brno, 1.8)},
		"College": {cand(college, 1.8)},
		"Lipno":   {cand(lipnoCZ, 1.8), cand(lipnoPL1, 1.8), cand(lipnoPL2, 1.8)},
		"Halden":  {cand(village, 1.8), cand(seat, 1.8)},
		"Kovno":   {cand(kaunas, 1.82), cand(kovnoOwn, 1.8)},
		"Vardan":  {cand(vardan, 1.8)},
		"Ostrov":  {cand(ostrov, 1.8)},
		"Poland":  {cand(place("t:poland-us", "Poland", "US", 41.0, -80.6, 2800), 1.8)},
		"Uddin":   {cand(place("t:uddin", "Uddin", "IT", 45.0, 9.0, 800), 1.8)},
	}}
	parties := party.New([]harmlog.Party{
		{Name: "Czechia", Country: "CZ", Aliases: []string{"Vardan"}},
		{Name: "Ostrovia", Country: "LT", Aliases: []string{"Ostrov"}},
	})
	tests := []struct {
		rule string
		text string
		want []string // place IDs in text order
	}{
		{"a common word inside an institution's name", "Students rallied outside Brno Medical College on Monday.", []string{"t:brno"}},
		{"a common word at a sentence's start", "College staff said two guards were hurt.", nil},
		{"namesakes in one country vote once", "A sit-in began in Lipno on Tuesday.", []string{"t:lipno-cz"}},
		{"a seat of government over a larger namesake", "Two shops burned in Halden.", []string{"t:halden-seat"}},
		{"an own name over another's alternate", "Traders marched in Kovno.", []string{"t:kovno"}},
		{"a party's alias that is its country's capital", "Police broke up a Vardan protest, one man was shot dead.", []string{"t:vardan"}},
		{"a party's alias acting is no place", "Vardan denied the report.", nil},
		{"a party's alias is no town abroad", "Police broke up an Ostrov protest.", nil},
		{"a country named as a place is no town abroad", "Fighting spread in Ostrov on Sunday.", nil},
		{"a hamlet's name inside a person's name", "Kamal Uddin, a trader, was injured in Brno.", []string{"t:brno"}},
		{"a hamlet's name after a word of place", "Shops burned at Uddin Bazar on Monday.", []string{"t:uddin"}},
		{"a country's name is no town abroad", "Troops crossed into Poland at dawn.", nil},
		{"a country named decides among namesakes", "A sit-in began in Lipno, Poland, on Tuesday.", []string{"t:lipno-pl1"}},
		{"a people's name decides among namesakes", "Polish farmers blocked the road at Lipno.", []string{"t:lipno-pl1"}},
	}
	ex := New(Options{Places: fake, Parties: parties})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "")
		var got []string
		for _, p := range res.Places {
			got = append(got, p.ID)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: %q: places %q, want %q", tt.rule, tt.text, got, tt.want)
		}
	}
}

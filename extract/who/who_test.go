package who

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/harmlog/harmlog/internal/sharedtest"
)

// render writes spans as "claimant [chain] cue: words".
func render(text string, spans []Span) string {
	var b []string
	for _, s := range spans {
		b = append(b, fmt.Sprintf("%s %q %s: %s", s.Claimant, s.Chain, s.Cue, text[s.Start:s.End]))
	}
	return strings.Join(b, "\n")
}

func TestAttribute(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"X said", `The regional governor said two shells hit the market.`,
			`regional governor ["The regional governor"] said: The regional governor said two shells hit the market.`},
		{"said X", `Four people died in the blast, said Dr Lena Morov.`,
			`Dr Lena Morov ["Dr Lena Morov"] said: Four people died in the blast, said Dr Lena Morov.`},
		{"X says", `The health ministry says 12 were hurt.`,
			`health ministry ["The health ministry"] says: The health ministry says 12 were hurt.`},
		{"told", `A village elder told Reuters that the school was struck twice.`,
			`village elder ["Reuters" "A village elder"] told: A village elder told Reuters that the school was struck twice.`},
		{"according to", `According to the Interior Ministry, nine civilians were wounded.`,
			`Interior Ministry ["the Interior Ministry"] according to: According to the Interior Ministry, nine civilians were wounded.`},
		{"according to after", `Nine civilians were wounded, according to local officials.`,
			`local officials ["local officials"] according to: Nine civilians were wounded, according to local officials.`},
		{"reported", `The ministry's press service reported that a bridge was destroyed.`,
			`ministry's press service ["The ministry's press service"] reported: The ministry's press service reported that a bridge was destroyed.`},
		{"reports citing", `A clinic burned, Xinhua reports citing the mayor.`,
			`mayor ["Xinhua" "the mayor"] reports citing: A clinic burned, Xinhua reports citing the mayor.`},
		{"in a statement", `In a statement, the Defence Ministry said its positions were shelled.`,
			`Defence Ministry ["the Defence Ministry"] said: In a statement, the Defence Ministry said its positions were shelled.`},
		{"title and name", `Prosecutor General Kamran Aliyev said 30 homes were destroyed.`,
			`Prosecutor General Kamran Aliyev ["Prosecutor General Kamran Aliyev"] said: Prosecutor General Kamran Aliyev said 30 homes were destroyed.`},
		{"claimed", `The rebels claimed they shot down a drone.`,
			`rebels ["The rebels"] claimed: The rebels claimed they shot down a drone.`},
		{"announced", `Northland announced a ceasefire.`,
			`Northland ["Northland"] announced: Northland announced a ceasefire.`},
		{"accused", `Southland accused Northland of shelling the hospital.`,
			`Southland ["Southland"] accused: Southland accused Northland of shelling the hospital.`},
		{"quote after", `"Two rockets hit the square. Three people died," the mayor said.`,
			`mayor ["the mayor"] said: Two rockets hit the square. Three people died`},
		{"quote said X", `"The shelling went on all night," said Anna Petrosyan, a teacher.`,
			`Anna Petrosyan ["Anna Petrosyan"] said: The shelling went on all night`},
		{"quote before", `The governor said: "Eleven houses burned."`,
			`governor ["The governor"] said: Eleven houses burned.`},
		{"quote over paragraphs", "\"The first strike hit the school.\n\n\"The second hit the clinic,\" the report said.",
			"the report [\"the report\"] said: The first strike hit the school.\n\n\"The second hit the clinic"},
		{"pronoun", `The mayor said the water plant was hit. "It burned for hours," she said.`,
			`mayor ["The mayor"] said: The mayor said the water plant was hit.` + "\n" + `mayor ["she"] said: It burned for hours`},
		{"typographic quotes", `“Seven were killed,” the ministry said.`,
			`ministry ["the ministry"] said: Seven were killed`},
		{"nothing", `Two shells hit the market on Sunday.`, ``},
		{"passive quoted", `The mayor was quoted as saying that the dam held.`,
			`mayor ["The mayor"] was quoted: The mayor was quoted as saying that the dam held.`},
		{"split quote", `"We were hit," the mayor said, "and three died."`,
			`mayor ["the mayor"] said: We were hit` + "\n" + `mayor ["the mayor"] said: and three died.`},
		{"quoted as saying", `Interfax quoted the mayor as saying the bridge collapsed.`,
			`mayor ["Interfax" "the mayor"] quoted: Interfax quoted the mayor as saying the bridge collapsed.`},
		{"said citing", `The agency said, citing police, that a bus was hit.`,
			`police ["The agency" "police"] said citing: The agency said, citing police, that a bus was hit.`},
		{"two sources in one sentence", `Residents reported shelling overnight; four people died, according to the governor.`,
			`Residents ["Residents"] reported: Residents reported shelling overnight;` + "\n" +
				`governor ["the governor"] according to: four people died, according to the governor.`},
		{"appositive", `Kamran Aliyev, the prosecutor general, said 30 homes burned.`,
			`Kamran Aliyev ["Kamran Aliyev, the prosecutor general"] said: Kamran Aliyev, the prosecutor general, said 30 homes burned.`},
		{"said in a statement", `The army said in a statement that two soldiers died.`,
			`army ["The army"] said: The army said in a statement that two soldiers died.`},
		{"said on Sunday", `"Three shells landed," the mayor said on Sunday.`,
			`mayor ["the mayor"] said: Three shells landed`},
		{"he added", `"The clinic was hit twice," Dr Morov told AFP. "Nobody was inside," he added.`,
			`Dr Morov ["AFP" "Dr Morov"] told: The clinic was hit twice` + "\n" + `Dr Morov ["he"] added: Nobody was inside`},
		{"description with introduction", `Northland's rights groups issued a letter to the Southland Council.` + "\n" +
			`"In your report you claimed that our army shelled Eastville, while our army was not there," the letter said.`,
			`Northland's rights groups ["the letter"] said: In your report you claimed that our army shelled Eastville, while our army was not there` + "\n" +
				`Southland Council (as described in the letter) ["the letter" "Southland Council"] you claimed that: our army shelled Eastville`},
		{"third party in quote", `"Southland's statement claims that the dam was bombed by us, which is false," the minister said.`,
			`minister ["the minister"] said: Southland's statement claims that the dam was bombed by us, which is false` + "\n" +
				`Southland (as described by minister) ["the minister" "Southland"] statement claims that: the dam was bombed by us, which is false`},
		{"negated report is not reported speech", `"You do not mention that our towns were shelled," the appeal said.`,
			`the appeal ["the appeal"] said: You do not mention that our towns were shelled`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(tt.text, Attribute(tt.text)); got != tt.want {
				t.Errorf("Attribute(%q)\n got:\n%s\nwant:\n%s", tt.text, got, tt.want)
			}
		})
	}
}

func TestDenials(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"denied", `Northland's defence ministry denied that its forces shelled the town.`,
			`Northland's defence ministry ["Northland's defence ministry"] denied: Northland's defence ministry denied that its forces shelled the town.`},
		{"categorically", `Southland categorically denied the reports.`,
			`Southland ["Southland"] denied: Southland categorically denied the reports.`},
		{"rejected the claim", `The army rejected the claim as baseless.`,
			`army ["The army"] rejected: The army rejected the claim as baseless.`},
		{"dismissed as fake", `Officials in Eastville dismissed the video as fake.`,
			`Officials ["Officials in Eastville"] dismissed: Officials in Eastville dismissed the video as fake.`},
		{"refuted", `The ministry refuted the accusation.`,
			`ministry ["The ministry"] refuted: The ministry refuted the accusation.`},
		{"did not fire", `Northland forces did not fire on civilians, the spokesman said.`,
			`Northland forces ["Northland forces"] did not fire: Northland forces did not fire on civilians, the spokesman said.`},
		{"we in quote", `"We never targeted civilian areas," the Southland army said.`,
			`Southland army ["the Southland army"] never targeted: "We never targeted civilian areas," the Southland army said.`},
		{"fake in attributed sentence", `The ministry said the reports were fake.`,
			`ministry ["The ministry"] fake: The ministry said the reports were fake.`},
		{"rejected without claim", `The court rejected the appeal of the driver.`, ``},
		{"no denial", `Two shells hit the market.`, ``},
		{"called groundless", `A ministry spokeswoman called the Smerch claims groundless and false.`,
			`ministry spokeswoman ["A ministry spokeswoman"] groundless: A ministry spokeswoman called the Smerch claims groundless and false.`},
		{"misinformation", `Yerevan said the reports were misinformation.`,
			`Yerevan ["Yerevan"] misinformation: Yerevan said the reports were misinformation.`},
		{"does not target", `Baku said its army does not target civilians.`,
			`Baku ["Baku"] does not target: Baku said its army does not target civilians.`},
		{"not a denial", `The village lies on a false ridge; the army did not rest.`, ``},
		{"symmetric", `Southland's defence ministry denied that its forces shelled the town.`,
			`Southland's defence ministry ["Southland's defence ministry"] denied: Southland's defence ministry denied that its forces shelled the town.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := render(tt.text, Denials(tt.text)); got != tt.want {
				t.Errorf("Denials(%q)\n got:\n%s\nwant:\n%s", tt.text, got, tt.want)
			}
		})
	}
}

func TestAt(t *testing.T) {
	spans := []Span{{Start: 0, End: 100, Claimant: "outer"}, {Start: 10, End: 40, Claimant: "inner"}, {Start: 200, End: 230, Claimant: "other"}}
	for i := range 40 {
		spans = append(spans, Span{Start: 1000 + 10*i, End: 1005 + 10*i, Claimant: fmt.Sprint("s", i)})
	}
	tests := []struct {
		s, e int
		want string
		ok   bool
	}{
		{12, 30, "inner", true},   // inside both
		{5, 30, "inner", true},    // ends inside the inner one
		{5, 60, "outer", true},    // ends in the outer one only
		{95, 130, "outer", true},  // ends outside all: most overlap
		{190, 240, "other", true}, // covers one wholly
		{120, 180, "", false},
		{1391, 1394, "s39", true},
		{1000, 1394, "s39", true}, // overlaps many: ends in the last
		{2000, 2010, "", false},
	}
	for _, tt := range tests {
		got, ok := At(spans, tt.s, tt.e)
		if got.Claimant != tt.want || ok != tt.ok {
			t.Errorf("At(%d, %d) = %q, %v; want %q, %v", tt.s, tt.e, got.Claimant, ok, tt.want, tt.ok)
		}
	}
}

// TestSeed checks the seed article against its gold annotation: each gold
// claim's quote lies in a span whose innermost claimant is the gold
// claimant.
func TestSeed(t *testing.T) {
	txt, err := os.ReadFile(sharedtest.Path(t, "seed/000_5666055ee0aafada.txt"))
	if err != nil {
		t.Fatal(err)
	}
	gb, err := os.ReadFile(sharedtest.Path(t, "seed/000_5666055ee0aafada.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Claims []struct {
			Claimant, Quote string
		}
	}
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	text := string(txt)
	spans := Attribute(text)
	for _, c := range gold.Claims {
		q, _, _ := strings.Cut(c.Quote, " ... ") // an elided quote: its first part
		i := strings.Index(text, q)
		if i < 0 {
			t.Fatalf("gold quote %q not in the text", q)
		}
		s, ok := At(spans, i, i+len(q))
		if !ok || s.Claimant != c.Claimant {
			t.Errorf("claim %q: claimant %q (span %+v), want %q", q, s.Claimant, s, c.Claimant)
		}
	}
	if len(spans) == 0 || strings.Join(spans[0].Chain, ">") != "Trend>the appeal" {
		t.Errorf("first span's chain: %+v, want Trend>the appeal", spans)
	}
}

func FuzzAttribute(f *testing.F) {
	f.Add(`"Two rockets hit," the mayor said. According to the army, Southland denied it; "you note that x, but y," the appeal said.`)
	f.Add("\"open quote\n\n\"continued“ ” ’s — X's statement claims that")
	f.Fuzz(func(t *testing.T, text string) {
		for _, spans := range [][]Span{Attribute(text), Denials(text)} {
			for _, s := range spans {
				if s.Start < 0 || s.End <= s.Start || s.End > len(text) {
					t.Fatalf("bad span %+v in %q", s, text)
				}
				if utf8.ValidString(text) && !utf8.ValidString(text[s.Start:s.End]) {
					t.Fatalf("span %+v splits a rune in %q", s, text)
				}
			}
		}
	})
}

func BenchmarkAttribute(b *testing.B) {
	data, err := os.ReadFile(sharedtest.Path(b, "bench/extract/corpus.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		Attribute(text)
	}
	reportCPU(b, len(text), c0)
}

func BenchmarkDenials(b *testing.B) {
	data, err := os.ReadFile(sharedtest.Path(b, "bench/extract/corpus.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		Denials(text)
	}
	reportCPU(b, len(text), c0)
}

// reportCPU reports the throughput per CPU second since c0 as cpu-MB/s.
func reportCPU(b *testing.B, size int, c0 time.Duration) {
	if c := cpuTime() - c0; c > 0 && c0 > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/c.Seconds()/1e6, "cpu-MB/s")
	}
}

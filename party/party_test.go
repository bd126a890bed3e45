package party

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/internal/sharedtest"
)

// render writes mentions as "Party/Role=words" for comparison.
func render(ms []Mention) string {
	var b []string
	for _, m := range ms {
		b = append(b, fmt.Sprintf("%s/%s=%s", m.Party, m.Role, m.Words))
	}
	return strings.Join(b, "|")
}

// TestFindSymmetric runs every case twice, once as written and once with
// the two sides swapped, and expects the swapped answer: the rules must not
// depend on which side is which.
func TestFindSymmetric(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"27 Azerbaijani civilians were killed as a result of Armenian missile strikes",
			"Azerbaijan/nationality=Azerbaijani|Armenia/actor=Armenian"},
		{"Khankendi and Shusha were bombed by Azerbaijani military forces",
			"Azerbaijan/actor=Azerbaijani military forces"},
		{"cluster bombs used by the Armenian army", "Armenia/actor=Armenian army"},
		{"shells fired by Azerbaijani forces hit Armenian villages",
			"Azerbaijan/actor=Azerbaijani forces|Armenia/nationality=Armenian"},
		{"an attack by Armenia on Azerbaijani positions",
			"Armenia/actor=Armenia|Azerbaijan/target=Azerbaijani"},
		{"war crimes of Armenia against Azerbaijan",
			"Armenia/actor=Armenia|Azerbaijan/target=Azerbaijan"},
		{"Baku said that Armenian troops shelled the town", "Azerbaijan/actor=Baku|Armenia/actor=Armenian troops"},
		{"a family living in Azerbaijan", "Azerbaijan/place=Azerbaijan"},
		{"the Armenian-Azerbaijani conflict", "Armenia/=Armenian|Azerbaijan/=Azerbaijani"},
		{"THE ARMENIAN SIDE", "Armenia/actor=ARMENIAN SIDE"},
		{"Azerbaijan's army fired", "Azerbaijan/actor=Azerbaijan"},
		{"Azerbaijani heavy shelling", "Azerbaijan/actor=Azerbaijani"},
		{"mortar fire attributed to Armenia", "Armenia/actor=Armenia"},
		{"it is Armenia which has violated the norms", "Armenia/actor=Armenia"},
		{"Armenian peaceful residents", "Armenia/nationality=Armenian"},
		{"the blast was blamed on Azerbaijan", "Azerbaijan/actor=Azerbaijan"},
		{"Armenian villages, Armenian civilians and Azerbaijani children", "Armenia/nationality=Armenian|Armenia/nationality=Armenian|Azerbaijan/nationality=Azerbaijani"},
	}
	swap := strings.NewReplacer("Azerbaijani", "Armenian", "Armenian", "Azerbaijani", "Azerbaijan", "Armenia", "Armenia", "Azerbaijan",
		"AZERBAIJANI", "ARMENIAN", "ARMENIAN", "AZERBAIJANI", "Baku", "Yerevan", "Yerevan", "Baku")
	r := Default()
	for _, tt := range tests {
		for _, c := range []struct{ text, want string }{{tt.text, tt.want}, {swap.Replace(tt.text), swap.Replace(tt.want)}} {
			if got := render(r.Find(c.text)); got != c.want {
				t.Errorf("Find(%q)\n got %s\nwant %s", c.text, got, c.want)
			}
		}
	}
}

func TestFindOther(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"Ukrainian forces and DPR militants exchanged fire", "Ukraine/actor=Ukrainian forces|DPR/actor=DPR militants"},
		{"shelling by pro-Russian separatists in the Donetsk People's Republic",
			"United Armed Forces of Novorossiya/actor=pro-Russian separatists|DPR/place=Donetsk People's Republic"},
		{"a Houthi missile and a Saudi-led coalition airstrike", "Houthis/actor=Houthi|Saudi-led coalition/actor=Saudi-led coalition"},
		{"Israeli airstrikes; Hamas fired rockets", "Israel/actor=Israeli|Hamas/actor=Hamas"},
		{"Al Shabaab fighters attacked AMISOM troops", "Al-Shabaab/actor=Al Shabaab fighters|AMISOM/actor=AMISOM troops"},
		{"Boko Haram and ISWAP; the Taliban said", "Boko Haram/=Boko Haram|ISWAP/=ISWAP|Taliban/actor=Taliban"},
		{"the ana and dpr in lower case are not parties; Armenianism neither", ""},
		{"separatists", ""},
	}
	r := Default()
	for _, tt := range tests {
		if got := render(r.Find(tt.text)); got != tt.want {
			t.Errorf("Find(%q)\n got %s\nwant %s", tt.text, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Armenian armed forces", "Armenia", true},
		{"the Azerbaijani Armed Forces", "Azerbaijan", true},
		{"AZERBAIJANI MILITARY FORCES", "Azerbaijan", true},
		{"Government of Ukraine", "Ukraine", true},
		{"United Armed Forces of Novorossiya", "United Armed Forces of Novorossiya", true},
		{"Israel's", "Israel", true},
		{"Al-Shabab", "Al-Shabaab", true},
		{"Saudi led coalition", "Saudi-led coalition", true},
		{"Amnesty International", "", false},
		{"Azerbaijani sabotage group (reportedly with mercenaries)", "Azerbaijan", true},
		{"hostile armed forces (Armenia)", "Armenia", true},
		{"Armenian forces (as alleged by Azerbaijan)", "Armenia", true},
		{"Armenian and Azerbaijani forces", "", false},
		{"", "", false},
	}
	r := Default()
	for _, tt := range tests {
		got, ok := r.Normalize(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAdd(t *testing.T) {
	base := New([]harmlog.Party{{Name: "Northland", Aliases: []string{"Northern army"}}})
	added := base.Add(harmlog.Party{Name: "Southland", Aliases: []string{"Southern militia", "Southern"}}).
		Add(harmlog.Party{Name: "Northland", Aliases: []string{"Northern"}})
	text := "the Northern army and the Southern militia; Northern civilians"
	if got, want := render(base.Find(text)), "Northland/actor=Northern army"; got != want {
		t.Errorf("base.Find = %s, want %s (Add must not change the receiver)", got, want)
	}
	want := "Northland/actor=Northern army|Southland/actor=Southern militia|Northland/nationality=Northern"
	if got := render(added.Find(text)); got != want {
		t.Errorf("added.Find = %s, want %s", got, want)
	}
	ps := added.Parties()
	if len(ps) != 2 || len(ps[0].Aliases) != 2 {
		t.Errorf("Parties() = %+v, want Northland with 2 aliases and Southland", ps)
	}
	ps[0].Aliases[0] = "changed"
	if added.Parties()[0].Aliases[0] == "changed" {
		t.Error("Parties() shares its slices with the registry")
	}
}

// TestDefaultData checks the embedded file: every party named, aliases not
// repeated across parties, and every alias found by Find as that party.
func TestDefaultData(t *testing.T) {
	var ps []harmlog.Party
	if err := json.Unmarshal([]byte(defaultData), &ps); err != nil {
		t.Fatal(err)
	}
	r := Default()
	owner := map[string]string{}
	for _, p := range ps {
		if p.Name == "" || len(p.Aliases) == 0 {
			t.Errorf("party %+v lacks a name or aliases", p)
		}
		for _, a := range p.Aliases {
			k := normKey(a)
			if o, ok := owner[k]; ok && o != p.Name {
				t.Errorf("alias %q belongs to %q and %q", a, o, p.Name)
			}
			owner[k] = p.Name
			ms := r.Find("Then " + a + ".")
			if len(ms) != 1 || ms[0].Party != p.Name || ms[0].Words != a {
				t.Errorf("Find(%q) = %+v, want one mention of %q", a, ms, p.Name)
			}
		}
	}
}

// TestSeed reads the seed article: each side's forces must be found as
// actors and its civilians as nationality, as the gold annotation expects.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(sharedtest.Path(t, "seed/000_5666055ee0aafada.txt"))
	if err != nil {
		t.Fatal(err)
	}
	actors := map[string]bool{}
	for _, m := range Default().Find(string(b)) {
		if m.Role == RoleActor {
			actors[m.Words] = true
		}
	}
	for _, w := range []string{"Azerbaijani military forces", "Armenian army", "Armenian", "Azerbaijani Armed Forces"} {
		if !actors[w] {
			t.Errorf("seed: %q not found as an actor (actors: %v)", w, actors)
		}
	}
}

func FuzzFind(f *testing.F) {
	f.Add("27 Azerbaijani civilians were killed by Armenian missile strikes")
	f.Add("Donetsk People’s Republic's forces; pro-Russian  separatists")
	r := Default()
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, m := range r.Find(text) {
			if m.Start < last || m.End <= m.Start || m.End > len(text) || m.Words != text[m.Start:m.End] {
				t.Fatalf("bad mention %+v after %d in %q", m, last, text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(m.Words) {
				t.Fatalf("mention %+v splits a rune", m)
			}
			last = m.End
		}
		r.Normalize(text)
	})
}

func BenchmarkFind(b *testing.B) {
	data, err := os.ReadFile(sharedtest.Path(b, "bench/extract/corpus.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	r := Default()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		r.Find(text)
	}
	reportCPU(b, len(text), c0)
}

// reportCPU reports the throughput per CPU second since c0 as cpu-MB/s.
func reportCPU(b *testing.B, size int, c0 time.Duration) {
	if c := cpuTime() - c0; c > 0 && c0 > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/c.Seconds()/1e6, "cpu-MB/s")
	}
}

// TestNormalizeFacts normalises every alleged perpetrator of the
// Nagorno-Karabakh claims (shared facts) to one of the two sides; the
// expected side is read from the words themselves, the same way for both.
func TestNormalizeFacts(t *testing.T) {
	b, err := os.ReadFile(sharedtest.Path(t, "facts/nk2020-claims.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	r := Default()
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var c struct {
			Perp *string `json:"alleged_perpetrator"`
		}
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			t.Fatal(err)
		}
		if c.Perp == nil {
			continue
		}
		want := "Azerbaijan"
		head := strings.ToLower(stripParens(*c.Perp))
		if strings.Contains(head, "armenia") || strings.Contains(head, "karabakh") || !strings.Contains(head, "azer") && !strings.Contains(head, "azeri") && strings.Contains(strings.ToLower(*c.Perp), "armenia") {
			want = "Armenia"
		}
		got, ok := r.Normalize(*c.Perp)
		if !ok || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", *c.Perp, got, ok, want)
		}
		n++
	}
	if n < 50 {
		t.Errorf("only %d perpetrators read", n)
	}
}

package weapons

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/harmlog/harmlog/internal/sharedtest"
)

func TestFind(t *testing.T) {
	tests := []struct {
		text string
		want []string // "norm=words"
	}{
		{"as a result of Armenian missile strikes.", []string{"missile=missile strikes"}},
		{"Khankendi and Shusha were bombed by Azerbaijani military forces", []string{"bombing=bombed"}},
		{"However, cluster bombs used by the army", []string{"cluster munitions=cluster bombs"}},
		{"Rocket fire hit the town; later Grad rockets and a BM-21 were used.", []string{"rocket=Rocket fire", "rocket=Grad rockets", "rocket=BM-21"}},
		{"the village was shelled, and artillery shelling continued", []string{"artillery=shelled", "artillery=artillery shelling"}},
		{"mortar fire killed two; a mortar shell landed", []string{"mortar=mortar fire", "mortar=mortar shell"}},
		{"an M095 DPICM and LAR-160 rockets", []string{"cluster munitions=M095 DPICM", "cluster munitions=LAR-160 rockets"}},
		{"a Bayraktar TB2 drone strike; a kamikaze drone; loitering munitions; two UAVs", []string{"drone=Bayraktar TB2 drone strike", "drone=kamikaze drone", "drone=loitering munitions", "drone=UAVs"}},
		{"an air strike and airstrikes by warplanes", []string{"airstrike=air strike", "airstrike=airstrikes", "airstrike=warplanes"}},
		{"Iskander ballistic missiles", []string{"ballistic missile=Iskander", "ballistic missile=ballistic missiles"}},
		{"a sniper shot dead a farmer; gunfire followed", []string{"small arms=sniper", "small arms=shot dead", "small arms=gunfire"}},
		{"a car bomb, an IED, a landmine and a grenade", []string{"explosive device=car bomb", "explosive device=IED", "explosive device=landmine", "explosive device=grenade"}},
		{"a suicide bombing, then a bomb", []string{"explosive device=suicide bombing", "bombing=bomb"}},
		{"tank fire destroyed homes that were later torched", []string{"tank fire=tank fire", "arson=torched"}},
		{"white phosphorus was used", []string{"incendiary weapons=white phosphorus"}},
		{"multiple-launch rocket systems fired", []string{"rocket=multiple-launch rocket systems"}},
		{"this is not rocket science, nor a shell company", nil},
		{"anti-aircraft missile", []string{"missile=missile"}},
		{"a missile. Strikes continued", []string{"missile=missile"}},
		{"The MISSILE STRIKE", []string{"missile=MISSILE STRIKE"}},
		{"Armenian missile", []string{"missile=missile"}},
		{"", nil},
	}
	for _, tt := range tests {
		got := Find(tt.text)
		var gs []string
		for _, m := range got {
			if m.Words != tt.text[m.Start:m.End] {
				t.Errorf("Find(%q): Words %q is not text[%d:%d]", tt.text, m.Words, m.Start, m.End)
			}
			gs = append(gs, m.Norm+"="+m.Words)
		}
		if strings.Join(gs, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Find(%q)\n got %q\nwant %q", tt.text, gs, tt.want)
		}
	}
}

// TestVocabulary checks that every trigger word finds its own term, that no
// word belongs to two terms and that norms are lower-case and unique.
func TestVocabulary(t *testing.T) {
	seen := map[string]string{}
	norms := map[string]bool{}
	for _, term := range Vocabulary() {
		if term.Norm != strings.ToLower(term.Norm) || norms[term.Norm] {
			t.Errorf("norm %q: not lower-case or duplicated", term.Norm)
		}
		norms[term.Norm] = true
		if term.Definition == "" || len(term.Words) == 0 {
			t.Errorf("term %q lacks a definition or words", term.Norm)
		}
		for _, w := range term.Words {
			if prev, ok := seen[w]; ok {
				t.Errorf("word %q in both %q and %q", w, prev, term.Norm)
			}
			seen[w] = term.Norm
			ms := Find("They said " + w + ".")
			if len(ms) != 1 || ms[0].Norm != term.Norm || !strings.EqualFold(ms[0].Words, w) {
				t.Errorf("Find(%q) = %+v, want one %q mention", w, ms, term.Norm)
			}
		}
	}
}

func TestNorms(t *testing.T) {
	got := Norms(Find("missile strikes, rockets, another missile"))
	if strings.Join(got, ",") != "missile,rocket" {
		t.Errorf("Norms = %q", got)
	}
}

func FuzzFind(f *testing.F) {
	f.Add("Armenian missile strikes and cluster bombs")
	f.Add("BM-21 Grad\u2014multiple-launch rocket   systems -")
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, m := range Find(text) {
			if m.Start < last || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("bad span %d:%d after %d in %q", m.Start, m.End, last, text)
			}
			if utf8.ValidString(text) && !utf8.ValidString(text[m.Start:m.End]) {
				t.Fatalf("span %d:%d splits a rune in %q", m.Start, m.End, text)
			}
			last = m.End
		}
	})
}

func BenchmarkFind(b *testing.B) {
	data, err := os.ReadFile(sharedtest.Path(b, "bench/extract/corpus.txt"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	c0 := cpuTime()
	for b.Loop() {
		Find(text)
	}
	reportCPU(b, len(text), c0)
}

// reportCPU reports the throughput per CPU second since c0 as cpu-MB/s.
func reportCPU(b *testing.B, size int, c0 time.Duration) {
	if c := cpuTime() - c0; c > 0 && c0 > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/c.Seconds()/1e6, "cpu-MB/s")
	}
}

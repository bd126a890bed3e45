package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// summary renders a claim's figures compactly: "k=7 i=2+ d=5:homes:destroyed
// v=civilian s=incident p=0 u".
func summary(c harmlog.Claim) string {
	var b strings.Builder
	put := func(name string, r *harmlog.Range) {
		if r != nil {
			fmt.Fprintf(&b, "%s=%s ", name, r)
		}
	}
	put("k", c.Killed)
	put("i", c.Injured)
	put("m", c.Missing)
	for _, d := range c.Damaged {
		fmt.Fprintf(&b, "d=%s:%s:%s ", d.Range.String(), d.Object, d.State)
	}
	fmt.Fprintf(&b, "v=%s s=%s", c.Victims, c.Scope)
	if c.PartOf != nil {
		fmt.Fprintf(&b, " p=%d", *c.PartOf)
	}
	if c.Update {
		b.WriteString(" u")
	}
	return b.String()
}

func TestExtractFigures(t *testing.T) {
	tests := []struct {
		text string
		want []string // summaries of the claims with figures, in order
	}{
		{"27 civilians were killed and 141 people were injured.", []string{"k=27 i=141 v=civilian s=incident"}},
		{"The blast killed three soldiers and wounded 12 others.", []string{"k=3 i=12 v=military s=incident"}},
		{"At least 13 people died in the attack.", []string{"k=13+ v=unknown s=incident"}},
		{"More than 40 people were wounded.", []string{"i=40+ v=unknown s=incident"}},
		{"Up to 30 villagers were killed.", []string{"k=≤30 v=civilian s=incident"}},
		{"About twenty militants were killed.", []string{"k=20 v=military s=incident"}},
		{"Between 5 and 7 soldiers were killed.", []string{"k=5–7 v=military s=incident"}},
		{"Dozens of people were injured.", []string{"i=12+ v=unknown s=incident"}},
		{"A dozen civilians were wounded.", []string{"i=12 v=civilian s=incident"}},
		{"Several policemen were hurt.", []string{"i=3+ v=military s=incident"}},
		{"There were no casualties.", []string{"k=0 i=0 v=unknown s=incident"}},
		{"Nobody was killed in the shelling.", []string{"k=0 v=unknown s=incident"}},
		{"Twenty-seven people were killed.", []string{"k=27 v=unknown s=incident"}},
		{"A child was wounded by shrapnel.", []string{"i=1 v=civilian s=incident"}},
		{"One man died on the spot.", []string{"k=1 v=unknown s=incident"}},
		{"7 civilians, 3 of them women, were killed.", []string{"k=7 v=civilian s=incident", "k=3 v=civilian s=incident p=0"}},
		{"Up to 29 civilians, including 7 children, died after shelling.", []string{"k=≤29 v=civilian s=incident", "k=7 v=civilian s=incident p=0"}},
		{"Since 27 September, 27 civilians have been killed.", []string{"k=27 v=civilian s=cumulative"}},
		{"The death toll rose to 13.", []string{"k=13 v=unknown s=incident u"}},
		{"Two people were killed in the blast. The death toll later rose to five.", []string{"k=5 v=unknown s=incident u"}},
		{"Maoists kidnapped three villagers. The bodies of the three were found on Monday.", nil},
		{"Rebels fired 122mm rockets at the town in 2020, killing a 12-year-old boy.", []string{"k=1 v=civilian s=incident"}},
		{"Two soldiers and two militants were killed.", []string{"k=2 v=military s=incident", "k=2 v=military s=incident"}},
		{"Fighters fired 20 shells at the village. No one was hurt.", []string{"i=0 v=unknown s=incident"}},
		{"Two people were killed in Kabul. The two victims were shopkeepers.", []string{"k=2 v=unknown s=incident"}},
		{"A man was shot dead in the market. He was identified as a trader.", []string{"k=1 v=unknown s=incident"}},
		{"A policeman was gunned down by militants.", []string{"k=1 v=military s=incident"}},
		{"Five houses were destroyed and 12 vehicles damaged.", []string{"d=5:houses:destroyed d=12:vehicles:damaged v=unknown s=incident"}},
		{"Students protested after five people died in a fire.", nil},
		{"Militants stormed the village, killing 1,200 residents.", []string{"k=1200 v=civilian s=incident"}},
		{"A mob killed two extortionists on Friday.", []string{"k=2 v=unknown s=incident"}},
	}
	ex := New(Options{})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "2020-10-08")
		var got []string
		for _, c := range res.Claims {
			if c.Killed != nil || c.Injured != nil || c.Missing != nil || len(c.Damaged) > 0 {
				got = append(got, summary(c))
			}
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
	}
}

// checkSpans fails when a span of res is outside text or splits a rune.
func checkSpans(t *testing.T, text string, res Result) {
	t.Helper()
	valid := utf8.ValidString(text) // boundaries mean nothing in invalid UTF-8
	ok := func(s, e int) bool {
		return 0 <= s && s <= e && e <= len(text) &&
			(!valid || (s == len(text) || utf8.RuneStart(text[s])) && (e == len(text) || utf8.RuneStart(text[e])))
	}
	for _, c := range res.Claims {
		if !ok(c.Start, c.End) {
			t.Fatalf("claim span [%d, %d) of %q is not on rune boundaries inside the text", c.Start, c.End, text)
		}
		if c.PartOf != nil && (*c.PartOf < 0 || *c.PartOf >= len(res.Claims)) {
			t.Fatalf("part_of %d out of range", *c.PartOf)
		}
	}
	for _, p := range res.Places {
		if !ok(p.Start, p.End) {
			t.Fatalf("place span [%d, %d) of %q is not on rune boundaries inside the text", p.Start, p.End, text)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"27 civilians were killed, 141 people were injured and more than 500 buildings were destroyed.",
		"Şuşa was shelled; «два» people — including 3 children — died.",
		"The death toll rose to 13, according to officials.",
		"No one was hurt. Nobody died.",
		"\"A man was killed,\" the police said.\nSince 27 September 27 people have been killed.",
		"Ali (45) - a guard - was shot dead; the driver and his helper died, along with three others, killing his son.",
		"A commander, as well as two other fighters, were killed and one of his aides (",
	} {
		f.Add(s, "2020-10-08")
	}
	ex := New(Options{})
	f.Fuzz(func(t *testing.T, text, published string) {
		checkSpans(t, text, ex.Extract(text, published))
	})
}

// FuzzExtractPlaces is FuzzExtract with the embedded gazetteer, so that the
// place rules (namesakes, parties and countries named, words of longer
// names) see arbitrary text too.
func FuzzExtractPlaces(f *testing.F) {
	for _, s := range []string{
		"Police broke up a Kiev protest; in India, Kamal Uddin of Dhaka Medical College was shot dead.",
		"Troops crossed into Kenya. Bangladeshi traders marched in Islamabad, Pakistan's capital, and Mirpur.",
		"Sri Lanka's; Central African Republic' (Chad) Ostrov, Poland,",
	} {
		f.Add(s, "2015-06-01")
	}
	ex := withGazetteer(f)
	f.Fuzz(func(t *testing.T, text, published string) {
		checkSpans(t, text, ex.Extract(text, published))
	})
}

func TestJSONL(t *testing.T) {
	in, err := os.ReadFile(filepath.Join("testdata", "jsonl.input"))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := RunJSONL(context.Background(), bytes.NewReader(in), &out, New(Options{}), 3); err != nil {
		t.Fatal(err)
	}
	golden(t, "jsonl.golden", out.Bytes())
	// Every line has the contract's fields.
	for i, line := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("output line %d: %v", i+1, err)
		}
		for _, k := range []string{"id", "claims", "places"} {
			if _, ok := m[k]; !ok {
				t.Errorf("output line %d has no %q", i+1, k)
			}
		}
		var claims []map[string]json.RawMessage
		json.Unmarshal(m["claims"], &claims)
		for _, c := range claims {
			for _, k := range []string{"killed", "injured", "missing", "damaged", "victims", "scope", "part_of",
				"date", "places", "weapons", "perpetrator", "claimant", "start", "end"} {
				if _, ok := c[k]; !ok {
					t.Errorf("output line %d: a claim has no %q", i+1, k)
				}
			}
		}
	}
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update after checking):\n%s", path, got)
	}
}

func TestRunJSONLOrderAndCancel(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&in, "{\"id\":\"d%d\",\"text\":\"%d people were killed.\"}\n", i, i%7+1)
	}
	var out bytes.Buffer
	if err := RunJSONL(context.Background(), strings.NewReader(in.String()), &out, New(Options{}), 4); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 500 {
		t.Fatalf("%d output lines, want 500", len(lines))
	}
	for i, l := range lines {
		var o Output
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatal(err)
		}
		if o.ID != fmt.Sprintf("d%d", i) || len(o.Claims) != 1 || o.Claims[0].Killed.Low() != i%7+1 {
			t.Fatalf("line %d = %s", i, l)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := RunJSONL(ctx, strings.NewReader(in.String()), &out, New(Options{}), 2); err == nil {
		t.Error("RunJSONL with a cancelled context returned no error")
	}
}

func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile(sharedtest.Path(b, "bench/extract/corpus.txt"))
	if err != nil {
		b.Fatal(err)
	}
	docs := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	ex := New(Options{})
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			ex.Extract(d, "2023-05-10")
		}
	}
	reportCPU(b, len(data), c0)
}

// BenchmarkExtractPlaces is BenchmarkExtract with the embedded gazetteer:
// the end-to-end figure.
func BenchmarkExtractPlaces(b *testing.B) {
	data, err := os.ReadFile(sharedtest.Path(b, "bench/extract/corpus.txt"))
	if err != nil {
		b.Fatal(err)
	}
	docs := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	ex := withGazetteer(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			ex.Extract(d, "2023-05-10")
		}
	}
	reportCPU(b, len(data), c0)
}

// BenchmarkExtractPlacesBatch is BenchmarkExtractPlaces through
// ExtractBatch, on as many workers as -cpu gives: the batch figure. Its
// cpu-MB/s is per core busy; MB/s (wall) grows with the cores.
func BenchmarkExtractPlacesBatch(b *testing.B) {
	data, err := os.ReadFile(sharedtest.Path(b, "bench/extract/corpus.txt"))
	if err != nil {
		b.Fatal(err)
	}
	docs := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	pub := make([]string, len(docs))
	for i := range pub {
		pub[i] = "2023-05-10"
	}
	ex := withGazetteer(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	c0 := cpuTime()
	for i := 0; i < b.N; i++ {
		ex.ExtractBatch(docs, pub, 0)
	}
	reportCPU(b, len(data), c0)
}

// TestExtractBatch checks that the batch gives, in order, what Extract gives
// one by one.
func TestExtractBatch(t *testing.T) {
	var texts, pub []string
	for i := 0; i < 200; i++ {
		texts = append(texts, fmt.Sprintf("%d soldiers were killed and %d civilians wounded on Sunday.", i%9+1, i%5))
		pub = append(pub, "2020-10-08")
	}
	ex := New(Options{})
	got := ex.ExtractBatch(texts, pub, 0)
	for i, text := range texts {
		want := ex.Extract(text, pub[i])
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(want)
		if !bytes.Equal(g, w) {
			t.Fatalf("text %d: batch %s, alone %s", i, g, w)
		}
	}
}

// reportCPU reports the throughput per CPU second since c0 as cpu-MB/s,
// which a busy machine does not skew as it skews wall time.
func reportCPU(b *testing.B, size int, c0 time.Duration) {
	if c := cpuTime() - c0; c > 0 && c0 > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/c.Seconds()/1e6, "cpu-MB/s")
	}
}

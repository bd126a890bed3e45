package gazetteer

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// scanSentences are written for this test: both sides' toponyms, designators,
// sentence-initial common words that are also towns, possessives, months,
// multi-word names, and names in other scripts.
var scanSentences = []string{
	"Shelling of Stepanakert and Shushi killed two civilians, officials in Khankendi said.",
	"Police said a rocket hit Ganja on 11 October; Most of the victims lived in Gəncə.",
	"Of the dead, three were from Tartar district and one from Bərdə.",
	"The Azerbaijani ministry reported strikes on Tərtər, Agjabadi and Mingachevir in May.",
	"Residents of Martuni and Hadrut fled to Yerevan; New York-based groups called for a ceasefire.",
	"Barda's central market was hit, the governor of Ağdam said, while St. Petersburg stayed silent.",
	"In Xankəndi (Stepanakert) the maternity hospital was damaged.",
	"Rio de Janeiro, Los Angeles and Buenos Aires are far from Nagorno-Karabakh.",
	"Shosh village and Shatvan were named in reports by the Armenian side.",
	"A drone struck near Naftalan on Monday, according to Azerbaijan's prosecutor general.",
}

func TestScanGolden(t *testing.T) {
	g := testGazetteer(t)
	var b strings.Builder
	for _, s := range scanSentences {
		fmt.Fprintf(&b, "%s\n", s)
		for _, m := range g.Scan(s) {
			best := ""
			if len(m.Candidates) > 0 {
				c := m.Candidates[0]
				best = fmt.Sprintf("%s %s (%s)", c.ID, c.Name, c.Country)
			}
			fmt.Fprintf(&b, "\t%d-%d %q → %s\n", m.Start, m.End, m.Text, best)
		}
	}
	got := b.String()
	path := filepath.Join("testdata", "scan.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("Scan output differs from %s (run with -update to accept):\n%s", path, got)
	}
}

// checkMentions fails when a mention's span is outside text, not on UTF-8
// boundaries, out of order, or does not match its Text.
func checkMentions(t *testing.T, text string, ms []Mention) {
	t.Helper()
	last := 0
	for _, m := range ms {
		if m.Start < last || m.End <= m.Start || m.End > len(text) {
			t.Fatalf("Scan(%q): bad span %d-%d after %d", text, m.Start, m.End, last)
		}
		if splitsRune(text, m.Start) || splitsRune(text, m.End) {
			t.Fatalf("Scan(%q): span %d-%d not on rune boundaries", text, m.Start, m.End)
		}
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("Scan(%q): Text %q, span says %q", text, m.Text, text[m.Start:m.End])
		}
		if len(m.Candidates) == 0 {
			t.Fatalf("Scan(%q): mention %q without candidates", text, m.Text)
		}
		last = m.End
	}
}

// splitsRune reports whether offset i falls inside a valid multi-byte
// UTF-8 sequence of text (invalid bytes count as one-byte runes).
func splitsRune(text string, i int) bool {
	for p := i - 1; p >= 0 && p >= i-3; p-- {
		if utf8.RuneStart(text[p]) {
			r, n := utf8.DecodeRuneInString(text[p:])
			return !(r == utf8.RuneError && n == 1) && p+n > i
		}
	}
	return false
}

func FuzzScan(f *testing.F) {
	for _, s := range scanSentences {
		f.Add(s)
	}
	g := smallGazetteer(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkMentions(t, text, g.Scan(text))
	})
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"Xankəndi", "Stepanakret", "Gashalti village, Naftalan", "São Paulo", "", "Ğ", "dzhdzh"} {
		f.Add(s)
	}
	g := smallGazetteer(f)
	f.Fuzz(func(t *testing.T, q string) {
		cs := g.Search(q, SearchOptions{Limit: 5, Countries: []string{"AZ"}})
		if len(cs) > 5 {
			t.Fatalf("Search(%q) gave %d candidates, limit 5", q, len(cs))
		}
		for i := 1; i < len(cs); i++ {
			if cs[i].Score > cs[i-1].Score {
				t.Fatalf("Search(%q) not sorted: %v > %v", q, cs[i].Score, cs[i-1].Score)
			}
		}
		g.Resolve(q, "AM")
		if k := Fold(q); !utf8.ValidString(k) && utf8.ValidString(q) {
			t.Fatalf("Fold(%q) = %q, not UTF-8", q, k)
		}
	})
}

// TestScanSearchRandom feeds pseudo-random text, built from pieces that
// trouble tokenisers (partial UTF-8, combining marks, apostrophes,
// abbreviations), to Scan and Search: a quick stand-in for the fuzz
// targets that runs with every go test.
func TestScanSearchRandom(t *testing.T) {
	g := testGazetteer(t)
	pieces := []string{"Ganja", " ", "St.", "'s", "’", "\xff", "\xe2\x80", "Ə", "ı", "-", "Rio de", " Janeiro",
		"\u0301", "In ", "La ", "Most", ".", ";", "(", ")", "kh", "dzh", "X", "y", "Ou", "\n", "日本", "Шуша"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		checkMentions(t, s, g.Scan(s))
		for _, c := range g.Search(s, SearchOptions{Limit: 3}) {
			if c.Similarity < 0 || c.Similarity > 1 {
				t.Fatalf("Search(%q): similarity %v", s, c.Similarity)
			}
		}
		g.Resolve(s)
	}
}

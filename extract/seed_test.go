package extract

import (
	"encoding/json"
	"os"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/internal/sharedtest"
)

// loadGazetteer loads the embedded gazetteer once for the tests that need
// places.
var loadGazetteer = sync.OnceValues(func() (*gazetteer.Gazetteer, error) { return gazetteer.Load() })

func withGazetteer(tb testing.TB) *Extractor {
	tb.Helper()
	g, err := loadGazetteer()
	if err != nil {
		tb.Fatalf("gazetteer.Load: %v", err)
	}
	return New(Options{Places: g})
}

// goldClaim is a claim of the seed's hand annotation.
type goldClaim struct {
	harmlog.Claim
	Places []string `json:"places"`
	Quote  string   `json:"quote"`
}

// TestSeed checks the seed article against its hand annotation: every gold
// claim must be found with its figures, victims, scope, places, weapons and
// perpetrator; the claims found are written to testdata/seed.golden.json.
func TestSeed(t *testing.T) {
	text, err := os.ReadFile(sharedtest.Path(t, "seed/000_5666055ee0aafada.txt"))
	if err != nil {
		t.Fatal(err)
	}
	gb, err := os.ReadFile(sharedtest.Path(t, "seed/000_5666055ee0aafada.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Published string      `json:"published"`
		Claims    []goldClaim `json:"claims"`
	}
	if err := json.Unmarshal(gb, &gold); err != nil {
		t.Fatal(err)
	}
	res := withGazetteer(t).Extract(string(text), gold.Published)
	checkSpans(t, string(text), res)
	out, _ := json.MarshalIndent(NewOutput("seed", res), "", " ")
	golden(t, "seed.golden.json", append(out, '\n'))

	for i, g := range gold.Claims {
		var found *harmlog.Claim
		for k := range res.Claims {
			c := &res.Claims[k]
			if c.Killed.String() == g.Killed.String() && c.Injured.String() == g.Injured.String() &&
				slices.Equal(c.Weapons, g.Weapons) && c.Perpetrator == g.Perpetrator {
				found = c
				break
			}
		}
		if found == nil {
			t.Errorf("gold claim %d (%q) not found", i, g.Quote)
			continue
		}
		if len(found.Damaged) != len(g.Damaged) {
			t.Errorf("gold claim %d: damaged %v, want %v", i, found.Damaged, g.Damaged)
		}
		for k := range min(len(found.Damaged), len(g.Damaged)) {
			f, w := found.Damaged[k], g.Damaged[k]
			if f.Range.String() != w.Range.String() || f.Object != w.Object || f.State != w.State {
				t.Errorf("gold claim %d: damaged %+v, want %+v", i, f, w)
			}
		}
		if found.Victims != g.Victims || found.Scope != g.Scope {
			t.Errorf("gold claim %d: victims %s scope %s, want %s %s", i, found.Victims, found.Scope, g.Victims, g.Scope)
		}
		var names []string
		for _, p := range found.Places {
			names = append(names, p.Name)
		}
		want := slices.Clone(g.Places)
		sort.Strings(names)
		sort.Strings(want)
		if !slices.Equal(names, want) {
			t.Errorf("gold claim %d: places %v, want %v", i, names, want)
		}
		if (found.Date == nil) != (g.Date == nil) || found.Date != nil && found.Date.To != g.Date.To {
			t.Errorf("gold claim %d: date %v, want %v", i, found.Date, g.Date)
		}
		if found.Claimant != g.Claimant {
			t.Logf("gold claim %d: claimant %q, gold %q", i, found.Claimant, g.Claimant)
		}
	}
}

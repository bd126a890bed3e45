package evaluate

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/internal/sharedtest"
)

// fixed is an Extractor that reports one claim of n killed per text, where
// the text is "n" and a place at the origin.
type fixed struct{}

func (fixed) Extract(text, _ string) extract.Result {
	var n int
	fmt.Sscan(text, &n)
	zero := 0.0
	c := harmlog.Claim{Killed: harmlog.Exact(n), Scope: harmlog.ScopeIncident}
	return extract.Result{Claims: []harmlog.Claim{c}, Places: []harmlog.PlaceRef{{Name: "x", Lat: &zero, Lon: &zero}}}
}

func TestRun(t *testing.T) {
	in := `data_id,event_date,notes,fatalities,location,country,latitude,longitude,geo_precision
1,2016-07-02,3,3,A,B,0.1,0.1,1
2,2016-07-02,0,0,A,B,1,1,1
3,2016-07-02,2,5,A,B,0,0,2
4,2016-07-02,1,0,A,B,0,0,1
5,2016-07-02,0,4,A,B,0,0,2
bad row
`
	rep, err := Run(context.Background(), strings.NewReader(in), fixed{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := Report{Docs: 5, BadRows: 1, Coded: 3, ExactAll: 2, ExactCoded: 1, NoneFound: 1, PlaceDocs: 3, PlaceHits: 2}
	got := *rep
	if got.Docs != want.Docs || got.BadRows != want.BadRows || got.Coded != want.Coded || got.ExactAll != want.ExactAll || got.NoneFound != want.NoneFound ||
		got.ExactCoded != want.ExactCoded || got.PlaceDocs != want.PlaceDocs || got.PlaceHits != want.PlaceHits {
		t.Errorf("report = %+v, want %+v", got, want)
	}
	if len(rep.Misses) != 3 {
		t.Fatalf("misses = %+v, want 3", rep.Misses)
	}
	if rep.Misses[0].Coded != 4 || rep.Misses[1].Coded != 5 {
		t.Errorf("misses = %+v, want the one off by 4, then the one off by 3", rep.Misses)
	}
}

func TestKilledTotal(t *testing.T) {
	zero := 0
	tests := []struct {
		name   string
		claims []harmlog.Claim
		want   int
	}{
		{"none", nil, 0},
		{"sum", []harmlog.Claim{{Killed: harmlog.Exact(2), Scope: "incident"}, {Killed: harmlog.Exact(3), Scope: "incident"}}, 5},
		{"skip part_of and cumulative", []harmlog.Claim{{Killed: harmlog.Exact(7), Scope: "incident"},
			{Killed: harmlog.Exact(3), Scope: "incident", PartOf: &zero}, {Killed: harmlog.Exact(27), Scope: "cumulative"}}, 7},
		{"max where no min", []harmlog.Claim{{Killed: harmlog.Between(-1, 30), Scope: "incident"}}, 30},
	}
	for _, tt := range tests {
		if got := KilledTotal(tt.claims); got != tt.want {
			t.Errorf("%s: KilledTotal = %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	// Baku to Ganja is about 290 km.
	if d := Distance(40.4093, 49.8671, 40.6828, 46.3606); d < 280 || d > 300 {
		t.Errorf("Baku-Ganja = %.1f km", d)
	}
}

// TestDev runs the extractor over the shared development files and logs
// the figures; EVAL_MISSES=file writes every miss as JSON lines for reading.
func TestDev(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short: reads the development files")
	}
	g, err := gazetteer.Load()
	if err != nil {
		t.Fatalf("gazetteer.Load: %v", err)
	}
	ex := extract.New(extract.Options{Places: g})
	var all []Miss
	// Floors a little under the figures reached when this was written: a
	// change that loses ground fails here. The targets are higher.
	floors := map[string][3]float64{ // exact match on coded > 0, on all; place@25km
		"acled-asia-2015.csv":            {0.865, 0.97, 0.395},
		"acled-africa-2016.csv":          {0.665, 0.855, 0.49},
		"ucdp-ged-ukraine-2014-2021.csv": {0.195, 0.20, 0.30},
	}
	for _, f := range []string{"acled-asia-2015.csv", "acled-africa-2016.csv", "ucdp-ged-ukraine-2014-2021.csv"} {
		p := sharedtest.Path(t, "eval/dev/"+f)
		rep, err := File(context.Background(), p, ex, Options{Misses: 100000})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: exact coded>0 %.3f (%d, %d with no figure found), all %.3f (%d), place %.3f (%d), %.1f MB/s",
			f, rep.ExactCodedShare(), rep.Coded, rep.NoneFound, rep.ExactAllShare(), rep.Docs, rep.PlaceShare(), rep.PlaceDocs, rep.MBPerSecond())
		if fl := floors[f]; rep.ExactCodedShare() < fl[0] || rep.ExactAllShare() < fl[1] {
			t.Errorf("%s: killed exact match %.3f / %.3f fell below %.2f / %.2f", f, rep.ExactCodedShare(), rep.ExactAllShare(), fl[0], fl[1])
		} else if rep.PlaceShare() < fl[2] {
			t.Errorf("%s: place@25km %.3f fell below %.2f", f, rep.PlaceShare(), fl[2])
		}
		if out := os.Getenv("EVAL_REPORT"); out != "" {
			f, _ := os.Create(out + "." + f)
			rep.Write(f)
			f.Close()
		}
		for _, m := range rep.Misses {
			m.Text = f[:8] + "| " + m.Text
			all = append(all, m)
		}
	}
	if out := os.Getenv("EVAL_MISSES"); out != "" {
		f, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		enc := json.NewEncoder(f)
		for _, m := range all {
			enc.Encode(m)
		}
	}
}

package tally

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/harmlog/harmlog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixture is a small fixed set of incidents and cumulative claims.
func fixture() ([]harmlog.Incident, []harmlog.Claim) {
	place := func(name, country string) harmlog.PlaceRef { return harmlog.PlaceRef{Name: name, Country: country} }
	member := func(claimant string) harmlog.Link {
		return harmlog.Link{Claim: &harmlog.Claim{Claimant: claimant, Status: harmlog.StatusImported}}
	}
	incs := []harmlog.Incident{
		{Key: "a", DateFrom: "2020-10-11", DateTo: "2020-10-11", Places: []harmlog.PlaceRef{place("Ganja", "AZ")},
			Country: "AZ", Weapons: []string{"missile"}, Perpetrators: []string{"Armenia"}, Victims: harmlog.VictimsCivilian,
			Killed: harmlog.Between(7, 10), Injured: harmlog.Between(34, 40), Grade: harmlog.GradeContested,
			Members: []harmlog.Link{member("Azerbaijan Prosecutor General's Office"), member("Human Rights Watch")}},
		{Key: "b", DateFrom: "2020-10-17", DateTo: "2020-10-17", Places: []harmlog.PlaceRef{place("Ganja", "AZ")},
			Country: "AZ", Weapons: []string{"missile"}, Perpetrators: []string{"Armenia"}, Victims: harmlog.VictimsCivilian,
			Killed: harmlog.Between(12, 21), Injured: harmlog.Between(40, 53), Grade: harmlog.GradeFair,
			Members: []harmlog.Link{member("Azerbaijan Prosecutor General's Office"), member("Amnesty International")}},
		{Key: "c", DateFrom: "2020-10-04", DateTo: "2020-10-04",
			Places:  []harmlog.PlaceRef{{Name: "Stepanakert", Admin1: "Nagorno-Karabakh"}, {Name: "Shushi", Admin1: "Nagorno-Karabakh"}},
			Weapons: []string{"cluster", "rocket"}, Perpetrators: []string{"Azerbaijan"}, Victims: harmlog.VictimsCivilian,
			Killed: harmlog.Between(4, 5), Injured: harmlog.Exact(10), Grade: harmlog.GradeContested,
			Members: []harmlog.Link{member("Artsakh Human Rights Ombudsman"), member("Al Jazeera")}},
		{Key: "d", DateFrom: "2020-10-28", DateTo: "2020-10-28", Places: []harmlog.PlaceRef{{Name: "Stepanakert", Admin1: "Nagorno-Karabakh"}},
			Perpetrators: []string{"Armenia", "Azerbaijan"}, Victims: harmlog.VictimsUnknown, Grade: harmlog.GradeWeak,
			Members: []harmlog.Link{member("Nagorno-Karabakh Ministry of Foreign Affairs")}},
		{Key: "e", Places: []harmlog.PlaceRef{place("Vardenis", "AM")}, Country: "AM", Weapons: []string{"drone"},
			Victims: harmlog.VictimsCivilian, Killed: harmlog.Exact(0), Grade: harmlog.GradeDiscounted},
	}
	cum := []harmlog.Claim{
		{Scope: harmlog.ScopeCumulative, Claimant: "Azerbaijan Prosecutor General's Office", Published: "2020-10-20",
			PerpetratorWords: "Armenian armed forces", Victims: harmlog.VictimsCivilian,
			Date: &harmlog.DateRange{From: "2020-09-27", To: "2020-10-20"}, Killed: harmlog.Exact(61)},
		{Scope: harmlog.ScopeCumulative, Claimant: "Azerbaijan Prosecutor General's Office (as quoted)", Published: "2020-10-12",
			PerpetratorWords: "Armenian armed forces", Victims: harmlog.VictimsCivilian,
			Date: &harmlog.DateRange{From: "2020-09-27", To: "2020-10-12"}, Killed: harmlog.Exact(31)},
		{Scope: harmlog.ScopeCumulative, Claimant: "Artsakh Human Rights Ombudsman", Published: "2020-11-01",
			PerpetratorWords: "Azerbaijani forces", Victims: harmlog.VictimsCivilian,
			Date: &harmlog.DateRange{From: "2020-09-27", To: "2020-11-01"}, Killed: harmlog.Between(45, 50)},
		{Scope: harmlog.ScopeIncident, Claimant: "ignored: not cumulative", Killed: harmlog.Exact(999)},
	}
	return incs, cum
}

func TestGolden(t *testing.T) {
	incs, cum := fixture()
	for _, by := range []string{ByParty, ByPlace, ByWeek, ByClaimant} {
		res, err := Compute(incs, cum, Options{By: by})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []struct {
			ext   string
			write func(*bytes.Buffer, Result) error
		}{
			{"txt", func(b *bytes.Buffer, r Result) error { return WriteText(b, r) }},
			{"csv", func(b *bytes.Buffer, r Result) error { return WriteCSV(b, r) }},
			{"json", func(b *bytes.Buffer, r Result) error { return WriteJSON(b, r) }},
			{"reconcile.csv", func(b *bytes.Buffer, r Result) error { return WriteReconciliationCSV(b, r) }},
		} {
			if by != ByParty && f.ext != "txt" && f.ext != "csv" {
				continue
			}
			var buf bytes.Buffer
			if err := f.write(&buf, res); err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", by+"."+f.ext), buf.Bytes())
		}
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output:\n%s", path, got)
	}
}

func TestCompute(t *testing.T) {
	incs, cum := fixture()
	tests := []struct {
		name            string
		opts            Options
		group           string
		wantInc, kl, kh int
		totalInc        int
	}{
		{"party counts a two-perpetrator incident in both", Options{By: ByParty}, "Armenia", 3, 19, 31, 5},
		{"party total counts it once", Options{By: ByParty}, "Azerbaijan", 2, 4, 5, 5},
		{"place counts an incident once per place", Options{By: ByPlace}, "stepanakert", 2, 4, 5, 5},
		{"country filter takes regions", Options{By: ByPlace, Country: "Nagorno-Karabakh"}, "shushi", 1, 4, 5, 2},
		{"date filter", Options{By: ByDay, From: "2020-10-10", To: "2020-10-20"}, "2020-10-17", 1, 12, 21, 2},
		{"grades filter", Options{By: ByWeapon, Grades: []string{harmlog.GradeContested}}, "missile", 1, 7, 10, 2},
		{"victims filter", Options{By: ByWeek, Victims: harmlog.VictimsCivilian}, "2020-W42", 1, 12, 21, 4},
		{"undated incidents", Options{By: ByDay}, "(undated)", 1, 0, 0, 5},
		{"claimants", Options{By: ByClaimant}, "azerbaijan prosecutor general s office", 2, 19, 31, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Compute(incs, cum, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			var g *Group
			for i := range res.Groups {
				if res.Groups[i].Group == tt.group {
					g = &res.Groups[i]
				}
			}
			if g == nil {
				t.Fatalf("no group %q in %+v", tt.group, res.Groups)
			}
			if g.Incidents != tt.wantInc || g.KilledLow != tt.kl || g.KilledHigh != tt.kh {
				t.Errorf("group %q = %+v, want %d incidents, killed %d–%d", tt.group, *g, tt.wantInc, tt.kl, tt.kh)
			}
			if res.Total.Incidents != tt.totalInc {
				t.Errorf("total %d incidents, want %d", res.Total.Incidents, tt.totalInc)
			}
		})
	}
}

func TestReconcile(t *testing.T) {
	incs, cum := fixture()
	res, err := Compute(incs, cum, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reconcile) != 2 {
		t.Fatalf("got %d reconciliation rows, want 2 (one per claimant and side): %+v", len(res.Reconcile), res.Reconcile)
	}
	az := res.Reconcile[1]
	// The later toll (61, published 2020-10-20) supersedes the earlier 31;
	// incidents a and b (7–10 and 12–21) fall in its period and side.
	if az.ClaimedLow != 61 || az.Incidents != 2 || az.RecordedLow != 19 || az.RecordedHigh != 31 || az.GapLow != 42 || az.GapHigh != 30 {
		t.Errorf("Azerbaijani toll row = %+v", az)
	}
}

func TestComputeErrors(t *testing.T) {
	for _, o := range []Options{{By: "colour"}, {From: "10/11/2020"}} {
		if _, err := Compute(nil, nil, o); err == nil {
			t.Errorf("Compute(%+v) gave no error", o)
		}
	}
}

// BenchmarkTally tallies 1,000,000 incidents by party and by week.
func BenchmarkTally(b *testing.B) {
	const n = 1_000_000
	incs := make([]harmlog.Incident, n)
	parties := []string{"Armenia", "Azerbaijan", "Russia", "Ukraine"}
	for i := range incs {
		d := fmt.Sprintf("2020-%02d-%02d", 1+i%12, 1+i%28)
		incs[i] = harmlog.Incident{
			Key: fmt.Sprint(i), DateFrom: d, DateTo: d, Country: "AZ",
			Places:       []harmlog.PlaceRef{{Name: fmt.Sprintf("Place %d", i%5000), Country: "AZ"}},
			Perpetrators: []string{parties[i%4]}, Weapons: []string{"artillery"},
			Victims: harmlog.VictimsCivilian, Killed: harmlog.Between(i%7, i%7+3), Injured: harmlog.Exact(i % 11),
			Grade: harmlog.GradeFair,
		}
	}
	for _, by := range []string{ByParty, ByWeek, ByPlace} {
		b.Run(by, func(b *testing.B) {
			for b.Loop() {
				if _, err := Compute(incs, nil, Options{By: by, From: "2020-02-01"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

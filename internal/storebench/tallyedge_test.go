package storebench

import (
	"context"
	"reflect"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/internal/storetest"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/tally"
)

// TestTallyInSQLEdges checks the tallies the database groups or filters
// (weapon groups, country tests) against the in-memory tally on incidents
// made to trip them: repeated and non-ASCII weapons, a weapon named like
// the no-weapon group, countries in places' country or admin1 in either
// case, near misses (a longer code, a trailing space), null places and
// weapons, undated incidents.
func TestTallyInSQLEdges(t *testing.T) {
	place := func(name, country, admin1 string) harmlog.PlaceRef {
		return harmlog.PlaceRef{Name: name, Country: country, Admin1: admin1}
	}
	incs := []harmlog.Incident{
		{Key: "1", DateFrom: "2020-10-01", Country: "XA", Weapons: []string{"drone", "drone"}, Perpetrators: []string{"P"},
			Victims: harmlog.VictimsCivilian, Killed: harmlog.Between(1, 3), Grade: harmlog.GradeFair},
		{Key: "2", DateFrom: "2020-10-02", Places: []harmlog.PlaceRef{place("a", "xa", "")}, Perpetrators: []string{"Q"},
			Victims: harmlog.VictimsCivilian, Injured: harmlog.Between(4, -1), Grade: harmlog.GradeWeak},
		{Key: "3", DateFrom: "2020-10-02", Places: []harmlog.PlaceRef{place("b", "", "Xa"), place("c", "XB", "")},
			Weapons: []string{"Shelling", "shelling"}, Perpetrators: []string{"P", "Q"}, Grade: harmlog.GradeWeak},
		{Key: "4", DateFrom: "2020-10-09", Country: "ÉX", Places: []harmlog.PlaceRef{place("d", "XAX", "XBB")},
			Weapons: []string{}, Killed: harmlog.Between(7, 7), Grade: harmlog.GradeFair},
		{Key: "5", DateFrom: "2020-11-30", Country: "xa ", Weapons: []string{"(no weapon)", "Ракета"}, Killed: harmlog.Between(2, 9)},
		{Key: "6", Country: "XB", Weapons: []string{"Ракета"}, Perpetrators: []string{"Q"}, Killed: harmlog.Between(-1, 5)},
		{Key: "7", DateFrom: "2021-01-04", Places: []harmlog.PlaceRef{place("e", "", "")}, Country: "xb",
			Weapons: []string{"drone", "\"quoted\\\" weapon"}, Injured: harmlog.Between(1, 2), Grade: harmlog.GradeConfirmed},
	}
	var cases []tally.Options
	for _, by := range []string{tally.ByWeapon, tally.ByParty, tally.ByDay, tally.ByWeek} {
		for _, c := range []string{"", "XA", "xa", "xb", "XAX", "Xbb", "x"} {
			cases = append(cases, tally.Options{By: by, Country: c},
				tally.Options{By: by, Country: c, From: "2020-10-02", Grades: []string{harmlog.GradeWeak, harmlog.GradeFair}})
		}
	}
	storetest.Backends(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		// Each incident needs a member to be kept.
		claims := Claims(len(incs)+10, 3)[:len(incs)]
		if err := Load(ctx, s, claims); err != nil {
			t.Fatal(err)
		}
		saved := append([]harmlog.Incident(nil), incs...)
		for i := range saved {
			saved[i].Members = []harmlog.Link{{ClaimID: claims[i].ID}}
		}
		if err := s.SaveIncidents(ctx, saved, "test"); err != nil {
			t.Fatal(err)
		}
		for _, o := range cases {
			want, err := tally.Compute(incs, nil, o)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tally.FromStore(ctx, s, o)
			if err != nil {
				t.Fatalf("%s: %v", Name(o), err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: from the store\n%+v\nwant (in memory)\n%+v", Name(o), got, want)
			}
		}
	})
}

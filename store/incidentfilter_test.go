package store

import (
	"context"
	"slices"
	"testing"

	"github.com/harmlog/harmlog"
)

// TestIncidentFilter stores incidents that differ in party, weapon,
// victims and their claims' claimants, and checks which ones each filter,
// alone and combined, keeps on both databases.
func TestIncidentFilter(t *testing.T) {
	const odd = `O'Brien "100%" Côte` // quotes, a LIKE wildcard, non-ASCII
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		claimants := []string{"Ministry X", "Wire", "Ministry Y", "Ministry X", "Wire", "wire"}
		var claims []harmlog.Claim
		for _, c := range claimants {
			claims = append(claims, harmlog.Claim{Scope: harmlog.ScopeIncident, Killed: harmlog.Exact(1), Claimant: c})
		}
		doc := addSample(t, s, "incident filter", claims)
		cs, err := s.Claims(ctx, ClaimFilter{DocumentID: doc.ID})
		if err != nil || len(cs) != len(claimants) {
			t.Fatalf("claims: %d, %v", len(cs), err)
		}
		inc := func(key, date string, weapons, parties []string, victims string, members ...int) harmlog.Incident {
			in := harmlog.Incident{Key: key, DateFrom: date, DateTo: date, Weapons: weapons, Perpetrators: parties,
				Victims: victims, Grade: harmlog.GradeFair}
			for _, m := range members {
				in.Members = append(in.Members, harmlog.Link{ClaimID: cs[m].ID, Score: 1, Evidence: "test"})
			}
			return in
		}
		if err := s.SaveIncidents(ctx, []harmlog.Incident{
			inc("a", "2020-10-05", []string{"artillery", "drone"}, []string{"Party A"}, harmlog.VictimsCivilian, 0, 1),
			inc("b", "2020-10-10", []string{"missile"}, []string{"Party B"}, harmlog.VictimsMilitary, 2),
			inc("c", "2020-10-15", nil, nil, "", 3),
			inc("d", "2020-10-20", []string{"artillery"}, []string{"Party B", "Party A"}, harmlog.VictimsUnknown, 4),
			inc("e", "2020-10-25", []string{"rocket"}, []string{odd}, harmlog.VictimsMixed, 5),
		}, "linker"); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			f    IncidentFilter
			want []string
		}{
			{"none", IncidentFilter{}, []string{"a", "b", "c", "d", "e"}},
			{"party", IncidentFilter{Party: "Party A"}, []string{"a", "d"}},
			{"party is exact", IncidentFilter{Party: "Party"}, nil},
			{"party with quotes", IncidentFilter{Party: odd}, []string{"e"}},
			{"party wildcard is literal", IncidentFilter{Party: "%"}, nil},
			{"weapon", IncidentFilter{Weapon: "artillery"}, []string{"a", "d"}},
			{"weapon second in list", IncidentFilter{Weapon: "drone"}, []string{"a"}},
			{"weapon absent", IncidentFilter{Weapon: "mortar"}, nil},
			{"victims civilian", IncidentFilter{Victims: harmlog.VictimsCivilian}, []string{"a"}},
			{"victims unknown keeps unrecorded", IncidentFilter{Victims: harmlog.VictimsUnknown}, []string{"c", "d"}},
			{"victims mixed", IncidentFilter{Victims: harmlog.VictimsMixed}, []string{"e"}},
			{"claimant of one of two members", IncidentFilter{Claimant: "Wire"}, []string{"a", "d"}},
			{"claimant is case-sensitive", IncidentFilter{Claimant: "wire"}, []string{"e"}},
			{"claimant of two incidents", IncidentFilter{Claimant: "Ministry X"}, []string{"a", "c"}},
			{"claimant is exact", IncidentFilter{Claimant: "Ministry"}, nil},
			{"party and weapon", IncidentFilter{Party: "Party B", Weapon: "artillery"}, []string{"d"}},
			{"weapon and claimant", IncidentFilter{Weapon: "artillery", Claimant: "Ministry X"}, []string{"a"}},
			{"claimant and victims", IncidentFilter{Claimant: "Ministry X", Victims: harmlog.VictimsUnknown}, []string{"c"}},
			{"all four", IncidentFilter{Party: "Party A", Weapon: "artillery", Victims: harmlog.VictimsUnknown, Claimant: "Wire"}, []string{"d"}},
			{"with dates", IncidentFilter{From: "2020-10-06", Claimant: "Wire"}, []string{"d"}},
			{"with grade", IncidentFilter{Grades: []string{harmlog.GradeConfirmed}, Party: "Party A"}, nil},
			{"with paging", IncidentFilter{Party: "Party B", Limit: 1, Offset: 1}, []string{"d"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.Incidents(ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				var keys []string
				for _, in := range got {
					keys = append(keys, in.Key)
				}
				if !slices.Equal(keys, tc.want) {
					t.Errorf("Incidents(%+v) = %q, want %q", tc.f, keys, tc.want)
				}
				// IncidentsWithClaims selects the same, with the members.
				full, err := s.IncidentsWithClaims(ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				if len(full) != len(got) {
					t.Fatalf("IncidentsWithClaims: %d incidents, Incidents %d", len(full), len(got))
				}
				for _, in := range full {
					if tc.f.Claimant != "" && !slices.ContainsFunc(in.Members, func(l harmlog.Link) bool {
						return l.Claim != nil && l.Claim.Claimant == tc.f.Claimant
					}) {
						t.Errorf("%s: no member claimed by %q: %+v", in.Key, tc.f.Claimant, in.Members)
					}
				}
			})
		}
	})
}

package store

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/harmlog/harmlog"
)

// TestIncidentCandidates stores incidents of several dates and countries
// and checks which ones a claim's window finds, with their members.
func TestIncidentCandidates(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		var claims []harmlog.Claim
		for range 6 {
			claims = append(claims, harmlog.Claim{Scope: harmlog.ScopeIncident, Killed: harmlog.Exact(1),
				Places: []harmlog.PlaceRef{{Name: "Ganja", Country: "AZ"}}})
		}
		doc := addSample(t, s, "candidates", claims)
		cs, err := s.Claims(ctx, ClaimFilter{DocumentID: doc.ID})
		if err != nil {
			t.Fatal(err)
		}
		inc := func(key, from, to, country string, claim int) harmlog.Incident {
			return harmlog.Incident{Key: key, DateFrom: from, DateTo: to, Country: country,
				Members: []harmlog.Link{{ClaimID: cs[claim].ID, Score: 5, Evidence: "test"}}}
		}
		if err := s.SaveIncidents(ctx, []harmlog.Incident{
			inc("same-day", "2020-10-17", "2020-10-17", "AZ", 0),
			inc("other-country", "2020-10-17", "2020-10-17", "AM", 1),
			inc("no-country", "2020-10-16", "2020-10-16", "", 2),
			inc("month-before", "2020-09-20", "2020-10-16", "AZ", 3),
			inc("long-ago", "2020-01-01", "2020-12-31", "AZ", 4),
			inc("undated", "", "", "AZ", 5),
		}, "linker"); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			from, to, country string
			want              []string
		}{
			{"2020-10-16", "2020-10-18", "AZ", []string{"month-before", "no-country", "same-day", "undated"}},
			{"2020-10-16", "2020-10-18", "", []string{"month-before", "no-country", "other-country", "same-day", "undated"}},
			{"2020-10-18", "2020-10-19", "AZ", []string{"undated"}},
			{"", "", "AZ", []string{"undated"}},
			{"2020-10-17", "", "AM", []string{"other-country"}},
		} {
			got, err := s.IncidentCandidates(ctx, tc.from, tc.to, tc.country)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, in := range got {
				keys = append(keys, in.Key)
				if len(in.Members) != 1 || in.Members[0].Claim == nil || in.Members[0].Claim.Places[0].Name != "Ganja" {
					t.Errorf("%s: members %+v, want its one claim", in.Key, in.Members)
				}
			}
			slices.Sort(keys)
			if !slices.Equal(keys, tc.want) {
				t.Errorf("IncidentCandidates(%q, %q, %q) = %v, want %v", tc.from, tc.to, tc.country, keys, tc.want)
			}
		}
		if _, err := s.IncidentCandidates(ctx, "17/10/2020", "", ""); !errors.Is(err, EINVALID) {
			t.Errorf("malformed date: %v, want EINVALID", err)
		}
	})
}

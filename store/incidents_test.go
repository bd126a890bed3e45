package store

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
)

// linked returns claim id → incident key, and which links are pinned.
func linked(t *testing.T, s *Store) (map[int64]string, map[int64]bool) {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(),
		"SELECT l.claim_id, i.key, l.pinned FROM incident_claims l JOIN incidents i ON i.id = l.incident_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	keys, pinned := map[int64]string{}, map[int64]bool{}
	for rows.Next() {
		var id int64
		var key string
		var p bool
		if err := rows.Scan(&id, &key, &p); err != nil {
			t.Fatal(err)
		}
		keys[id], pinned[id] = key, p
	}
	return keys, pinned
}

func TestIncidents(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		claims := make([]harmlog.Claim, 5)
		addSample(t, s, "incidents", claims)
		id := func(i int) int64 { return claims[i].ID }
		link := func(i int) harmlog.Link {
			return harmlog.Link{ClaimID: id(i), Score: 0.9, Evidence: "same place and day"}
		}
		incA := harmlog.Incident{Key: "2020-10-11/ganja", DateFrom: "2020-10-11", DateTo: "2020-10-11", Country: "AZ",
			Places:  []harmlog.PlaceRef{{Name: "Ganja", ID: "geonames:148339", Lat: floatp(40.68), Lon: floatp(46.36)}},
			Weapons: []string{"missile"}, Perpetrators: []string{"Armenian army"}, Victims: "civilian",
			Killed: harmlog.Between(9, 10), Injured: harmlog.Between(34, -1), Sources: 2, CrossParty: true,
			Grade: harmlog.GradeConfirmed, GradeReason: "two independent sources", Members: []harmlog.Link{link(0), link(1)}}
		incB := harmlog.Incident{Key: "2020-10-04/stepanakert", DateFrom: "2020-10-04", DateTo: "2020-10-05", Country: "AZ",
			Victims: "civilian", Grade: harmlog.GradeWeak, Members: []harmlog.Link{link(2), link(3)}}
		incs := []harmlog.Incident{incA, incB}
		if err := s.SaveIncidents(ctx, incs, "linker"); err != nil {
			t.Fatal(err)
		}
		if incs[0].ID == 0 || incs[1].ID == 0 || incs[0].Members[1].IncidentID != incs[0].ID {
			t.Fatalf("SaveIncidents did not fill ids: %+v", incs)
		}
		got, err := s.Incident(ctx, incs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Members) != 2 || got.Members[0].Claim == nil || got.Members[0].Claim.ID != id(0) || got.Members[1].Evidence != "same place and day" {
			t.Errorf("Incident members = %+v", got.Members)
		}
		wantA := incs[0]
		wantA.Members, got.Members = nil, nil
		if !reflect.DeepEqual(*got, wantA) {
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(wantA)
			t.Errorf("Incident =\n%s\nwant\n%s", g, w)
		}

		// An analyst pins claim 3 to incident A and attaches claim 4 there.
		pin := *got
		pin.Members = []harmlog.Link{{ClaimID: id(3), Pinned: true, Evidence: "analyst: same strike"}, link(4)}
		if err := s.SaveIncident(ctx, &pin, "analyst"); err != nil {
			t.Fatal(err)
		}
		keys, pinned := linked(t, s)
		if keys[id(3)] != incA.Key || !pinned[id(3)] || keys[id(4)] != incA.Key {
			t.Fatalf("after SaveIncident: links %v pinned %v", keys, pinned)
		}
		// A machine link cannot move a pinned claim.
		move := incs[1]
		move.Members = []harmlog.Link{link(3)}
		if err := s.SaveIncident(ctx, &move, "linker"); err != nil {
			t.Fatal(err)
		}
		if keys, _ := linked(t, s); keys[id(3)] != incA.Key {
			t.Errorf("machine link moved pinned claim to %s", keys[id(3)])
		}

		// The linker runs again and wants claim 3 in B: the pin wins; claim 4
		// (machine link, not in the new run) is dropped; A keeps its id.
		rerun := []harmlog.Incident{incA, incB}
		rerun[0].Members = []harmlog.Link{link(0)}
		rerun[1].Members = []harmlog.Link{link(1), link(2), link(3)}
		if err := s.SaveIncidents(ctx, rerun, "linker"); err != nil {
			t.Fatal(err)
		}
		if rerun[0].ID != incs[0].ID {
			t.Errorf("incident A changed id from %d to %d across runs", incs[0].ID, rerun[0].ID)
		}
		keys, pinned = linked(t, s)
		want := map[int64]string{id(0): incA.Key, id(1): incB.Key, id(2): incB.Key, id(3): incA.Key}
		if !reflect.DeepEqual(keys, want) || !pinned[id(3)] {
			t.Errorf("after rerun links = %v (pinned %v), want %v with claim %d pinned", keys, pinned, want, id(3))
		}
		last, _ := s.Changes(ctx, 0, 1000)
		if c := last[len(last)-1]; c.Action != "incidents.save" || !strings.Contains(string(c.After), `"links_skipped_for_pinned":1`) {
			t.Errorf("last change = %s %s", c.Action, c.After)
		}

		// A third run without incident B removes it.
		if err := s.SaveIncidents(ctx, rerun[:1], "linker"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Incident(ctx, incs[1].ID); !errors.Is(err, ENOTFOUND) {
			t.Errorf("incident B after a run without it: %v, want ENOTFOUND", err)
		}
		if err := s.SaveIncidents(ctx, []harmlog.Incident{{Key: ""}}, "linker"); !errors.Is(err, EINVALID) {
			t.Errorf("SaveIncidents(empty key) = %v, want EINVALID", err)
		}
		if err := s.SaveIncidents(ctx, []harmlog.Incident{{Key: "k", Members: []harmlog.Link{{ClaimID: 999}}}}, "linker"); !errors.Is(err, EINVALID) {
			t.Errorf("SaveIncidents(link to missing claim) = %v, want EINVALID", err)
		}
		if err := s.SaveIncident(ctx, &harmlog.Incident{ID: 999}, "a"); !errors.Is(err, ENOTFOUND) {
			t.Errorf("SaveIncident(missing id) = %v, want ENOTFOUND", err)
		}
	})
}

func TestIncidentsFilter(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		claims := make([]harmlog.Claim, 4)
		addSample(t, s, "filter", claims)
		mk := func(key, from, to, country, grade string, c int) harmlog.Incident {
			return harmlog.Incident{Key: key, DateFrom: from, DateTo: to, Country: country, Grade: grade,
				Members: []harmlog.Link{{ClaimID: claims[c].ID}}}
		}
		incs := []harmlog.Incident{
			mk("a", "2020-09-27", "2020-09-27", "AZ", "confirmed", 0),
			mk("b", "2020-10-04", "2020-10-08", "AM", "fair", 1),
			mk("c", "2020-10-10", "2020-10-10", "AZ", "contested", 2),
			mk("d", "", "", "", "", 3),
		}
		if err := s.SaveIncidents(ctx, incs, "linker"); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			f    IncidentFilter
			want string
		}{
			{IncidentFilter{}, "d,a,b,c"},
			{IncidentFilter{Country: "AZ"}, "a,c"},
			{IncidentFilter{Grades: []string{"fair", "contested"}}, "b,c"},
			{IncidentFilter{From: "2020-10-05", To: "2020-10-09"}, "b"},
			{IncidentFilter{From: "2020-10-09"}, "c"},
			{IncidentFilter{Limit: 2, Offset: 1}, "a,b"},
		}
		for _, tt := range tests {
			got, err := s.Incidents(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for _, inc := range got {
				keys = append(keys, inc.Key)
			}
			if strings.Join(keys, ",") != tt.want {
				t.Errorf("Incidents(%+v) = %v, want %s", tt.f, keys, tt.want)
			}
		}
		linkedTo, err := s.Claims(ctx, ClaimFilter{IncidentID: incs[1].ID})
		if err != nil || len(linkedTo) != 1 || linkedTo[0].ID != claims[1].ID {
			t.Errorf("Claims(IncidentID) = %v, %v", linkedTo, err)
		}
	})
}

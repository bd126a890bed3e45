package webbench

import (
	"context"
	"reflect"
	"testing"

	"github.com/harmlog/harmlog/internal/storetest"
	"github.com/harmlog/harmlog/store"
)

// fill fills a new store of one backend and returns it with Fill's stats.
func fill(t *testing.T, dsn string, cfg Config) (*store.Store, Stats) {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	st, err := Fill(ctx, s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s, st
}

// TestFill checks that Fill stores what it says, in documents of the
// configured size, links every claim, and is deterministic.
func TestFill(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		cfg := Config{Seed: 5, Incidents: 200, ClaimsPerDocument: 100}
		s, st := fill(t, dsn, cfg)
		if st.Claims < 2*cfg.Incidents || st.Documents != (st.Claims+99)/100 {
			t.Errorf("stats %+v: want at least 2 claims per incident, in documents of 100", st)
		}
		incs, err := s.IncidentsWithClaims(ctx, store.IncidentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		members, grades := 0, map[string]int{}
		for _, in := range incs {
			members += len(in.Members)
			grades[in.Grade]++
			if in.Country == "" || in.DateFrom == "" || len(in.Perpetrators) == 0 {
				t.Errorf("incident %s lacks a country, date or perpetrator: %+v", in.Key, in)
			}
		}
		if len(incs) != st.Incidents || members != st.Claims || !reflect.DeepEqual(grades, st.Grades) {
			t.Errorf("stored %d incidents with %d claims, grades %v; Fill said %+v", len(incs), members, grades, st)
		}
		// The same config on a second store gives the same incidents.
		_, again := fill(t, storetest.SQLite(t), cfg)
		if !reflect.DeepEqual(st, again) {
			t.Errorf("the same config gave %+v, then %+v", st, again)
		}
	})
}

func TestFillRejectsNoIncidents(t *testing.T) {
	s, err := store.Open(context.Background(), storetest.SQLite(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := Fill(context.Background(), s, Config{}); err == nil {
		t.Error("Fill with no incidents: no error")
	}
	var gen int64
	if gen, err = s.Generation(context.Background()); err != nil || gen != 0 {
		t.Errorf("after a refused Fill the store has generation %d (%v), want 0: nothing written", gen, err)
	}
}

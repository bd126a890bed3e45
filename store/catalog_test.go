package store

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/harmlog/harmlog"
)

func TestSources(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		// Ingest creates sources for the publisher and each claimant, once.
		addSample(t, s, "d1", []harmlog.Claim{{Claimant: "Ombudsman"}, {Claimant: "Wire Agency"}, {Claimant: "Ombudsman"}})
		addSample(t, s, "d2", []harmlog.Claim{{Claimant: "Ombudsman"}})
		tests := []struct {
			name string
			in   harmlog.Source
			want harmlog.Source
			code Code
		}{
			{"set kind and party", harmlog.Source{Name: "Ombudsman", Kind: harmlog.KindGovernment, Party: "Azerbaijan"},
				harmlog.Source{Name: "Ombudsman", Kind: harmlog.KindGovernment, Party: "Azerbaijan"}, ""},
			{"empty kind keeps kind", harmlog.Source{Name: "Ombudsman", Party: ""},
				harmlog.Source{Name: "Ombudsman", Kind: harmlog.KindGovernment}, ""},
			{"new", harmlog.Source{Name: "  ICRC ", Kind: harmlog.KindIntl},
				harmlog.Source{Name: "ICRC", Kind: harmlog.KindIntl}, ""},
			{"new without kind", harmlog.Source{Name: "Blog"}, harmlog.Source{Name: "Blog", Kind: harmlog.KindOther}, ""},
			{"bad kind", harmlog.Source{Name: "X", Kind: "tabloid"}, harmlog.Source{}, EINVALID},
			{"empty name", harmlog.Source{Name: " "}, harmlog.Source{}, EINVALID},
		}
		for _, tt := range tests {
			got, err := s.UpsertSource(ctx, tt.in, "analyst")
			if tt.code != "" {
				if !errors.Is(err, tt.code) {
					t.Errorf("%s: err = %v, want %s", tt.name, err, tt.code)
				}
				continue
			}
			if err != nil || got.ID == 0 {
				t.Fatalf("%s: UpsertSource = %+v, %v", tt.name, got, err)
			}
			tt.want.ID = got.ID
			if got != tt.want {
				t.Errorf("%s: UpsertSource = %+v, want %+v", tt.name, got, tt.want)
			}
		}
		srcs, err := s.Sources(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, src := range srcs {
			names = append(names, src.Name+"/"+src.Kind)
		}
		want := []string{"Blog/other", "ICRC/international_organisation", "Ombudsman/government", "Wire Agency/other"}
		if !reflect.DeepEqual(names, want) {
			t.Errorf("Sources = %v, want %v", names, want)
		}
	})
}

func TestParties(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		in := []harmlog.Party{
			{Name: "Armed Forces of Armenia", Country: "AM", Aliases: []string{"Armenian army", "Armenian armed forces", "Armenian army"}},
			{Name: "Azerbaijani Armed Forces", Country: "AZ", Aliases: []string{"Azerbaijani army"}},
			{Name: "Unknown armed group"},
		}
		for _, p := range in {
			if _, err := s.AddParty(ctx, p, "analyst"); err != nil {
				t.Fatalf("AddParty(%s): %v", p.Name, err)
			}
		}
		if _, err := s.AddParty(ctx, in[0], "analyst"); !errors.Is(err, ECONFLICT) {
			t.Errorf("AddParty twice = %v, want ECONFLICT", err)
		}
		if _, err := s.AddParty(ctx, harmlog.Party{Name: ""}, "analyst"); !errors.Is(err, EINVALID) {
			t.Errorf("AddParty(empty) = %v, want EINVALID", err)
		}
		got, err := s.Parties(ctx)
		if err != nil || len(got) != 3 {
			t.Fatalf("Parties = %v, %v", got, err)
		}
		wantAliases := [][]string{{"Armenian armed forces", "Armenian army"}, {"Azerbaijani army"}, {}}
		for i, p := range got {
			if p.Name != in[i].Name || p.Country != in[i].Country || p.ID == 0 || !reflect.DeepEqual(p.Aliases, wantAliases[i]) {
				t.Errorf("party %d = %+v, want %s %s %v", i, p, in[i].Name, in[i].Country, wantAliases[i])
			}
		}
	})
}

func TestPlaces(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		p, err := s.AddPlace(ctx, UserPlace{Name: "Hamlet", Lat: 39.8, Lon: 46.75, Country: "AZ", Kind: "village",
			Aliases: []PlaceAlias{{Alias: "Other-side name", Note: "statement of 2020-10-04"}}}, "analyst")
		if err != nil || p.ID == 0 {
			t.Fatalf("AddPlace = %+v, %v", p, err)
		}
		if err := s.AddPlaceAlias(ctx, "geonames:587084", "Şuşa", "analyst"); err != nil {
			t.Fatal(err)
		}
		if err := s.AddPlaceAlias(ctx, p.PlaceID(), "Second name", "analyst"); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			err  error
			code Code
		}{
			{"duplicate alias", s.AddPlaceAlias(ctx, "geonames:587084", "Şuşa", "analyst"), ECONFLICT},
			{"empty alias", s.AddPlaceAlias(ctx, "geonames:587084", "", "analyst"), EINVALID},
			{"bad latitude", func() error { _, err := s.AddPlace(ctx, UserPlace{Name: "X", Lat: 91}, "a"); return err }(), EINVALID},
			{"empty name", func() error { _, err := s.AddPlace(ctx, UserPlace{}, "a"); return err }(), EINVALID},
		}
		for _, tt := range tests {
			if !errors.Is(tt.err, tt.code) {
				t.Errorf("%s: err = %v, want %s", tt.name, tt.err, tt.code)
			}
		}
		places, err := s.UserPlaces(ctx)
		if err != nil || len(places) != 1 {
			t.Fatalf("UserPlaces = %v, %v", places, err)
		}
		want := p
		want.Aliases = []PlaceAlias{{PlaceID: p.PlaceID(), Alias: "Other-side name", Note: "statement of 2020-10-04"},
			{PlaceID: p.PlaceID(), Alias: "Second name"}}
		if !reflect.DeepEqual(places[0], want) {
			t.Errorf("UserPlaces[0] = %+v\nwant %+v", places[0], want)
		}
		all, err := s.PlaceAliases(ctx)
		if err != nil || len(all) != 3 || all[0].PlaceID != "geonames:587084" {
			t.Errorf("PlaceAliases = %+v, %v", all, err)
		}
	})
}

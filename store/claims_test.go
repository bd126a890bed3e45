package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
)

func intp(n int) *int           { return &n }
func floatp(f float64) *float64 { return &f }

// sampleClaims covers every field, nil ranges, half-open ranges, a nil and a
// partial date, places with and without coordinates, nil and empty lists.
func sampleClaims() []harmlog.Claim {
	return []harmlog.Claim{
		{
			Killed: harmlog.Exact(13), Injured: harmlog.Between(40, 50), Missing: harmlog.Between(-1, 3),
			Damaged: []harmlog.Damage{{Range: *harmlog.Between(10, -1), Object: "homes", State: "destroyed"}},
			Victims: harmlog.VictimsCivilian, Scope: harmlog.ScopeIncident,
			Date: &harmlog.DateRange{From: "2020-10-11", To: "2020-10-11"},
			Places: []harmlog.PlaceRef{
				{Name: "Ganja", ID: "geonames:148339", Lat: floatp(40.68278), Lon: floatp(46.36056), Country: "AZ", Admin1: "Ganja", Start: 10, End: 15},
				{Name: "Unresolved Hamlet"},
			},
			Weapons: []string{"missile"}, WeaponWords: []string{"Scud missile"},
			Perpetrator: "Armenian army", PerpetratorWords: "the Armenian armed forces",
			Claimant: "Prosecutor General's Office", Start: 0, End: 120, Update: true,
			Ref: "nk-001", Note: "night strike",
		},
		{
			Victims: harmlog.VictimsUnknown, Scope: harmlog.ScopeCumulative, PartOf: intp(0),
			Date:    &harmlog.DateRange{From: "2020-09-27"},
			Weapons: []string{}, Claimant: "Human Rights Ombudsman", Denied: true, DeniedBy: "Ministry of Defence",
			Status: harmlog.StatusConfirmed,
		},
		{}, // nothing known at all
	}
}

// normal is how a claim reads back: lists the store keeps as given, the
// document's fields filled in.
func normal(c harmlog.Claim, doc *harmlog.Document) harmlog.Claim {
	c.Publisher, c.Published, c.URL = doc.Publisher, doc.Published, doc.URL
	if c.Status == "" {
		c.Status = harmlog.StatusMachine
	}
	return c
}

func addSample(t *testing.T, s *Store, original string, claims []harmlog.Claim) *harmlog.Document {
	t.Helper()
	doc := &harmlog.Document{Original: []byte(original), Publisher: "Wire Agency", Published: "2020-10-12", URL: "https://example.org/" + url.PathEscape(original)}
	if _, _, err := s.AddDocument(context.Background(), doc, claims, "tester"); err != nil {
		t.Fatalf("AddDocument(%q): %v", original, err)
	}
	return doc
}

func TestClaimsRoundTrip(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		in := sampleClaims()
		doc := addSample(t, s, "doc one", in)
		for i, c := range in {
			if c.ID == 0 || c.DocumentID != doc.ID || c.Index != i {
				t.Fatalf("claim %d after AddDocument: ID %d DocumentID %d Index %d", i, c.ID, c.DocumentID, c.Index)
			}
			got, err := s.Claim(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			if want := normal(c, doc); !reflect.DeepEqual(*got, want) {
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(want)
				t.Errorf("claim %d read back as\n%s\nwant\n%s", i, g, w)
			}
		}
		all, err := s.Claims(ctx, ClaimFilter{DocumentID: doc.ID})
		if err != nil || len(all) != len(in) {
			t.Fatalf("Claims(document) = %d, %v", len(all), err)
		}
		if _, err := s.Claim(ctx, 12345); !errors.Is(err, ENOTFOUND) {
			t.Errorf("Claim(missing) err = %v, want ENOTFOUND", err)
		}
	})
}

func TestClaimFilters(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		mk := func(ref, from, to, status, scope, claimant, perp string) harmlog.Claim {
			c := harmlog.Claim{Ref: ref, Status: status, Scope: scope, Claimant: claimant, Perpetrator: perp}
			if from != "" || to != "" {
				c.Date = &harmlog.DateRange{From: from, To: to}
			}
			return c
		}
		addSample(t, s, "d1", []harmlog.Claim{
			mk("a", "2020-09-27", "2020-09-27", "", "incident", "X", "P"),
			mk("b", "2020-10-01", "2020-10-05", "confirmed", "incident", "Y", "Q"),
		})
		d2 := addSample(t, s, "d2", []harmlog.Claim{
			mk("c", "2020-10-10", "", "rejected", "cumulative", "X", "Q"),
			mk("d", "", "", "", "incident", "Y", "P"),
		})
		tests := []struct {
			f    ClaimFilter
			want string
		}{
			{ClaimFilter{}, "a,b,c,d"},
			{ClaimFilter{DocumentID: d2.ID}, "c,d"},
			{ClaimFilter{Status: "machine"}, "a,d"},
			{ClaimFilter{Scope: "cumulative"}, "c"},
			{ClaimFilter{Claimant: "Y"}, "b,d"},
			{ClaimFilter{Perpetrator: "Q"}, "b,c"},
			{ClaimFilter{From: "2020-10-03"}, "b,c"},
			{ClaimFilter{To: "2020-10-01"}, "a,b"},
			{ClaimFilter{From: "2020-09-28", To: "2020-10-09"}, "b"},
			{ClaimFilter{Limit: 2, Offset: 1}, "b,c"},
			{ClaimFilter{Unlinked: true, Claimant: "X"}, "a,c"},
		}
		for _, tt := range tests {
			cs, err := s.Claims(ctx, tt.f)
			if err != nil {
				t.Fatalf("Claims(%+v): %v", tt.f, err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.Ref)
			}
			if strings.Join(got, ",") != tt.want {
				t.Errorf("Claims(%+v) = %v, want %s", tt.f, got, tt.want)
			}
			// EachClaim agrees with Claims (ignoring Offset).
			if tt.f.Offset == 0 {
				var each []string
				err := s.EachClaim(ctx, tt.f, func(c *harmlog.Claim) error { each = append(each, c.Ref); return nil })
				if err != nil || strings.Join(each, ",") != tt.want {
					t.Errorf("EachClaim(%+v) = %v, %v; want %s", tt.f, each, err, tt.want)
				}
			}
		}
		stop := errors.New("enough")
		n := 0
		err := s.EachClaim(ctx, ClaimFilter{}, func(c *harmlog.Claim) error {
			if n++; n == 2 {
				return stop
			}
			if c.Publisher != "Wire Agency" || c.Published != "2020-10-12" || c.URL == "" {
				t.Errorf("EachClaim claim %d lacks its document's fields: %+v", c.ID, c)
			}
			return nil
		})
		if !errors.Is(err, stop) || n != 2 {
			t.Errorf("EachClaim stopping at 2: err %v after %d calls", err, n)
		}
	})
}

func TestEachClaimBatches(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		const n = eachBatch + 7
		claims := make([]harmlog.Claim, n)
		for i := range claims {
			claims[i].Ref = fmt.Sprint(i)
		}
		addSample(t, s, "many", claims)
		var seen int
		var last int64
		err := s.EachClaim(ctx, ClaimFilter{}, func(c *harmlog.Claim) error {
			if c.ID <= last || c.Ref != fmt.Sprint(seen) {
				return fmt.Errorf("out of order: id %d after %d, ref %s at %d", c.ID, last, c.Ref, seen)
			}
			last = c.ID
			seen++
			return nil
		})
		if err != nil || seen != n {
			t.Errorf("EachClaim saw %d of %d claims: %v", seen, n, err)
		}
		seen = 0
		s.EachClaim(ctx, ClaimFilter{Limit: eachBatch + 1}, func(*harmlog.Claim) error { seen++; return nil })
		if seen != eachBatch+1 {
			t.Errorf("EachClaim with Limit %d saw %d", eachBatch+1, seen)
		}
	})
}

func TestUpdateClaim(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		in := sampleClaims()
		addSample(t, s, "doc", in)
		orig, err := s.Claim(ctx, in[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		c := *orig
		c.Killed = harmlog.Between(12, 14)
		c.Places = c.Places[:1]
		c.Claimant = "Ministry of Defence"
		c.Status = harmlog.StatusCorrected
		c.Note = "analyst: figure is a range"
		if err := s.UpdateClaim(ctx, &c, "analyst1", "claim.correct"); err != nil {
			t.Fatal(err)
		}
		got, err := s.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(*got, c) {
			t.Errorf("after UpdateClaim: %+v\nwant %+v", *got, c)
		}
		var places int
		s.db.QueryRowContext(ctx, s.q("SELECT count(*) FROM claim_places WHERE claim_id = ?"), c.ID).Scan(&places)
		if places != 1 {
			t.Errorf("claim_places has %d rows for the claim, want 1", places)
		}
		changes, err := s.Changes(ctx, 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		last := changes[len(changes)-1]
		if last.Action != "claim.correct" || last.Entity != "claim" || last.EntityID != c.ID || last.Actor != "analyst1" {
			t.Errorf("last change = %+v", last)
		}
		var before, after harmlog.Claim
		if err := json.Unmarshal(last.Before, &before); err != nil || !reflect.DeepEqual(before, *orig) {
			t.Errorf("change before = %s (%v), want the original claim", last.Before, err)
		}
		if err := json.Unmarshal(last.After, &after); err != nil || after.Killed.String() != "12–14" || after.Status != harmlog.StatusCorrected {
			t.Errorf("change after = %s (%v)", last.After, err)
		}
		missing := harmlog.Claim{ID: 9999}
		if err := s.UpdateClaim(ctx, &missing, "a", ""); !errors.Is(err, ENOTFOUND) {
			t.Errorf("UpdateClaim(missing) = %v, want ENOTFOUND", err)
		}
		bad := c
		bad.Status = "maybe"
		if err := s.UpdateClaim(ctx, &bad, "a", ""); !errors.Is(err, EINVALID) {
			t.Errorf("UpdateClaim(status maybe) = %v, want EINVALID", err)
		}
	})
}

func TestAddClaims(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		doc := addSample(t, s, "dataset row", []harmlog.Claim{{Ref: "first"}})
		more := []harmlog.Claim{{Ref: "r1", Killed: harmlog.Exact(2)}, {Ref: "r2", Status: harmlog.StatusConfirmed}}
		if err := s.AddClaims(ctx, doc.ID, more, "importer"); err != nil {
			t.Fatal(err)
		}
		cs, err := s.Claims(ctx, ClaimFilter{DocumentID: doc.ID})
		if err != nil || len(cs) != 3 {
			t.Fatalf("Claims = %d, %v", len(cs), err)
		}
		for i, want := range []struct {
			ref, status string
		}{{"first", "machine"}, {"r1", "imported"}, {"r2", "confirmed"}} {
			if cs[i].Ref != want.ref || cs[i].Status != want.status || cs[i].Index != i {
				t.Errorf("claim %d = ref %s status %s index %d, want %s %s %d", i, cs[i].Ref, cs[i].Status, cs[i].Index, want.ref, want.status, i)
			}
		}
		if err := s.AddClaims(ctx, 999, more, "importer"); !errors.Is(err, ENOTFOUND) {
			t.Errorf("AddClaims(missing document) = %v, want ENOTFOUND", err)
		}
	})
}

// TestRollback injects a failure in the middle of AddDocument (a claim the
// schema rejects) and checks nothing of the document was written.
func TestRollback(t *testing.T) {
	tests := []struct {
		name string
		bad  harmlog.Claim
		code Code
	}{
		{"negative killed", harmlog.Claim{Killed: harmlog.Exact(-1), Claimant: "New Claimant"}, EINVALID},
		{"min above max", harmlog.Claim{Injured: &harmlog.Range{Min: intp(9), Max: intp(3)}, Claimant: "New Claimant"}, EINVALID},
		{"unknown status", harmlog.Claim{Status: "verdict", Claimant: "New Claimant"}, EINVALID},
	}
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		for _, tt := range tests {
			claims := []harmlog.Claim{{Killed: harmlog.Exact(3), Claimant: "Good Claimant"}, tt.bad}
			doc := &harmlog.Document{Original: []byte("half " + tt.name), Publisher: "New Publisher"}
			_, _, err := s.AddDocument(ctx, doc, claims, "tester")
			if !errors.Is(err, tt.code) {
				t.Errorf("%s: err = %v, want %s", tt.name, err, tt.code)
			}
			if doc.ID != 0 || claims[0].ID != 0 {
				t.Errorf("%s: ids left set after rollback: doc %d claim %d", tt.name, doc.ID, claims[0].ID)
			}
			for _, table := range []string{"documents", "claims", "claim_places", "sources", "changes"} {
				var n int
				if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
					t.Fatal(err)
				}
				if n != 0 {
					t.Errorf("%s: %d rows left in %s", tt.name, n, table)
				}
			}
		}
	})
}

// TestClaimOwnSource: a claim that names its own publisher, date and URL (a
// line of an imported claims file) keeps them; one that names none takes
// its document's.
func TestClaimOwnSource(t *testing.T) {
	forEachDB(t, func(t *testing.T, db testDB) {
		ctx := context.Background()
		s := db.open(t)
		doc := addSample(t, s, "claims file", []harmlog.Claim{
			{Ref: "own", Publisher: "Wire A", Published: "2020-10-05", URL: "https://a.example/1"},
			{Ref: "doc's"},
		})
		cs, err := s.Claims(ctx, ClaimFilter{DocumentID: doc.ID})
		if err != nil || len(cs) != 2 {
			t.Fatalf("Claims = %d, %v", len(cs), err)
		}
		if c := cs[0]; c.Publisher != "Wire A" || c.Published != "2020-10-05" || c.URL != "https://a.example/1" {
			t.Errorf("own source lost: %q %q %q", c.Publisher, c.Published, c.URL)
		}
		if c := cs[1]; c.Publisher != doc.Publisher || c.Published != doc.Published || c.URL != doc.URL {
			t.Errorf("claim without a source got %q %q %q, want the document's %q %q %q",
				c.Publisher, c.Published, c.URL, doc.Publisher, doc.Published, doc.URL)
		}
	})
}

package link

import (
	"context"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
)

func dayClaim(id int64, day, place string, killed int) harmlog.Claim {
	return harmlog.Claim{
		ID: id, Scope: harmlog.ScopeIncident, Status: harmlog.StatusImported,
		Date:   &harmlog.DateRange{From: day, To: day},
		Places: []harmlog.PlaceRef{{Name: place, Country: "AZ"}}, Killed: harmlog.Exact(killed),
		Weapons: []string{"missile"}, Claimant: "claimant " + place,
	}
}

// TestSeedAttach: a claim attached after Seed joins the seeded incident it
// matches, the seeded members keep their place, and an unrelated claim
// starts a new incident.
func TestSeedAttach(t *testing.T) {
	l := New(Options{})
	l.Seed("stored-ganja", []harmlog.Claim{dayClaim(1, "2020-10-17", "Ganja", 12)}, []bool{true})
	key, lk := l.Attach(dayClaim(2, "2020-10-17", "Ganja", 13))
	if key != "stored-ganja" || lk.Score < DefaultThreshold {
		t.Fatalf("Attach = %q, %+v; want the seeded incident", key, lk)
	}
	inc, ok := l.Incident(key)
	if !ok || len(inc.Members) != 2 {
		t.Fatalf("incident %q: %+v", key, inc)
	}
	if m := inc.Members[0]; m.ClaimID != 1 || !m.Pinned {
		t.Errorf("seeded pinned member: %+v", m)
	}
	if k, _ := l.Attach(dayClaim(3, "2020-10-17", "Tartar", 2)); k == "stored-ganja" {
		t.Errorf("a claim at another place joined %q", k)
	}
}

func TestWindow(t *testing.T) {
	l := New(Options{})
	for _, tc := range []struct {
		from, to         string
		wantFrom, wantTo string
	}{
		{"2020-10-17", "2020-10-17", "2020-10-16", "2020-10-18"},
		{"2020-10-01", "2020-10-02", "2020-09-30", "2020-10-03"},
		{"2020-10-01", "2020-10-20", "2020-09-01", "2020-10-31"},
		{"", "", "", ""},
		{"garbage", "", "", ""},
	} {
		c := harmlog.Claim{}
		if tc.from != "" || tc.to != "" {
			c.Date = &harmlog.DateRange{From: tc.from, To: tc.to}
		}
		f, to := window(l, &c)
		if f != tc.wantFrom || to != tc.wantTo {
			t.Errorf("window(%s..%s) = %s..%s, want %s..%s", tc.from, tc.to, f, to, tc.wantFrom, tc.wantTo)
		}
	}
}

// fakeStore holds incidents in memory for StoreAttacher.
type fakeStore struct {
	incs  []harmlog.Incident
	saved []harmlog.Incident
	asked []string
}

func (f *fakeStore) IncidentCandidates(_ context.Context, from, to, country string) ([]harmlog.Incident, error) {
	f.asked = append(f.asked, from+".."+to+" "+country)
	return f.incs, nil
}

func (f *fakeStore) SaveIncident(_ context.Context, inc *harmlog.Incident, _ string) error {
	if inc.ID == 0 {
		inc.ID = int64(100 + len(f.saved))
	}
	f.saved = append(f.saved, *inc)
	return nil
}

// TestStoreAttacher: claims join stored incidents or start new ones, each
// saved with only its own link; cumulative, rejected and already linked
// claims are left alone; a claim without an id is an error.
func TestStoreAttacher(t *testing.T) {
	a1 := dayClaim(1, "2020-10-17", "Ganja", 12)
	fs := &fakeStore{incs: []harmlog.Incident{{ID: 7, Key: "stored-ganja", Members: []harmlog.Link{{ClaimID: 1, Claim: &a1}}}}}
	at := NewStoreAttacher(fs, Options{})
	cum := dayClaim(4, "2020-10-17", "Ganja", 90)
	cum.Scope = harmlog.ScopeCumulative
	rej := dayClaim(5, "2020-10-17", "Ganja", 12)
	rej.Status = harmlog.StatusRejected
	got, err := at.AttachClaims(context.Background(), []harmlog.Claim{
		dayClaim(2, "2020-10-17", "Ganja", 13), dayClaim(3, "2020-10-17", "Tartar", 2), cum, rej, a1,
	}, "tester")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Incident != "stored-ganja" || got[0].New || !got[1].New {
		t.Fatalf("attached %+v", got)
	}
	if len(fs.saved) != 2 || fs.saved[0].ID != 7 || len(fs.saved[0].Members) != 1 || fs.saved[0].Members[0].ClaimID != 2 {
		t.Fatalf("saved %+v", fs.saved)
	}
	if k := fs.saved[0].Killed; k.Low() != 12 || k.High() != 13 {
		t.Errorf("joined incident's killed %v, want [12, 13] over both claims", k)
	}
	if fs.asked[0] != "2020-10-16..2020-10-18 AZ" {
		t.Errorf("candidates asked for %q", fs.asked[0])
	}
	if _, err := at.AttachClaims(context.Background(), []harmlog.Claim{dayClaim(0, "2020-10-17", "Ganja", 1)}, "tester"); err == nil || !strings.Contains(err.Error(), "no id") {
		t.Errorf("claim without id: %v", err)
	}
}

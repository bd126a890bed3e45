package pipeline_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/internal/storetest"
	"github.com/harmlog/harmlog/link"
	"github.com/harmlog/harmlog/pipeline"
	"github.com/harmlog/harmlog/store"
)

// lineExtractor reads one claim from a text "DATE|PLACE|KILLED|CLAIMANT".
type lineExtractor struct{}

func (lineExtractor) Extract(text, _ string) extract.Result {
	f := strings.Split(strings.TrimSpace(text), "|")
	n, _ := strconv.Atoi(f[2])
	return extract.Result{Claims: []harmlog.Claim{{
		Scope: harmlog.ScopeIncident, Victims: harmlog.VictimsCivilian,
		Date:     &harmlog.DateRange{From: f[0], To: f[0]},
		Places:   []harmlog.PlaceRef{{Name: f[1], Country: "AZ"}},
		Killed:   harmlog.Exact(n),
		Weapons:  []string{"missile"},
		Claimant: f[3],
		End:      len(text),
	}}}
}

// TestIngestAttaches ingests reports one by one with an Attacher, on each
// backend: a claim that matches a stored incident joins it, one that does
// not starts a new one, analysts' pins and detaches stay, nothing is
// relinked, and every change is logged.
func TestIngestAttaches(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		s, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		p := pipeline.New(s, lineExtractor{}, pipeline.Options{Actor: "tester", Attacher: link.NewStoreAttacher(s, link.Options{})})
		ingest := func(text string) (claimID int64, inc *harmlog.Incident) {
			t.Helper()
			o := p.One(ctx, text, []byte(text))
			if o.Err != nil || o.LinkErr != nil || o.Linked != 1 {
				t.Fatalf("%s: err %v, link err %v, linked %d", text, o.Err, o.LinkErr, o.Linked)
			}
			cs, err := s.Claims(ctx, store.ClaimFilter{DocumentID: o.ID})
			if err != nil || len(cs) != 1 {
				t.Fatalf("%s: claims %v, %v", text, cs, err)
			}
			return cs[0].ID, incidentOf(t, s, cs[0].ID)
		}
		a, incA := ingest("2020-10-17|Ganja|12|Azerbaijani Prosecutor General")
		if incA == nil {
			t.Fatal("first claim is in no incident")
		}
		b, incB := ingest("2020-10-17|Ganja|13|Human Rights Watch")
		if incB == nil || incB.ID != incA.ID {
			t.Fatalf("matching claim %d: in incident %v, want %d (with claim %d)", b, incB, incA.ID, a)
		}
		if incB.Sources != 2 || incB.Killed.Low() != 12 || incB.Killed.High() != 13 {
			t.Errorf("joined incident: sources %d killed %v, want 2 sources and [12, 13]", incB.Sources, incB.Killed)
		}
		c, incC := ingest("2020-10-17|Tartar|3|Azerbaijani Prosecutor General")
		if incC == nil || incC.ID == incA.ID {
			t.Fatalf("claim %d of another place joined incident %d", c, incA.ID)
		}
		// An analyst pins the Tartar claim into the Ganja incident and
		// detaches the second Ganja claim.
		if err := s.PinClaim(ctx, c, incA.ID, "analyst"); err != nil {
			t.Fatal(err)
		}
		if err := s.DetachClaim(ctx, b, "analyst"); err != nil {
			t.Fatal(err)
		}
		d, incD := ingest("2020-10-17|Ganja|12|Azerbaijan Ministry of Defence")
		if incD == nil || incD.ID != incA.ID {
			t.Fatalf("claim %d at Ganja after the pin: in incident %v, want %d", d, incD, incA.ID)
		}
		got := map[int64]bool{}
		for _, m := range incD.Members {
			got[m.ClaimID] = m.Pinned
		}
		if pinned, ok := got[c]; !ok || !pinned {
			t.Errorf("pinned claim %d left incident %d or lost its pin: members %v", c, incA.ID, got)
		}
		if _, ok := got[b]; ok {
			t.Errorf("detached claim %d came back into incident %d", b, incA.ID)
		}
		if incidentOf(t, s, b) != nil {
			t.Errorf("detached claim %d was linked again", b)
		}
		// The old Tartar incident lost its only claim to the pin; a new
		// Tartar claim may start a new incident or join it, but the
		// incidents' ids never change (no relink).
		incs, err := s.Incidents(ctx, store.IncidentFilter{})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[int64]bool{}
		for _, in := range incs {
			ids[in.ID] = true
		}
		if !ids[incA.ID] || !ids[incC.ID] {
			t.Errorf("incidents after attaching: %v, want %d and %d kept", ids, incA.ID, incC.ID)
		}
		changes, err := s.Changes(ctx, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		saves := 0
		for _, ch := range changes {
			switch ch.Action {
			case "incident.save":
				saves++
			case "incidents.save":
				t.Errorf("change %d: a full relink (incidents.save) during ingest", ch.ID)
			}
		}
		if saves != 4 {
			t.Errorf("%d incident.save changes, want one per attached claim (4)", saves)
		}
	})
}

// incidentOf returns the incident claim id is linked to, with members, or
// nil.
func incidentOf(t *testing.T, s *store.Store, claimID int64) *harmlog.Incident {
	t.Helper()
	ctx := context.Background()
	incs, err := s.Incidents(ctx, store.IncidentFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range incs {
		full, err := s.Incident(ctx, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range full.Members {
			if m.ClaimID == claimID {
				return full
			}
		}
	}
	return nil
}

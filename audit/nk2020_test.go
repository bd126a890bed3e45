package audit_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/audit"
	"github.com/harmlog/harmlog/demo"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/imports"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/internal/sharedtest"
	"github.com/harmlog/harmlog/link"
	"github.com/harmlog/harmlog/party"
	"github.com/harmlog/harmlog/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// resolver adapts the gazetteer to audit.Places and link.Places.
type resolver struct{ gz *gazetteer.Gazetteer }

func (r resolver) Resolve(name string, countries ...string) (harmlog.PlaceRef, bool) {
	p, ok := r.gz.Resolve(name, countries...)
	if !ok {
		return harmlog.PlaceRef{}, false
	}
	return p.Ref(), true
}

// record builds a store from the demo's cited claims of both sides (the
// embedded copy of nk2020-claims.jsonl), links them as `harmlog link` does
// and returns the incidents with their claims.
func record(t *testing.T) ([]harmlog.Incident, audit.Config) {
	t.Helper()
	ctx := context.Background()
	gz, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "h.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	res, err := imports.Claims(ctx, s, "nk2020-claims.jsonl", demo.Claims(), imports.Normalizer{Places: gz, Parties: party.Default()}, "test")
	if err != nil || len(res.Bad) > 0 {
		t.Fatalf("import: %v %v", err, res.Bad)
	}
	var claims []harmlog.Claim
	if err := s.EachClaim(ctx, store.ClaimFilter{}, func(c *harmlog.Claim) error { claims = append(claims, *c); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveIncidents(ctx, link.Link(claims, link.Options{Places: resolver{gz}}).Incidents(), "test"); err != nil {
		t.Fatal(err)
	}
	incs, err := s.IncidentsWithClaims(ctx, store.IncidentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return incs, audit.Config{Extractor: extract.New(extract.Options{Places: gz}), Places: resolver{gz}, Parties: party.Default()}
}

// auditFile parses a statement as the CLI does and audits it.
func auditFile(t *testing.T, path string, incs []harmlog.Incident, cfg audit.Config) *audit.Report {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := ingest.Parse(path, data, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := audit.Audit(audit.Statement{Name: filepath.Base(path), Publisher: p.Publisher, Published: p.Published, Text: p.Text}, incs, cfg, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// incidentAt names an incident by date and a word of its places.
type incidentAt struct{ date, place string }

func has(list []audit.IncidentRef, want incidentAt) bool {
	return slices.ContainsFunc(list, func(in audit.IncidentRef) bool {
		return in.DateFrom == want.date && strings.Contains(strings.Join(in.Places, "; "), want.place)
	})
}

func partyOf(t *testing.T, r *audit.Report, name string) audit.PartyReport {
	t.Helper()
	for _, p := range r.Parties {
		if p.Party == name {
			return p
		}
	}
	t.Fatalf("no row for %s in %+v", name, r.Parties)
	return audit.PartyReport{}
}

func TestNK2020Statements(t *testing.T) {
	incs, cfg := record(t)
	type side struct {
		party     string
		mentioned []incidentAt // among the mentioned incidents
		omitted   []incidentAt // among the omitted ones
		none      bool         // no incident of this party mentioned
	}
	tests := []struct {
		file   string
		sides  []side
		gapMax float64 // the gap by incidents is at most this
		gapMin float64 // and at least this
	}{
		{"az-only.txt", []side{
			{party: "Azerbaijan", mentioned: []incidentAt{{"2020-10-02", "Stepanakert"}, {"2020-10-04", "Stepanakert"}, {"2020-10-08", "Shushi"}},
				omitted: []incidentAt{{"2020-09-30", "Martakert"}}},
			{party: "Armenia", none: true, omitted: []incidentAt{{"2020-10-04", "Ganja"}, {"2020-10-08", "Ganja"}}},
		}, 1, 0.3},
		{"am-only.txt", []side{
			{party: "Armenia", mentioned: []incidentAt{{"2020-10-04", "Ganja"}, {"2020-10-08", "Ganja"}}},
			{party: "Azerbaijan", none: true, omitted: []incidentAt{{"2020-10-02", "Stepanakert"}, {"2020-10-04", "Stepanakert"}, {"2020-10-08", "Shushi"}, {"2020-09-30", "Martakert"}}},
		}, 1, 0.3},
		{"both.txt", []side{
			{party: "Azerbaijan", mentioned: []incidentAt{{"2020-10-02", "Stepanakert"}, {"2020-10-04", "Stepanakert"}},
				omitted: []incidentAt{{"2020-09-30", "Martakert"}}},
			{party: "Armenia", mentioned: []incidentAt{{"2020-10-04", "Ganja"}, {"2020-10-08", "Ganja"}}},
		}, 0.15, 0},
	}
	gaps := map[string]float64{}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r := auditFile(t, filepath.Join("testdata", tt.file), incs, cfg)
			if r.Scope.From != "2020-09-27" || r.Scope.To != "2020-10-09" || !slices.Equal(r.Scope.Countries, []string{"AZ"}) {
				t.Errorf("scope %+v, want 2020-09-27…2020-10-09 in AZ (from the text)", r.Scope)
			}
			for _, sd := range tt.sides {
				p := partyOf(t, r, sd.party)
				if sd.none && p.Mentioned.Incidents != 0 {
					t.Errorf("%s: %d incidents mentioned, want none: %+v", sd.party, p.Mentioned.Incidents, p.Mentioned.List)
				}
				for _, w := range sd.mentioned {
					if !has(p.Mentioned.List, w) {
						t.Errorf("%s: %v not among the mentioned incidents %+v", sd.party, w, p.Mentioned.List)
					}
				}
				for _, w := range sd.omitted {
					if !has(p.Omitted, w) {
						t.Errorf("%s: %v not among the omitted incidents %+v", sd.party, w, p.Omitted)
					}
				}
				if p.Recorded.Incidents != p.Mentioned.Incidents+len(p.Omitted) {
					t.Errorf("%s: recorded %d ≠ mentioned %d + omitted %d", sd.party, p.Recorded.Incidents, p.Mentioned.Incidents, len(p.Omitted))
				}
			}
			g := r.Measure.GapIncidents
			if g == nil || *g > tt.gapMax || *g < tt.gapMin {
				t.Fatalf("gap by incidents %v, want in [%v, %v]", g, tt.gapMin, tt.gapMax)
			}
			gaps[tt.file] = *g
			var b bytes.Buffer
			if err := audit.WriteText(&b, r); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: gap %.4f\n%s", tt.file, *g, b.String())
		})
	}
	// Mirror images: the two one-sided statements sit on either side of the
	// record, the balanced one close to it.
	if az, am, both := gaps["az-only.txt"], gaps["am-only.txt"], gaps["both.txt"]; both >= az || both >= am {
		t.Errorf("gaps: az-only %.4f, am-only %.4f, both %.4f; want both the smallest", az, am, both)
	}
}

// TestSeedStatement audits the example article, an appeal that names places
// on both sides, against the record; its report is a golden file.
func TestSeedStatement(t *testing.T) {
	path := sharedtest.Path(t, "seed/000_5666055ee0aafada.txt")
	incs, cfg := record(t)
	r := auditFile(t, path, incs, cfg)
	az, am := partyOf(t, r, "Azerbaijan"), partyOf(t, r, "Armenia")
	if !has(az.Mentioned.List, incidentAt{"2020-10-04", "Stepanakert"}) {
		t.Errorf("Azerbaijan: the 4 October Stepanakert incident is not mentioned: %+v", az.Mentioned.List)
	}
	if !has(am.Mentioned.List, incidentAt{"2020-10-04", "Ganja"}) {
		t.Errorf("Armenia: the 4 October Ganja incident is not mentioned: %+v", am.Mentioned.List)
	}
	if len(az.Omitted) == 0 || len(am.Omitted) == 0 {
		t.Errorf("omitted: Azerbaijan %d, Armenia %d; want some on each side (the record holds more than the appeal names)", len(az.Omitted), len(am.Omitted))
	}
	if r.Scope.To != "2020-10-08" {
		t.Errorf("scope ends %q, want the appeal's date 2020-10-08", r.Scope.To)
	}
	// The golden file keeps harmlog's findings, not the article's words:
	// quotes are left out.
	r.Statement.Text = ""
	for i := range r.Mentions {
		r.Mentions[i].Quote = ""
	}
	var b bytes.Buffer
	if err := audit.WriteText(&b, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "testdata/seed.golden", b.Bytes())
}

// golden compares got with the file, or rewrites it under -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test ./audit -run Seed -update rewrites it); got:\n%s", path, got)
	}
}

package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/harmlog/harmlog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func fp(f float64) *float64 { return &f }
func ip(n int) *int         { return &n }

// fixture is a small fixed store's content: two incidents, their claims
// (one imported from a data set, two machine claims, one without place
// coordinates, one cumulative toll outside any incident) and documents.
func fixture() ([]harmlog.Incident, []ClaimWithIncident, []harmlog.Document) {
	barda := harmlog.PlaceRef{Name: "Barda", ID: "geonames:587057", Lat: fp(40.37441), Lon: fp(47.12627), Country: "AZ", Admin1: "06"}
	ganja := harmlog.PlaceRef{Name: "Ganja", Alt: "Gandzak", ID: "geonames:148565", Lat: fp(40.68278), Lon: fp(46.36056), Country: "AZ"}
	bagachra := harmlog.PlaceRef{Name: "Bagachra", ID: "coded:22.9500,88.9600", Lat: fp(22.95), Lon: fp(88.96), Country: "BD", Admin1: "Khulna"}
	claims := []ClaimWithIncident{
		{Claim: harmlog.Claim{ID: 1, DocumentID: 1, Index: 0, Status: harmlog.StatusMachine, Scope: harmlog.ScopeIncident,
			Killed: harmlog.Exact(3), Injured: harmlog.Between(5, -1), Victims: harmlog.VictimsCivilian,
			Date: &harmlog.DateRange{From: "2020-10-28", To: "2020-10-28"}, Places: []harmlog.PlaceRef{barda},
			Weapons: []string{"cluster munition"}, WeaponWords: []string{"cluster bombs"},
			Perpetrator: "Armenia", PerpetratorWords: "Armenian forces", Claimant: "Prosecutor General's Office",
			Publisher: "Test Wire", Published: "2020-10-28", URL: "https://example.org/a", Start: 10, End: 90}, IncidentID: 1},
		{Claim: harmlog.Claim{ID: 2, DocumentID: 2, Index: 0, Status: harmlog.StatusImported, Scope: harmlog.ScopeIncident,
			Killed: harmlog.Between(2, 4), Victims: harmlog.VictimsCivilian,
			Date: &harmlog.DateRange{From: "2020-10-28", To: "2020-10-28"}, Places: []harmlog.PlaceRef{barda, ganja},
			Claimant: "Human Rights Watch", Publisher: "HRW", Published: "2020-12-01", Ref: "hrw-1",
			Note: "with \"quotes\", commas; and\na new line"}, IncidentID: 1},
		{Claim: harmlog.Claim{ID: 3, DocumentID: 3, Index: 0, Status: harmlog.StatusImported, Scope: harmlog.ScopeIncident,
			Killed: harmlog.Exact(0), Victims: harmlog.VictimsUnknown,
			Date: &harmlog.DateRange{From: "2015-01-01", To: "2015-01-01"}, Places: []harmlog.PlaceRef{bagachra},
			PerpetratorWords: "Rioters (Bangladesh)", Claimant: "United News of Bangladesh", Publisher: "ACLED",
			Published: "2015-01-01", Ref: "ACLED 1BNG", Note: "event type: Riots/Protests; geo precision: 1"}, IncidentID: 2},
		{Claim: harmlog.Claim{ID: 4, DocumentID: 1, Index: 1, Status: harmlog.StatusMachine, Scope: harmlog.ScopeCumulative,
			Killed: harmlog.Between(-1, 90), Places: []harmlog.PlaceRef{{Name: "Tartar district"}},
			Date: &harmlog.DateRange{From: "2020-09-27", To: "2020-10-28"}, Claimant: "Prosecutor General's Office",
			Publisher: "Test Wire", Published: "2020-10-28", Denied: true, DeniedBy: "Armenian MoD", Update: true, PartOf: ip(0)}},
	}
	link := func(c ClaimWithIncident, score float64, ev string) harmlog.Link {
		cl := c.Claim
		return harmlog.Link{ClaimID: c.ID, IncidentID: c.IncidentID, Score: score, Evidence: ev, Claim: &cl}
	}
	incs := []harmlog.Incident{
		{ID: 2, Key: "2015-01-01-bagachra-1a2b3c", DateFrom: "2015-01-01", DateTo: "2015-01-01",
			Places: []harmlog.PlaceRef{bagachra}, Country: "BD", Victims: harmlog.VictimsUnknown, Killed: harmlog.Exact(0),
			Sources: 1, Grade: harmlog.GradeWeak, GradeReason: "a single source", Perpetrators: []string{"Rioters (Bangladesh)"},
			Members: []harmlog.Link{link(claims[2], 0, "first claim")}},
		{ID: 1, Key: "2020-10-28-barda-9f8e7d", DateFrom: "2020-10-28", DateTo: "2020-10-28",
			Places: []harmlog.PlaceRef{barda, ganja}, Country: "AZ", Weapons: []string{"cluster munition"},
			Perpetrators: []string{"Armenia"}, Victims: harmlog.VictimsCivilian, Killed: harmlog.Between(2, 4),
			Injured: harmlog.Between(5, -1), Sources: 2, CrossParty: true, Contested: true, Denials: []string{"Armenian MoD"},
			Grade: harmlog.GradeContested, GradeReason: "denied by Armenian MoD",
			Members: []harmlog.Link{link(claims[0], 0, "first claim"), link(claims[1], 9.5, "same day; same gazetteer place")}},
	}
	at := time.Date(2026, 11, 29, 3, 0, 0, 123456000, time.UTC)
	docs := []harmlog.Document{
		{ID: 1, SHA256: strings.Repeat("a", 64), Size: 120, MediaType: "text/plain", Title: "Barda, 28 October",
			Publisher: "Test Wire", Published: "2020-10-28", URL: "https://example.org/a", Language: "en",
			Filename: "barda.txt", Text: "date 2020-10-28 By Test Wire\n\nThree civilians were killed.", IngestedAt: at, IngestedBy: "cli:test"},
		{ID: 3, SHA256: strings.Repeat("b", 64), Size: 640, MediaType: "text/csv", Title: "ACLED 1BNG: Bagachra, Bangladesh, 2015-01-01",
			Publisher: "ACLED", Published: "2015-01-01", Filename: "acled.csv:2", Text: "One person was injured, \"in\" a gunfight.",
			IngestedAt: at, IngestedBy: "cli:test"},
	}
	return incs, claims, docs
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
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
		t.Errorf("%s differs from %s (run go test -update after checking):\ngot:\n%s", name, path, got)
	}
}

// TestGolden writes the fixture in every format and compares it with the
// golden files; writing twice must give the same bytes.
func TestGolden(t *testing.T) {
	incs, claims, docs := fixture()
	tests := []struct {
		kind   string
		format Format
	}{
		{"incidents", CSV}, {"incidents", JSON}, {"incidents", GeoJSON}, {"incidents", ACLED},
		{"claims", CSV}, {"claims", JSON}, {"claims", GeoJSON}, {"claims", ACLED}, {"claims", JSONL},
		{"documents", CSV}, {"documents", JSON},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"."+string(tt.format), func(t *testing.T) {
			write := func() []byte {
				var buf bytes.Buffer
				var err error
				switch tt.kind {
				case "incidents":
					err = writeAll(&buf, tt.format, incs, NewIncidentWriter, (*IncidentWriter).Write, (*IncidentWriter).Close)
				case "claims":
					var w *ClaimWriter
					if w, err = NewClaimWriter(&buf, tt.format); err == nil {
						for i := range claims {
							if err = w.Write(&claims[i].Claim, claims[i].IncidentID); err != nil {
								break
							}
						}
						if err == nil {
							err = w.Close()
						}
					}
				case "documents":
					err = writeAll(&buf, tt.format, docs, NewDocumentWriter, (*DocumentWriter).Write, (*DocumentWriter).Close)
				}
				if err != nil {
					t.Fatal(err)
				}
				return buf.Bytes()
			}
			got := write()
			if again := write(); !bytes.Equal(got, again) {
				t.Error("two writes of the same records differ")
			}
			checkWellFormed(t, tt.format, got)
			golden(t, tt.kind+"."+string(tt.format), got)
		})
	}
}

func writeAll[T any, W any](buf *bytes.Buffer, f Format, recs []T, open func(io.Writer, Format) (W, error),
	write func(W, *T) error, closeFn func(W) error) error {
	w, err := open(buf, f)
	if err != nil {
		return err
	}
	for i := range recs {
		if err := write(w, &recs[i]); err != nil {
			return err
		}
	}
	return closeFn(w)
}

// checkWellFormed parses the output as its format says: CSV with one
// width, a JSON array, a GeoJSON FeatureCollection of Points in lon, lat
// order inside the valid ranges.
func checkWellFormed(t *testing.T, f Format, b []byte) {
	t.Helper()
	switch f {
	case CSV, ACLED:
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatalf("CSV: %v", err)
		}
		if len(recs) < 2 {
			t.Errorf("CSV has %d records, want a header and rows", len(recs))
		}
	case JSON:
		var v []map[string]any
		if err := json.Unmarshal(b, &v); err != nil || len(v) == 0 {
			t.Fatalf("JSON array: %v (%d elements)", err, len(v))
		}
	case GeoJSON:
		var fc struct {
			Type     string
			Features []struct {
				Type     string
				Geometry struct {
					Type        string
					Coordinates []float64
				}
				Properties map[string]any
			}
		}
		if err := json.Unmarshal(b, &fc); err != nil {
			t.Fatalf("GeoJSON: %v", err)
		}
		if fc.Type != "FeatureCollection" || len(fc.Features) == 0 {
			t.Fatalf("GeoJSON: type %q with %d features", fc.Type, len(fc.Features))
		}
		for _, ft := range fc.Features {
			c := ft.Geometry.Coordinates
			if ft.Type != "Feature" || ft.Geometry.Type != "Point" || len(c) != 2 {
				t.Fatalf("feature %+v is not a Point feature", ft)
			}
			if c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
				t.Errorf("coordinates %v out of range", c)
			}
			if p := ft.Properties["place"]; p == "Ganja" && (c[0] != 46.36056 || c[1] != 40.68278) {
				t.Errorf("Ganja at %v, want [46.36056 40.68278] (longitude first)", c)
			}
			if lat, lon := ft.Properties["latitude"], ft.Properties["longitude"]; lat != c[1] || lon != c[0] {
				t.Errorf("feature at %v has properties latitude %v, longitude %v", c, lat, lon)
			}
		}
	case JSONL:
		for _, line := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
			var v map[string]any
			if err := json.Unmarshal(line, &v); err != nil {
				t.Fatalf("JSONL line %q: %v", line, err)
			}
		}
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		kind, name string
		ok         bool
	}{
		{"incidents", "csv", true}, {"incidents", "geojson", true}, {"incidents", "jsonl", false},
		{"claims", "jsonl", true}, {"claims", "acled", true}, {"documents", "json", true},
		{"documents", "geojson", false}, {"documents", "acled", false}, {"places", "csv", false},
		{"claims", "xml", false},
	}
	for _, tt := range tests {
		f, err := ParseFormat(tt.kind, tt.name)
		if (err == nil) != tt.ok {
			t.Errorf("ParseFormat(%q, %q) = %q, %v; want ok %v", tt.kind, tt.name, f, err, tt.ok)
		}
		if err == nil && string(f) != tt.name {
			t.Errorf("ParseFormat(%q, %q) = %q", tt.kind, tt.name, f)
		}
	}
}

func TestTimePrecision(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"", "", ""}, {"2020-10-28", "", "1"}, {"2020-10-28", "2020-10-28", "1"},
		{"2020-10-28", "2020-11-03", "2"}, {"2020-12-28", "2021-01-03", "2"}, {"2020-10-01", "2020-10-31", "3"},
	}
	for _, tt := range tests {
		if got := timePrecision(tt.from, tt.to); got != tt.want {
			t.Errorf("timePrecision(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const acledFixture = "event_id_cnty,event_date,year,time_precision,event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,source,notes,fatalities\n" +
	"SOM1,2016-07-02,2016,1,Remote violence,Al Shabaab,Civilians (Somalia),Somalia,Bay,Baidoa,3.11718,43.6469,1,Agence France Presse,Two people were killed and 18 were wounded in a mortar attack on Baidoa.,2\n" +
	"SOM2,2016-07-03,2016,1,Battles,Military Forces of Somalia,Al Shabaab,Somalia,Bay,Baidoa,3.1,43.6,1,Shabelle,Clashes.,two\n" +
	"SOM3,2016-07-04,2016,1,Riots,Rioters (Somalia),,Somalia,Banadir,Mogadishu,2.03711,45.34375,1,Garowe Online,Riots over prices.,0\n"

const ucdpFixture = "id,relid,type_of_violence,side_a,side_b,source_office,source_headline,source_original,where_prec,where_coordinates,adm_1,latitude,longitude,country,iso3,date_prec,date_start,date_end,deaths_civilians,best,high,low\n" +
	",,,#group+name+first,#group+name+second,,#description,,,#loc+name,#adm1+name,#geo+lat,#geo+lon,#country+name,#country+code,,#date+start,#date+end,,#affected+killed,,\n" +
	"7,UKR-2014-1-1,1,Government of Ukraine,DPR,Agence France Presse,Two shot dead in Donetsk,,1,Donetsk city,Donetsk oblast,48.023,37.80224,Ukraine,UKR,1,2014-07-22 00:00:00.000,2014-07-22 00:00:00.000,0,2,3,1\n"

// TestImportDatasets runs `import acled` and `import ucdp` on small files:
// the rows are stored and linked, a malformed row is named with its line,
// a file of the other kind is refused, and a second import adds nothing.
func TestImportDatasets(t *testing.T) {
	tests := []struct {
		cmd, file, data string
		code            int
		out, errs       []string
	}{
		{"acled", "a.csv", acledFixture, ExitFailed,
			[]string{"acled rows: imported 2", "already present 0, failed 1", "incidents from"},
			[]string{`a.csv: line 3: fatalities "two" is not a number`}},
		{"ucdp", "u.csv", ucdpFixture, ExitOK,
			[]string{"ucdp-ged rows: imported 1", "already present 0, failed 0", "incidents from"}, nil},
		{"ucdp", "a.csv", acledFixture, ExitFailed, nil, []string{"the header is acled, not ucdp-ged"}},
	}
	for _, tt := range tests {
		t.Run(tt.cmd+" "+tt.file, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "h.db")
			file := write(t, dir, tt.file, []byte(tt.data))
			code, out, errs := run(t, "", "--db", db, "import", tt.cmd, file)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, out, errs)
			}
			for _, w := range tt.out {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tt.errs {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if tt.out == nil {
				return
			}
			_, out, _ = run(t, "", "--db", db, "import", tt.cmd, file)
			if !strings.Contains(out, "imported 0 (0 claims)") || !strings.Contains(out, "already present") ||
				strings.Contains(out, "incidents from") {
				t.Errorf("re-import added something or relinked:\n%s", out)
			}
		})
	}
}

// claimsFixture is a flat JSONL file: two sources on one event, one other
// event, and a cumulative toll.
const claimsFixture = `{"date":"2020-10-28","place":"Barda","country_or_region":"Azerbaijan","killed_min":21,"killed_max":21,"injured_min":70,"injured_max":70,"victims":"civilians","weapon":"Smerch cluster rockets","alleged_perpetrator":"Armenian armed forces","claimant":"Prosecutor General's Office of Azerbaijan","publisher":"Trend","published":"2020-10-28","ref":"a"}
{"date":"2020-10-28","place":"Barda","country_or_region":"Azerbaijan","killed_min":21,"killed_max":25,"victims":"civilians","weapon":"cluster munitions","claimant":"Amnesty International","publisher":"Amnesty International","published":"2021-01-14","ref":"b"}
{"date":"2020-10-04","place":"Ganja","place_alt":"Gandzak","country_or_region":"Azerbaijan","killed_min":1,"killed_max":1,"injured_min":32,"injured_max":32,"victims":"civilians","weapon":"missile","claimant":"Azerbaijani Ministry of Defence","publisher":"APA","published":"2020-10-04","ref":"c"}
{"date":"2020-09-27/2020-10-28","place":"Tartar","country_or_region":"Azerbaijan","killed_min":90,"killed_max":90,"victims":"civilians","claimant":"Prosecutor General's Office of Azerbaijan","publisher":"Trend","published":"2020-10-29","scope":"cumulative","ref":"d"}
`

// exported reads claims exported as JSON.
type exportedClaim struct {
	Killed    *struct{ Min, Max *int } `json:"killed"`
	Injured   *struct{ Min, Max *int } `json:"injured"`
	Date      *struct{ From, To *string }
	Places    []struct{ Name, ID, Country string }
	Claimant  string `json:"claimant"`
	Publisher string `json:"publisher"`
	Published string `json:"published"`
	Scope     string `json:"scope"`
	Ref       string `json:"ref"`
	Incident  int64  `json:"incident_id"`
}

func (c exportedClaim) key() string {
	r := func(x *struct{ Min, Max *int }) string {
		if x == nil {
			return "-"
		}
		s := func(p *int) string {
			if p == nil {
				return "nil"
			}
			return fmt.Sprint(*p)
		}
		return s(x.Min) + ".." + s(x.Max)
	}
	d := "-"
	if c.Date != nil && c.Date.From != nil {
		d = *c.Date.From
		if c.Date.To != nil {
			d += "/" + *c.Date.To
		}
	}
	var places []string
	for _, p := range c.Places {
		places = append(places, p.Name+"@"+p.ID+"@"+p.Country)
	}
	return strings.Join([]string{c.Ref, r(c.Killed), r(c.Injured), d, strings.Join(places, ";"), c.Claimant,
		c.Publisher, c.Published, c.Scope}, "|")
}

// snapshot exports a store's claims as JSON and returns each claim's key
// and the grouping of claims into incidents, by key.
func snapshot(t *testing.T, db string) (claims []string, groups []string) {
	t.Helper()
	code, out, errs := run(t, "", "--db", db, "export", "claims", "--format", "json")
	if code != 0 {
		t.Fatalf("export claims: exit %d\n%s", code, errs)
	}
	var cs []exportedClaim
	if err := json.Unmarshal([]byte(out), &cs); err != nil {
		t.Fatalf("export claims --format json: %v\n%s", err, out)
	}
	byInc := map[int64][]string{}
	for _, c := range cs {
		claims = append(claims, c.key())
		if c.Incident != 0 {
			byInc[c.Incident] = append(byInc[c.Incident], c.Ref)
		}
	}
	for _, refs := range byInc {
		slices.Sort(refs)
		groups = append(groups, strings.Join(refs, "+"))
	}
	slices.Sort(claims)
	slices.Sort(groups)
	return claims, groups
}

// TestExportRoundTrip exports a store's claims in the flat JSONL form,
// imports them into a fresh store and finds the same claims (figures,
// dates, places, claimants, publishers) in the same incidents.
func TestExportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	in := write(t, dir, "claims.jsonl", []byte(claimsFixture))
	if code, out, errs := run(t, "", "--db", a, "import", "claims", in); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	flat := filepath.Join(dir, "out", "claims.jsonl")
	if err := os.MkdirAll(filepath.Dir(flat), 0o755); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := run(t, "", "--db", a, "export", "claims", "--format", "jsonl", "-o", flat); code != 0 {
		t.Fatalf("export: exit %d\n%s", code, errs)
	}
	if code, out, errs := run(t, "", "--db", b, "import", "claims", flat); code != 0 {
		t.Fatalf("re-import: exit %d\n%s%s", code, out, errs)
	}
	claimsA, groupsA := snapshot(t, a)
	claimsB, groupsB := snapshot(t, b)
	if len(claimsA) != 4 || len(groupsA) != 2 {
		t.Fatalf("the first store has %d claims in incidents %v, want 4 claims in 2 incidents", len(claimsA), groupsA)
	}
	if !slices.Equal(claimsA, claimsB) {
		t.Errorf("claims differ after the round trip:\n%s\nvs\n%s", strings.Join(claimsA, "\n"), strings.Join(claimsB, "\n"))
	}
	if !slices.Equal(groupsA, groupsB) || !slices.Contains(groupsA, "a+b") {
		t.Errorf("incidents %v after the round trip, before %v (want a+b together)", groupsB, groupsA)
	}
}

// TestExportCommand writes every kind and format to files and checks the
// filters and the errors for impossible combinations.
func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	in := write(t, dir, "claims.jsonl", []byte(claimsFixture))
	if code, out, errs := run(t, "", "--db", db, "import", "claims", in); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	tests := []struct {
		args  []string
		code  int
		lines int    // lines of output (CSV: header and rows), -1 to skip
		has   string // a string the output holds
	}{
		{[]string{"incidents", "--format", "csv"}, 0, 3, "incident_id,key,date_from"},
		{[]string{"incidents", "--format", "csv", "--from", "2020-10-20"}, 0, 2, "Barda"},
		{[]string{"incidents", "--format", "csv", "--grade", "weak"}, 0, 2, "Ganja"},
		{[]string{"incidents", "--format", "geojson", "--country", "AZ"}, 0, -1, `"type":"FeatureCollection"`},
		{[]string{"incidents", "--format", "acled"}, 0, 3, "event_id_cnty,event_date,year"},
		{[]string{"incidents", "--format", "json"}, 0, -1, `"claims"`},
		{[]string{"claims", "--format", "csv"}, 0, 5, "claim_id,document_id"},
		{[]string{"claims", "--format", "csv", "--grade", "weak"}, 0, 2, "Ganja"},
		{[]string{"claims", "--format", "csv", "--country", "UA"}, 0, 1, "claim_id"},
		{[]string{"claims", "--format", "acled", "--to", "2020-10-05"}, 0, 3, "Ganja"},
		{[]string{"claims", "--format", "geojson"}, 0, -1, `"coordinates"`},
		{[]string{"documents", "--format", "csv"}, 0, 2, "claims.jsonl"},
		{[]string{"documents", "--format", "json"}, 0, -1, `"text"`},
		{[]string{"documents", "--format", "geojson"}, ExitUsage, -1, ""},
		{[]string{"places", "--format", "csv"}, ExitUsage, -1, ""},
	}
	for i, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			file := filepath.Join(dir, fmt.Sprintf("out%d", i))
			args := append([]string{"--db", db, "export", "-o", file}, tt.args...)
			code, _, errs := run(t, "", args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s", code, tt.code, errs)
			}
			if tt.code != 0 {
				if _, err := os.Stat(file); err == nil {
					t.Error("a failed export left a file")
				}
				return
			}
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if tt.lines >= 0 {
				if n := strings.Count(string(b), "\n"); n != tt.lines {
					t.Errorf("%d lines, want %d:\n%s", n, tt.lines, b)
				}
			}
			if !strings.Contains(string(b), tt.has) {
				t.Errorf("output lacks %q:\n%s", tt.has, b)
			}
			// Deterministic: standard output gives the same bytes.
			_, out, _ := run(t, "", append([]string{"--db", db, "export"}, tt.args...)...)
			if out != string(b) {
				t.Error("standard output and -o differ")
			}
		})
	}
}

package cli

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/harmlog/harmlog/demo"
)

// TestImportLinkTally imports the demo claims, links them and reads the
// incidents and tallies back, as a recorder would.
func TestImportLinkTally(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	claims := write(t, dir, "claims.jsonl", demo.Claims())
	code, out, errs := run(t, "", "--db", db, "import", "claims", claims)
	if code != 0 || !strings.Contains(out, "95 claim(s) imported, 0 line(s) failed") || !strings.Contains(out, "incidents from 95 claims") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	// Importing the same file again adds nothing.
	code, out, _ = run(t, "", "--db", db, "import", "claims", claims)
	if code != 0 || !strings.Contains(out, "nothing added") {
		t.Errorf("re-import: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "", "--db", db, "incidents", "--json")
	if code != 0 {
		t.Fatalf("incidents: exit %d", code)
	}
	var incs []struct {
		ID       int64  `json:"id"`
		DateFrom string `json:"date_from"`
		Grade    string `json:"grade"`
		Killed   *struct{ Min, Max *int }
		Places   []struct{ Name string }
		Claims   []struct {
			Claim struct {
				Ref string `json:"ref"`
			} `json:"claim"`
		} `json:"claims"`
	}
	if err := json.Unmarshal([]byte(out), &incs); err != nil {
		t.Fatal(err)
	}
	if len(incs) < 25 || len(incs) > 35 {
		t.Errorf("%d incidents from the 31 the claims describe", len(incs))
	}
	// The 17 October Ganja strike: every source's figures side by side, as one
	// incident whose killed range spans the sources (12 to 21).
	var ganja int64
	for _, in := range incs {
		if in.DateFrom == "2020-10-17" && len(in.Places) > 0 && strings.HasPrefix(in.Places[0].Name, "Ganja") {
			ganja = in.ID
			if in.Killed == nil || in.Killed.Min == nil || *in.Killed.Min != 12 || *in.Killed.Max != 21 {
				t.Errorf("Ganja 17 October killed %+v, want 12–21", in.Killed)
			}
			if len(in.Claims) != 7 || in.Claims[0].Claim.Ref == "" {
				t.Errorf("Ganja 17 October has %d claims (want the 7 sources), refs kept: %q", len(in.Claims), in.Claims[0].Claim.Ref)
			}
		}
	}
	if ganja == 0 {
		t.Fatal("no incident for Ganja on 17 October 2020")
	}
	code, out, _ = run(t, "", "--db", db, "incident", "show", itoa(ganja))
	if code != 0 || !strings.Contains(out, "why it belongs") || !strings.Contains(out, "killed 12–21") {
		t.Errorf("incident show: exit %d\n%s", code, out)
	}
	// Tallies by party: both sides' rows and a total.
	code, out, _ = run(t, "", "--db", db, "tally", "--by", "party", "--csv")
	if code != 0 || !strings.HasPrefix(out, "by,group,incidents,killed_low") {
		t.Fatalf("tally csv: exit %d\n%s", code, out)
	}
	for _, want := range []string{"party,Armenia,", "party,Azerbaijan,", "party,TOTAL,"} {
		if !strings.Contains(out, want) {
			t.Errorf("tally lacks a row starting %q:\n%s", want, out)
		}
	}
	code, _, errs = run(t, "", "--db", db, "tally", "--by", "colour")
	if code != ExitUsage || !strings.Contains(errs, "colour") {
		t.Errorf("tally --by colour: exit %d, %q", code, errs)
	}
	// An analyst pins a claim elsewhere; a relink keeps it.
	code, out, errs = run(t, "", "--db", db, "incident", "pin", "1", itoa(ganja))
	if code != 0 {
		t.Fatalf("pin: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs = run(t, "", "--db", db, "link"); code != 0 {
		t.Fatalf("link: exit %d\n%s%s", code, out, errs)
	}
	_, out, _ = run(t, "", "--db", db, "incident", "show", itoa(ganja))
	if !strings.Contains(out, "claim 1:") || !strings.Contains(out, "pinned by an analyst") {
		t.Errorf("the pinned claim left the incident after a relink:\n%s", out)
	}
	if code, out, _ := run(t, "", "--db", db, "verify"); code != 0 {
		t.Errorf("verify after import, link and pin: exit %d\n%s", code, out)
	}
}

func TestImportBadLines(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	p := write(t, dir, "bad.jsonl", []byte(`{"date":"2020-10-04","place":"Ganja","killed_min":1,"killed_max":1,"claimant":"A"}
{"date":"2020-10-04","place":"Ganja","killed_min":"ten","claimant":"B"}
not json
`))
	code, out, errs := run(t, "", "--db", db, "import", "claims", p)
	if code != ExitFailed {
		t.Errorf("exit %d, want %d", code, ExitFailed)
	}
	if !strings.Contains(out, "1 claim(s) imported, 2 line(s) failed") {
		t.Errorf("summary:\n%s", out)
	}
	for _, want := range []string{"bad.jsonl: line 2: killed_min", "bad.jsonl: line 3"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
}

func TestExtractJSONL(t *testing.T) {
	in := `{"id":"a","text":"Shelling killed at least 13 civilians in Ganja on Sunday, officials said.","published":"2020-10-08"}
{"id":"b","text":"No casualties were reported."}
not json
`
	code, out, errs := run(t, in, "--db", filepath.Join(t.TempDir(), "h.db"), "extract", "--jsonl")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d output lines for 3 input lines:\n%s", len(lines), out)
	}
	var first struct {
		ID     string `json:"id"`
		Claims []struct {
			Killed struct{ Min, Max *int }
			Places []struct{ Name, ID string }
			Start  int `json:"start"`
			End    int `json:"end"`
		} `json:"claims"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if first.ID != "a" || len(first.Claims) != 1 || *first.Claims[0].Killed.Min != 13 || first.Claims[0].Killed.Max != nil {
		t.Errorf("line 1: %s", lines[0])
	}
	if !strings.Contains(lines[2], `"error"`) || !strings.Contains(lines[2], "line 3") {
		t.Errorf("a bad input line must give an error line naming it: %s", lines[2])
	}
}

func TestPlaces(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	code, out, _ := run(t, "", "--db", db, "places", "search", "Xankəndi", "--json")
	if code != 0 || !strings.Contains(out, "geonames:") {
		t.Fatalf("search: exit %d\n%s", code, out)
	}
	code, out, errs := run(t, "", "--db", db, "places", "add", "Testvillage", "--lat", "40.1", "--lon", "47.2", "--country", "az", "--alias", "Testkend")
	if code != 0 || !strings.Contains(out, "user:1") {
		t.Fatalf("add: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ = run(t, "", "--db", db, "places", "search", "Testkend")
	if code != 0 || !strings.Contains(out, "user:1") {
		t.Errorf("an added alias is not found: exit %d\n%s", code, out)
	}
	code, _, errs = run(t, "", "--db", db, "places", "add", "Nowhere", "--country", "AZ")
	if code != ExitUsage || !strings.Contains(errs, "--lat") {
		t.Errorf("add without coordinates: exit %d, %q", code, errs)
	}
	if code, _, _ := run(t, "", "--db", db, "places", "alias", "geonames:0", "X"); code != ExitUsage {
		t.Errorf("alias of an unknown id: exit %d", code)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestMergeSplit: an analyst merges two incidents and splits a claim out
// again; relinks keep both decisions and the change log records them.
func TestMergeSplit(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	p := write(t, dir, "c.jsonl", []byte(`{"date":"2020-10-01","place":"Martuni","country_or_region":"Azerbaijan","killed_min":1,"killed_max":1,"claimant":"Source A"}
{"date":"2020-10-01","place":"Martuni","country_or_region":"Azerbaijan","killed_min":1,"killed_max":1,"claimant":"Source B"}
{"date":"2020-10-20","place":"Barda","country_or_region":"Azerbaijan","killed_min":3,"killed_max":3,"claimant":"Source C"}
`))
	if code, out, errs := run(t, "", "--db", db, "import", "claims", p); code != 0 || !strings.Contains(out, "2 incidents from 3 claims") {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs := run(t, "", "--db", db, "incident", "merge", "1", "2")
	if code != 0 || !strings.Contains(out, "1 incidents from 3 claims") {
		t.Fatalf("merge: exit %d\n%s%s", code, out, errs)
	}
	code, out, errs = run(t, "", "--db", db, "incident", "split", "1", "3")
	if code != 0 || !strings.Contains(out, "2 incidents from 3 claims") {
		t.Fatalf("split: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ = run(t, "", "--db", db, "link"); code != 0 || !strings.Contains(out, "2 incidents from 3 claims") {
		t.Errorf("relink after split: exit %d\n%s", code, out)
	}
	if code, _, errs = run(t, "", "--db", db, "incident", "split", "1", "99"); code != ExitUsage || !strings.Contains(errs, "claim 99") {
		t.Errorf("split of a claim not in the incident: exit %d, %q", code, errs)
	}
	if code, out, _ := run(t, "", "--db", db, "verify"); code != 0 {
		t.Errorf("verify: exit %d\n%s", code, out)
	}
}

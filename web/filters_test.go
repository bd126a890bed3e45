package web

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
)

// addFilterIncidents adds to the fixture two incidents that differ from
// its own in weapon, party, victims and claimants: one at Ganja (artillery
// and drone, Party B, military, claimed by Ministry B and Wire) and one at
// Bärda like the fixture's (shelling, Party B, unknown victims, claimed by
// Ministry B), and returns their ids.
func (f *fixture) addFilterIncidents(t *testing.T) (ganja, barda int64) {
	t.Helper()
	ctx := t.Context()
	lat, lon := 40.4, 47.1
	glat, glon := 40.68, 46.36
	bardaRef := harmlog.PlaceRef{Name: "Bärda", ID: "geonames:1", Lat: &lat, Lon: &lon, Country: "AZ", Alt: "Bərdə"}
	ganjaRef := harmlog.PlaceRef{Name: "Ganja", ID: "geonames:2", Lat: &glat, Lon: &glon, Country: "AZ"}
	text := "Three reports."
	claims := []harmlog.Claim{
		{Killed: harmlog.Exact(1), Scope: harmlog.ScopeIncident, Claimant: "Ministry B", Start: 0, End: 5},
		{Killed: harmlog.Exact(2), Scope: harmlog.ScopeIncident, Claimant: "Wire", Start: 6, End: 13},
		{Killed: harmlog.Exact(3), Scope: harmlog.ScopeIncident, Claimant: "Ministry B", Start: 0, End: 13},
	}
	doc := &harmlog.Document{Title: "Filters", MediaType: "text/plain", Filename: "filters.txt", Text: text, Original: []byte(text), IngestedAt: clock()}
	if _, _, err := f.st.AddDocument(ctx, doc, claims, "test"); err != nil {
		t.Fatal(err)
	}
	link := func(cs ...harmlog.Claim) []harmlog.Link {
		var out []harmlog.Link
		for _, c := range cs {
			out = append(out, harmlog.Link{ClaimID: c.ID, Score: 1, Evidence: "test"})
		}
		return out
	}
	incs := []harmlog.Incident{
		{Key: "2020-10-10/ganja", DateFrom: "2020-10-10", DateTo: "2020-10-10", Places: []harmlog.PlaceRef{ganjaRef}, Country: "AZ",
			Weapons: []string{"artillery", "drone"}, Perpetrators: []string{"Party B"}, Victims: harmlog.VictimsMilitary,
			Killed: harmlog.Between(1, 2), Sources: 2, Grade: harmlog.GradeWeak, Members: link(claims[0], claims[1])},
		{Key: "2020-10-07/barda-2", DateFrom: "2020-10-07", DateTo: "2020-10-07", Places: []harmlog.PlaceRef{bardaRef}, Country: "AZ",
			Weapons: []string{"shelling"}, Perpetrators: []string{"Party B"}, Victims: harmlog.VictimsUnknown,
			Killed: harmlog.Exact(3), Sources: 1, Grade: harmlog.GradeWeak, Members: link(claims[2])},
	}
	for i := range incs {
		if err := f.st.SaveIncident(ctx, &incs[i], "test"); err != nil {
			t.Fatal(err)
		}
	}
	return incs[0].ID, incs[1].ID
}

// dashboardRow finds the incidents the dashboard's table lists.
var dashboardRow = regexp.MustCompile(`<tr><td><a href="/incidents/(\d+)">`)

// TestIncidentFilters checks that /api/incidents and the dashboard keep
// the same incidents for each filter, alone and combined. The requests
// share one server, so its response cache would answer a filter with
// another's list if the filter were missing from the cache key.
func TestIncidentFilters(t *testing.T) {
	f := newFixture(t)
	ganja, barda2 := f.addFilterIncidents(t)
	first := f.inc
	officials := url.QueryEscape("Officials " + hostileAttr)
	for _, tc := range []struct {
		name, query string
		want        []int64 // by date then id
	}{
		{"none", "", []int64{first, barda2, ganja}},
		{"weapon", "weapon=shelling", []int64{first, barda2}},
		{"weapon second of two", "weapon=drone", []int64{ganja}},
		{"weapon absent", "weapon=mortar", nil},
		{"party", "party=Party+B", []int64{barda2, ganja}},
		{"party with markup", "party=" + url.QueryEscape("Party <b>A</b>"), []int64{first}},
		{"victims civilian", "victims=civilian", []int64{first}},
		{"victims military", "victims=military", []int64{ganja}},
		{"victims unknown", "victims=unknown", []int64{barda2}},
		{"victims mixed", "victims=mixed", nil},
		{"claimant of two incidents", "claimant=Ministry+B", []int64{barda2, ganja}},
		{"claimant of one member of two", "claimant=Wire", []int64{ganja}},
		{"claimant with quotes", "claimant=" + officials, []int64{first}},
		{"claimant is exact", "claimant=Ministry", nil},
		{"weapon and party", "weapon=shelling&party=Party+B", []int64{barda2}},
		{"claimant and victims", "claimant=Ministry+B&victims=military", []int64{ganja}},
		{"weapon, victims and grade", "weapon=shelling&victims=civilian&grade=fair", []int64{first}},
		{"party and period", "party=Party+B&from=2020-10-09&to=2020-10-11", []int64{ganja}},
		{"claimant and weapon, none", "claimant=Wire&weapon=shelling", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(t, "GET", "/api/incidents?"+tc.query, "", nil)
			body := readBody(t, res)
			if res.StatusCode != 200 {
				t.Fatalf("API status %d: %s", res.StatusCode, body)
			}
			var incs []harmlog.Incident
			if err := json.Unmarshal([]byte(body), &incs); err != nil {
				t.Fatal(err)
			}
			var api []int64
			for _, in := range incs {
				api = append(api, in.ID)
			}
			if !slices.Equal(api, tc.want) {
				t.Errorf("/api/incidents?%s = %v, want %v", tc.query, api, tc.want)
			}
			res = f.do(t, "GET", "/?"+tc.query, "", nil)
			page := readBody(t, res)
			if res.StatusCode != 200 {
				t.Fatalf("dashboard status %d", res.StatusCode)
			}
			var dash []int64
			for _, m := range dashboardRow.FindAllStringSubmatch(page, -1) {
				id, _ := strconv.ParseInt(m[1], 10, 64)
				dash = append(dash, id)
			}
			if !slices.Equal(dash, tc.want) {
				t.Errorf("dashboard /?%s lists %v, want %v", tc.query, dash, tc.want)
			}
			if !strings.Contains(page, fmt.Sprintf("%d incident(s)", len(tc.want))) {
				t.Errorf("dashboard does not say %d incident(s)", len(tc.want))
			}
			if strings.Contains(page, `role="alert"`) {
				t.Errorf("dashboard shows an error for %q", tc.query)
			}
			if bad := unescaped(page); len(bad) > 0 {
				t.Errorf("hostile text unescaped: %q", bad)
			}
		})
	}
}

// TestDashboardFilterForm checks the form offers the weapons and parties
// present and the victim categories, keeps the chosen values, that the
// map's cluster links keep the filters, and that bad values are refused.
func TestDashboardFilterForm(t *testing.T) {
	f := newFixture(t)
	f.addFilterIncidents(t)
	tests := []struct {
		name, path string
		status     int
		want, not  []string
	}{
		{name: "options", path: "/", status: 200, want: []string{
			`<select name="weapon"><option value="">any</option><option>artillery</option><option>drone</option><option>shelling</option></select>`,
			`<option>Party B</option>`, `<option>civilian</option><option>military</option><option>mixed</option><option>unknown</option>`,
			`<input type="search" name="claimant" value=""`},
			not: []string{"not the other filters"}},
		{name: "chosen values kept", path: "/?weapon=drone&victims=military&claimant=Wire", status: 200, want: []string{
			`<option selected>drone</option>`, `<option selected>military</option>`, `name="claimant" value="Wire"`,
			"(these cover the period only, not the other filters)"}},
		{name: "options ignore the chosen weapon", path: "/?weapon=drone", status: 200, want: []string{`<option>shelling</option>`}},
		// Both shelling incidents are at Bärda: the map clusters them and
		// the cluster's link narrows to its box keeping the filters.
		{name: "cluster link keeps filters", path: "/?weapon=shelling&grade=fair,weak", status: 200, want: []string{"2 incident(s)",
			`href="/?bbox=`, "&amp;grade=fair%2Cweak&amp;weapon=shelling"}},
		{name: "bad victims", path: "/?victims=children", status: 200, want: []string{`role="alert"`, `victims=&#34;children&#34;: want one of civilian, military, mixed, unknown`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := f.do(t, "GET", tc.path, "", nil)
			body := readBody(t, res)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q:\n%.6000s", w, body)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(body, n) {
					t.Errorf("page has %q", n)
				}
			}
		})
	}
	res := f.do(t, "GET", "/api/incidents?victims=children", "", nil)
	if body := readBody(t, res); res.StatusCode != 400 || !strings.Contains(body, "EINVALID") {
		t.Errorf("/api/incidents?victims=children: %d %s, want 400 EINVALID", res.StatusCode, body)
	}
}

package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/internal/storetest"
	"github.com/harmlog/harmlog/link"
	"github.com/harmlog/harmlog/store"
)

// decisionFixture is a store of three machine claims (two of one event at
// Barda, one at Tartar), linked by the real linker into two incidents, and
// a server over it (open store: the actor comes from ActorHeader).
type decisionFixture struct {
	st      *store.Store
	srv     *Server
	a, b, c int64 // claims: a and b at Barda, c at Tartar
	ab, cc  int64 // their incidents
}

const tester = "tester"

func newDecisionFixture(t *testing.T, dsn string) *decisionFixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	gz, err := testGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	place := func(name string) harmlog.PlaceRef {
		p, ok := gz.Resolve(name, "AZ")
		if !ok {
			t.Fatalf("the gazetteer lacks %s", name)
		}
		return p.Ref()
	}
	text := "date 2020-10-08\n\nSource A said 2 civilians were killed in Barda. Source B said 3. Source C said 1 died in Tartar.\n"
	day := &harmlog.DateRange{From: "2020-10-07", To: "2020-10-07"}
	claims := []harmlog.Claim{
		{Killed: harmlog.Exact(2), Victims: harmlog.VictimsCivilian, Scope: harmlog.ScopeIncident, Date: day, Places: []harmlog.PlaceRef{place("Barda")}, Claimant: "Source A", End: 40},
		{Killed: harmlog.Exact(3), Victims: harmlog.VictimsCivilian, Scope: harmlog.ScopeIncident, Date: day, Places: []harmlog.PlaceRef{place("Barda")}, Claimant: "Source B", Start: 41, End: 60},
		{Killed: harmlog.Exact(1), Victims: harmlog.VictimsCivilian, Scope: harmlog.ScopeIncident, Date: &harmlog.DateRange{From: "2020-10-20", To: "2020-10-20"},
			Places: []harmlog.PlaceRef{place("Tartar")}, Claimant: "Source C", Start: 61, End: len(text)},
	}
	doc := &harmlog.Document{Title: "Report", MediaType: "text/plain", Filename: "r.txt", Text: text, Original: []byte(text)}
	if _, _, err := st.AddDocument(ctx, doc, claims, "test"); err != nil {
		t.Fatal(err)
	}
	f := &decisionFixture{st: st, a: claims[0].ID, b: claims[1].ID, c: claims[2].ID}
	f.srv, err = New(Config{Store: st, Gazetteer: gz, Extractor: extract.New(extract.Options{Places: gz}),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	f.relink(t)
	f.ab, f.cc = f.incidentOf(t, f.a), f.incidentOf(t, f.c)
	if f.ab == 0 || f.ab != f.incidentOf(t, f.b) || f.cc == 0 || f.cc == f.ab {
		t.Fatalf("the linker gave incidents a=%d b=%d c=%d; want a and b together, c apart", f.ab, f.incidentOf(t, f.b), f.cc)
	}
	return f
}

// relink is `harmlog link`: every claim linked from scratch, pins kept.
func (f *decisionFixture) relink(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	claims, err := f.st.LinkClaims(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pins, err := f.st.Pins(ctx)
	if err != nil {
		t.Fatal(err)
	}
	gz, _ := testGazetteer()
	opts := link.Options{Places: gazetteer.Refs{Gazetteer: gz}}
	for _, p := range pins {
		opts.Pins = append(opts.Pins, link.Pin{Claim: link.ClaimKey(harmlog.Claim{ID: p.ClaimID}), Incident: p.IncidentKey})
	}
	if err := f.st.SaveIncidents(ctx, link.Link(claims, opts).IncidentsBare(), "relink"); err != nil {
		t.Fatal(err)
	}
}

// incidentOf returns the incident a claim is in (0: none).
func (f *decisionFixture) incidentOf(t *testing.T, claim int64) int64 {
	t.Helper()
	incs, err := f.st.Incidents(context.Background(), store.IncidentFilter{Limit: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range incs {
		full, err := f.st.Incident(context.Background(), in.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range full.Members {
			if m.ClaimID == claim {
				return in.ID
			}
		}
	}
	return 0
}

func (f *decisionFixture) do(t *testing.T, method, target, ctype, body string) *http.Response {
	t.Helper()
	req := httptestRequest(method, target, body)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set(ActorHeader, tester)
	rec := newRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec.Result()
}

func (f *decisionFixture) changes(t *testing.T) []harmlog.Change {
	t.Helper()
	cs, err := f.st.Changes(context.Background(), 0, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func (f *decisionFixture) claim(t *testing.T, id int64) *harmlog.Claim {
	t.Helper()
	c, err := f.st.Claim(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const formType = "application/x-www-form-urlencoded"

// correctionCase is one correction, given both as form fields (over the
// values the form shows) and as an API body.
type correctionCase struct {
	name  string
	form  url.Values // fields that replace the form's values
	api   string     // the POST /api/claims/{id} body
	check func(t *testing.T, c *harmlog.Claim)
	err   string // for a refused correction: what the error says
}

func correctionCases() []correctionCase {
	rangeIs := func(get func(*harmlog.Claim) *harmlog.Range, want string) func(*testing.T, *harmlog.Claim) {
		return func(t *testing.T, c *harmlog.Claim) {
			if got := get(c).String(); got != want {
				t.Errorf("range %s, want %s", got, want)
			}
		}
	}
	return []correctionCase{
		{name: "killed", form: url.Values{"killed_min": {"4"}, "killed_max": {"6"}}, api: `{"action":"correct","claim":{"killed":{"min":4,"max":6}}}`,
			check: rangeIs(func(c *harmlog.Claim) *harmlog.Range { return c.Killed }, "4–6")},
		{name: "killed at least", form: url.Values{"killed_min": {"5"}, "killed_max": {""}}, api: `{"action":"correct","claim":{"killed":{"min":5,"max":null}}}`,
			check: rangeIs(func(c *harmlog.Claim) *harmlog.Range { return c.Killed }, "5+")},
		{name: "injured", form: url.Values{"injured_min": {"7"}, "injured_max": {"7"}}, api: `{"action":"correct","claim":{"injured":{"min":7,"max":7}}}`,
			check: rangeIs(func(c *harmlog.Claim) *harmlog.Range { return c.Injured }, "7")},
		{name: "missing", form: url.Values{"missing_min": {"1"}, "missing_max": {"2"}}, api: `{"action":"correct","claim":{"missing":{"min":1,"max":2}}}`,
			check: rangeIs(func(c *harmlog.Claim) *harmlog.Range { return c.Missing }, "1–2")},
		{name: "date", form: url.Values{"date_from": {"2020-10-05"}, "date_to": {"2020-10-06"}}, api: `{"action":"correct","claim":{"date":{"from":"2020-10-05","to":"2020-10-06"}}}`,
			check: func(t *testing.T, c *harmlog.Claim) {
				if c.Date == nil || c.Date.From != "2020-10-05" || c.Date.To != "2020-10-06" {
					t.Errorf("date %+v, want 2020-10-05 to 2020-10-06", c.Date)
				}
			}},
		{name: "place resolved through the gazetteer", form: url.Values{"places": {"Ganja"}}, api: `{"action":"correct","places":["Ganja"]}`,
			check: func(t *testing.T, c *harmlog.Claim) {
				if len(c.Places) != 1 || c.Places[0].Name != "Ganja" || !strings.HasPrefix(c.Places[0].ID, "geonames:") || c.Places[0].Country != "AZ" || c.Places[0].Lat == nil {
					t.Errorf("places %+v, want Ganja resolved (geonames id, AZ, coordinates)", c.Places)
				}
			}},
		{name: "place kept and one added", form: url.Values{"places": {"Barda\nGanja"}}, api: `{"action":"correct","places":["Barda","Ganja"]}`,
			check: func(t *testing.T, c *harmlog.Claim) {
				if len(c.Places) != 2 || c.Places[0].Name != "Barda" || c.Places[1].Name != "Ganja" {
					t.Errorf("places %+v, want Barda then Ganja", c.Places)
				}
			}},
		{name: "perpetrator normalised through the registry", form: url.Values{"perpetrator": {"Armenian forces"}}, api: `{"action":"correct","claim":{"perpetrator":"Armenian forces"}}`,
			check: func(t *testing.T, c *harmlog.Claim) {
				if c.Perpetrator != "Armenia" || c.PerpetratorWords != "Armenian forces" {
					t.Errorf("perpetrator %q (words %q), want Armenia (words Armenian forces)", c.Perpetrator, c.PerpetratorWords)
				}
			}},
		{name: "perpetrator as free text", form: url.Values{"perpetrator": {"unidentified gunmen"}}, api: `{"action":"correct","claim":{"perpetrator":"unidentified gunmen"}}`,
			check: func(t *testing.T, c *harmlog.Claim) {
				if c.Perpetrator != "unidentified gunmen" || c.PerpetratorWords != "" {
					t.Errorf("perpetrator %q (words %q), want the free text as given", c.Perpetrator, c.PerpetratorWords)
				}
			}},
		{name: "claimant", form: url.Values{"claimant": {"Ministry of Health"}}, api: `{"action":"correct","claim":{"claimant":"Ministry of Health"}}`,
			check: func(t *testing.T, c *harmlog.Claim) {
				if c.Claimant != "Ministry of Health" {
					t.Errorf("claimant %q", c.Claimant)
				}
			}},
		{name: "victims", form: url.Values{"victims": {"military"}}, api: `{"action":"correct","claim":{"victims":"military"}}`,
			check: func(t *testing.T, c *harmlog.Claim) {
				if c.Victims != harmlog.VictimsMilitary {
					t.Errorf("victims %q", c.Victims)
				}
			}},

		{name: "negative figure", form: url.Values{"killed_min": {"-1"}}, api: `{"action":"correct","claim":{"killed":{"min":-1,"max":2}}}`, err: "killed.min: -1 is negative"},
		{name: "negative max", form: url.Values{"injured_max": {"-3"}}, api: `{"action":"correct","claim":{"injured":{"min":null,"max":-3}}}`, err: "injured.max: -3 is negative"},
		{name: "min above max", form: url.Values{"killed_min": {"5"}, "killed_max": {"3"}}, api: `{"action":"correct","claim":{"killed":{"min":5,"max":3}}}`, err: "killed: min 5 is more than max 3"},
		{name: "not a number", form: url.Values{"missing_min": {"two"}}, api: `{"action":"correct","claim":{"missing":{"min":"two"}}}`, err: "missing"},
		{name: "bad date", form: url.Values{"date_from": {"2020-13-01"}}, api: `{"action":"correct","claim":{"date":{"from":"2020-13-01","to":"2020-10-07"}}}`, err: `date.from: "2020-13-01" is not a date`},
		{name: "date from after to", form: url.Values{"date_from": {"2020-10-09"}, "date_to": {"2020-10-08"}}, api: `{"action":"correct","claim":{"date":{"from":"2020-10-09","to":"2020-10-08"}}}`, err: "date: from 2020-10-09 is after to 2020-10-08"},
		{name: "unknown place", form: url.Values{"places": {"Barda\nXqzzyvillex"}}, api: `{"action":"correct","places":["Barda","Xqzzyvillex"]}`, err: `places[1]: "Xqzzyvillex" is not in the gazetteer`},
		{name: "misspelt field", form: url.Values{"killed_min": {"1.5"}}, api: `{"action":"correct","claim":{"kiled":{"min":1,"max":1}}}`, err: "kil"},
		{name: "too many places", form: url.Values{"places": {strings.Repeat("Barda\n", 21)}}, api: `{"action":"correct","places":["` + strings.Repeat(`Barda","`, 20) + `Barda"]}`, err: "places: 21 names, at most 20"},
		{name: "unknown victims", form: url.Values{"victims": {"aliens"}}, api: `{"action":"correct","claim":{"victims":"aliens"}}`, err: `victims: "aliens"`},
	}
}

// formOf is the correction form as the review page fills it for c.
func formOf(c *harmlog.Claim) url.Values {
	v := formValues(c)
	return url.Values{
		"action": {"correct"}, "killed_min": {v.KilledMin}, "killed_max": {v.KilledMax}, "injured_min": {v.InjuredMin}, "injured_max": {v.InjuredMax},
		"missing_min": {v.MissingMin}, "missing_max": {v.MissingMax}, "date_from": {v.DateFrom}, "date_to": {v.DateTo},
		"places": {v.Places}, "perpetrator": {v.Perpetrator}, "claimant": {v.Claimant}, "victims": {v.Victims},
	}
}

// TestCorrections corrects each field of a claim through the review form
// and through the API; a refused correction names the field and changes
// nothing, an accepted one is in the change log with who made it.
func TestCorrections(t *testing.T) {
	storetest.Backends(t, func(t *testing.T, dsn string) {
		f := newDecisionFixture(t, dsn)
		ctx := context.Background()
		n := 0
		for _, tc := range correctionCases() {
			for _, via := range []string{"form", "api"} {
				t.Run(tc.name+" via "+via, func(t *testing.T) {
					// A claim of its own: a new document each time.
					n++
					text := fmt.Sprintf("date 2020-10-08\n\nClaim %d: 2 killed in Barda.\n", n)
					gz, _ := testGazetteer()
					barda, _ := gz.Resolve("Barda", "AZ")
					c := harmlog.Claim{Killed: harmlog.Exact(2), Victims: harmlog.VictimsCivilian, Scope: harmlog.ScopeIncident,
						Date: &harmlog.DateRange{From: "2020-10-07", To: "2020-10-07"}, Places: []harmlog.PlaceRef{barda.Ref()}, Claimant: "Source A", End: len(text)}
					claims := []harmlog.Claim{c}
					if _, _, err := f.st.AddDocument(ctx, &harmlog.Document{Title: "R", MediaType: "text/plain", Text: text, Original: []byte(text)}, claims, "test"); err != nil {
						t.Fatal(err)
					}
					id := claims[0].ID
					before := f.claim(t, id)
					changes := len(f.changes(t))
					var res *http.Response
					if via == "form" {
						form := formOf(before)
						for k, v := range tc.form {
							form[k] = v
						}
						res = f.do(t, "POST", fmt.Sprintf("/review/%d", id), formType, form.Encode())
					} else {
						res = f.do(t, "POST", fmt.Sprintf("/api/claims/%d", id), "application/json", tc.api)
					}
					body := readBody(t, res)
					after := f.claim(t, id)
					switch {
					case tc.err != "" && via == "form":
						loc, _ := url.Parse(res.Header.Get("Location"))
						if res.StatusCode != http.StatusSeeOther || loc == nil || loc.Path != "/review" || !strings.Contains(loc.Query().Get("error"), tc.err) {
							t.Fatalf("HTTP %d to %q; want 303 to /review with an error containing %q", res.StatusCode, res.Header.Get("Location"), tc.err)
						}
						// The page shows it (browsers send no fragment).
						loc.Fragment = ""
						page := readBody(t, f.do(t, "GET", loc.String(), "", ""))
						if !strings.Contains(page, `role="alert"`) || !strings.Contains(page, htmlEscape(tc.err)) {
							t.Errorf("the review page after the redirect does not show %q", tc.err)
						}
						_, section, _ := strings.Cut(page, fmt.Sprintf(`id="claim-%d"`, id))
						section, _, _ = strings.Cut(section, "</section>")
						if !strings.Contains(section, "<details open>") || strings.Count(page, "<details open>") != 1 {
							t.Errorf("the review page after the redirect does not keep claim %d's correction open", id)
						}
					case tc.err != "":
						if res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "EINVALID") || !strings.Contains(body, jsonEscape(tc.err)) {
							t.Fatalf("HTTP %d %s; want 400 EINVALID containing %q", res.StatusCode, body, tc.err)
						}
					case via == "form":
						if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/review?done=claim+"+strconv.FormatInt(id, 10)+"+corrected") {
							t.Fatalf("HTTP %d to %q; want 303 to /review saying the claim was corrected", res.StatusCode, loc)
						}
					default:
						if res.StatusCode != http.StatusOK {
							t.Fatalf("HTTP %d %s", res.StatusCode, body)
						}
					}
					if tc.err != "" {
						if !reflect.DeepEqual(before, after) {
							t.Errorf("a refused correction changed the claim:\nbefore %+v\nafter  %+v", before, after)
						}
						if got := len(f.changes(t)); got != changes {
							t.Errorf("a refused correction added %d change(s)", got-changes)
						}
						return
					}
					if after.Status != harmlog.StatusCorrected {
						t.Errorf("status %q, want corrected", after.Status)
					}
					tc.check(t, after)
					cs := f.changes(t)
					last := cs[len(cs)-1]
					if len(cs) != changes+1 || last.Action != "claim.correct" || last.EntityID != id || last.Actor != "web:"+tester {
						t.Errorf("change log: %d new, last %s %d by %q; want one claim.correct by web:%s", len(cs)-changes, last.Action, last.EntityID, last.Actor, tester)
					}
				})
			}
		}
	})
}

func htmlEscape(s string) string {
	return strings.NewReplacer(`"`, "&#34;", "&", "&amp;", "<", "&lt;", ">", "&gt;", "'", "&#39;").Replace(s)
}

func jsonEscape(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// TestReviewPage: the queue shows each claim's correction form with its
// fields labelled, the CSRF-free form of an open store, the gazetteer's
// candidate for its places and the party registry to choose from.
func TestReviewPage(t *testing.T) {
	f := newDecisionFixture(t, storetest.SQLite(t))
	page := readBody(t, f.do(t, "GET", "/review", "", ""))
	for _, want := range []string{
		fmt.Sprintf(`<form method="post" action="/review/%d"`, f.a),
		fmt.Sprintf(`<label for="c%d-killed-min">`, f.a), fmt.Sprintf(`id="c%d-killed-min" name="killed_min" type="number" min="0" inputmode="numeric" value="2"`, f.a),
		fmt.Sprintf(`id="c%d-from" name="date_from" type="date" value="2020-10-07"`, f.a),
		`name="perpetrator" list="parties"`, `<option value="Armenia">`, `<option value="Azerbaijan">`,
		"Barda: gazetteer Barda (", "geonames:", `<button name="action" value="correct">`, `accesskey="e"`, `accesskey="c"`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the review page lacks %q", want)
		}
	}
}

// TestIncidentDecisions merges, splits and discounts incidents through the
// API and the incident page's forms; each decision changes the incidents
// as asked, survives a relink and is in the change log with its actor.
func TestIncidentDecisions(t *testing.T) {
	type step struct {
		method, path, ctype, body string
	}
	cases := []struct {
		name   string
		steps  func(f *decisionFixture) []step
		action string // the change log's action
		check  func(t *testing.T, f *decisionFixture)
	}{
		{
			name: "merge via API", action: "incident.merge",
			steps: func(f *decisionFixture) []step {
				return []step{{"POST", fmt.Sprintf("/api/incidents/%d/merge", f.ab), "application/json", fmt.Sprintf(`{"from":[%d]}`, f.cc)}}
			},
			check: checkMerged,
		},
		{
			name: "merge via form", action: "incident.merge",
			steps: func(f *decisionFixture) []step {
				return []step{{"POST", fmt.Sprintf("/incidents/%d/merge", f.ab), formType, "from=" + url.QueryEscape(fmt.Sprintf("#%d", f.cc))}}
			},
			check: checkMerged,
		},
		{
			name: "split via API", action: "incident.split",
			steps: func(f *decisionFixture) []step {
				return []step{{"POST", fmt.Sprintf("/api/incidents/%d/split", f.ab), "application/json", fmt.Sprintf(`{"claim_ids":[%d]}`, f.b)}}
			},
			check: checkSplit,
		},
		{
			name: "split via form", action: "incident.split",
			steps: func(f *decisionFixture) []step {
				return []step{{"POST", fmt.Sprintf("/incidents/%d/split", f.ab), formType, fmt.Sprintf("claim_id=%d", f.b)}}
			},
			check: checkSplit,
		},
		{
			name: "discount via API", action: "incident.discount",
			steps: func(f *decisionFixture) []step {
				return []step{{"POST", fmt.Sprintf("/api/incidents/%d/discount", f.ab), "application/json", `{"reason":"the two reports are one rumour"}`}}
			},
			check: checkDiscounted,
		},
		{
			name: "discount via form", action: "incident.discount",
			steps: func(f *decisionFixture) []step {
				return []step{{"POST", fmt.Sprintf("/incidents/%d/discount", f.ab), formType, "action=discount&reason=" + url.QueryEscape("the two reports are one rumour")}}
			},
			check: checkDiscounted,
		},
		{
			name: "discount withdrawn via form", action: "incident.undiscount",
			steps: func(f *decisionFixture) []step {
				return []step{
					{"POST", fmt.Sprintf("/incidents/%d/discount", f.ab), formType, "action=discount&reason=rumour"},
					{"POST", fmt.Sprintf("/incidents/%d/discount", f.ab), formType, "action=withdraw&reason=rumour"},
				}
			},
			check: func(t *testing.T, f *decisionFixture) {
				inc, err := f.st.Incident(context.Background(), f.ab)
				if err != nil {
					t.Fatal(err)
				}
				if inc.Grade == harmlog.GradeDiscounted {
					t.Errorf("incident %d still discounted after the withdrawal: %s", f.ab, inc.GradeReason)
				}
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			storetest.Backends(t, func(t *testing.T, dsn string) {
				f := newDecisionFixture(t, dsn)
				for _, s := range tc.steps(f) {
					res := f.do(t, s.method, s.path, s.ctype, s.body)
					body := readBody(t, res)
					if s.ctype == formType {
						loc, _ := url.Parse(res.Header.Get("Location"))
						if res.StatusCode != http.StatusSeeOther || loc == nil || !strings.HasPrefix(loc.Path, "/incidents/") || loc.Query().Get("done") == "" {
							t.Fatalf("%s %s: HTTP %d to %q; want 303 back to the incident with what was done", s.method, s.path, res.StatusCode, res.Header.Get("Location"))
						}
						if page := readBody(t, f.do(t, "GET", loc.String(), "", "")); !strings.Contains(page, `role="status"`) {
							t.Errorf("the incident page after the redirect shows no status")
						}
					} else if res.StatusCode != http.StatusOK {
						t.Fatalf("%s %s: HTTP %d %s", s.method, s.path, res.StatusCode, body)
					}
				}
				tc.check(t, f)
				cs := f.changes(t)
				i := slices.IndexFunc(cs, func(c harmlog.Change) bool { return c.Action == tc.action })
				if i < 0 || cs[i].Actor != "web:"+tester {
					t.Fatalf("no %s change by web:%s in the change log", tc.action, tester)
				}
				f.relink(t)
				tc.check(t, f) // relinks keep the decision
			})
		})
	}
}

func checkMerged(t *testing.T, f *decisionFixture) {
	t.Helper()
	inc := f.incidentOf(t, f.c)
	if inc != f.incidentOf(t, f.a) || inc != f.incidentOf(t, f.b) {
		t.Fatalf("after the merge claims a, b, c are in incidents %d, %d, %d; want one", f.incidentOf(t, f.a), f.incidentOf(t, f.b), inc)
	}
	full, err := f.st.Incident(context.Background(), inc)
	if err != nil {
		t.Fatal(err)
	}
	if full.Killed.String() != "1–3" || full.Sources != 3 {
		t.Errorf("merged incident: killed %s, %d sources; want 1–3 from 3 sources (derived again)", full.Killed, full.Sources)
	}
	if _, err := f.st.Incident(context.Background(), f.cc); store.ErrorCode(err) != store.ENOTFOUND {
		t.Errorf("the merged-away incident %d: %v, want gone", f.cc, err)
	}
}

func checkSplit(t *testing.T, f *decisionFixture) {
	t.Helper()
	a, b := f.incidentOf(t, f.a), f.incidentOf(t, f.b)
	if a == 0 || b == 0 || a == b {
		t.Fatalf("after the split claims a and b are in incidents %d and %d; want two", a, b)
	}
	full, err := f.st.Incident(context.Background(), b)
	if err != nil {
		t.Fatal(err)
	}
	if full.Killed.String() != "3" || len(full.Members) != 1 || !full.Members[0].Pinned {
		t.Errorf("split incident: killed %s, %d members; want 3 from one pinned claim", full.Killed, len(full.Members))
	}
}

func checkDiscounted(t *testing.T, f *decisionFixture) {
	t.Helper()
	inc, err := f.st.Incident(context.Background(), f.incidentOf(t, f.a))
	if err != nil {
		t.Fatal(err)
	}
	if inc.Grade != harmlog.GradeDiscounted || inc.GradeReason != "the two reports are one rumour" {
		t.Errorf("grade %s (%s), want discounted with the analyst's reason", inc.Grade, inc.GradeReason)
	}
}

// TestDecisionErrors: refused decisions say why, naming the field, and
// change nothing.
func TestDecisionErrors(t *testing.T) {
	f := newDecisionFixture(t, storetest.SQLite(t))
	cases := []struct {
		name, path, ctype, body string
		status                  int
		want                    string
	}{
		{"merge nothing", fmt.Sprintf("/api/incidents/%d/merge", f.ab), "application/json", `{"from":[]}`, 400, "from: give at least one id"},
		{"merge into itself", fmt.Sprintf("/api/incidents/%d/merge", f.ab), "application/json", fmt.Sprintf(`{"from":[%d]}`, f.ab), 400, "from: incident"},
		{"merge a missing incident", fmt.Sprintf("/api/incidents/%d/merge", f.ab), "application/json", `{"from":[999]}`, 404, "no incident with id 999"},
		{"merge a bad id", fmt.Sprintf("/api/incidents/%d/merge", f.ab), "application/json", `{"from":[-2]}`, 400, "from[0]"},
		{"split a claim of another incident", fmt.Sprintf("/api/incidents/%d/split", f.ab), "application/json", fmt.Sprintf(`{"claim_ids":[%d]}`, f.c), 400, fmt.Sprintf("claim %d is not in incident %d", f.c, f.ab)},
		{"split everything", fmt.Sprintf("/api/incidents/%d/split", f.ab), "application/json", fmt.Sprintf(`{"claim_ids":[%d,%d]}`, f.a, f.b), 400, "would leave incident"},
		{"discount without a reason", fmt.Sprintf("/api/incidents/%d/discount", f.ab), "application/json", `{"reason":" "}`, 400, "is not discounted"},
		{"discount with an unknown field", fmt.Sprintf("/api/incidents/%d/discount", f.ab), "application/json", `{"why":"x"}`, 400, "unknown field"},
		{"form merge with words", fmt.Sprintf("/incidents/%d/merge", f.ab), formType, "from=three", 303, `from: "three" is not an id`},
		{"form discount without a reason", fmt.Sprintf("/incidents/%d/discount", f.ab), formType, "action=discount&reason=", 303, "reason: give the reason"},
	}
	before := len(f.changes(t))
	for _, tc := range cases {
		res := f.do(t, "POST", tc.path, tc.ctype, tc.body)
		got := readBody(t, res)
		if tc.status == http.StatusSeeOther {
			loc, _ := url.Parse(res.Header.Get("Location"))
			got = loc.Query().Get("error")
		}
		if res.StatusCode != tc.status || !strings.Contains(got, jsonEscape(tc.want)) && !strings.Contains(got, tc.want) {
			t.Errorf("%s: HTTP %d %q; want %d containing %q", tc.name, res.StatusCode, got, tc.status, tc.want)
		}
	}
	if after := len(f.changes(t)); after != before {
		t.Errorf("refused decisions added %d change(s)", after-before)
	}
}

// TestDecisionRoles: on a store with users, viewers are refused every
// correction and decision (403, nothing changed); analysts may, and the
// change log names them.
func TestDecisionRoles(t *testing.T) {
	f := newAuthFixture(t, storetest.SQLite(t), true)
	reqs := []struct{ path, ctype, body string }{
		{fmt.Sprintf("/api/claims/%d", f.claim), "application/json", `{"action":"correct","claim":{"killed":{"min":9,"max":9}}}`},
		{fmt.Sprintf("/review/%d", f.claim), formType, "action=correct&killed_min=9&killed_max=9"},
		{fmt.Sprintf("/api/incidents/%d/split", f.inc), "application/json", fmt.Sprintf(`{"claim_ids":[%d]}`, f.other)},
		{fmt.Sprintf("/incidents/%d/split", f.inc), formType, fmt.Sprintf("claim_id=%d", f.other)},
		{fmt.Sprintf("/api/incidents/%d/merge", f.inc), "application/json", `{"from":[999]}`},
		{fmt.Sprintf("/incidents/%d/merge", f.inc), formType, "from=999"},
		{fmt.Sprintf("/api/incidents/%d/discount", f.inc), "application/json", `{"reason":"r"}`},
		{fmt.Sprintf("/incidents/%d/discount", f.inc), formType, "action=discount&reason=r"},
	}
	ctx := context.Background()
	head := func() int64 {
		g, err := f.st.Generation(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	viewer := f.session(t, "viewer")
	start := head()
	for _, r := range reqs {
		body := r.body
		if r.ctype == formType {
			body += "&csrf_token=" + account.CSRFToken(viewer)
		}
		res := f.do(t, "POST", r.path, r.ctype, strings.NewReader(body), cred{session: viewer, csrf: account.CSRFToken(viewer)})
		if got := readBody(t, res); res.StatusCode != http.StatusForbidden || !strings.Contains(got, "needs the analyst role") {
			t.Errorf("viewer POST %s: %d %.200s; want 403 naming the analyst role", r.path, res.StatusCode, got)
		}
	}
	if head() != start {
		t.Errorf("viewers' refused requests changed the store")
	}
	analyst := f.session(t, "analyst")
	res := f.do(t, "POST", fmt.Sprintf("/review/%d", f.claim), formType,
		strings.NewReader("action=correct&killed_min=9&killed_max=9&csrf_token="+account.CSRFToken(analyst)), cred{session: analyst})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "corrected") {
		t.Fatalf("analyst correction: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	res = f.do(t, "POST", fmt.Sprintf("/incidents/%d/split", f.inc), formType,
		strings.NewReader(fmt.Sprintf("claim_id=%d&csrf_token=%s", f.other, account.CSRFToken(analyst))), cred{session: analyst})
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "done=") {
		t.Fatalf("analyst split: %d to %q", res.StatusCode, res.Header.Get("Location"))
	}
	cs, err := f.st.Changes(ctx, 0, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for _, action := range []string{"claim.correct", "incident.split"} {
		i := slices.IndexFunc(cs, func(c harmlog.Change) bool { return c.Action == action })
		if i < 0 || cs[i].Actor != "user:the-analyst" {
			t.Errorf("change log: no %s by user:the-analyst", action)
		}
	}
	// The incident page shows the forms to analysts, with the CSRF token, and not to viewers.
	page := readBody(t, f.do(t, "GET", fmt.Sprintf("/incidents/%d", f.inc), "", nil, cred{session: analyst}))
	if !strings.Contains(page, fmt.Sprintf(`action="/incidents/%d/discount"`, f.inc)) || !strings.Contains(page, `name="csrf_token" value="`+account.CSRFToken(analyst)+`"`) {
		t.Errorf("the analyst's incident page lacks the decision forms with the CSRF token")
	}
	if page := readBody(t, f.do(t, "GET", fmt.Sprintf("/incidents/%d", f.inc), "", nil, cred{session: viewer})); strings.Contains(page, "/discount") {
		t.Errorf("the viewer's incident page shows the decision forms")
	}
}

// FuzzCorrectionForm: whatever a form posts, reading it either fails with
// a request error or gives a correction whose claim JSON decodes, whose
// places are trimmed and non-empty, and whose figures are the numbers
// posted.
func FuzzCorrectionForm(f *testing.F) {
	for _, seed := range []string{
		"action=correct&killed_min=4&killed_max=6",
		"action=correct&killed_min=&killed_max=&date_from=&date_to=",
		"action=correct&places=Barda%0AGanja%0A%0A&perpetrator=Armenian+forces",
		"action=correct&injured_min=-1&missing_max=99999999999999999999",
		"action=correct&date_from=2020-13-01&victims=aliens&claimant=%00",
		"killed_min=1&killed_min=2",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptestRequest("POST", "/review/1", body)
		r.Header.Set("Content-Type", formType)
		if err := r.ParseForm(); err != nil {
			return
		}
		rv, err := correctionForm(r)
		if err != nil {
			if code, _ := status(err); code != http.StatusBadRequest {
				t.Fatalf("error %v is not a request error", err)
			}
			return
		}
		var c harmlog.Claim
		if err := json.Unmarshal(rv.Claim, &c); err != nil {
			t.Fatalf("claim JSON %s does not decode: %v", rv.Claim, err)
		}
		if v, ok := formField(r, "killed_min"); ok && v != "" {
			n, _ := strconv.Atoi(v) // it was read, so it is a number
			if c.Killed == nil || c.Killed.Min == nil || *c.Killed.Min != n {
				t.Fatalf("killed_min %q read as %v", v, c.Killed)
			}
		}
		for _, p := range rv.Places {
			if p == "" || p != strings.TrimSpace(p) {
				t.Fatalf("place %q is empty or untrimmed", p)
			}
		}
	})
}

// FuzzFormIDs: the ids a form gives are positive and each given once, or
// the form is refused.
func FuzzFormIDs(f *testing.F) {
	for _, seed := range []string{"from=12%2C+15", "from=%2312&from=13", "claim_id=1&claim_id=1", "from=-3", "from=9223372036854775808", "from=%2C%2C%3B"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptestRequest("POST", "/incidents/1/merge", body)
		r.Header.Set("Content-Type", formType)
		if err := r.ParseForm(); err != nil {
			return
		}
		for _, name := range []string{"from", "claim_id"} {
			ids, err := formIDs(r, name)
			if err != nil {
				if !strings.HasPrefix(err.Error(), name+": ") {
					t.Fatalf("error %q does not name the field %s", err, name)
				}
				continue
			}
			seen := map[int64]bool{}
			for _, id := range ids {
				if id <= 0 || seen[id] {
					t.Fatalf("ids %v: %d is not positive or given twice", ids, id)
				}
				seen[id] = true
			}
		}
	})
}

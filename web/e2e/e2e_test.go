package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/account"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/web"
)

// TestBrowser runs every scenario in a fresh tab of one headless Chromium,
// each on its own copy of the demo store.
func TestBrowser(t *testing.T) {
	browser := startBrowser(t)
	start := time.Now()
	demoDB := buildDemo(t)
	gz, err := gazetteer.Load()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("demo store built in %v", time.Since(start).Round(time.Millisecond))

	t.Run("watcher", func(t *testing.T) { testWatcher(t, browser) })
	scenarios := []struct {
		name string
		run  func(t *testing.T, a *app, ctx context.Context)
		opts []appOption
	}{
		{"pages", testPages, nil},
		{"dashboard", testDashboard, nil},
		{"filter", testFilter, nil},
		{"incident", testIncident, nil},
		{"review", testReview, nil},
		{"upload", testUpload, nil},
		{"audit", testAudit, nil},
		{"infographic", testInfographic, nil},
		{"signed in", testSignedIn, []appOption{withUser(analystName, account.Analyst, analystPassword)}},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			a := newApp(t, demoDB, gz, sc.opts...)
			ctx := tab(t, browser)
			sc.run(t, a, ctx)
		})
	}
}

// testWatcher checks the checker: pages that misbehave, served with the
// app's own CSP, must each be caught, and a clean page must not be.
func testWatcher(t *testing.T, browser context.Context) {
	tests := []struct {
		name, body string
		want       string // in a reported problem; "" for none
	}{
		{"clean", `<h1>ok</h1><script src="/quiet.js"></script>`, ""},
		{"inline script", `<script>document.title = "ran"</script>`, "script-src"},
		{"inline style", `<p style="color:red">x</p>`, "style-src"},
		{"foreign image", `<img src="http://192.0.2.1/x.png" alt="x">`, "img-src"},
		{"console error", `<script src="/console.js"></script>`, "boom from the page"},
		{"exception", `<script src="/throw.js"></script>`, "thrown by the page"},
		{"missing script", `<script src="/nowhere.js"></script>`, "404"},
	}
	scripts := map[string]string{
		"/quiet.js":   `console.log("all is well");`,
		"/console.js": `console.error("boom from the page");`,
		"/throw.js":   `throw new Error("thrown by the page");`,
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", web.CSP)
		if js, ok := scripts[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, js)
			return
		}
		if r.URL.Path == "/favicon.ico" { // the browser asks for it on every page
			w.WriteHeader(http.StatusNoContent)
			return
		}
		i, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/page/"))
		if err != nil || i < 0 || i >= len(tests) {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><title>%s</title>%s`, tests[i].name, tests[i].body)
	}))
	defer srv.Close()
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, w := openTab(t, browser) // unchecked: its problems are this test's subject
			if err := chromedp.Do(ctx, chromedp.Navigate(fmt.Sprintf("%s/page/%d", srv.URL, i))); err != nil {
				t.Fatal(err)
			}
			var got []string
			for deadline := time.Now().Add(3 * time.Second); ; {
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](settle, chromedp.EvalAwaitPromise)); err != nil {
					t.Fatal(err)
				}
				got = w.list()
				if tc.want == "" || len(got) > 0 || time.Now().After(deadline) {
					break
				}
			}
			if tc.want == "" {
				if len(got) > 0 {
					t.Errorf("a clean page reported problems: %q", got)
				}
				return
			}
			if !slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, tc.want) }) {
				t.Errorf("problems %q: none mentions %q", got, tc.want)
			}
		})
	}
}

// testPages follows every link of the menu, and opens a document from
// the list, checking each page (the watcher fails the test on any console
// error or CSP violation on the way).
func testPages(t *testing.T, a *app, ctx context.Context) {
	a.visit(t, ctx, "/")
	nav := eval[[]string](t, ctx, `[...document.querySelectorAll('nav a[href^="/"]')].map(a => a.getAttribute('href'))`)
	if len(nav) < 5 {
		t.Fatalf("the menu has %d links: %q", len(nav), nav)
	}
	for _, href := range nav {
		submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(fmt.Sprintf(`nav a[href=%q]`, href))))
		if current := eval[string](t, ctx, `(document.querySelector('nav a[aria-current=page]') || {getAttribute: () => ''}).getAttribute('href')`); href != "/" && current != href {
			t.Errorf("on %s the menu marks %q as the current page", href, current)
		}
	}
	// A document with claims, opened from the list, highlights them.
	claims, err := a.st.Claims(context.Background(), store.ClaimFilter{Limit: 1})
	if err != nil || len(claims) == 0 {
		t.Fatalf("claims: %v %v", claims, err)
	}
	doc := fmt.Sprintf("/documents/%d", claims[0].DocumentID)
	a.visit(t, ctx, "/documents")
	submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(fmt.Sprintf(`main a[href=%q]`, doc))))
	if marks := eval[int](t, ctx, `document.querySelectorAll('main mark').length`); marks == 0 {
		t.Errorf("%s highlights none of its claims", doc)
	}
}

// testDashboard opens the dashboard and finds every incident of the store
// listed, the timeline, and the map with markers that lead to incidents.
func testDashboard(t *testing.T, a *app, ctx context.Context) {
	incs, err := a.st.Incidents(context.Background(), store.IncidentFilter{Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if len(incs) == 0 {
		t.Fatal("the demo store has no incidents")
	}
	a.visit(t, ctx, "/")
	if title := eval[string](t, ctx, `document.title`); !strings.HasPrefix(title, "Incidents") {
		t.Errorf("title %q", title)
	}
	if got := listedIDs(t, ctx); !slices.Equal(got, sortedIDs(incs)) {
		t.Errorf("listed incidents %v, want the store's %v", got, sortedIDs(incs))
	}
	heading := eval[string](t, ctx, `[...document.querySelectorAll('h2')].map(h => h.textContent).find(t => /^\d+ incident\(s\)/.test(t)) || ''`)
	if !strings.HasPrefix(heading, fmt.Sprintf("%d incident(s)", len(incs))) {
		t.Errorf("heading above the list %q, want %d incident(s)", heading, len(incs))
	}
	for _, tc := range []struct{ sel, marks string }{
		{"svg.timeline", "rect"},
		{"svg.map", "circle"},
	} {
		type figure struct {
			Label string `json:"label"`
			Marks int    `json:"marks"`
		}
		f := eval[*figure](t, ctx, fmt.Sprintf(`(() => {
			const svg = document.querySelector(%q);
			if (!svg) return null;
			const id = svg.getAttribute('aria-labelledby');
			const label = id ? document.getElementById(id) : null;
			return {
				label: (svg.getAttribute('aria-label') || (label ? label.textContent : '')).trim(),
				marks: svg.querySelectorAll(%q).length,
			};
		})()`, tc.sel, tc.marks))
		switch {
		case f == nil:
			t.Errorf("no %s on the dashboard", tc.sel)
		case f.Label == "":
			t.Errorf("%s has no accessible name (aria-label or aria-labelledby)", tc.sel)
		case f.Marks == 0:
			t.Errorf("%s draws no %s", tc.sel, tc.marks)
		}
	}

	// Every map marker leads somewhere: one incident's page, or, for a
	// cluster of overlapping incidents, the dashboard narrowed to the
	// cluster's box (bbox), which lists them.
	type marker struct {
		Href  string `json:"href"`
		Count int    `json:"count"` // the number a cluster shows; 0 for one incident
	}
	markers := eval[[]marker](t, ctx, `[...document.querySelectorAll('svg.map a')].map(a => {
		const num = a.querySelector('text');
		return {href: a.getAttribute('href'), count: num ? Number(num.textContent) : 0};
	})`)
	if len(markers) == 0 {
		t.Fatal("the map has no marker that links anywhere")
	}
	var single, cluster *marker
	for i, m := range markers {
		if id, ok := strings.CutPrefix(m.Href, "/incidents/"); ok {
			n, err := strconv.ParseInt(id, 10, 64)
			if err != nil || !slices.Contains(sortedIDs(incs), n) {
				t.Errorf("marker link %q is not one of the incidents", m.Href)
			}
			if single == nil {
				single = &markers[i]
			}
			continue
		}
		if !strings.HasPrefix(m.Href, "/?") || !strings.Contains(m.Href, "bbox=") || m.Count < 2 {
			t.Errorf("marker link %q (count %d) is neither an incident nor a cluster's box", m.Href, m.Count)
			continue
		}
		if cluster == nil || m.Count > cluster.Count {
			cluster = &markers[i]
		}
	}
	// Markers are selectable with the keyboard: focus one and press Enter.
	// (A mouse click lands on whichever marker is drawn on top, so the
	// keyboard is the exact way in.)
	if cluster != nil {
		enterMarker(t, ctx, cluster.Href)
		if got := listedIDs(t, ctx); len(got) != cluster.Count {
			t.Errorf("the cluster %s shows %d incidents; its box lists %v", cluster.Href, cluster.Count, got)
		}
		a.visit(t, ctx, "/")
	}
	if single != nil {
		enterMarker(t, ctx, single.Href)
		if h1 := eval[string](t, ctx, `document.querySelector('h1').textContent`); h1 != "Incident "+strings.TrimPrefix(single.Href, "/incidents/") {
			t.Errorf("Enter on the marker for %s opened %q", single.Href, h1)
		}
	}
}

// enterMarker focuses the map's link to href and presses Enter.
func enterMarker(t *testing.T, ctx context.Context, href string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(fmt.Sprintf(`svg.map a[href=%q]`, href)))); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, http.StatusOK, chromedp.KeyEvent("\r"))
	if loc, _ := chromedp.Run(ctx, chromedp.Location()); !strings.HasSuffix(loc, href) {
		t.Errorf("after Enter on the marker for %s the tab shows %s", href, loc)
	}
}

// listedIDs reads the incident ids the dashboard lists, sorted.
func listedIDs(t *testing.T, ctx context.Context) []int64 {
	t.Helper()
	ids := eval[[]int64](t, ctx, `[...document.querySelectorAll('#incidents tbody a[href^="/incidents/"]')].map(a => Number(a.getAttribute('href').slice(11)))`)
	slices.Sort(ids)
	return ids
}

func sortedIDs(incs []harmlog.Incident) []int64 {
	ids := make([]int64, 0, len(incs))
	for _, in := range incs {
		ids = append(ids, in.ID)
	}
	slices.Sort(ids)
	return ids
}

// testFilter uses the dashboard's filter form (party, grade, period) and
// checks that the list changes to the store's incidents that match.
func testFilter(t *testing.T, a *app, ctx context.Context) {
	all, err := a.st.Incidents(context.Background(), store.IncidentFilter{Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	a.visit(t, ctx, "/")
	parties := eval[[]string](t, ctx, `[...document.querySelectorAll('select[name=party] option')].map(o => o.value).filter(v => v)`)
	grades := eval[[]string](t, ctx, `[...document.querySelectorAll('select[name=grade] option')].map(o => o.value).filter(v => v)`)
	if len(parties) < 2 || len(grades) == 0 {
		t.Fatalf("filter choices: parties %q, grades %q", parties, grades)
	}
	type filter struct {
		name   string
		fields map[string]string
		keep   func(harmlog.Incident) bool
	}
	var filters []filter
	for _, p := range parties {
		filters = append(filters, filter{"party " + p, map[string]string{"party": p},
			func(in harmlog.Incident) bool { return slices.Contains(in.Perpetrators, p) }})
	}
	for _, g := range grades {
		filters = append(filters, filter{"grade " + g, map[string]string{"grade": g},
			func(in harmlog.Incident) bool { return in.Grade == g }})
	}
	// The period is checked against the store's own filter, which owns the
	// rule for incidents that straddle its ends.
	period, err := a.st.Incidents(context.Background(), store.IncidentFilter{From: "2020-10-01", To: "2020-10-10", Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	filters = append(filters,
		filter{"period", map[string]string{"from": "2020-10-01", "to": "2020-10-10"},
			func(in harmlog.Incident) bool { return slices.Contains(sortedIDs(period), in.ID) }},
		filter{"party and grade", map[string]string{"party": parties[0], "grade": "contested"},
			func(in harmlog.Incident) bool {
				return slices.Contains(in.Perpetrators, parties[0]) && in.Grade == "contested"
			}},
	)
	for _, f := range filters {
		t.Run(f.name, func(t *testing.T) {
			a.visit(t, ctx, "/")
			var steps []chromedp.Action[chromedp.Void]
			for name, v := range f.fields {
				steps = append(steps, chromedp.SetValue(chromedp.CSS(fmt.Sprintf(`main form [name=%q]`, name)), v))
			}
			if err := chromedp.Do(ctx, steps...); err != nil {
				t.Fatal(err)
			}
			submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
			loc, _ := chromedp.Run(ctx, chromedp.Location())
			for name, v := range f.fields {
				if !strings.Contains(loc, name+"=") {
					t.Errorf("the form did not send %s=%s: %s", name, v, loc)
				}
				if got := eval[string](t, ctx, fmt.Sprintf(`document.querySelector('main form [name=%q]').value`, name)); got != v {
					t.Errorf("after filtering, %s shows %q, want %q kept", name, got, v)
				}
			}
			var want []harmlog.Incident
			for _, in := range all {
				if f.keep(in) {
					want = append(want, in)
				}
			}
			got := listedIDs(t, ctx)
			if !slices.Equal(got, sortedIDs(want)) {
				t.Errorf("listed %v, want %v", got, sortedIDs(want))
			}
			if len(got) == len(all) {
				t.Errorf("the filter left all %d incidents listed", len(all))
			}
		})
	}
}

// testIncident follows an incident's link from the dashboard and finds
// every source's claim side by side, as the store holds them.
func testIncident(t *testing.T, a *app, ctx context.Context) {
	bg := context.Background()
	incs, err := a.st.Incidents(bg, store.IncidentFilter{Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	var inc *harmlog.Incident
	for _, in := range incs {
		full, err := a.st.Incident(bg, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if inc == nil || len(full.Members) > len(inc.Members) {
			inc = full
		}
	}
	if len(inc.Members) < 2 {
		t.Fatalf("no incident of the demo has two claims")
	}
	a.visit(t, ctx, "/")
	submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#incidents a[href="/incidents/%d"]`, inc.ID))))
	if h1 := eval[string](t, ctx, `document.querySelector('h1').textContent`); h1 != fmt.Sprintf("Incident %d", inc.ID) {
		t.Errorf("h1 %q", h1)
	}
	type card struct {
		Claimant string            `json:"claimant"`
		Fields   map[string]string `json:"fields"`
		Link     string            `json:"link"`
		Top      float64           `json:"top"`
		Left     float64           `json:"left"`
	}
	cards := eval[[]card](t, ctx, `[...document.querySelectorAll('#claims > section')].map(s => {
		const fields = {};
		s.querySelectorAll('dt').forEach(dt => { fields[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim(); });
		const r = s.getBoundingClientRect();
		const link = s.querySelector('a[href^="/documents/"]');
		return {claimant: s.querySelector('h3').textContent.trim(), fields, link: link ? link.getAttribute('href') : '', top: r.top, left: r.left};
	})`)
	if len(cards) != len(inc.Members) {
		t.Fatalf("%d claim cards, want the incident's %d claims", len(cards), len(inc.Members))
	}
	for i, m := range inc.Members {
		c, got := m.Claim, cards[i]
		if c == nil {
			t.Fatalf("member %d has no claim", i)
		}
		want := map[string]string{"killed": c.Killed.String(), "injured": c.Injured.String(), "status": c.Status}
		for k, v := range want {
			if got.Fields[k] != v {
				t.Errorf("card %d (claim %d) %s %q, want %q", i, c.ID, k, got.Fields[k], v)
			}
		}
		if wantLink := fmt.Sprintf("/documents/%d#claim-%d", c.DocumentID, c.ID); got.Link != wantLink {
			t.Errorf("card %d links to %q, want %q", i, got.Link, wantLink)
		}
		if wantName := strings.TrimSpace(c.Claimant); wantName != "" && got.Claimant != wantName {
			t.Errorf("card %d claimant %q, want %q", i, got.Claimant, wantName)
		}
	}
	// Side by side: at this window width the first two cards share a row.
	if cards[0].Top != cards[1].Top || cards[0].Left >= cards[1].Left {
		t.Errorf("the first two claims are not side by side: %+v, %+v", cards[0], cards[1])
	}
}

// testReview confirms a claim from the review queue with the keyboard,
// corrects another's figure with the queue's correction form (keyboard too), and finds both in the change
// log and the correction on the claim's incident page.
func testReview(t *testing.T, a *app, ctx context.Context) {
	bg := context.Background()
	a.visit(t, ctx, "/review")
	type item struct {
		ID          int64             `json:"id"`
		Keys        map[string]string `json:"keys"`        // button value → accesskey
		Unreachable []string          `json:"unreachable"` // buttons Tab does not reach
	}
	items := eval[[]item](t, ctx, `[...document.querySelectorAll('main form[action^="/review/"]')].map(f => {
		const keys = {}, unreachable = [];
		f.querySelectorAll('button').forEach(b => { keys[b.value] = b.accessKey; if (b.tabIndex < 0 || b.disabled) unreachable.push(b.value); });
		return {id: Number(f.getAttribute('action').slice(8)), keys, unreachable};
	})`)
	if len(items) < 2 {
		t.Fatalf("%d claims in the review queue, want at least 2", len(items))
	}
	if items[0].Keys["confirm"] != "c" || items[0].Keys["reject"] != "r" {
		t.Errorf("the first claim's access keys %v, want confirm c and reject r", items[0].Keys)
	}
	for _, it := range items {
		if _, ok := it.Keys["confirm"]; !ok || len(it.Unreachable) > 0 {
			t.Errorf("claim %d: buttons %v, of which Tab does not reach %q", it.ID, it.Keys, it.Unreachable)
		}
	}

	// Confirm the first claim with the keyboard: focus its Confirm button
	// and press Enter.
	first := items[0].ID
	confirm := chromedp.CSS(fmt.Sprintf(`form[action="/review/%d"] button[value=confirm]`, first))
	if err := chromedp.Do(ctx, chromedp.Focus(confirm)); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, http.StatusOK, chromedp.KeyEvent("\r"))
	if got := eval[string](t, ctx, `(document.querySelector('[role=status]') || {textContent: ''}).textContent`); got != fmt.Sprintf("claim %d confirmed.", first) {
		t.Errorf("status after confirming: %q", got)
	}
	if still := eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll('form[action="/review/%d"]').length`, first)); still != 0 {
		t.Errorf("claim %d is still in the queue after it was confirmed", first)
	}

	// Correct a figure of a queued claim that belongs to an incident.
	incs, err := a.st.Incidents(bg, store.IncidentFilter{Limit: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	queued := map[int64]bool{}
	for _, it := range items[1:] {
		queued[it.ID] = true
	}
	var target *harmlog.Claim
	var incID int64
	for _, in := range incs {
		full, err := a.st.Incident(bg, in.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range full.Members {
			if target == nil && m.Claim != nil && queued[m.ClaimID] {
				target, incID = m.Claim, in.ID
			}
		}
	}
	if target == nil {
		t.Fatal("no queued claim belongs to an incident")
	}
	killed := 7
	if target.Killed != nil && target.Killed.Max != nil {
		killed += *target.Killed.Max
	}
	// Correct it with the queue's form, by the keyboard: open the claim's
	// correction, type the figures, press Enter in a field.
	a.visit(t, ctx, "/review")
	form := fmt.Sprintf(`form[action="/review/%d"]`, target.ID)
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(form+" summary")),
		chromedp.SetValue(chromedp.CSS(form+" input[name=killed_min]"), strconv.Itoa(killed)),
		chromedp.SetValue(chromedp.CSS(form+" input[name=killed_max]"), strconv.Itoa(killed)),
		chromedp.Focus(chromedp.CSS(form+" input[name=killed_max]")),
	); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, http.StatusOK, chromedp.KeyEvent("\r"))
	if got := eval[string](t, ctx, `(document.querySelector('[role=status]') || {textContent: ''}).textContent`); !strings.HasPrefix(got, fmt.Sprintf("claim %d corrected", target.ID)) {
		t.Fatalf("status after correcting claim %d: %q", target.ID, got)
	}
	a.visit(t, ctx, fmt.Sprintf("/incidents/%d", incID))
	card := eval[map[string]string](t, ctx, fmt.Sprintf(`(() => {
		const link = document.querySelector('#claims a[href$="#claim-%d"]');
		const fields = {};
		if (link) link.closest('section').querySelectorAll('dt').forEach(dt => { fields[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim(); });
		return fields;
	})()`, target.ID))
	if card["killed"] != strconv.Itoa(killed) || card["status"] != harmlog.StatusCorrected {
		t.Errorf("incident %d shows claim %d as %v, want killed %d, status corrected", incID, target.ID, card, killed)
	}
	a.visit(t, ctx, "/review")
	if still := eval[int](t, ctx, fmt.Sprintf(`document.querySelectorAll('form[action="/review/%d"]').length`, target.ID)); still != 0 {
		t.Errorf("claim %d is still in the queue after it was corrected", target.ID)
	}

	// The change log has both decisions, with who made them.
	changes, err := a.st.Changes(bg, 0, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []struct {
		id            int64
		action, actor string
		after         string
	}{
		{first, "claim.confirm", "web", `"status":"confirmed"`},
		{target.ID, "claim.correct", "web", fmt.Sprintf(`"killed":{"min":%d,"max":%d}`, killed, killed)},
	} {
		i := slices.IndexFunc(changes, func(c harmlog.Change) bool {
			return c.Entity == "claim" && c.EntityID == want.id && c.Action == want.action
		})
		if i < 0 {
			t.Errorf("no %s of claim %d in the change log", want.action, want.id)
			continue
		}
		c := changes[i]
		if !strings.Contains(c.Actor, want.actor) || !strings.Contains(compactJSON(c.After), want.after) {
			t.Errorf("change %d: %s of claim %d by %q, after %s; want by %q with %s", c.ID, c.Action, want.id, c.Actor, c.After, want.actor, want.after)
		}
	}
}

// compactJSON is b without insignificant white space, for comparing a
// change's before/after against a fragment.
func compactJSON(b json.RawMessage) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return string(b)
	}
	return buf.String()
}

// testAudit pastes a statement into the audit page and reads the coverage
// report, which must agree with the API's report on the same text.
func testAudit(t *testing.T, a *app, ctx context.Context) {
	stmt, err := os.ReadFile(filepath.Join("testdata", "statement.txt"))
	if err != nil {
		t.Fatal(err)
	}
	a.visit(t, ctx, "/audit")
	if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`textarea[name=text]`), string(stmt))); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	rows := eval[[][]string](t, ctx, `[...document.querySelectorAll('#parties tbody tr')].map(tr => [...tr.cells].map(td => td.textContent.trim()))`)

	// The API's report on the file as written (LF line ends). The browser
	// sends the pasted text with CRLF line ends (HTML's form encoding), and
	// the report must not depend on that.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if err := mw.WriteField("text", string(stmt)); err != nil {
		t.Fatal(err)
	}
	mw.Close()
	res, err := a.client.Post(a.url+"/api/audit", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var rep struct {
		Claims  []json.RawMessage `json:"claims"`
		Parties []struct {
			Party    string `json:"party"`
			Recorded struct {
				Incidents int `json:"incidents"`
			} `json:"recorded"`
			Mentioned struct {
				Incidents int `json:"incidents"`
			} `json:"mentioned"`
			Omitted []json.RawMessage `json:"omitted"`
		} `json:"parties"`
	}
	if err := json.NewDecoder(res.Body).Decode(&rep); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("POST /api/audit: %s: %v", res.Status, err)
	}
	var want [][]string
	mentioned := 0
	for _, p := range rep.Parties {
		want = append(want, []string{p.Party, strconv.Itoa(p.Recorded.Incidents), strconv.Itoa(p.Mentioned.Incidents), strconv.Itoa(len(p.Omitted))})
		mentioned += p.Mentioned.Incidents
	}
	var got [][]string
	for _, r := range rows {
		if len(r) < 4 {
			t.Fatalf("report row %q", r)
		}
		got = append(got, r[:4])
	}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("the page's report by party %q, the API's %q", got, want)
	}
	if len(want) < 2 || mentioned == 0 {
		t.Errorf("the statement names incidents recorded against both parties; the report has %d parties and %d mentioned incidents", len(want), mentioned)
	}
	heading := eval[string](t, ctx, `[...document.querySelectorAll('h3')].map(h => h.textContent).find(t => t.startsWith("The statement's claims")) || ''`)
	if heading != fmt.Sprintf("The statement's claims (%d)", len(rep.Claims)) {
		t.Errorf("claims heading %q, want %d claims", heading, len(rep.Claims))
	}
}

package audit

import (
	"bytes"
	"slices"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/internal/htmlcheck"
)

// TestHTMLReportWithstandsPayloads renders the HTML report of a statement
// whose name, title, publisher, URL and text, whose claims' places,
// claimants and URLs, and whose incidents' parties and places all carry
// each hostile payload, and checks that the page holds nothing that could
// run script beyond what the report of a harmless statement holds (its
// own inline stylesheet), and no payload unescaped.
func TestHTMLReportWithstandsPayloads(t *testing.T) {
	render := func(t *testing.T, p string) []byte {
		t.Helper()
		north, _, south, places := world()
		hostilePlace := harmlog.PlaceRef{Name: "place " + p, ID: "geonames:9", Lat: ptr(40.1), Lon: ptr(46.1), Country: "XA", Alt: "alt " + p}
		places["place "+p] = hostilePlace
		claim := harmlog.Claim{Places: []harmlog.PlaceRef{north, hostilePlace}, Claimant: "claimant " + p, Perpetrator: "Red",
			Scope: harmlog.ScopeIncident, Killed: harmlog.Exact(2), Start: 0, End: 5}
		inc := incident(1, "2020-10-01", []string{"Red", "party " + p}, 1, north, hostilePlace)
		inc.Members = []harmlog.Link{{Claim: &harmlog.Claim{ID: 4, Claimant: "member " + p, URL: p, Publisher: "publisher " + p}}}
		inc2 := incident(2, "2020-10-01", []string{"party " + p}, 3, south)
		inc2.Members = []harmlog.Link{{Claim: &harmlog.Claim{ID: 3, Claimant: "claimant " + p, URL: p, Note: "note " + p}}}
		r, err := Audit(Statement{Name: "name " + p, Title: "title " + p, Publisher: "publisher " + p, URL: p, Text: "text " + p},
			[]harmlog.Incident{inc, inc2}, Config{Extractor: fakeExtractor{claim}, Places: places}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := WriteHTML(&b, r); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	baseline, err := htmlcheck.Executable(render(t, "harmless"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pl := range htmlcheck.Payloads() {
		t.Run(pl.Name, func(t *testing.T) {
			page := render(t, pl.Text)
			bad, err := htmlcheck.Executable(page)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range bad {
				if !slices.Contains(baseline, b) {
					t.Errorf("the report could run script: %s", b)
				}
			}
			if len(bad) != len(baseline) {
				t.Errorf("%d findings, the harmless report has %d: %q", len(bad), len(baseline), bad)
			}
			if raw := htmlcheck.Raw(page, pl.Text); raw != "" {
				t.Errorf("the payload appears unescaped: …%s…", raw)
			}
			for _, field := range []string{"title", "publisher", "name"} {
				if ok, err := htmlcheck.Displays(page, field+" "+pl.Text); err != nil || !ok {
					t.Errorf("the report does not display the statement's %s (%q)", field, field+" "+pl.Text)
				}
			}
		})
	}
}

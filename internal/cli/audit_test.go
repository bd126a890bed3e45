package cli

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/harmlog/harmlog/demo"
)

// A statement written for this test: harm attributed to one side only, in a
// title that tries to inject markup.
const oneSided = `<!doctype html><html><head><title>Monitor update <script>alert(1)</script></title>
<meta name="date" content="2020-10-09"></head><body><article>
<p>date 2020-10-09 By Example Observer</p>
<p>A monitor said that since 27 September Armenian missiles have struck Ganja. On 4 October Armenian missiles struck Ganja, killing one civilian and injuring at least 30 people, the monitor said.</p>
</article></body></html>`

func TestAudit(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	claims := write(t, dir, "nk2020-claims.jsonl", demo.Claims())
	if code, out, errs := run(t, "", "--db", db, "import", "claims", claims); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	stmt := write(t, dir, "statement.html", []byte(oneSided))

	type party struct {
		Party    string `json:"party"`
		Recorded struct {
			Incidents int `json:"incidents"`
		} `json:"recorded"`
		Mentioned struct {
			Incidents int `json:"incidents"`
			List      []struct {
				ID       int64    `json:"id"`
				DateFrom string   `json:"date_from"`
				Places   []string `json:"places"`
			} `json:"list"`
		} `json:"mentioned"`
		Omitted []struct {
			ID       int64             `json:"id"`
			DateFrom string            `json:"date_from"`
			Places   []string          `json:"places"`
			Killed   map[string]any    `json:"killed"`
			Claims   []json.RawMessage `json:"claims"`
		} `json:"omitted"`
	}
	var rep struct {
		Scope struct {
			From, To  string
			Countries []string `json:"countries"`
			Grades    []string `json:"grades"`
		} `json:"scope"`
		Parties []party `json:"parties"`
		Measure struct {
			Formula      string   `json:"formula"`
			GapIncidents *float64 `json:"gap_incidents"`
		} `json:"measure"`
	}
	tests := []struct {
		name       string
		args       []string
		grades     []string
		omittedMin int // Azerbaijan's omitted incidents, at least
	}{
		{"default grades", nil, []string{"confirmed", "fair", "contested"}, 4},
		{"weak included", []string{"--grade", "confirmed,fair,contested,weak"}, []string{"confirmed", "fair", "contested", "weak"}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := run(t, "", append([]string{"--db", db, "audit", stmt, "--json"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("audit --json: exit %d\n%s", code, errs)
			}
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			if rep.Scope.From != "2020-09-27" || rep.Scope.To != "2020-10-09" || !slices.Equal(rep.Scope.Grades, tt.grades) {
				t.Errorf("scope %+v", rep.Scope)
			}
			if rep.Measure.Formula == "" || rep.Measure.GapIncidents == nil {
				t.Errorf("measure %+v", rep.Measure)
			}
			byName := map[string]party{}
			for _, p := range rep.Parties {
				byName[p.Party] = p
			}
			am, az := byName["Armenia"], byName["Azerbaijan"]
			if am.Mentioned.Incidents == 0 || !slices.ContainsFunc(am.Mentioned.List, func(in struct {
				ID       int64    `json:"id"`
				DateFrom string   `json:"date_from"`
				Places   []string `json:"places"`
			}) bool {
				return in.DateFrom == "2020-10-04" && strings.Contains(strings.Join(in.Places, ";"), "Ganja")
			}) {
				t.Errorf("Armenia: the 4 October Ganja incident is not mentioned: %+v", am.Mentioned)
			}
			if az.Mentioned.Incidents != 0 || len(az.Omitted) < tt.omittedMin || az.Recorded.Incidents != len(az.Omitted) {
				t.Errorf("Azerbaijan: recorded %d, mentioned %d, omitted %d; want all omitted, at least %d", az.Recorded.Incidents, az.Mentioned.Incidents, len(az.Omitted), tt.omittedMin)
			}
			for _, o := range az.Omitted {
				if o.ID == 0 || o.DateFrom == "" || len(o.Places) == 0 || len(o.Claims) == 0 {
					t.Errorf("omitted incident lacks id, date, places or claims: %+v", o)
				}
			}
		})
	}

	code, out, errs := run(t, "", "--db", db, "audit", stmt, "--html")
	if code != 0 {
		t.Fatalf("audit --html: exit %d\n%s", code, errs)
	}
	if strings.Contains(out, "<script") || !strings.Contains(out, "&lt;script&gt;") || !strings.Contains(out, "Omitted, largest first") {
		t.Errorf("HTML report: script not escaped or omitted incidents missing:\n%s", out)
	}
	code, out, _ = run(t, "", "--db", db, "audit", stmt)
	if code != 0 || !strings.Contains(out, "gap by incidents") || !strings.Contains(out, "omitted, largest first") {
		t.Errorf("text report: exit %d\n%s", code, out)
	}
}

func TestAuditUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	stmt := write(t, dir, "s.txt", []byte("date 2020-10-09 By Example\n\nNothing happened.\n"))
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"no file", []string{"audit"}, ExitUsage},
		{"json and html", []string{"audit", stmt, "--json", "--html"}, ExitUsage},
		{"bad date", []string{"audit", stmt, "--from", "yesterday"}, ExitUsage},
		{"missing file", []string{"audit", filepath.Join(dir, "nope.txt")}, ExitFailed},
		{"empty store", []string{"audit", stmt}, ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, out, errs := run(t, "", append([]string{"--db", db}, tt.args...)...); code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, out, errs)
			}
		})
	}
}

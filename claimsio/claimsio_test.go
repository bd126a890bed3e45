package claimsio

import (
	"bytes"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
	"github.com/harmlog/harmlog/internal/sharedtest"
)

func TestReaderErrors(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"word for number", `{"date":"2020-10-04","killed_min":"ten"}`, `line 1: killed_min: want a whole number, got "ten"`},
		{"fraction", `{"injured_max":2.5}`, `line 1: injured_max: want a whole number, got 2.5`},
		{"negative", `{"killed_max":-3}`, `line 1: killed_max: want a whole number of zero or more, got -3`},
		{"min above max", `{"killed_min":9,"killed_max":3}`, `line 1: killed_max: 3 is less than killed_min 9`},
		{"bad date", `{"date":"4 October"}`, `line 1: date: want a date YYYY-MM-DD, YYYY-MM, YYYY or a period A/B, got "4 October"`},
		{"period backwards", `{"date":"2020-10-05/2020-10-01"}`, `line 1: date: period "2020-10-05/2020-10-01" ends before it starts`},
		{"number for text", `{"claimant":12}`, `line 1: claimant: want a string, got 12`},
		{"bad published", `{"published":"yesterday"}`, `line 1: published: want a date YYYY-MM-DD, got "yesterday"`},
		{"bad scope", `{"scope":"war"}`, `line 1: scope: want "incident" or "cumulative", got "war"`},
		{"not json", `{"date":`, `line 1: not a JSON object: unexpected end of JSON input`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewReader(strings.NewReader(tt.line)).Next()
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("err = %v, want a *LineError", err)
			}
			if err.Error() != tt.want {
				t.Errorf("err = %q\nwant  %q", err, tt.want)
			}
		})
	}
}

func TestReaderContinuesAfterBadLine(t *testing.T) {
	in := `{"date":"2020-10-04","place":"Ganja","killed_min":1,"killed_max":1}
{"date":"2020-10-04","killed_min":"ten"}

{"date":"2020-10","place":"Barda","incident_key":"must-not-be-used"}
`
	claims, bad, err := ReadAll(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != 2 || len(bad) != 1 {
		t.Fatalf("got %d claims and %d errors (%v), want 2 and 1", len(claims), len(bad), bad)
	}
	if !strings.HasPrefix(bad[0].Error(), "line 2: killed_min:") {
		t.Errorf("error %q should name line 2 and killed_min", bad[0])
	}
	if got := *claims[1].Date; got != (harmlog.DateRange{From: "2020-10-01", To: "2020-10-31"}) {
		t.Errorf("month date read as %+v", got)
	}
	if strings.Contains(claims[1].Note+claims[1].Ref, "must-not") {
		t.Errorf("incident_key leaked into the claim: %+v", claims[1])
	}
}

func TestReadFields(t *testing.T) {
	line := `{"incident_key":"x","date":"2020-10-17","place":"Ganja","place_alt":"Gandzak","country_or_region":"Azerbaijan","killed_min":12,"killed_max":12,"injured_min":40,"injured_max":null,"victims":"civilians: incl. children","damage":"homes destroyed","weapon":"missiles","alleged_perpetrator":"Armenian armed forces","claimant":"Azerbaijan Prosecutor General's Office","publisher":"Caucasian Knot","published":"2020-10-17","url":"https://example.org/a","denied_by":"Armenian Ministry of Defence","ref":"r1"}`
	c, err := NewReader(strings.NewReader(line)).Next()
	if err != nil {
		t.Fatal(err)
	}
	want := harmlog.Claim{
		Killed: harmlog.Exact(12), Injured: harmlog.Between(40, -1),
		Damaged:          []harmlog.Damage{{Object: "homes destroyed", State: "destroyed"}},
		Victims:          harmlog.VictimsCivilian,
		Scope:            harmlog.ScopeIncident,
		Date:             &harmlog.DateRange{From: "2020-10-17", To: "2020-10-17"},
		Places:           []harmlog.PlaceRef{{Name: "Ganja", Alt: "Gandzak", Country: "AZ"}},
		Claimant:         "Azerbaijan Prosecutor General's Office",
		WeaponWords:      []string{"missiles"},
		PerpetratorWords: "Armenian armed forces",
		DeniedBy:         "Armenian Ministry of Defence",
		Status:           harmlog.StatusImported,
		Publisher:        "Caucasian Knot", Published: "2020-10-17", URL: "https://example.org/a",
		Ref: "r1", Note: "civilians: incl. children",
	}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("got  %+v\nwant %+v", c, want)
	}
}

func TestVictimCategory(t *testing.T) {
	tests := []struct{ in, want string }{
		{"civilians: five members of the Gurbanov family", harmlog.VictimsCivilian},
		{"two soldiers and a civilian", harmlog.VictimsMixed},
		{"servicemen of the army", harmlog.VictimsMilitary},
		{"no figures", harmlog.VictimsUnknown},
		{"three journalists", harmlog.VictimsCivilian},
	}
	for _, tt := range tests {
		if got := VictimCategory(tt.in); got != tt.want {
			t.Errorf("VictimCategory(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRoundTripNK reads the shared NK 2020 claims, writes them and reads
// them back: the claims must be equal.
func TestRoundTripNK(t *testing.T) {
	p := sharedtest.Path(t, "facts/nk2020-claims.jsonl")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	claims, bad, err := ReadAll(bytes.NewReader(b))
	if err != nil || len(bad) > 0 {
		t.Fatalf("read: %v %v", err, bad)
	}
	if len(claims) != 95 {
		t.Fatalf("read %d claims, want 95", len(claims))
	}
	var buf bytes.Buffer
	w := NewWriter(&buf)
	for _, c := range claims {
		if err := w.Write(c); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	again, bad, err := ReadAll(&buf)
	if err != nil || len(bad) > 0 {
		t.Fatalf("reread: %v %v", err, bad)
	}
	if !reflect.DeepEqual(claims, again) {
		for i := range claims {
			if !reflect.DeepEqual(claims[i], again[i]) {
				t.Fatalf("claim %d changed:\n%+v\n%+v", i, claims[i], again[i])
			}
		}
	}
}

func TestNormalizeHook(t *testing.T) {
	r := NewReader(strings.NewReader(`{"weapon":"Grad rockets","alleged_perpetrator":"Azeri forces"}`))
	r.Normalize = func(c *harmlog.Claim) {
		c.Weapons = []string{"rocket"}
		c.Perpetrator = "Azerbaijan"
	}
	c, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	if c.Perpetrator != "Azerbaijan" || c.PerpetratorWords != "Azeri forces" || c.Weapons[0] != "rocket" {
		t.Errorf("hook not applied or words lost: %+v", c)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Errorf("second Next = %v, want io.EOF", err)
	}
}

func FuzzReader(f *testing.F) {
	f.Add([]byte(`{"date":"2020-10-04","place":"Ganja","killed_min":1,"killed_max":1}`))
	f.Add([]byte(`{"killed_min":"ten"}` + "\n" + `{"date":"2020/2021"}`))
	f.Add([]byte(`{"victim_names":["Ayla Q.","Bo R."]}` + "\n" + `{"victim_names":"Ayla Q.; ;Bo R."}` + "\n" + `{"victim_names":[1]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := NewReader(bytes.NewReader(b))
		for c, err := range r.All() {
			if err != nil {
				var le *LineError
				if errors.As(err, &le) && le.Line < 1 {
					t.Fatalf("line error without a line: %v", err)
				}
				continue
			}
			// Whatever was read must write and read back to the same claim.
			var buf bytes.Buffer
			w := NewWriter(&buf)
			if err := w.Write(c); err != nil {
				t.Fatal(err)
			}
			w.Flush()
			c2, err := NewReader(&buf).Next()
			if err != nil {
				t.Fatalf("written claim does not read back: %v\n%s", err, buf.String())
			}
			if c.Killed != nil && c2.Killed.String() != c.Killed.String() {
				t.Fatalf("killed %v became %v", c.Killed, c2.Killed)
			}
		}
	})
}

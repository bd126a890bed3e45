package link

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// claim builds a small incident claim.
func claim(date, place, claimant string, killed int, perp string) harmlog.Claim {
	c := harmlog.Claim{
		Scope: harmlog.ScopeIncident, Status: harmlog.StatusImported, Victims: harmlog.VictimsCivilian,
		Date:     &harmlog.DateRange{From: date, To: date},
		Places:   []harmlog.PlaceRef{{Name: place, Country: "AZ"}},
		Claimant: claimant, PerpetratorWords: perp, WeaponWords: []string{"missile"},
	}
	if killed >= 0 {
		c.Killed = harmlog.Exact(killed)
	}
	return c
}

func keysOf(l *Linker, claims []harmlog.Claim) []string {
	var out []string
	for _, c := range claims {
		k, _ := l.IncidentOf(ClaimKey(c))
		out = append(out, k)
	}
	return out
}

func TestDeterministic(t *testing.T) {
	claims, _ := synthClaims(3000)
	want := keysOf(Link(claims, Options{}), claims)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		shuffled := append([]harmlog.Claim(nil), claims...)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := keysOf(Link(shuffled, Options{}), claims); !reflect.DeepEqual(got, want) {
			t.Fatal("a different input order gave different incidents")
		}
	}
}

func TestLinkCases(t *testing.T) {
	tests := []struct {
		name string
		a, b harmlog.Claim
		same bool
	}{
		{"same place and day, drifting figures", claim("2020-10-17", "Ganja", "A", 12, "Armenian forces"), claim("2020-10-17", "Ganja, central part", "B", 21, "Armenia"), true},
		{"other-side toponym", claim("2020-10-17", "Ganja", "A", 12, ""), func() harmlog.Claim {
			c := claim("2020-10-17", "Gandzak", "B", 13, "")
			c.Places[0].Alt = "Ganja"
			return c
		}(), true},
		{"a day apart, same figures", claim("2020-10-17", "Barda", "A", 21, ""), claim("2020-10-18", "Barda", "B", 21, ""), true},
		{"a day apart, far figures", claim("2020-10-27", "Barda", "A", 4, ""), claim("2020-10-28", "Barda", "B", 21, ""), false},
		{"same day, 3 against 300", claim("2020-10-17", "Ganja", "A", 3, ""), claim("2020-10-17", "Ganja", "B", 300, ""), false},
		{"different perpetrators still link", claim("2020-10-17", "Ganja", "A", 10, "Armenian forces"), claim("2020-10-17", "Ganja", "B", 10, "Azerbaijani forces"), true},
		{"typo", claim("2020-10-17", "Shenyang", "A", 10, ""), claim("2020-10-17", "Shenyagn", "B", 10, ""), true},
		{"transliteration", claim("2020-10-17", "Khankendi", "A", 10, ""), claim("2020-10-17", "Hankendi", "B", 10, ""), true},
		{"different places", claim("2020-10-17", "Ganja", "A", 10, ""), claim("2020-10-17", "Tartar", "B", 10, ""), false},
		{"three days apart", claim("2020-10-14", "Ganja", "A", 10, ""), claim("2020-10-17", "Ganja", "B", 10, ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := Link([]harmlog.Claim{tt.a, tt.b}, Options{})
			ka, _ := l.IncidentOf(ClaimKey(tt.a))
			kb, _ := l.IncidentOf(ClaimKey(tt.b))
			if (ka == kb) != tt.same {
				inc, _ := l.Incident(kb)
				t.Errorf("linked=%v, want %v; evidence: %s", ka == kb, tt.same, inc.Members[len(inc.Members)-1].Evidence)
			}
		})
	}
}

func TestCumulativeNeverMerged(t *testing.T) {
	l := Link([]harmlog.Claim{claim("2020-10-17", "Ganja", "A", 12, "")}, Options{})
	c := claim("2020-10-17", "Ganja", "A", 12, "")
	c.Scope = harmlog.ScopeCumulative
	if key, lk := l.Attach(c); key != "" || !strings.Contains(lk.Evidence, "cumulative") {
		t.Errorf("cumulative claim attached to %q (%s)", key, lk.Evidence)
	}
	if n := len(l.Incidents()); n != 1 {
		t.Errorf("%d incidents, want 1", n)
	}
}

func TestAttachAndDecisions(t *testing.T) {
	a := claim("2020-10-17", "Ganja", "A", 12, "")
	b := claim("2020-10-17", "Ganja", "B", 13, "")
	c := claim("2020-10-17", "Ganja", "C", 12, "")
	l := Link([]harmlog.Claim{a}, Options{})
	ka, _ := l.IncidentOf(ClaimKey(a))
	kb, lk := l.Attach(b)
	if kb != ka || lk.Score < DefaultThreshold || !strings.Contains(lk.Evidence, `same name "ganja"`) {
		t.Errorf("Attach joined %q (want %q) with %+v", kb, ka, lk)
	}
	// An analyst says c is never with a, and pins b elsewhere.
	opts := Options{
		Never: []Never{{A: ClaimKey(a), B: ClaimKey(c)}},
		Pins:  []Pin{{Claim: ClaimKey(b), Incident: "analyst-1"}},
	}
	l = Link([]harmlog.Claim{a, b, c}, opts)
	ka, _ = l.IncidentOf(ClaimKey(a))
	kb, _ = l.IncidentOf(ClaimKey(b))
	kc, _ := l.IncidentOf(ClaimKey(c))
	if kb != "analyst-1" || ka == kc {
		t.Errorf("decisions not kept: a=%s b=%s c=%s", ka, kb, kc)
	}
	if inc, _ := l.Incident("analyst-1"); !inc.Members[0].Pinned {
		t.Error("pinned link not marked Pinned")
	}
}

func TestDerive(t *testing.T) {
	early := claim("2020-10-17", "Ganja", "Azerbaijan Prosecutor General's Office", 12, "Armenian armed forces")
	early.Published = "2020-10-17"
	early.DeniedBy = "Armenian Ministry of Defence"
	later := claim("2020-10-17", "Ganja", "Azerbaijan Prosecutor General's Office (updated)", 13, "Armenian armed forces")
	later.Published = "2020-10-18"
	afp1 := claim("2020-10-17", "Ganja", "", 14, "Armenian forces")
	afp1.Publisher = "Taipei Times (AFP)"
	afp2 := claim("2020-10-17", "Ganja", "", 14, "Armenian forces")
	afp2.Publisher = "Naharnet (AFP)"
	afp2.URL = "x"
	amnesty := claim("2020-10-17", "Ganja", "Amnesty International", 21, "Armenian forces")
	rejected := claim("2020-10-17", "Ganja", "Someone", 99, "")
	rejected.Status = harmlog.StatusRejected
	l := Link([]harmlog.Claim{early, later, afp1, afp2, amnesty, rejected}, Options{Threshold: 3})
	incs := l.Incidents()
	if len(incs) != 1 {
		t.Fatalf("%d incidents, want 1", len(incs))
	}
	in := incs[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"killed (12 superseded by 13; rejected 99 left out)", in.Killed.String(), "13–21"},
		{"sources (AFP twice is one)", in.Sources, 3},
		{"perpetrators", in.Perpetrators, []string{"Armenia"}},
		{"cross-party (independent beside a side)", in.CrossParty, true},
		{"contested (accused denies)", in.Contested, true},
		{"grade", in.Grade, harmlog.GradeContested},
		{"denials", in.Denials, []string{"Armenian Ministry of Defence"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	l = Link([]harmlog.Claim{early, later, afp1, afp2, amnesty}, Options{Threshold: 3, Discounted: map[string]string{in.Key: "staged"}})
	if got, _ := l.Incident(in.Key); got.Grade != harmlog.GradeDiscounted || got.GradeReason != "staged" {
		t.Errorf("discounted incident graded %s (%s)", got.Grade, got.GradeReason)
	}
}

func TestGrades(t *testing.T) {
	ack := claim("2020-10-04", "Ganja", "Artsakh President", -1, "Nagorno-Karabakh Defense Army")
	acc := claim("2020-10-04", "Ganja", "Azerbaijan Ministry of Foreign Affairs", 1, "Armenian army")
	one := claim("2020-10-04", "Tartar", "Azerbaijan Prosecutor General's Office", 1, "Armenian army")
	two := claim("2020-10-04", "Tartar", "Human Rights Watch", 1, "Armenian army")
	blame := claim("2020-10-04", "Tartar", "Armenian MoD", 1, "Azerbaijani forces")
	machineAck := ack
	machineAck.Status = harmlog.StatusMachine
	tests := []struct {
		name   string
		claims []harmlog.Claim
		want   string
	}{
		{"the accused side acknowledges", []harmlog.Claim{ack, acc}, harmlog.GradeConfirmed},
		{"an unreviewed machine extraction never confirms", []harmlog.Claim{machineAck, acc}, harmlog.GradeFair},
		{"single source", []harmlog.Claim{one}, harmlog.GradeWeak},
		{"two independent sources", []harmlog.Claim{one, two}, harmlog.GradeFair},
		{"different perpetrators", []harmlog.Claim{one, two, blame}, harmlog.GradeContested},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			incs := Link(tt.claims, Options{Threshold: 2}).Incidents()
			if len(incs) != 1 || incs[0].Grade != tt.want {
				t.Errorf("got %d incidents, first graded %s (%s); want 1 graded %s", len(incs), incs[0].Grade, incs[0].GradeReason, tt.want)
			}
		})
	}
}

func TestAlignment(t *testing.T) {
	a := DefaultAlignment()
	tests := []struct{ name, want string }{
		{"Azerbaijan Ministry of Foreign Affairs", "Azerbaijan"},
		{"Armenpress", "Armenia"},
		{"Artsakh Ombudsman", "Armenia"},
		{"Human Rights Watch (as quoted)", Independent},
		{"AFP reporting (figures from Azerbaijani officials)", Independent},
		{"Armenian forces (as alleged by Azerbaijan)", "Armenia"},
		{"Unknown Gazette", ""},
	}
	for _, tt := range tests {
		if got := a.Party(tt.name); got != tt.want {
			t.Errorf("Party(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	rules, err := ReadAlignment(strings.NewReader("# extra\nUnknown Gazette\tAzerbaijan\n"))
	if err != nil {
		t.Fatal(err)
	}
	a.Add(rules...)
	if got := a.Party("Unknown Gazette"); got != "Azerbaijan" {
		t.Errorf("added rule not used: %q", got)
	}
	if _, err := ReadAlignment(strings.NewReader("no tab here\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("bad line error = %v, want one naming line 1", err)
	}
}

// TestNKGolden writes the NK 2020 incidents with their figures, grade and
// every link's evidence, as `harmlog incident show` would, to a golden file.
func TestNKGolden(t *testing.T) {
	claims, _ := readNK(t)
	var buf bytes.Buffer
	for _, in := range Link(claims, Options{}).Incidents() {
		fmt.Fprintf(&buf, "%s  %s–%s  killed %s  injured %s  sources %d  cross-party %v  grade %s (%s)\n",
			in.Key, in.DateFrom, in.DateTo, in.Killed, in.Injured, in.Sources, in.CrossParty, in.Grade, in.GradeReason)
		for _, m := range in.Members {
			fmt.Fprintf(&buf, "  - %s | %s | %s\n    %s\n", m.Claim.Places[0].Name, m.Claim.Claimant, m.Claim.Killed, m.Evidence)
		}
	}
	path := filepath.Join("testdata", "nk2020-incidents.golden")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("incidents differ from %s; run go test -update and review the diff", path)
	}
}

// fakePlaces resolves a few names, as a gazetteer adapter would.
type fakePlaces map[string]harmlog.PlaceRef

func (f fakePlaces) Resolve(name string, countries ...string) (harmlog.PlaceRef, bool) {
	p, ok := f[name]
	return p, ok
}

func TestPlacesResolver(t *testing.T) {
	lat, lon := 40.68, 46.36
	ganja := harmlog.PlaceRef{ID: "geonames:587084", Lat: &lat, Lon: &lon, Country: "AZ", Admin1: "Ganja"}
	near := harmlog.PlaceRef{ID: "geonames:1", Lat: &lat, Lon: &lon, Country: "AZ"}
	places := fakePlaces{"Ganja": ganja, "Gandzak": ganja, "Ganja suburb": near}
	tests := []struct {
		name, a, b string
		same       bool
		evidence   string
	}{
		{"other-side toponym through the gazetteer", "Ganja", "Gandzak", true, "same gazetteer place geonames:587084"},
		{"close coordinates", "Ganja", "Ganja suburb", true, "0.0 km apart"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := claim("2020-10-17", tt.a, "A", 12, "")
			b := claim("2020-10-17", tt.b, "B", 12, "")
			a.Places[0].Country, b.Places[0].Country = "", ""
			l := Link([]harmlog.Claim{a}, Options{Places: places})
			ka, _ := l.IncidentOf(ClaimKey(a))
			kb, lk := l.Attach(b)
			if (ka == kb) != tt.same || !strings.Contains(lk.Evidence, tt.evidence) {
				t.Errorf("linked=%v (want %v), evidence %q lacks %q", ka == kb, tt.same, lk.Evidence, tt.evidence)
			}
		})
	}
}

// Package synth generates realistic synthetic claims of harm for testing and
// benchmarking the linker: many sources per incident from both sides and
// independent organisations, figures that drift between sources and rise in
// updates, place names spelt differently (typos, transliterations, the
// other side's toponym, "X village, Y district" forms), dates that slip by a
// day or are known only to the month, and denials. It is seeded and
// deterministic: the same Config gives the same claims.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/harmlog/harmlog"
)

// Config sets the size and shape of a synthetic data set.
type Config struct {
	Seed      uint64
	Incidents int    // number of true incidents
	Places    int    // places per country
	Countries int    // number of countries (conflicts)
	Days      int    // length of the period
	Start     string // first day, YYYY-MM-DD; 2020-01-01 when empty
	// Resolved is the share of claims whose place carries a gazetteer id
	// and coordinates (0..1).
	Resolved float64
}

// Claim is a generated claim with the index of the true incident it
// reports.
type Claim struct {
	harmlog.Claim
	Incident int
}

// place is a synthetic gazetteer entry.
type place struct {
	name, alt, district string
	id                  string
	lat, lon            float64
	country             string
}

// parties returns the two sides of synthetic conflict c.
func parties(c int) (string, string) {
	sides := [...][2]string{{"Armenia", "Azerbaijan"}, {"Russia", "Ukraine"}, {"Israel", "Hamas"},
		{"Government", "Rebels"}, {"Saudi-led coalition", "Houthis"}}
	p := sides[c%len(sides)]
	return p[0], p[1]
}

// Generate returns the claims of cfg, in a shuffled order, each with the
// index of its true incident.
func Generate(cfg Config) []Claim {
	if cfg.Countries <= 0 {
		cfg.Countries = 1
	}
	if cfg.Places <= 0 {
		cfg.Places = 1000
	}
	if cfg.Days <= 0 {
		cfg.Days = 365
	}
	start, err := time.Parse(time.DateOnly, cfg.Start)
	if err != nil {
		start = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	places := make([][]place, cfg.Countries)
	for c := range places {
		cc := fmt.Sprintf("X%c", 'A'+c%26)
		districts := make([]string, max(cfg.Places/25, 1))
		for i := range districts {
			districts[i] = name(rng, 2)
		}
		seen := map[string]bool{}
		for i := 0; len(places[c]) < cfg.Places && i < cfg.Places*20; i++ {
			n := name(rng, 2+rng.IntN(2))
			if seen[n] {
				continue
			}
			seen[n] = true
			p := place{name: n, id: fmt.Sprintf("synth:%d:%d", c, len(places[c])), country: cc,
				lat: 30 + float64(c)*3 + rng.Float64()*2, lon: 40 + rng.Float64()*3,
				district: districts[rng.IntN(len(districts))]}
			if rng.IntN(3) == 0 {
				p.alt = name(rng, 2+rng.IntN(2)) // the other side's toponym
			}
			places[c] = append(places[c], p)
		}
	}
	weapons := [...]string{"artillery shelling", "a missile strike", "rocket fire", "Grad rockets", "a drone strike",
		"an airstrike", "cluster munitions", "mortar fire", "small arms fire", "a car bomb"}
	var out []Claim
	for inc := 0; inc < cfg.Incidents; inc++ {
		c := rng.IntN(cfg.Countries)
		p := places[c][rng.IntN(len(places[c]))]
		day := start.AddDate(0, 0, rng.IntN(cfg.Days))
		killed := zipf(rng)
		injured := killed * rng.IntN(4)
		w := weapons[rng.IntN(len(weapons))]
		attacker, victim := parties(c)
		if rng.IntN(2) == 0 {
			attacker, victim = victim, attacker
		}
		denied := rng.IntN(3) == 0
		n := sources(rng)
		for s := 0; s < n; s++ {
			out = append(out, Claim{Claim: claimOf(rng, cfg, p, day, killed, injured, w, attacker, victim, denied, s), Incident: inc})
		}
	}
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// claimOf makes source s's claim about one incident.
func claimOf(rng *rand.Rand, cfg Config, p place, day time.Time, killed, injured int, weapon, attacker, victim string, denied bool, s int) harmlog.Claim {
	c := harmlog.Claim{Scope: harmlog.ScopeIncident, Status: harmlog.StatusImported, Victims: harmlog.VictimsCivilian}
	// Who speaks: the victim side's officials first, then media, the
	// other side, independent organisations.
	var claimant string
	switch r := rng.IntN(10); {
	case s == 0 || r < 4:
		claimant = fmt.Sprintf("%s %s", victim, pick(rng, "Ministry of Defence", "Prosecutor General's Office", "Human Rights Ombudsman", "emergency ministry", "regional governor"))
	case r < 6:
		claimant = pick(rng, "AFP", "Reuters", "AP", "BBC", "Al Jazeera", "local media")
	case r < 7:
		claimant = fmt.Sprintf("%s Ministry of Defence", attacker)
	default:
		claimant = pick(rng, "Human Rights Watch", "Amnesty International", "OHCHR", "ICRC", "OSCE")
	}
	c.Claimant = claimant
	c.Publisher = pick(rng, "Trend", "Armenpress", "Caucasian Knot", "Reuters", "AFP", "Al Jazeera", "TASS", "BBC")
	// Date: mostly the day, sometimes a day off, sometimes only the month.
	d := day
	if rng.IntN(5) == 0 {
		d = d.AddDate(0, 0, []int{-1, 1}[rng.IntN(2)])
	}
	if rng.IntN(25) == 0 {
		first := time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC)
		c.Date = &harmlog.DateRange{From: first.Format(time.DateOnly), To: first.AddDate(0, 1, -1).Format(time.DateOnly)}
	} else {
		c.Date = &harmlog.DateRange{From: d.Format(time.DateOnly), To: d.Format(time.DateOnly)}
	}
	c.Published = d.AddDate(0, 0, rng.IntN(5)).Format(time.DateOnly)
	// Place: the name as each source spells it.
	pr := harmlog.PlaceRef{Name: spell(rng, p), Country: p.country}
	if rng.Float64() < cfg.Resolved {
		lat, lon := p.lat, p.lon
		pr.ID, pr.Lat, pr.Lon = p.id, &lat, &lon
	}
	c.Places = []harmlog.PlaceRef{pr}
	// Figures drift: early tolls are lower, others round or differ.
	if rng.IntN(8) > 0 {
		k := drift(rng, killed)
		if rng.IntN(6) == 0 {
			c.Killed = harmlog.Between(k, -1) // "at least"
		} else {
			c.Killed = harmlog.Exact(k)
		}
	}
	if injured > 0 && rng.IntN(2) == 0 {
		c.Injured = harmlog.Exact(drift(rng, injured))
	}
	if rng.IntN(10) > 0 {
		c.WeaponWords = []string{weapon}
	}
	c.PerpetratorWords = attacker + " forces"
	if rng.IntN(12) == 0 {
		c.PerpetratorWords = "unidentified"
	}
	if denied {
		c.DeniedBy = attacker + " Ministry of Defence"
	}
	c.Ref = fmt.Sprintf("synth-%d", rng.Uint64())
	return c
}

// spell returns a source's spelling of a place.
func spell(rng *rand.Rand, p place) string {
	n := p.name
	switch r := rng.IntN(20); {
	case r < 9:
	case r < 11 && p.alt != "":
		n = p.alt
	case r < 13:
		n = typo(rng, n)
	case r < 15:
		n = translit(n)
	case r < 17:
		n = n + " village, " + p.district + " district"
	case r < 18:
		n = "central " + n
	default:
		n = strings.ToUpper(n[:1]) + n[1:]
	}
	return n
}

func typo(rng *rand.Rand, s string) string {
	if len(s) < 4 {
		return s
	}
	i := 1 + rng.IntN(len(s)-2)
	switch rng.IntN(3) {
	case 0:
		return s[:i] + s[i+1:]
	case 1:
		return s[:i] + string("aeiouy"[rng.IntN(6)]) + s[i:]
	}
	return s[:i] + s[i+1:i+2] + s[i:i+1] + s[i+2:]
}

func translit(s string) string {
	for _, r := range [][2]string{{"kh", "h"}, {"sh", "ş"}, {"ch", "ç"}, {"y", "i"}, {"j", "dzh"}, {"g", "gh"}} {
		if strings.Contains(s, r[0]) {
			return strings.Replace(s, r[0], r[1], 1)
		}
	}
	return s + "i"
}

// drift moves a figure as sources differ: mostly the same, sometimes a
// little lower (an early toll) or higher.
func drift(rng *rand.Rand, n int) int {
	switch r := rng.IntN(10); {
	case r < 6:
		return n
	case r < 8:
		return max(0, n-rng.IntN(n/3+2))
	}
	return n + rng.IntN(n/4+2)
}

// zipf returns a death toll: mostly small, sometimes large.
func zipf(rng *rand.Rand) int {
	switch r := rng.IntN(100); {
	case r < 15:
		return 0
	case r < 70:
		return 1 + rng.IntN(5)
	case r < 95:
		return 5 + rng.IntN(20)
	}
	return 25 + rng.IntN(200)
}

// sources returns how many sources report an incident: often one, a few
// for most, many for some.
func sources(rng *rand.Rand) int {
	switch r := rng.IntN(100); {
	case r < 35:
		return 1
	case r < 75:
		return 2 + rng.IntN(3)
	case r < 95:
		return 5 + rng.IntN(4)
	}
	return 9 + rng.IntN(8)
}

func name(rng *rand.Rand, syl int) string {
	syllables := [...]string{"ka", "ra", "ba", "sha", "ku", "lan", "dar", "mar", "te", "ger", "zan", "khan",
		"da", "li", "ya", "ni", "tar", "gan", "jar", "vo", "ta", "bek", "su", "ri", "ma", "chy", "ost", "kol"}
	var b strings.Builder
	for i := 0; i < syl; i++ {
		b.WriteString(syllables[rng.IntN(len(syllables))])
	}
	s := b.String()
	return strings.ToUpper(s[:1]) + s[1:]
}

func pick(rng *rand.Rand, xs ...string) string { return xs[rng.IntN(len(xs))] }

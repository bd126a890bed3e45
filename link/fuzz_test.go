package link

import (
	"math"
	"strings"
	"testing"
)

// FuzzPlaceNames feeds untrusted place names through the name handling and
// scoring: no panic, a finite score, and the same score both ways.
func FuzzPlaceNames(f *testing.F) {
	f.Add("Garayusifli village, Barda district", "Qarayusifli", "Barda")
	f.Add("Ganja (central part, multi-apartment buildings)", "Gandzak", "Гянджа")
	f.Add("Stepanakert and Shusha", "Khankendi / Shushi", "")
	f.Fuzz(func(t *testing.T, a, alt, b string) {
		l := New(Options{})
		ca := claim("2020-10-17", a, "A", 3, "")
		ca.Places[0].Alt = alt
		cb := claim("2020-10-17", b, "B", 4, "")
		ra, rb := l.prepare(&ca, "a"), l.prepare(&cb, "b")
		s1 := pairScore(&ra, &rb, &evidence{on: true})
		s2 := pairScore(&rb, &ra, &evidence{})
		if math.IsNaN(s1) || math.IsInf(s1, 0) || s1 != s2 {
			t.Fatalf("scores %v and %v", s1, s2)
		}
		ra.blockKeys(true, nil)
		l.Attach(ca)
		l.Attach(cb)
		_ = l.Incidents()
	})
}

// FuzzReadAlignment reads untrusted alignment files: no panic; every rule
// read has words and a party.
func FuzzReadAlignment(f *testing.F) {
	f.Add("# comment\nArmenpress\tArmenia\n\nHRW\tindependent\n")
	f.Add("no tab\n")
	f.Fuzz(func(t *testing.T, s string) {
		rules, err := ReadAlignment(strings.NewReader(s))
		if err != nil {
			return
		}
		for _, r := range rules {
			if r.Words == "" || r.Party == "" {
				t.Fatalf("empty rule %+v", r)
			}
		}
		NewAlignment(rules).Party(s)
	})
}

package extract

import (
	"strconv"
	"testing"
	"unicode/utf8"
)

func TestParseFigure(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		lo, hi int // -1: unbounded
		n      int // bytes read
	}{
		{"27 civilians", true, 27, 27, 2},
		{"three", true, 3, 3, 5},
		{"one man", true, 1, 1, 3},
		{"a child", true, 1, 1, 1},
		{"at least 13", true, 13, -1, 11},
		{"more than 40 people", true, 40, -1, 12},
		{"over 50", true, 50, -1, 7},
		{"upwards of 20", true, 20, -1, 13},
		{"40+ dead", true, 40, -1, 3},
		{"up to 30", true, -1, 30, 8},
		{"as many as 30", true, -1, 30, 13},
		{"nearly 30", true, -1, 30, 9},
		{"almost thirty", true, -1, 30, 13},
		{"fewer than 30", true, -1, 30, 13},
		{"about 20", true, 20, 20, 8},
		{"around 20", true, 20, 20, 9},
		{"some 20", true, 20, 20, 7},
		{"roughly 20", true, 20, 20, 10},
		{"approximately 20", true, 20, 20, 16},
		{"between 5 and 7", true, 5, 7, 15},
		{"5-7", true, 5, 7, 3},
		{"5 to 7", true, 5, 7, 6},
		{"two or three", true, 2, 3, 12},
		{"a dozen", true, 12, 12, 7},
		{"dozens of", true, 12, -1, 9},
		{"tens of", true, 10, -1, 7},
		{"several", true, 3, -1, 7},
		{"a few", true, 2, -1, 5},
		{"hundreds", true, 100, -1, 8},
		{"thousands", true, 1000, -1, 9},
		{"scores of", true, 20, -1, 9},
		{"1,200", true, 1200, 1200, 5},
		{"twenty-seven", true, 27, 27, 12},
		{"twenty seven", true, 27, 27, 12},
		{"one hundred and forty-one", true, 141, 141, 25},
		{"two thousand five hundred", true, 2500, 2500, 25},
		{"Eleven", true, 11, 11, 6},
		{"2 million", true, 2000000, 2000000, 9},
		{"2015", false, 0, 0, 0},
		{"122mm", false, 0, 0, 0},
		{"12-year-old", false, 0, 0, 0},
		{"17 October", false, 0, 0, 0},
		{"07:00", false, 0, 0, 0},
		{"3.5", false, 0, 0, 0},
		{"5th", false, 0, 0, 0},
		{"many", false, 0, 0, 0},
		{"a number of", false, 0, 0, 0},
		{"numerous", false, 0, 0, 0},
		{"12 years old", false, 0, 0, 0},
		{"9999999999", false, 0, 0, 0},
	}
	for _, tt := range tests {
		r, n, ok := ParseFigure(tt.in)
		if ok != tt.ok {
			t.Errorf("ParseFigure(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		lo, hi := -1, -1
		if r.Min != nil {
			lo = *r.Min
		}
		if r.Max != nil {
			hi = *r.Max
		}
		if lo != tt.lo || hi != tt.hi || n != tt.n {
			t.Errorf("ParseFigure(%q) = {%d, %d} over %d bytes, want {%d, %d} over %d", tt.in, lo, hi, n, tt.lo, tt.hi, tt.n)
		}
	}
}

// TestParseFigureDigits checks digits read back as themselves across scales.
func TestParseFigureDigits(t *testing.T) {
	for _, n := range []int{0, 1, 7, 13, 99, 141, 500, 1899, 2101, 12345, 99999} {
		r, _, ok := ParseFigure(strconv.Itoa(n) + " people")
		if !ok || r.Low() != n || r.High() != n {
			t.Errorf("ParseFigure(%d) = %v, %v", n, r, ok)
		}
	}
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"at least 13", "between 5 and 7", "twenty-seven", "1,200", "dozens of",
		"a dozen", "5-7", "40+", "one hundred and five", "122mm", "nearly 30", "9,999,999,999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, n, ok := ParseFigure(s)
		if !ok {
			return
		}
		if n <= 0 || n > len(s) {
			t.Fatalf("ParseFigure(%q) read %d bytes", s, n)
		}
		if utf8.ValidString(s) && !utf8.ValidString(s[:n]) {
			t.Fatalf("ParseFigure(%q) ends inside a rune at %d", s, n)
		}
		if r.Min == nil && r.Max == nil {
			t.Fatalf("ParseFigure(%q) = unbounded range", s)
		}
		if r.Min != nil && r.Max != nil && *r.Min > *r.Max {
			t.Fatalf("ParseFigure(%q) = %v: min above max", s, r)
		}
		if r.Low() < 0 || r.High() > maxFigure*1000 {
			t.Fatalf("ParseFigure(%q) = %v: out of bounds", s, r)
		}
	})
}

package link

import "testing"

func TestJaroWinkler(t *testing.T) {
	tests := []struct {
		a, b   string
		lo, hi float64
	}{
		{"martha", "marhta", 0.96, 0.962},
		{"dwayne", "duane", 0.84, 0.841},
		{"dorogomilovo", "doogomilovo", 0.9, 1},
		{"gajuvaka", "gjuvaka", 0.83, 0.84},
		{"abc", "xyz", 0, 0},
		{"same", "same", 1, 1},
	}
	for _, tt := range tests {
		if got := jaroWinkler(tt.a, tt.b); got < tt.lo || got > tt.hi {
			t.Errorf("jaroWinkler(%q, %q) = %.4f, want in [%.3f, %.3f]", tt.a, tt.b, got, tt.lo, tt.hi)
		}
	}
}

func TestWithinOneEdit(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"gajuvaka", "gjuvaka", true},
		{"bunda", "budna", true},
		{"kluang", "kluaang", true},
		{"ganja", "ganja", true},
		{"ganja", "gandzak", false},
		{"barda", "tartar", false},
		{"", "a", true},
	}
	for _, tt := range tests {
		if got := withinOneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("withinOneEdit(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestMonthOf(t *testing.T) {
	jan, _ := dayNumber("2020-01-31")
	feb, _ := dayNumber("2020-02-01")
	dec, _ := dayNumber("2019-12-31")
	if !(monthOf(dec) < monthOf(jan) && monthOf(jan)+1 == monthOf(feb)) {
		t.Errorf("months out of order: %d %d %d", monthOf(dec), monthOf(jan), monthOf(feb))
	}
	if monthOf(jan) == monthOf(feb) || monthOf(jan) <= wideDay || monthOf(feb) >= -100000 {
		t.Errorf("month bucket %d meets a day or the wide bucket", monthOf(jan))
	}
}

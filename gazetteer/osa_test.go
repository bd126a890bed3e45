package gazetteer

import (
	"math/rand/v2"
	"testing"
)

// fullOSA is the optimal-string-alignment distance computed over the whole
// table, to check osa's banded computation against.
func fullOSA(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+c)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestOSA(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"stepanakert", "stepanakret", 2, 1},
		{"naftalan", "naftallan", 1, 1},
		{"abc", "abc", 1, 0},
		{"ca", "abc", 3, 3}, // not 2: OSA edits no substring twice
		{"kitten", "sitting", 2, 3},
		{"kitten", "sitting", 3, 3},
		{"", "ab", 2, 2},
		{"abcdef", "ab", 2, 3},
	}
	for _, tt := range tests {
		if got := osa(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("osa(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
	// Random pairs over a small alphabet, against the full table.
	r := rand.New(rand.NewPCG(3, 4))
	word := func() string {
		b := make([]byte, r.IntN(9))
		for i := range b {
			b[i] = "abcd"[r.IntN(4)]
		}
		return string(b)
	}
	for range 20000 {
		a, b, max := word(), word(), 1+r.IntN(3)
		want := min(fullOSA(a, b), max+1)
		if got := osa(a, b, max); got != want {
			t.Fatalf("osa(%q, %q, %d) = %d, want %d", a, b, max, got, want)
		}
	}
}

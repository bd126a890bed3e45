package ingest

import (
	"io"
	"strings"
	"testing"
)

func TestEndsInHexString(t *testing.T) {
	tests := []struct {
		in   string
		trap bool
	}{
		{"", false},
		{"BT (x) Tj ET", false},
		{"<0A1", true},
		{"<0A", true},
		{"<", true},
		{"<0A1 ", true},
		{"<Z", true}, // the library reads a pair before it checks it
		{"<0A1>", false},
		{"<0A> Tj", false},
		{"<ZZ> (x) Tj", false}, // fails in the library, does not loop
		{"<< /A 1 >>", false},
		{"<<", false},
		{"(a <b) Tj", false},
		{"(a (<b)) Tj", false},
		{`(a \) <b) Tj`, false},
		{"(unterminated <0A", false},
		{"% comment <0A\nBT", false},
		{"% comment\n<0A", true},
		{"/Na#3C <0A", true},
		{"/Na#3C", false},
		{"/N<0A", true},
		{"1 0 Td<0A1", true},
		{"[<0A> <0B", true},
	}
	for _, tt := range tests {
		trap, n := endsInHexString(strings.NewReader(tt.in), 1<<20)
		if trap != tt.trap || n != int64(len(tt.in)) {
			t.Errorf("endsInHexString(%q) = %v, %d; want %v, %d", tt.in, trap, n, tt.trap, len(tt.in))
		}
	}
	// Streams of a page's content array are joined.
	r := io.MultiReader(strings.NewReader("BT <0A"), strings.NewReader("1> Tj ET <0"))
	if trap, _ := endsInHexString(r, 1<<20); !trap {
		t.Errorf("joined streams: no trap found")
	}
	// It stops after limit+1 bytes.
	if trap, n := endsInHexString(strings.NewReader("(xxxxxxxxxx) <0A"), 4); trap || n != 5 {
		t.Errorf("limited: %v, %d; want false, 5", trap, n)
	}
}

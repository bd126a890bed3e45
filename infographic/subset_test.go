package infographic

import (
	"bytes"
	"encoding/binary"
	"testing"
	"time"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
)

// TestSubsetDeterministic: the subsetter stamps the time of writing into
// the font; subset pins it to the source font's date, so that cuts made
// at different seconds are identical and their checksums stay valid.
func TestSubsetDeterministic(t *testing.T) {
	runes := map[rune]bool{'G': true, 'a': true, 'n': true, 'j': true, '1': true, '7': true}
	for _, tt := range []struct {
		name string
		ttf  []byte
	}{{"regular", goregular.TTF}, {"bold", gobold.TTF}} {
		t.Run(tt.name, func(t *testing.T) {
			a, err := subset(tt.ttf, runes)
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(1100 * time.Millisecond) // the stamp has one-second resolution
			b, err := subset(tt.ttf, runes)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a, b) {
				t.Fatal("two cuts of the same font and runes differ")
			}
			// The whole font sums to the magic number once the adjustment is in.
			var s uint32
			for i := 0; i+4 <= len(a); i += 4 {
				s += binary.BigEndian.Uint32(a[i:])
			}
			if rem := len(a) % 4; rem != 0 {
				var w [4]byte
				copy(w[:], a[len(a)-rem:])
				s += binary.BigEndian.Uint32(w[:])
			}
			if s != 0xB1B0AFBA {
				t.Errorf("font checksum %#x, want 0xb1b0afba", s)
			}
		})
	}
}

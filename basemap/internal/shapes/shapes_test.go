package shapes

import (
	"bytes"
	"compress/gzip"
	"strings"
	"testing"
)

func sample() []Shape {
	return []Shape{
		{ISO: "AM", Name: "Armenia", Rings: [][][2]float64{{{44.1, 40.2}, {45.3, 40.2}, {45.3, 41.1}, {44.1, 40.2}}}},
		{ISO: "", Name: "Nowhere ☃", Rings: [][][2]float64{
			{{-180, -90}, {180, -90}, {180, 90}, {-180, -90}},
			{{1.23456, 2}, {3, 4}, {5, -6.5}},
		}},
	}
}

func encode(t testing.TB, ss []Shape) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, ss); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gz(raw string) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(raw))
	zw.Close()
	return b.Bytes()
}

func TestRoundTrip(t *testing.T) {
	got, err := Decode(encode(t, sample()))
	if err != nil {
		t.Fatal(err)
	}
	want := sample()
	// Rings come back closed and rounded to Unit.
	want[1].Rings[1] = [][2]float64{{1.2346, 2}, {3, 4}, {5, -6.5}, {1.2346, 2}}
	if len(got) != len(want) {
		t.Fatalf("%d shapes, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].ISO != want[i].ISO || got[i].Name != want[i].Name || len(got[i].Rings) != len(want[i].Rings) {
			t.Fatalf("shape %d = %+v, want %+v", i, got[i], want[i])
		}
		for j, r := range want[i].Rings {
			if len(got[i].Rings[j]) != len(r) {
				t.Fatalf("shape %d ring %d = %v, want %v", i, j, got[i].Rings[j], r)
			}
			for k, p := range r {
				q := got[i].Rings[j][k]
				if d0, d1 := q[0]-p[0], q[1]-p[1]; d0*d0+d1*d1 > 1e-16 {
					t.Errorf("shape %d ring %d point %d = %v, want %v", i, j, k, q, p)
				}
			}
		}
	}
}

func TestEncodeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []Shape
		want string
	}{
		{"short ring", []Shape{{Name: "x", Rings: [][][2]float64{{{0, 0}, {1, 1}, {0, 0}}}}}, "want at least 3"},
		{"bad latitude", []Shape{{Name: "x", Rings: [][][2]float64{{{0, 0}, {1, 91}, {2, 0}}}}}, "not a longitude and latitude"},
		{"long name", []Shape{{Name: strings.Repeat("n", 300)}}, "longer than"},
	}
	for _, tc := range tests {
		var b bytes.Buffer
		if err := Encode(&b, tc.in); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	good := encode(t, sample())
	tests := []struct {
		name string
		in   []byte
		want string
	}{
		{"not gzip", []byte("hello"), "gzip"},
		{"bad magic", gz("harmlog basemap 9\n"), "bad magic"},
		{"no count", gz(Magic), "truncated"},
		{"huge count", gz(Magic + "\xff\xff\xff\xff\x0f"), "more than the data can hold"},
		{"ring of two points", gz(Magic + "\x01\x00\x01x\x01\x02\x00\x00\x02\x02"), "want at least 3"},
		{"point off the globe", gz(Magic + "\x01\x00\x01x\x01\x03" + "\xff\xff\xff\x0f\x00\x00\x00\x00\x00"), "not a longitude and latitude"},
		{"left over", gz(string(mustGunzip(t, good)) + "x"), "left over"},
	}
	for _, tc := range tests {
		if _, err := Decode(tc.in); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func mustGunzip(t testing.TB, b []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	out.ReadFrom(zr)
	return out.Bytes()
}

// FuzzDecode feeds Decode arbitrary uncompressed layouts: it must return
// shapes or an error, never panic, and what it returns must hold closed
// rings on the globe.
func FuzzDecode(f *testing.F) {
	f.Add(mustGunzip(f, encode(f, sample())))
	f.Add([]byte(Magic + "\x01\x00\x01x\x01\x03\x02\x02\x02\x02\x02\x02"))
	f.Add([]byte(Magic))
	f.Fuzz(func(t *testing.T, raw []byte) {
		ss, err := Decode(gz(string(raw)))
		if err != nil {
			return
		}
		for _, s := range ss {
			for _, r := range s.Rings {
				if len(r) < 4 || r[0] != r[len(r)-1] {
					t.Fatalf("ring %v is not closed", r)
				}
				for _, p := range r {
					if p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90 {
						t.Fatalf("point %v off the globe", p)
					}
				}
			}
		}
	})
}

// Package shapes is the binary form of the countries that package basemap
// embeds (basemap/data/countries.bin): written by basemap/gen, read by
// basemap.Load.
//
// The layout, after gzip: the magic line "harmlog basemap 1\n"; the number
// of countries; then per country its ISO code and name (each a length and
// UTF-8 bytes) and its rings; per ring the number of points and the points
// as zigzag varint deltas of longitude and latitude in units of Unit
// degrees, the first point's delta taken from (0, 0). Rings are stored
// open (the closing point, equal to the first, is left out) and come back
// closed. All counts are unsigned varints.
package shapes

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"unicode/utf8"
)

// Magic opens every file.
const Magic = "harmlog basemap 1\n"

// Unit is the resolution of stored coordinates in degrees (about 11 m of
// latitude), finer than the 1:50m source's own quantization.
const Unit = 1e-4

// Shape is one country: its ISO 3166-1 alpha-2 code ("" when it has none),
// its name, and its rings of (longitude, latitude) points, each closed.
type Shape struct {
	ISO, Name string
	Rings     [][][2]float64
}

// Limits on what Decode accepts, far above the embedded data's sizes.
const (
	maxShapes = 10_000
	maxText   = 200
	maxRings  = 100_000
	maxPoints = 10_000_000
)

// Encode writes shapes in the layout above. Rings with fewer than three
// distinct points are an error; coordinates are rounded to Unit.
func Encode(w io.Writer, shapes []Shape) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(v uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], v)]) }
	sv := func(v int64) { bw.Write(buf[:binary.PutVarint(buf[:], v)]) }
	str := func(s string) { uv(uint64(len(s))); bw.WriteString(s) }
	bw.WriteString(Magic)
	uv(uint64(len(shapes)))
	for _, s := range shapes {
		if len(s.ISO) > maxText || len(s.Name) > maxText {
			return fmt.Errorf("shapes: %q: ISO code or name longer than %d bytes", s.Name, maxText)
		}
		str(s.ISO)
		str(s.Name)
		uv(uint64(len(s.Rings)))
		for i, r := range s.Rings {
			if len(r) > 1 && r[0] == r[len(r)-1] {
				r = r[:len(r)-1]
			}
			if len(r) < 3 {
				return fmt.Errorf("shapes: %q ring %d: %d points, want at least 3", s.Name, i, len(r))
			}
			uv(uint64(len(r)))
			var px, py int64
			for _, p := range r {
				if math.Abs(p[0]) > 180 || math.Abs(p[1]) > 90 || math.IsNaN(p[0]) || math.IsNaN(p[1]) {
					return fmt.Errorf("shapes: %q ring %d: point %v is not a longitude and latitude", s.Name, i, p)
				}
				x, y := int64(math.Round(p[0]/Unit)), int64(math.Round(p[1]/Unit))
				sv(x - px)
				sv(y - py)
				px, py = x, y
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Decode reads what Encode wrote. Every count is checked against the
// bytes left and every point against the range of longitudes and
// latitudes, so that no input makes it panic or allocate without bound.
func Decode(data []byte) ([]Shape, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("shapes: reading the gzip stream: %w", err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("shapes: reading the gzip stream: %w", err)
	}
	d := decoder{b: raw}
	if !bytes.HasPrefix(raw, []byte(Magic)) {
		return nil, errors.New("shapes: not a basemap file (bad magic)")
	}
	d.off = len(Magic)
	n := d.count("countries", maxShapes, 3)
	var out []Shape
	for i := 0; i < n && d.err == nil; i++ {
		s := Shape{ISO: d.text("ISO code"), Name: d.text("name")}
		nr := d.count("rings", maxRings, 4)
		for j := 0; j < nr && d.err == nil; j++ {
			np := d.count("points", maxPoints, 2)
			if d.err == nil && np < 3 {
				d.fail("ring of %d points, want at least 3", np)
			}
			ring := make([][2]float64, 0, np+1)
			var x, y int64
			for k := 0; k < np && d.err == nil; k++ {
				x += d.varint()
				y += d.varint()
				lon, lat := float64(x)*Unit, float64(y)*Unit
				if math.Abs(lon) > 180 || math.Abs(lat) > 90 {
					d.fail("%s ring %d point %d: (%g, %g) is not a longitude and latitude", s.Name, j, k, lon, lat)
				}
				ring = append(ring, [2]float64{lon, lat})
			}
			if d.err == nil {
				s.Rings = append(s.Rings, append(ring, ring[0]))
			}
		}
		out = append(out, s)
	}
	if d.err == nil && d.off != len(raw) {
		d.fail("%d bytes left over after the last country", len(raw)-d.off)
	}
	if d.err != nil {
		return nil, d.err
	}
	return out, nil
}

type decoder struct {
	b   []byte
	off int
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("shapes: at byte %d: %s", d.off, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail("truncated or overlong number")
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.fail("truncated or overlong number")
		return 0
	}
	d.off += n
	return v
}

// count reads a count of things each taking at least minBytes bytes, so
// that a count larger than the input could hold is refused before any
// allocation.
func (d *decoder) count(what string, limit, minBytes int) int {
	v := d.uvarint()
	if d.err == nil && (v > uint64(limit) || v*uint64(minBytes) > uint64(len(d.b)-d.off)) {
		d.fail("%d %s: more than the data can hold", v, what)
		return 0
	}
	return int(v)
}

func (d *decoder) text(what string) string {
	n := d.count(what+" bytes", maxText, 1)
	if d.err != nil {
		return ""
	}
	s := string(d.b[d.off : d.off+n])
	d.off += n
	if !utf8.ValidString(s) {
		d.fail("%s %q is not UTF-8", what, s)
	}
	return s
}

package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harmlog/harmlog/basemap/internal/shapes"
)

// tiny is a hand-made topology: two unit squares (in quantized units of
// half a degree from 44°E 40°N) sharing the arc between them, a third
// country repeating the first square with no id, and a point to skip.
//
//	arc 0: the shared border (1,0)→(1,1)
//	arc 1: the rest of the west square (1,1)→(0,1)→(0,0)→(1,0)
//	arc 2: the rest of the east square (1,0)→(2,0)→(2,1)→(1,1)
const tiny = `{"type":"Topology",
 "transform":{"scale":[0.5,0.5],"translate":[44,40]},
 "arcs":[[[1,0],[0,1]], [[1,1],[-1,0],[0,-1],[1,0]], [[1,0],[1,0],[0,1],[-1,0]]],
 "objects":{"countries":{"type":"GeometryCollection","geometries":[
  {"type":"Polygon","arcs":[[0,1]],"id":"051","properties":{"name":"West"}},
  {"type":"Polygon","arcs":[[2,-1]],"id":31,"properties":{"name":"East"}},
  {"type":"MultiPolygon","arcs":[[[0,1]]],"properties":{"name":"Unnamed area"}},
  {"type":"Point","coordinates":[0,0],"properties":{"name":"a point"}}
 ]}}}`

func TestBuild(t *testing.T) {
	got, points, err := build([]byte(tiny), 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []shapes.Shape{
		{ISO: "AZ", Name: "East", Rings: [][][2]float64{{{44.5, 40}, {45, 40}, {45, 40.5}, {44.5, 40.5}, {44.5, 40}}}},
		{ISO: "", Name: "Unnamed area", Rings: [][][2]float64{{{44.5, 40}, {44.5, 40.5}, {44, 40.5}, {44, 40}, {44.5, 40}}}},
		{ISO: "AM", Name: "West", Rings: [][][2]float64{{{44.5, 40}, {44.5, 40.5}, {44, 40.5}, {44, 40}, {44.5, 40}}}},
	}
	if points != 15 {
		t.Errorf("%d points, want 15", points)
	}
	if len(got) != len(want) {
		t.Fatalf("got %d countries %+v, want %d", len(got), got, len(want))
	}
	for i := range want {
		if g, w := render(got[i]), render(want[i]); g != w {
			t.Errorf("country %d = %s, want %s", i, g, w)
		}
	}
}

func render(s shapes.Shape) string {
	var b strings.Builder
	b.WriteString(s.ISO + " " + s.Name + ":")
	for _, r := range s.Rings {
		for _, p := range r {
			fmt.Fprintf(&b, " %g,%g", p[0], p[1])
		}
		b.WriteString(" |")
	}
	return b.String()
}

func TestBuildErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not JSON", `{`, "topojson"},
		{"not a topology", `{"type":"FeatureCollection"}`, "want Topology"},
		{"no countries", `{"type":"Topology","arcs":[],"objects":{"land":{}}}`, `no object "countries"`},
		{"arc index out of range", strings.Replace(tiny, `[[2,-1]]`, `[[2,-9]]`, 1), "arc index -9 out of range"},
		{"short arc", strings.Replace(tiny, `[[1,0],[0,1]]`, `[[1,0]]`, 1), "arc 0 has 1 positions"},
		{"off the globe", strings.Replace(tiny, `"translate":[44,40]`, `"translate":[44,400]`, 1), "not a longitude and latitude"},
		{"bad id", strings.Replace(tiny, `"id":31`, `"id":[31]`, 1), "neither a string nor a number"},
		{"no name", strings.Replace(tiny, `"name":"East"`, `"name":""`, 1), "has no name"},
	}
	for _, tc := range tests {
		if _, _, err := build([]byte(tc.in), 0); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestSimplify(t *testing.T) {
	line := [][2]float64{{0, 0}, {1, 0.001}, {2, 0}, {3, 0.5}, {4, 0}}
	tests := []struct {
		tol  float64
		want int
	}{{0, 5}, {0.01, 4}, {1, 2}}
	for _, tc := range tests {
		got := simplify(line, tc.tol)
		if len(got) != tc.want || got[0] != line[0] || got[len(got)-1] != line[len(line)-1] {
			t.Errorf("tol %v: %v, want %d points with both ends", tc.tol, got, tc.want)
		}
	}
	// A closed arc (an island of one arc) keeps its far side.
	island := [][2]float64{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}
	if got := simplify(island, 0.1); len(got) < 4 {
		t.Errorf("island simplified to %v", got)
	}
}

func TestAlpha2(t *testing.T) {
	for in, want := range map[string]string{"031": "AZ", "051": "AM", "268": "GE", "31": "AZ", "": "", "-99": "", "abc": ""} {
		if got := alpha2(in); got != want {
			t.Errorf("alpha2(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRun writes the data file from a TopoJSON file and from a tarball
// laid out as npm pack makes them, and reads it back.
func TestRun(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "countries.json")
	if err := os.WriteFile(in, []byte(tiny), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "countries.bin")
	n, points, err := run(in, "", out, 0.002)
	if err != nil || n != 3 || points != 15 {
		t.Fatalf("run = %d, %d, %v; want 3 countries, 15 points", n, points, err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	ss, err := shapes.Decode(b)
	if err != nil || len(ss) != 3 || ss[2].Name != "West" {
		t.Fatalf("decoded %+v, %v", ss, err)
	}

	var tgz bytes.Buffer
	zw := gzip.NewWriter(&tgz)
	tw := tar.NewWriter(zw)
	for name, body := range map[string]string{"package/package.json": "{}", "package/countries-50m.json": tiny} {
		tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body))})
		tw.Write([]byte(body))
	}
	tw.Close()
	zw.Close()
	path := filepath.Join(dir, "world-atlas.tgz")
	if err := os.WriteFile(path, tgz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := fromTarball(path, "package/countries-50m.json")
	if err != nil || string(got) != tiny {
		t.Errorf("fromTarball = %.40q, %v", got, err)
	}
	if _, err := fromTarball(path, "package/countries-10m.json"); err == nil || !strings.Contains(err.Error(), "no package/countries-10m.json") {
		t.Errorf("fromTarball of a missing member: %v", err)
	}
	if _, _, err := run(filepath.Join(dir, "missing.json"), "", out, 0); err == nil {
		t.Error("run of a missing file: no error")
	}
}

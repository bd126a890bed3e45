package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/harmlog/harmlog"
)

var placeListSeeds = []string{
	`null`, `[]`, ` [ ] `,
	`[{"name":"Ganja","id":"geonames:148339","lat":40.68,"lon":46.36,"country":"AZ","admin1":"Ganja"}]`,
	`[{"id": "x", "lat": null, "lon": -1.5e-3, "name": "Gəncə", "alt": "Gandzak", "start": 10, "end": 15}, {"name":"B"}]`,
	`[{"name":"a\"b"}]`, `[{"Name":"upper"}]`, `[{"name":null}]`, `[{"lat":0x10}]`, `[{"lat":1.}]`,
	`[{"start":1.5}]`, `[{"name":"x"},]`, `[{"name":"x"}] x`, `[{"other":1}]`, "[{\"name\":\"\xff\"}]",
	`[{"name":"x","name":"y"}]`, `[{}]`, `[1]`, `{"name":"x"}`, `[{"lat":-0}]`, `[{"lat":1e400}]`,
}

// TestPlaceList checks the fast decoder against encoding/json on seeds of
// both its own form and what it must hand over.
func TestPlaceList(t *testing.T) {
	for _, js := range placeListSeeds {
		checkPlaceList(t, js)
	}
}

func checkPlaceList(t *testing.T, js string) {
	t.Helper()
	var want []harmlog.PlaceRef
	werr := json.Unmarshal([]byte(js), &want)
	got, gerr := placeList(js)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%q: error %v, encoding/json says %v", js, gerr, werr)
	}
	if werr == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q: got %+v, encoding/json gives %+v", js, got, want)
	}
}

// FuzzPlaceList: the fast decoder never disagrees with encoding/json.
func FuzzPlaceList(f *testing.F) {
	for _, s := range placeListSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, js string) { checkPlaceList(t, js) })
}

var stringListSeeds = []string{`null`, `[]`, `["a"]`, `[ "Armenia" , "Azerbaijan" ]`, `["a\"b"]`, `["x",]`, `[1]`, `["a"] x`, "[\"\x01\"]", `["]"]`, `["a","b",`}

// FuzzStringList: the fast reader of string arrays agrees with
// encoding/json whenever encoding/json accepts the text (an empty array
// reads as nil).
func FuzzStringList(f *testing.F) {
	for _, s := range stringListSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, js string) {
		var want []string
		if err := json.Unmarshal([]byte(js), &want); err != nil {
			return
		}
		got, err := stringList(js, map[string]string{})
		if err != nil {
			t.Fatalf("%q: %v, encoding/json reads %q", js, err, want)
		}
		if len(want) == 0 {
			want = nil
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %q, encoding/json reads %q", js, got, want)
		}
	})
}

// TestCountryPattern: plain ASCII names become LIKE patterns, K and S
// wildcards (they also fold from non-ASCII letters); anything else is not
// narrowed.
func TestCountryPattern(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		ok       bool
	}{
		{"AZ", "%AZ%", true},
		{"sy", "%_y%", true},
		{"Nagorno-Karabakh", "%Nagorno-_araba_h%", true},
		{"St. Louis", "%_t. Loui_%", true},
		{"", "", false},
		{"Gəncə", "", false},
		{"a_b", "", false},
		{"50%", "", false},
	} {
		got, ok := countryPattern(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("countryPattern(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

package web

import (
	"strings"
	"testing"

	"github.com/harmlog/harmlog"
)

func incident(id int64, date string, killed *harmlog.Range, lat, lon float64, place string) harmlog.Incident {
	return harmlog.Incident{ID: id, DateFrom: date, DateTo: date, Killed: killed, Grade: harmlog.GradeFair,
		Places: []harmlog.PlaceRef{{Name: place, Lat: &lat, Lon: &lon}}}
}

func TestDays(t *testing.T) {
	tests := []struct {
		name string
		in   []harmlog.Incident
		want []Day
	}{
		{"none", nil, nil},
		{"undated only", []harmlog.Incident{{ID: 1}}, nil},
		{"gaps filled, same day summed", []harmlog.Incident{
			incident(1, "2020-10-04", harmlog.Between(1, 3), 0, 0, "a"),
			incident(2, "2020-10-02", harmlog.Exact(2), 0, 0, "b"),
			incident(3, "2020-10-04", harmlog.Between(5, -1), 0, 0, "c"),
			{ID: 4},
		}, []Day{
			{Date: "2020-10-02", Incidents: 1, KilledLow: 2, KilledHigh: 2},
			{Date: "2020-10-03"},
			{Date: "2020-10-04", Incidents: 2, KilledLow: 6, KilledHigh: 8},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Days(tc.in)
			if len(got) != len(tc.want) {
				t.Fatalf("Days = %+v, want %+v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("day %d = %+v, want %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestCharts keeps the server-rendered timeline and map under review as
// golden files, and checks that they escape what they draw.
func TestCharts(t *testing.T) {
	incs := []harmlog.Incident{
		incident(1, "2020-10-04", harmlog.Between(1, 3), 40.68, 46.36, "Ganja"),
		incident(2, "2020-10-02", harmlog.Exact(2), 40.38, 47.13, "Barda"),
		incident(3, "2020-10-06", harmlog.Between(5, 12), 39.82, 46.75, hostileScript),
		{ID: 4, DateFrom: "2020-10-05", Places: []harmlog.PlaceRef{{Name: "no coordinates"}}},
	}
	timeline := string(Timeline(Days(incs)))
	mapSVG := string(Map(incs))
	golden(t, "timeline.svg", timeline+"\n")
	golden(t, "map.svg", mapSVG+"\n")
	for name, svg := range map[string]string{"timeline": timeline, "map": mapSVG} {
		if !strings.HasPrefix(svg, "<svg") || !strings.HasSuffix(svg, "</svg>") {
			t.Errorf("%s is not one SVG element: %.80s", name, svg)
		}
		if strings.Contains(svg, hostileScript) || strings.Contains(svg, "style=") {
			t.Errorf("%s has unescaped text or an inline style", name)
		}
	}
	if n := strings.Count(mapSVG, "<circle"); n != 3 {
		t.Errorf("map has %d circles, want one per place with coordinates (3)", n)
	}
	var many []harmlog.Incident
	for i := range 24 {
		many = append(many, incident(int64(i+1), "2020-10-01", harmlog.Exact(1), 40+float64(i)/20, 46+float64(i)/20, "near"))
	}
	many = append(many, incident(25, "2020-10-01", harmlog.Exact(1), 35.7, 139.7, "far"))
	for _, tc := range []struct {
		name, got, want string
	}{
		{"a far-off place is left out of the view and counted", string(Map(many)), "1 place(s) outside this view not drawn"},
		{"empty timeline", string(Timeline(nil)), "No dated incidents"},
		{"empty map", string(Map([]harmlog.Incident{{ID: 1}})), "No incident has coordinates"},
	} {
		if !strings.Contains(tc.got, tc.want) {
			t.Errorf("%s: %q lacks %q", tc.name, tc.got, tc.want)
		}
	}
}

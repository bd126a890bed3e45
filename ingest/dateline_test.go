package ingest

import (
	"os"
	"testing"

	"github.com/harmlog/harmlog/internal/sharedtest"
)

func TestParseDateline(t *testing.T) {
	tests := []struct {
		name string
		text string
		date string
		pub  string
		ok   bool
	}{
		{"keyword date and byline", " date 2020-10-08 By Trend\n\nText.", "2020-10-08", "Trend", true},
		{"wire without year", "BAKU, Oct. 8 (Reuters) - Shelling continued.", "", "Reuters", true},
		{"slashed agency", "Stepanakert, 8 October 2020 /ARKA/. Shelling continued.", "2020-10-08", "ARKA", true},
		{"date then dash", "October 8, 2020 — Shelling continued.", "2020-10-08", "", true},
		{"dotted date and time", "08.10.2020 12:30\nShelling continued.", "2020-10-08", "", true},
		{"pipes", "By Jane Doe | Trend | 8 Oct 2020\n\nText.", "2020-10-08", "Trend", true},
		{"pipes byline only", "By Aram Petrosyan | 12 November 2020", "2020-11-12", "Aram Petrosyan", true},
		{"place and agency only", "GANJA (AP) — Rescuers searched the rubble.", "", "AP", true},
		{"two-word place", "Los Angeles, March 3, 2021 (Wire Service) - x", "2021-03-03", "Wire Service", true},
		{"place and region", "Tartar, Azerbaijan, 5 October 2020 /APA/ - x", "2020-10-05", "APA", true},
		{"weekday", "Thursday, October 8, 2020 - x", "2020-10-08", "", true},
		{"published keyword", "Published: 2021-05-04T10:00:00Z\nBody.", "2021-05-04", "", true},
		{"iso with time and byline", "2020-10-08 09:15 by Staff Reporter\nBody", "2020-10-08", "Staff Reporter", true},
		{"title line first", "Shelling hits market\n\nMILLBROOK, 3 June 2022 /NORTHWIRE/. Text", "2022-06-03", "NORTHWIRE", true},
		{"month first slashes", "10/28/2020 - x", "2020-10-28", "", true},
		{"ambiguous slashes", "08/10/2020 - x", "", "", false},
		{"impossible date", "31 February 2021 - x", "", "", false},
		{"date followed by prose", "October 8, 2020 was a hard day for the town.", "", "", false},
		{"prose", "Three civilians were killed on 8 October 2020 in Ganja.", "", "", false},
		{"place then prose", "Ganja was shelled again on Sunday.", "", "", false},
		{"month-like word", "8 Octopus arms - x", "", "", false},
		{"empty", "", "", "", false},
		{"fourth line ignored", "a\nb\nc\n8 October 2020 -", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			date, pub, ok := ParseDateline(tt.text)
			if date != tt.date || pub != tt.pub || ok != tt.ok {
				t.Errorf("ParseDateline(%q) = %q, %q, %v; want %q, %q, %v", tt.text, date, pub, ok, tt.date, tt.pub, tt.ok)
			}
		})
	}
}

// TestSeedDateline reads the article that started the project.
func TestSeedDateline(t *testing.T) {
	path := sharedtest.Path(t, "seed/000_5666055ee0aafada.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(path, data, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.MediaType != TypeText || p.Published != "2020-10-08" || p.Publisher != "Trend" {
		t.Errorf("Parse(seed) = %s, published %q, publisher %q; want text/plain, 2020-10-08, Trend", p.MediaType, p.Published, p.Publisher)
	}
	if p.Text != string(data) {
		t.Error("Parse(seed).Text differs from the file's bytes")
	}
}

func TestIsoDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2021-03-14T06:40:00+02:00", "2021-03-14"},
		{"2021-03-14T23:40:00-05:00", "2021-03-14"},
		{"2021-3-4", "2021-03-04"},
		{"October 8, 2020", "2020-10-08"},
		{"Thu, 08 Oct 2020 10:00:00 GMT", "2020-10-08"},
		{"08.10.2020", "2020-10-08"},
		{"2021-02-30", ""},
		{"October 8", ""},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := isoDate(tt.in); got != tt.want {
			t.Errorf("isoDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

package words

import (
	"fmt"
	"testing"
)

func TestSplitAndNext(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Armenian missile-strikes, 27 killed", []string{"Armenian", "missile", "strikes", "27", "killed"}},
		{"Xankəndi / Şuşa", []string{"Xankəndi", "Şuşa"}},
		{"  ", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := Split(tt.in); fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Split(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if s, e := Next("...", 0); s != -1 || e != -1 {
		t.Errorf("Next on no word = %d, %d", s, e)
	}
}

func TestLower(t *testing.T) {
	if got := string(AppendLower([]byte("x:"), "ArMy Ə")); got != "x:army Ə" {
		t.Errorf("AppendLower = %q", got)
	}
	for _, tt := range []struct {
		s, w string
		want bool
	}{{"Army", "army", true}, {"ARMY", "army", true}, {"Arm", "army", false}, {"Armz", "army", false}} {
		if got := EqualLower(tt.s, tt.w); got != tt.want {
			t.Errorf("EqualLower(%q, %q) = %v", tt.s, tt.w, got)
		}
	}
}

func TestFilter(t *testing.T) {
	var f Filter
	in := []string{"missile", "shelling", "Grad", "army"}
	for _, w := range in {
		f.Add(w)
	}
	for _, w := range in {
		if !f.May(w) {
			t.Errorf("a word added is reported absent: %q", w)
		}
	}
	// Case is ignored.
	if !f.May("MISSILE") {
		t.Error("the filter must ignore ASCII case")
	}
	absent := 0
	for _, w := range []string{"the", "of", "and", "civilians", "were", "killed", "in", "town", "on", "sunday"} {
		if !f.May(w) {
			absent++
		}
	}
	if absent < 8 {
		t.Errorf("only %d of 10 common words are filtered out", absent)
	}
}

func TestAdjacentAndMatchRest(t *testing.T) {
	tests := []struct {
		text  string
		rest  []string
		marks string
		end   int
		ok    bool
	}{
		{"Armenian armed forces fired", []string{"armed", "forces"}, "-", 21, true},
		{"Nagorno-Karabakh army", []string{"karabakh"}, "-", 16, true},
		{"Karabakh's army", []string{"s"}, "-'", 10, true},
		{"Karabakh's army", []string{"s"}, "-", 0, false},
		{"Armenian, armed", []string{"armed"}, "-", 0, false},
		{"Armenian      armed", []string{"armed"}, "-", 0, false}, // gap over four bytes
	}
	for _, tt := range tests {
		first := 0
		for first < len(tt.text) && IsWordByte(tt.text[first]) {
			first++
		}
		end, ok := MatchRest(tt.text, first, tt.rest, tt.marks)
		if ok != tt.ok || (ok && end != tt.end) {
			t.Errorf("MatchRest(%q, %v, %q) = %d, %v; want %d, %v", tt.text, tt.rest, tt.marks, end, ok, tt.end, tt.ok)
		}
	}
}

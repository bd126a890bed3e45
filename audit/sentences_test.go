package audit

import (
	"slices"
	"strings"
	"testing"
)

// TestSentencesLineEnds checks that a statement splits into the same
// sentences whatever its line ends: a browser sends a statement pasted
// into a form with CRLF.
func TestSentencesLineEnds(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"full stops", "One. Two!\nThree?", []string{"One.", "Two!", "Three?"}},
		{"blank line ends a headline", "Headline\n\nBody text.", []string{"Headline", "Body text."}},
		{"no break inside a figure", "Killed 1.5 times more.", []string{"Killed 1.5 times more."}},
	}
	for _, tc := range tests {
		for _, end := range []string{"\n", "\r\n"} {
			text := strings.ReplaceAll(tc.text, "\n", end)
			t.Run(tc.name+" "+strings.NewReplacer("\r", `\r`, "\n", `\n`).Replace(end), func(t *testing.T) {
				var got []string
				for _, s := range sentences(text) {
					got = append(got, strings.TrimSpace(text[s[0]:s[1]]))
				}
				if !slices.Equal(got, tc.want) {
					t.Errorf("sentences(%q) = %q, want %q", text, got, tc.want)
				}
			})
		}
	}
}

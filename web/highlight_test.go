package web

import (
	"testing"
)

func TestHighlight(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		spans []Span
		want  string
	}{
		{"no spans", "a <b> & c", nil, "a &lt;b&gt; &amp; c"},
		{"one span in the middle", "xx hit yy", []Span{{Start: 3, End: 6, ID: 1, Title: "t"}},
			`xx <span id="claim-1"></span><mark class="claim" data-claims="1" title="t">hit</mark> yy`},
		{"at both ends", "abc", []Span{{Start: 0, End: 3, ID: 2, Title: "whole"}},
			`<span id="claim-2"></span><mark class="claim" data-claims="2" title="whole">abc</mark>`},
		{"overlapping", "abcdef", []Span{{Start: 0, End: 4, ID: 1, Title: "one"}, {Start: 2, End: 6, ID: 2, Title: "two"}},
			`<span id="claim-1"></span><mark class="claim" data-claims="1" title="one">ab</mark>` +
				`<span id="claim-2"></span><mark class="claim overlap" data-claims="1 2" title="one` + "\n" + `two">cd</mark>` +
				`<mark class="claim" data-claims="2" title="two">ef</mark>`},
		{"nested", "abcde", []Span{{Start: 0, End: 5, ID: 1, Title: "outer"}, {Start: 1, End: 2, ID: 2, Title: "inner"}},
			`<span id="claim-1"></span><mark class="claim" data-claims="1" title="outer">a</mark>` +
				`<span id="claim-2"></span><mark class="claim overlap" data-claims="1 2" title="outer` + "\n" + `inner">b</mark>` +
				`<mark class="claim" data-claims="1" title="outer">cde</mark>`},
		{"same span twice", "ab", []Span{{Start: 0, End: 2, ID: 1, Title: "x"}, {Start: 0, End: 2, ID: 2, Title: "y"}},
			`<span id="claim-1"></span><span id="claim-2"></span><mark class="claim overlap" data-claims="1 2" title="x` + "\n" + `y">ab</mark>`},
		{"multibyte: boundaries inside a rune move to its start", "Bärda Bərdə", []Span{{Start: 2, End: 9, ID: 3, Title: "p"}},
			// byte 2 is inside ä (bytes 1-2), byte 9 inside ə (bytes 8-9).
			`B<span id="claim-3"></span><mark class="claim" data-claims="3" title="p">ärda B</mark>ərdə`},
		{"out of range and empty spans are ignored or clamped", "abc", []Span{{Start: -5, End: 1, ID: 1, Title: "a"}, {Start: 2, End: 99, ID: 2, Title: "c"}, {Start: 2, End: 2, ID: 3}, {Start: 3, End: 1, ID: 4}},
			`<span id="claim-1"></span><mark class="claim" data-claims="1" title="a">a</mark>b<span id="claim-2"></span><mark class="claim" data-claims="2" title="c">c</mark>`},
		{"hostile text and titles are escaped", `<script>alert(1)</script>`, []Span{{Start: 0, End: 8, ID: 1, Title: `" onmouseover="x <i>`}},
			`<span id="claim-1"></span><mark class="claim" data-claims="1" title="&#34; onmouseover=&#34;x &lt;i&gt;">&lt;script&gt;</mark>alert(1)&lt;/script&gt;`},
		{"empty text", "", []Span{{Start: 0, End: 3, ID: 1}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(Highlight(tc.text, tc.spans)); got != tc.want {
				t.Errorf("Highlight(%q)\n got: %s\nwant: %s", tc.text, got, tc.want)
			}
		})
	}
}

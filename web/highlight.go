package web

import (
	"html"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Span is a stretch of a document's text to highlight: the byte offsets
// [Start, End) of a claim, its id and an explanation (shown as a title).
type Span struct {
	Start, End int
	ID         int64
	Title      string
}

// Highlight renders text as HTML with every span marked: the text is split
// at each span boundary (moved back to the start of a UTF-8 sequence when it
// falls inside one), each piece is escaped, and a piece inside one or more
// spans is wrapped in <mark class="claim"> whose title explains every span
// covering it. An empty <span id="claim-ID"> marks where each span starts.
// Spans that are empty or outside the text after clamping are ignored.
func Highlight(text string, spans []Span) template.HTML {
	var valid []Span
	cuts := []int{0, len(text)}
	for _, sp := range spans {
		sp.Start = runeStart(text, clamp(sp.Start, 0, len(text)))
		sp.End = runeStart(text, clamp(sp.End, 0, len(text)))
		if sp.End <= sp.Start {
			continue
		}
		valid = append(valid, sp)
		cuts = append(cuts, sp.Start, sp.End)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var b strings.Builder
	for i := 0; i+1 < len(cuts); i++ {
		lo, hi := cuts[i], cuts[i+1]
		piece := html.EscapeString(text[lo:hi])
		var titles, ids []string
		anchor := ""
		for _, sp := range valid {
			if sp.Start > lo || hi > sp.End {
				continue
			}
			titles = append(titles, sp.Title)
			ids = append(ids, strconv.FormatInt(sp.ID, 10))
			if sp.Start == lo && sp.ID != 0 {
				anchor += `<span id="claim-` + strconv.FormatInt(sp.ID, 10) + `"></span>`
			}
		}
		if len(titles) == 0 {
			b.WriteString(piece)
			continue
		}
		class := "claim"
		if len(titles) > 1 {
			class += " overlap"
		}
		b.WriteString(anchor + `<mark class="` + class + `" data-claims="` + strings.Join(ids, " ") +
			`" title="` + html.EscapeString(strings.Join(titles, "\n")) + `">` + piece + `</mark>`)
	}
	return template.HTML(b.String())
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// runeStart moves i back to the start of the UTF-8 sequence it falls in.
func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

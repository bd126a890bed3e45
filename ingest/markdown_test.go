package ingest

import (
	"strings"
	"testing"
)

func TestParseMarkdown(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want Parsed // Text is always the source
	}{
		{"atx heading", "intro\n\n# Shelling of the old town #\n\ntext", Parsed{Title: "Shelling of the old town"}},
		{"setext heading", "Casualty update\n===============\n\ntext", Parsed{Title: "Casualty update"}},
		{"level two is no title", "## Background\n\ntext", Parsed{}},
		{"hashtag is no heading", "#breaking news\n\n# Real title", Parsed{Title: "Real title"}},
		{"heading inside fence skipped", "```\n# not a title\n```\n# Title", Parsed{Title: "Title"}},
		{"indented code skipped", "    # code\n\n# Title", Parsed{Title: "Title"}},
		{
			"front matter",
			"---\ntitle: \"Field report 3\"\ndate: 2021-04-02\npublisher: Monitoring Group\nurl: https://mg.example.org/r3\nlang: en\n---\n# Heading\n",
			Parsed{Title: "Field report 3", Published: "2021-04-02", Publisher: "Monitoring Group", URL: "https://mg.example.org/r3", Language: "en"},
		},
		{"unclosed front matter is text", "---\ntitle: x\n# Heading", Parsed{Title: "Heading"}},
		{"dateline fills the date", "Stepanakert, 8 October 2020 /ARKA/. Text.", Parsed{Published: "2020-10-08", Publisher: "ARKA"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse("r.md", []byte(tt.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			want.MediaType, want.Text = TypeMarkdown, tt.src
			if *p != want {
				t.Errorf("Parse = %+v\nwant    %+v", *p, want)
			}
		})
	}
}

// TestReadableRecovers checks that a panic inside readability becomes an
// error.
func TestReadableRecovers(t *testing.T) {
	text, err := readable(nil, "")
	if err == nil || !strings.HasPrefix(err.Error(), "readability failed") || text != "" {
		t.Errorf("readable(nil) = %q, %v; want a readability error", text, err)
	}
}

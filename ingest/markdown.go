package ingest

import (
	"strings"
)

// parseMarkdown keeps the Markdown source as the text and takes the title
// from the first level-one heading ("# Title" or a "===" underline), and
// title, date, publisher, URL and language from YAML front matter if any.
func parseMarkdown(src string) *Parsed {
	p := &Parsed{MediaType: TypeMarkdown, Text: src}
	body := frontMatter(src, p)
	fenced := false
	prev := ""
	for line := range strings.Lines(body) {
		line = strings.TrimRight(line, "\r\n")
		trim := strings.TrimLeft(line, " ")
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			fenced = !fenced
		}
		switch {
		case fenced || len(line)-len(trim) > 3:
		case strings.HasPrefix(trim, "# ") || trim == "#":
			if p.Title == "" {
				p.Title = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(trim[1:]), "#"))
			}
		case prev != "" && strings.Trim(trim, "=") == "" && trim != "":
			if p.Title == "" {
				p.Title = strings.TrimSpace(prev)
			}
		}
		if p.Title != "" {
			break
		}
		prev = line
	}
	return p
}

// frontMatter reads "key: value" lines of YAML front matter into p and
// returns the source after it.
func frontMatter(src string, p *Parsed) string {
	rest, ok := strings.CutPrefix(src, "---\n")
	if !ok {
		rest, ok = strings.CutPrefix(src, "---\r\n")
	}
	if !ok {
		return src
	}
	end := -1
	var fields = map[string]string{}
	off := 0
	for line := range strings.Lines(rest) {
		off += len(line)
		l := strings.TrimRight(line, "\r\n")
		if l == "---" || l == "..." {
			end = off
			break
		}
		k, v, ok := strings.Cut(l, ":")
		if !ok || strings.HasPrefix(k, " ") {
			continue
		}
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		k = strings.ToLower(strings.TrimSpace(k))
		if _, seen := fields[k]; !seen && v != "" {
			fields[k] = v
		}
	}
	if end < 0 {
		return src
	}
	p.Title = fields["title"]
	p.Published = isoDate(first(fields["date"], fields["published"]))
	p.Publisher = first(fields["publisher"], fields["source"])
	if u := first(fields["url"], fields["source_url"]); isWebURL(u) {
		p.URL = u
	}
	p.Language = langTag(first(fields["lang"], fields["language"]))
	return rest[end:]
}

package ingest

import (
	"encoding/json"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/language"
)

// pageFacts gathers what an HTML page says about itself, by source, so
// pageMeta can pick by precedence.
type pageFacts struct {
	meta      map[string]string // first content of each <meta> property/name, lower-cased key
	title     string            // <title>
	canonical string            // <link rel=canonical>
	lang      string            // <html lang>
	timeAttr  string            // first <time datetime>
	ld        ldFacts
}

// ldFacts is what JSON-LD says of the page's article.
type ldFacts struct {
	headline, published, publisher, url string
	rank                                int // how article-like the type it came from is
}

// pageMeta reads a page's title, publisher, publication date, canonical URL
// and language from its metadata.
func pageMeta(doc *html.Node) *Parsed {
	f := pageFacts{meta: map[string]string{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			f.element(n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	m := f.meta
	p := &Parsed{}
	p.Title = first(m["og:title"], f.ld.headline, m["twitter:title"], m["dc.title"], f.title)
	p.Publisher = first(m["og:site_name"], f.ld.publisher, m["publisher"], m["dc.publisher"], m["application-name"])
	for _, d := range []string{
		m["article:published_time"], f.ld.published, m["date"], m["pubdate"], m["publishdate"],
		m["publish-date"], m["dc.date.issued"], m["dc.date"], m["citation_publication_date"],
		m["parsely-pub-date"], m["sailthru.date"], f.timeAttr,
	} {
		if iso := isoDate(d); iso != "" {
			p.Published = iso
			break
		}
	}
	for _, u := range []string{f.canonical, m["og:url"], f.ld.url} {
		if isWebURL(u) {
			p.URL = u
			break
		}
	}
	p.Language = langTag(first(f.lang, m["content-language"], m["og:locale"], m["dc.language"]))
	return p
}

func (f *pageFacts) element(n *html.Node) {
	switch n.DataAtom {
	case atom.Html:
		f.lang = attr(n, "lang")
	case atom.Title:
		if f.title == "" {
			f.title = collapse(textOf(n))
		}
	case atom.Meta:
		key := first(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"), attr(n, "http-equiv"))
		key = strings.ToLower(strings.TrimSpace(key))
		if v := collapse(attr(n, "content")); key != "" && v != "" && f.meta[key] == "" {
			f.meta[key] = v
		}
	case atom.Link:
		if f.canonical == "" && strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") {
			f.canonical = strings.TrimSpace(attr(n, "href"))
		}
	case atom.Time:
		if f.timeAttr == "" {
			f.timeAttr = strings.TrimSpace(attr(n, "datetime"))
		}
	case atom.Script:
		if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
			var v any
			if json.Unmarshal([]byte(textOf(n)), &v) == nil {
				f.ld.visit(v, 0)
			}
		}
	}
}

// Ranks of JSON-LD types: an article's own facts beat a web page's.
var ldRank = map[string]int{
	"newsarticle": 4, "reportagenewsarticle": 4, "analysisnewsarticle": 4, "report": 4,
	"article": 3, "blogposting": 3, "socialmediaposting": 2, "webpage": 1,
}

// visit walks decoded JSON-LD, keeping the facts of the most article-like
// object (objects nested in @graph or arrays count; depth is bounded).
func (l *ldFacts) visit(v any, depth int) {
	if depth > 16 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			l.visit(x, depth+1)
		}
	case map[string]any:
		if g, ok := v["@graph"]; ok {
			l.visit(g, depth+1)
		}
		rank := 0
		for _, t := range strs(v["@type"]) {
			rank = max(rank, ldRank[strings.ToLower(t)])
		}
		if rank == 0 || rank <= l.rank {
			return
		}
		l.rank = rank
		l.headline = first(str(v["headline"]), str(v["name"]))
		l.published = first(str(v["datePublished"]), str(v["dateCreated"]))
		l.url = first(str(v["url"]), str(v["mainEntityOfPage"]))
		if m, ok := v["mainEntityOfPage"].(map[string]any); ok && l.url == "" {
			l.url = first(str(m["@id"]), str(m["url"]))
		}
		l.publisher = ""
		switch p := v["publisher"].(type) {
		case string:
			l.publisher = collapse(p)
		case map[string]any:
			l.publisher = str(p["name"])
		case []any:
			if len(p) > 0 {
				if m, ok := p[0].(map[string]any); ok {
					l.publisher = str(m["name"])
				}
			}
		}
	}
}

func str(v any) string {
	s, _ := v.(string)
	return collapse(s)
}

func strs(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

// attrOK returns the value of n's attribute key and whether n has it.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf is the text inside n, scripts' and titles' included.
func textOf(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}

func first(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// langTag canonicalises a language tag ("en_US" → "en-US"), or returns ""
// for one that is not a tag.
func langTag(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if s == "" {
		return ""
	}
	t, err := language.Parse(s)
	if err != nil || t == language.Und {
		return ""
	}
	return t.String()
}

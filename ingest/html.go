package ingest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxReadabilityElems is the largest page handed to readability, whose
// scoring grows faster than the page; larger pages get the simpler
// boilerplate filter.
const maxReadabilityElems = 50000

// parseHTML extracts the main text and metadata of an HTML page.
func parseHTML(ctx context.Context, name, src string, opt Options) (*Parsed, error) {
	if err := checkDepth(src, opt.MaxDepth); err != nil {
		return nil, fail(name, KindTooDeep, "%s", err)
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, fail(name, KindMalformed, "malformed HTML: %v", err)
	}
	depth, elems := treeShape(doc)
	if depth > 2*opt.MaxDepth {
		return nil, fail(name, KindTooDeep, "HTML nested deeper than %d elements", opt.MaxDepth)
	}
	if ctx.Err() != nil {
		return nil, stopped(ctx, name, opt)
	}
	p := pageMeta(doc)
	p.MediaType = TypeHTML
	if elems <= maxReadabilityElems {
		stripClutter(doc)
		if p.Text, err = readable(doc, p.URL); err != nil {
			return nil, fail(name, KindMalformed, "HTML could not be read: %v", oneLine(err.Error()))
		}
	}
	if p.Text == "" {
		// readability found no article (or the page is too large for it):
		// keep the page's text without its usual boilerplate.
		if doc, err = html.Parse(strings.NewReader(src)); err != nil {
			return nil, fail(name, KindMalformed, "malformed HTML: %v", err)
		}
		p.Text = cleanText(render.InnerText(stripBoilerplate(doc)))
	}
	if p.Text == "" {
		return nil, fail(name, KindNoText, "HTML has no text")
	}
	if ctx.Err() != nil {
		return nil, stopped(ctx, name, opt)
	}
	return p, nil
}

// stopped says why work on name stopped once ctx is done: the time limit,
// or the caller's cancelling.
func stopped(ctx context.Context, name string, opt Options) *Error {
	if errors.Is(ctx.Err(), context.Canceled) {
		return &Error{File: name, Kind: KindTimeout, Reason: "cancelled", Err: ctx.Err()}
	}
	return &Error{File: name, Kind: KindTimeout, Reason: fmt.Sprintf("took longer than the %s limit", opt.Timeout), Err: ctx.Err()}
}

// readable runs readability on doc (changing it) and returns the article's
// text, or "" when it finds none. A panic inside readability is an error.
func readable(doc *html.Node, pageURL string) (text string, err error) {
	defer func() {
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("readability failed: %v", r)
		}
	}()
	u, _ := url.Parse(pageURL)
	if u == nil || u.Host == "" {
		u = &url.URL{Scheme: "http", Host: "localhost", Path: "/"}
	}
	ps := readability.NewParser()
	ps.MaxElemsToParse = maxReadabilityElems
	art, err := ps.ParseAndMutate(doc, u)
	if err != nil || art.Node == nil {
		return "", nil
	}
	return cleanText(render.InnerText(art.Node)), nil
}

// Elements whose end tag may be left out: a new one closes the last, so
// they do not nest deeper on their own.
var optionalEnd = map[atom.Atom]bool{
	atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true, atom.Option: true,
	atom.Optgroup: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Thead: true,
	atom.Tbody: true, atom.Tfoot: true, atom.Colgroup: true, atom.Caption: true,
	atom.Rb: true, atom.Rt: true, atom.Rp: true, atom.Html: true, atom.Head: true, atom.Body: true,
}

var voidElems = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true,
	atom.Hr: true, atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true,
	atom.Param: true, atom.Source: true, atom.Track: true, atom.Wbr: true, atom.Keygen: true,
}

// checkDepth refuses HTML that opens more than max nested elements, before
// the tree builder (whose work grows with the square of the depth) sees it.
// It tokenizes once, keeping a stack no deeper than max.
func checkDepth(src string, max int) error {
	z := html.NewTokenizer(strings.NewReader(src))
	stack := make([]atom.Atom, 0, 64)
	for {
		switch z.Next() {
		case html.ErrorToken:
			return nil
		case html.StartTagToken:
			tag, _ := z.TagName()
			a := atom.Lookup(tag)
			if voidElems[a] || optionalEnd[a] {
				continue
			}
			stack = append(stack, a)
			if len(stack) > max {
				return fmt.Errorf("HTML nested deeper than %d elements", max)
			}
		case html.EndTagToken:
			tag, _ := z.TagName()
			a := atom.Lookup(tag)
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i] == a {
					stack = stack[:i]
					break
				}
			}
		}
	}
}

// treeShape returns the depth and element count of a parsed tree, walking
// it without recursion.
func treeShape(doc *html.Node) (depth, elems int) {
	type item struct {
		n *html.Node
		d int
	}
	todo := []item{{doc, 0}}
	for len(todo) > 0 {
		it := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if it.n.Type == html.ElementNode {
			elems++
		}
		depth = max(depth, it.d)
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			todo = append(todo, item{c, it.d + 1})
		}
	}
	return depth, elems
}

// cleanText tidies rendered HTML text: no white space at line ends, at most
// one blank line between paragraphs, none at either end.
func cleanText(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	blank := 0
	for _, l := range lines {
		l = strings.TrimRight(l, " \t\u00a0")
		if strings.TrimSpace(l) == "" {
			blank++
			continue
		}
		if b.Len() > 0 {
			if blank > 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString("\n")
			}
		}
		blank = 0
		b.WriteString(strings.TrimLeft(l, " \t"))
	}
	return b.String()
}

// Words in class or id attributes ("site-header", "cookie_bar") that mark
// boilerplate.
var boilerWords = map[string]bool{
	"cookie": true, "consent": true, "gdpr": true, "banner": true, "newsletter": true,
	"subscribe": true, "share": true, "social": true, "related": true, "advert": true,
	"ad": true, "ads": true, "promo": true, "sidebar": true, "menu": true,
	"breadcrumb": true, "breadcrumbs": true, "comments": true, "footer": true,
	"header": true, "nav": true, "navigation": true, "popup": true, "modal": true,
}

// classWords splits n's class names and id into their words:
// "site-header main_nav" gives [site header], [main nav].
func classWords(n *html.Node) [][]string {
	var out [][]string
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, name := range strings.Fields(strings.ToLower(a.Val)) {
			out = append(out, strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }))
		}
	}
	return out
}

// stripBoilerplate removes scripts, navigation, headers, footers, asides,
// forms and elements named like ads or banners, and returns the node that
// holds the article: <article>, <main>, else <body>.
func stripBoilerplate(doc *html.Node) *html.Node {
	var drop []*html.Node
	var article, main, body *html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if isBoilerplate(n) {
				drop = append(drop, n)
				return
			}
			switch n.DataAtom {
			case atom.Article:
				if article == nil {
					article = n
				}
			case atom.Main:
				if main == nil {
					main = n
				}
			case atom.Body:
				body = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
	switch {
	case article != nil:
		return article
	case main != nil:
		return main
	case body != nil:
		return body
	}
	return doc
}

// Words that, opening a class or id ("ad-slot", "cookie_bar"), mark
// clutter readability may keep inside an article: ads, cookie and consent
// banners, share buttons, newsletter boxes, related-story links.
var clutterWords = map[string]bool{
	"ad": true, "ads": true, "advert": true, "adverts": true, "advertisement": true,
	"adsbygoogle": true, "sponsored": true, "promo": true, "cookie": true,
	"cookies": true, "consent": true, "gdpr": true, "newsletter": true,
	"share": true, "sharing": true, "social": true, "paywall": true,
	"related": true, "recommended": true, "trending": true, "outbrain": true, "taboola": true,
}

// stripClutter removes ads, banners and share boxes (by their class or id
// words) and dialogs from doc before readability scores it.
func stripClutter(doc *html.Node) {
	var drop []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && isClutter(n) {
			drop = append(drop, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	for _, n := range drop {
		n.Parent.RemoveChild(n)
	}
}

// isClutter reports whether n is clutter: a dialog, or an element a class
// or id of which begins with a clutter word ("ad-slot", "share_tools"; not
// "has-share-buttons"), unless it holds three paragraphs or more, as
// articles do and ads do not.
func isClutter(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Body, atom.Html, atom.Main, atom.Article:
		return false
	}
	clutter := attr(n, "role") == "dialog" || attr(n, "role") == "alertdialog"
	for _, words := range classWords(n) {
		if len(words) > 0 && clutterWords[words[0]] {
			clutter = true
		}
	}
	return clutter && countParagraphs(n, 3) < 3
}

// countParagraphs counts the <p> elements inside n, up to max.
func countParagraphs(n *html.Node, max int) int {
	count := 0
	for c := n.FirstChild; c != nil && count < max; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.P {
			count++
		}
		count += countParagraphs(c, max-count)
	}
	return count
}

// isBoilerplate reports whether the fallback extraction drops n: scripts,
// navigation, headers, footers, asides, forms, hidden elements, landmark
// roles other than main, and elements a class or id word of which marks
// boilerplate, unless they hold three paragraphs or more.
func isBoilerplate(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav, atom.Header,
		atom.Footer, atom.Aside, atom.Form, atom.Iframe, atom.Svg, atom.Button, atom.Select, atom.Dialog:
		return true
	}
	if _, hidden := attrOK(n, "hidden"); hidden || attr(n, "aria-hidden") == "true" {
		return true
	}
	switch attr(n, "role") {
	case "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert":
		return true
	}
	for _, words := range classWords(n) {
		for _, w := range words {
			if boilerWords[w] {
				return countParagraphs(n, 3) < 3
			}
		}
	}
	return false
}

// Package htmlcheck finds what in an HTML page could run script, load from
// elsewhere or restyle the page, for tests that render pages from hostile
// input; and it holds the hostile payloads those tests plant.
package htmlcheck

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
)

// Payload is one attack planted in a field that reaches a page.
type Payload struct {
	Name, Text string
}

// Payloads are attacks of each kind a page must withstand: script
// elements, event handlers, javascript: and data: URLs, SVG and CSS.
func Payloads() []Payload {
	return []Payload{
		{"script element", `<script>alert(1)</script>`},
		{"script, unclosed", `<script src=//evil.example/x.js>`},
		{"event handler", `<img src=x onerror=alert(1)>`},
		{"attribute break-out", `" autofocus onfocus="alert(1)`},
		{"single-quote break-out", `' onmouseover='alert(1)`},
		{"javascript URL", `javascript:alert(1)`},
		{"javascript URL, mixed case and spaced", " \tJaVaScRiPt:alert(1)"},
		{"data URL", `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`},
		{"SVG onload", `<svg onload=alert(1)>`},
		{"SVG script and link", `<svg><script>alert(1)</script><a xlink:href="javascript:alert(2)"><text>x</text></a></svg>`},
		{"SVG title break-out", `</title></svg><svg/onload=alert(1)>`},
		{"CSS element", `<style>body{background:url("javascript:alert(1)")}</style>`},
		{"CSS attribute", `" style="background:url(javascript:alert(1))`},
		{"CSS expression", `</textarea></title><style>*{x:expression(alert(1))}</style>`},
		{"iframe and meta refresh", `<iframe src="javascript:alert(1)"></iframe><meta http-equiv="refresh" content="0;url=javascript:alert(1)">`},
		{"comment and CDATA", `--><script>alert(1)</script><!--<![CDATA[`},
	}
}

// Executable lists what in page could run script, load from elsewhere or
// restyle it: script, style, iframe, object, embed, base and meta refresh
// elements (but for empty scripts loaded from /static/), stylesheet links
// other than to /static/, event-handler and
// style attributes, javascript:, vbscript: and data: URLs in any attribute
// that takes a URL, and absolute URLs in those other than href and action.
// It parses page as a browser would, so SVG content counts.
func Executable(page []byte) ([]string, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("parsing the page: %w", err)
	}
	var bad []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "script", "style", "iframe", "frame", "object", "embed", "base", "applet", "link":
			if n.Data == "link" && isOwnLink(n) || n.Data == "script" && isOwnScript(n) {
				break
			}
			bad = append(bad, fmt.Sprintf("<%s> element (%s)", n.Data, outer(n)))
		case "meta":
			for _, a := range n.Attr {
				if strings.EqualFold(a.Key, "http-equiv") && !strings.EqualFold(a.Val, "Content-Security-Policy") {
					bad = append(bad, "<meta http-equiv> element "+outer(n))
				}
			}
		}
		for _, a := range n.Attr {
			key := strings.ToLower(a.Key)
			// Browsers skip white space and control characters in a
			// URL's scheme ("java\nscript:").
			v := strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, strings.ToLower(a.Val))
			switch {
			case strings.HasPrefix(key, "on"):
				bad = append(bad, fmt.Sprintf("event handler %s=%q on <%s>", a.Key, a.Val, n.Data))
			case key == "style":
				bad = append(bad, fmt.Sprintf("style attribute %q on <%s>", a.Val, n.Data))
			case urlAttr(a) && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:")):
				bad = append(bad, fmt.Sprintf("%s=%q on <%s>", a.Key, a.Val, n.Data))
			case urlAttr(a) && key != "href" && key != "action" && strings.Contains(v, "//"):
				bad = append(bad, fmt.Sprintf("external %s=%q on <%s>", a.Key, a.Val, n.Data))
			}
		}
	}
	return bad, nil
}

// urlAttr reports whether an attribute holds a URL a browser follows.
func urlAttr(a html.Attribute) bool {
	switch strings.ToLower(a.Key) {
	case "href", "src", "action", "formaction", "srcset", "poster", "background", "data", "codebase", "cite":
		return true
	}
	return a.Namespace == "xlink" || strings.HasSuffix(strings.ToLower(a.Key), ":href")
}

// isOwnLink reports whether a <link> is a stylesheet or icon of the app's
// own (/static/).
func isOwnLink(n *html.Node) bool {
	rel, href := "", ""
	for _, a := range n.Attr {
		switch a.Key {
		case "rel":
			rel = a.Val
		case "href":
			href = a.Val
		}
	}
	return (rel == "stylesheet" || rel == "icon") && strings.HasPrefix(href, "/static/") && !strings.Contains(href, "//")
}

// isOwnScript reports whether a script element loads one of the app's own
// files (src under /static/, no other host, no path climbing) with no
// inline body: what the CSP's script-src 'self' allows and the templates
// write, never what a payload could.
func isOwnScript(n *html.Node) bool {
	if n.Namespace != "" || n.FirstChild != nil {
		return false
	}
	src, ok := "", false
	for _, a := range n.Attr {
		if a.Key == "src" {
			src, ok = a.Val, true
		}
	}
	return ok && strings.HasPrefix(src, "/static/") && !strings.Contains(src, "//") && !strings.Contains(src, "..")
}

// outer renders a node, clipped, for a message.
func outer(n *html.Node) string {
	var b strings.Builder
	_ = html.Render(&b, n)
	s := b.String()
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// Displays reports whether page shows want as text or in an attribute
// value (a title, say), white space collapsed.
func Displays(page []byte, want string) (bool, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return false, fmt.Errorf("parsing the page: %w", err)
	}
	want = collapse(want)
	for n := range doc.Descendants() {
		if n.Type == html.TextNode && strings.Contains(collapse(n.Data), want) {
			return true, nil
		}
		for _, a := range n.Attr {
			if strings.Contains(collapse(a.Val), want) {
				return true, nil
			}
		}
	}
	return false, nil
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// Raw returns the context of the first place payload appears verbatim in
// page, when it holds markup characters that escaping would have
// changed; "" when it does not.
func Raw(page []byte, payload string) string {
	if !strings.ContainsAny(payload, `<>"'`) {
		return ""
	}
	i := bytes.Index(page, []byte(payload))
	if i < 0 {
		return ""
	}
	from, to := max(0, i-80), min(len(page), i+len(payload)+40)
	return string(page[from:to])
}

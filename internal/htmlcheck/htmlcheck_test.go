package htmlcheck

import (
	"strings"
	"testing"
)

// TestExecutableCatches checks the checker: each page below holds one way
// to run script, load from elsewhere or restyle a page, and must be caught.
func TestExecutableCatches(t *testing.T) {
	tests := []struct{ name, page, want string }{
		{"script", `<p>x</p><script>alert(1)</script>`, "<script> element"},
		{"event handler", `<img src="/static/x.png" onerror="alert(1)">`, "event handler onerror"},
		{"javascript href with control characters", "<a href=\" \tjava\nscript:alert(1)\">x</a>", `href=`},
		{"SVG onload", `<svg onload="alert(1)"></svg>`, "event handler onload"},
		{"SVG xlink:href", `<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, `href=`},
		{"style element", `<style>*{}</style>`, "<style> element"},
		{"style attribute", `<p style="color:red">x</p>`, "style attribute"},
		{"external image", `<img src="//evil.example/x.png">`, "external src"},
		{"meta refresh", `<meta http-equiv="refresh" content="0;url=/">`, "<meta http-equiv>"},
		{"data URL", `<a href="data:text/html,x">x</a>`, `href=`},
		{"vbscript URL", `<form action="vbscript:x"></form>`, `action=`},
		{"external stylesheet", `<link rel="stylesheet" href="https://evil.example/x.css">`, "<link> element"},
		{"iframe", `<iframe src="/x"></iframe>`, "<iframe> element"},
		{"base", `<base href="https://evil.example/">`, "<base> element"},
		{"external script", `<script src="//evil.example/x.js"></script>`, "<script> element"},
		{"own script with an inline body", `<script src="/static/upload.js">alert(1)</script>`, "<script> element"},
		{"script climbing out of /static/", `<script src="/static/../api/x"></script>`, "<script> element"},
		{"SVG script from /static/", `<svg><script src="/static/upload.js"></script></svg>`, "<script> element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad, err := Executable([]byte(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(bad, "; "), tt.want) {
				t.Errorf("Executable(%q) = %q, want a finding with %q", tt.page, bad, tt.want)
			}
		})
	}
}

func TestCleanPage(t *testing.T) {
	clean := `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'">` +
		`<link rel="stylesheet" href="/static/style.css"><script src="/static/upload.js" defer></script></head><body><a href="/x?a=1">x</a> &lt;script&gt; ` +
		`<svg class="map"><title>t</title><a href="/incidents/1"><circle r="3"/></a></svg></body></html>`
	bad, err := Executable([]byte(clean))
	if err != nil || len(bad) > 0 {
		t.Errorf("a clean page: %q, %v", bad, err)
	}
	tests := []struct {
		name, page, payload string
		raw                 bool
	}{
		{"escaped", clean, "<script>", false},
		{"raw", `<p><script></p>`, "<script>", true},
		{"no markup characters", `<p>javascript:alert(1)</p>`, "javascript:alert(1)", false},
	}
	for _, tt := range tests {
		if got := Raw([]byte(tt.page), tt.payload) != ""; got != tt.raw {
			t.Errorf("%s: Raw = %v, want %v", tt.name, got, tt.raw)
		}
	}
}

func TestDisplays(t *testing.T) {
	page := []byte(`<p title="note &lt;b&gt;">title   &lt;script&gt;alert(1)&lt;/script&gt;</p>`)
	for want, ok := range map[string]bool{
		"title <script>alert(1)</script>": true, // text, white space collapsed
		"note <b>":                        true, // an attribute value
		"absent":                          false,
	} {
		got, err := Displays(page, want)
		if err != nil || got != ok {
			t.Errorf("Displays(%q) = %v, %v; want %v", want, got, err, ok)
		}
	}
}

func TestPayloadsCoverEveryKind(t *testing.T) {
	all := ""
	for _, p := range Payloads() {
		all += p.Text + "\n"
	}
	for _, kind := range []string{"<script", "onerror=", "javascript:", "<svg", "<style", "style=", "data:"} {
		if !strings.Contains(strings.ToLower(all), strings.ToLower(kind)) {
			t.Errorf("no payload has %q", kind)
		}
	}
}

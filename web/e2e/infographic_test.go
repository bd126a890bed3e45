package e2e

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image"
	_ "image/png" // decode the PNG infographic
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// infographicPaths are the routes of the infographic, one per format.
func infographicPaths() []string { return []string{"/api/infographic.svg", "/api/infographic.png"} }

// testInfographic downloads the infographic with the dashboard's buttons
// (or, lacking them, the printable report's), checks that each file is a
// well-formed SVG or a PNG that decodes, and opens the printable report.
func testInfographic(t *testing.T, a *app, ctx context.Context) {
	for _, p := range infographicPaths() {
		res, err := a.client.Get(a.url + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusNotFound || res.StatusCode == http.StatusMethodNotAllowed {
			t.Skipf("GET %s answers %s: the web app does not serve the infographic yet", p, res.Status)
		}
	}
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: ptr(true),
	}); err != nil {
		t.Fatal(err)
	}
	a.visit(t, ctx, "/")
	buttons := eval[[]downloadLink](t, ctx, infographicLinks)
	report := eval[string](t, ctx, `(document.querySelector('a[href^="/report"]') || {getAttribute: () => ''}).getAttribute('href')`)
	if len(buttons) == 0 && report == "" {
		t.Skip(`the dashboard links neither to /api/infographic.svg|.png (a "download the infographic" button) nor to the /report page yet`)
	}
	downloadAll(t, ctx, dir, buttons)
	if report == "" {
		return
	}
	// The printable report shows the infographic and offers it too.
	submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(fmt.Sprintf(`a[href=%q]`, report))))
	shown := eval[int](t, ctx, `[...document.querySelectorAll('img[src^="/api/infographic"], svg')].filter(e => e.tagName !== 'IMG' || (e.complete && e.naturalWidth > 0)).length`)
	if shown == 0 {
		t.Errorf("the report %s shows no infographic", report)
	}
	if len(buttons) == 0 {
		downloadAll(t, ctx, dir, eval[[]downloadLink](t, ctx, infographicLinks))
	}
}

// downloadLink is a link to the infographic.
type downloadLink struct {
	Href     string `json:"href"`
	Download bool   `json:"download"`
	Text     string `json:"text"`
}

// infographicLinks reads a page's links to the infographic.
const infographicLinks = `[...document.querySelectorAll('a[href^="/api/infographic"]')].map(a => ({href: a.getAttribute('href'), download: a.hasAttribute('download'), text: a.textContent.trim()}))`

// downloadAll downloads the infographic through each link, which must
// cover both formats, and checks each file.
func downloadAll(t *testing.T, ctx context.Context, dir string, links []downloadLink) {
	t.Helper()
	formats := map[string]bool{}
	for _, l := range links {
		path, _, _ := strings.Cut(l.Href, "?")
		formats[path] = true
		t.Run(strings.TrimPrefix(path, "/api/"), func(t *testing.T) {
			if l.Text == "" {
				t.Errorf("the link to %s has no text", l.Href)
			}
			if !l.Download {
				t.Errorf("the link to %s lacks the download attribute: it would replace the page with the file", l.Href)
				return
			}
			name, data := download(t, ctx, dir, fmt.Sprintf(`a[href=%q]`, l.Href))
			t.Logf("%s saved as %q (%d bytes)", l.Href, name, len(data))
			if ext := filepath.Ext(path); filepath.Ext(name) != ext {
				t.Errorf("the browser saves %s as %q, without the %s extension", l.Href, name, ext)
			}
			switch path {
			case "/api/infographic.svg":
				checkSVG(t, data)
			case "/api/infographic.png":
				cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("the PNG does not decode: %v", err)
				}
				if cfg.Width < 320 || cfg.Height < 320 {
					t.Errorf("the PNG is %d×%d, too small to read", cfg.Width, cfg.Height)
				}
			default:
				t.Errorf("link %s: neither the SVG nor the PNG route", l.Href)
			}
		})
	}
	for _, p := range infographicPaths() {
		if !formats[p] {
			t.Errorf("no link downloads %s", p)
		}
	}
}

// download clicks the link sel and returns the name the browser was
// given for the file and the bytes it saved.
func download(t *testing.T, ctx context.Context, dir, sel string) (name string, data []byte) {
	t.Helper()
	begin := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
		t.Fatal(err)
	}
	var guid string
	for ev, err := range begin {
		if err != nil {
			t.Fatalf("waiting for the download of %s to begin: %v", sel, err)
		}
		name, guid = ev.SuggestedFilename, ev.GUID
		break
	}
	for ev, err := range progress {
		if err != nil {
			t.Fatalf("waiting for the download of %s: %v", sel, err)
		}
		if ev.GUID != guid {
			continue
		}
		switch ev.State {
		case browser.DownloadProgressStateCanceled:
			t.Fatalf("the download of %s was cancelled", sel)
		case browser.DownloadProgressStateCompleted:
			path := ev.FilePath
			if path == "" {
				path = filepath.Join(dir, ev.GUID)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			return name, data
		}
	}
	t.Fatalf("no download from %s", sel)
	return "", nil
}

// checkSVG checks that data is well-formed XML whose root is an svg
// element with a size, with no script, that loads nothing from elsewhere.
func checkSVG(t *testing.T, data []byte) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var root *xml.StartElement
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if root == nil {
			root = &se
		}
		switch se.Name.Local {
		case "script", "foreignObject":
			t.Errorf("the SVG has a %s element", se.Name.Local)
		case "image", "use", "feImage":
			for _, at := range se.Attr {
				if at.Name.Local == "href" && !strings.HasPrefix(at.Value, "#") && !strings.HasPrefix(at.Value, "data:") {
					t.Errorf("the SVG's %s loads %s: a shared file must stand alone", se.Name.Local, at.Value)
				}
			}
		}
	}
	if root == nil || root.Name.Local != "svg" {
		t.Fatalf("the SVG's root element is %v", root)
	}
	sized := false
	for _, at := range root.Attr {
		sized = sized || at.Name.Local == "viewBox" || at.Name.Local == "width"
	}
	if !sized {
		t.Error("the SVG's root has neither a viewBox nor a width")
	}
}

func ptr[T any](v T) *T { return &v }

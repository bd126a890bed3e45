package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumEnv names a browser binary explicitly, overriding the search.
const chromiumEnv = "HARMLOG_CHROMIUM"

// browserNames are the binaries looked for on PATH, Debian's first.
func browserNames() []string {
	return []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless_shell", "headless-shell"}
}

// findChromium returns the browser binary to run, or "" when there is none.
func findChromium(getenv func(string) string) string {
	if p := getenv(chromiumEnv); p != "" {
		return p
	}
	for _, name := range browserNames() {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts one headless Chromium for the test and its subtests,
// with a fresh profile. With no browser installed it skips the test, except
// under CI (CI set), where a skip would hide that nothing ran. The browser
// is closed when the test ends.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	bin := findChromium(os.Getenv)
	if bin == "" && os.Getenv("CI") != "" {
		t.Fatalf("no Chromium found under CI (looked for %s on PATH; %s unset): .ci/run should have installed Debian's chromium",
			strings.Join(browserNames(), ", "), chromiumEnv)
	}
	if bin == "" {
		t.Skipf("no Chromium found (looked for %s on PATH; set %s to a browser binary): "+
			"install Debian's chromium package to run the browser tests, as .ci/run does",
			strings.Join(browserNames(), ", "), chromiumEnv)
	}
	profile := t.TempDir()
	// Flags for a root user on a machine with no network beyond loopback:
	// no sandbox (root), no GPU, and nothing that phones home.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc() // waits for the browser process to end
	})
	start := time.Now()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	t.Logf("browser %s started in %v", bin, time.Since(start).Round(time.Millisecond))
	return ctx
}

// watcher collects what a tab reports as going wrong: console.error and
// console.assert calls, uncaught exceptions, and error-level entries of the
// browser log (failed loads, Content-Security-Policy violations).
type watcher struct {
	mu       sync.Mutex
	problems []string
}

// listen is the tab's event listener; it runs in the tab's event loop,
// so it only records.
func (w *watcher) listen(ev any) {
	var p string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var args []string
		for _, a := range ev.Args {
			switch {
			case len(a.Value) > 0:
				args = append(args, strings.Trim(string(a.Value), `"`))
			case a.Description != "":
				args = append(args, a.Description)
			}
		}
		p = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " "))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		p = "uncaught exception: " + d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			p += " " + d.Exception.Description
		}
		if d.URL != "" {
			p += fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber+1)
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level != log.EntryLevelError {
			return
		}
		p = fmt.Sprintf("browser log (%s): %s", ev.Entry.Source, ev.Entry.Text)
		if ev.Entry.URL != "" {
			p += " [" + ev.Entry.URL + "]"
		}
	default:
		return
	}
	w.mu.Lock()
	w.problems = append(w.problems, p)
	w.mu.Unlock()
}

func (w *watcher) list() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.problems...)
}

// cspReporter runs in every document before the page's own scripts (it is
// injected by the DevTools protocol, so the page's CSP does not apply to
// it) and turns each CSP violation into a console error, so that one is
// caught even where the browser itself logs it at a lower level.
const cspReporter = `document.addEventListener('securitypolicyviolation', function (e) {
	console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`

// settle waits for the current document to finish its pending work (an
// animation frame and a task), so that its console messages and violation
// reports have been delivered.
const settle = `new Promise(function (resolve) { requestAnimationFrame(function () { setTimeout(function () { resolve(true); }, 50); }); })`

// openTab opens a fresh tab in the browser of ctx with a watcher on it;
// the tab is closed when the test ends.
func openTab(t *testing.T, browser context.Context) (context.Context, *watcher) {
	t.Helper()
	w := &watcher{}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithListener(w.listen))
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 45*time.Second)
	t.Cleanup(cancelTimeout)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspReporter}); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx, w
}

// tab opens a fresh watched tab; when the test ends, after the page has
// settled, the test fails on every problem the watcher saw.
func tab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, w := openTab(t, browser)
	t.Cleanup(func() {
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](settle, chromedp.EvalAwaitPromise)); err != nil && ctx.Err() == nil {
			t.Errorf("settle the page: %v", err)
		}
		for _, p := range w.list() {
			t.Errorf("the page reported a problem: %s", p)
		}
	})
	return ctx
}

// TestFindChromium checks the browser lookup: the variable first, then
// the names on PATH in their order, else none (the tests then skip).
func TestFindChromium(t *testing.T) {
	exe := func(dir, name string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	both, shellOnly, empty := t.TempDir(), t.TempDir(), t.TempDir()
	exe(both, "headless_shell")
	chrome := exe(both, "google-chrome")
	shell := exe(shellOnly, "headless_shell")
	tests := []struct {
		name, env, path, want string
	}{
		{"the variable wins", "/opt/chrome/chrome", both, "/opt/chrome/chrome"},
		{"Chrome before headless_shell", "", both, chrome},
		{"headless_shell alone", "", shellOnly, shell},
		{"nothing on PATH", "", empty, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("PATH", tc.path)
			got := findChromium(func(k string) string {
				if k == chromiumEnv {
					return tc.env
				}
				return ""
			})
			if got != tc.want {
				t.Errorf("findChromium = %q, want %q", got, tc.want)
			}
		})
	}
}

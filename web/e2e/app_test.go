package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/harmlog/harmlog/extract"
	"github.com/harmlog/harmlog/gazetteer"
	"github.com/harmlog/harmlog/ingest"
	"github.com/harmlog/harmlog/internal/cli"
	"github.com/harmlog/harmlog/party"
	"github.com/harmlog/harmlog/store"
	"github.com/harmlog/harmlog/web"
)

// TestMain lets this test binary serve as the PDF worker process that
// ingest starts (uploads go through ingest), as the harmlog binary does.
func TestMain(m *testing.M) {
	ingest.RunPDFWorkerIfRequested()
	os.Exit(m.Run())
}

// buildDemo makes the demo store exactly as `harmlog demo --no-serve`
// does (ingest the demo reports, import the demo claims, link) and returns
// the path of the closed SQLite file, for each scenario to copy.
func buildDemo(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "demo")
	var out bytes.Buffer
	code := cli.Main(context.Background(), []string{"demo", "--dir", dir, "--no-serve"}, cli.IO{
		In: strings.NewReader(""), Out: &out, Err: &out,
		Getenv: func(string) string { return "" },
	})
	if code != cli.ExitOK {
		t.Fatalf("harmlog demo: exit %d\n%s", code, out.String())
	}
	return filepath.Join(dir, "harmlog.db")
}

// app is the web app on a private copy of the demo store, served on
// 127.0.0.1.
type app struct {
	url    string
	st     *store.Store
	client *http.Client
}

// appOption changes the store or the configuration of an app before it
// starts.
type appOption func(t *testing.T, st *store.Store, cfg *web.Config)

// newApp copies the demo store into a fresh folder and serves the web app
// on it, as `harmlog demo` does (loopback only; no accounts unless an
// option adds them).
func newApp(t *testing.T, demoDB string, gz *gazetteer.Gazetteer, opts ...appOption) *app {
	t.Helper()
	db := filepath.Join(t.TempDir(), "harmlog.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(demoDB + suffix)
		if os.IsNotExist(err) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(db+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	cfg := web.Config{
		Store: st, Gazetteer: gz, Extractor: extract.New(extract.Options{Places: gz}), Parties: party.Default(),
		LoopbackOnly: true,
		Logger:       slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn})),
	}
	for _, o := range opts {
		o(t, st, &cfg)
	}
	h, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return &app{url: srv.URL, st: st, client: srv.Client()}
}

// testWriter sends the server's warnings and errors to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log("server: " + strings.TrimSpace(string(p)))
	return len(p), nil
}

// getJSON fetches an API path of the app into v.
func (a *app) getJSON(t *testing.T, path string, v any) {
	t.Helper()
	res, err := a.client.Get(a.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s: %s", path, res.Status, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// visit loads a page of the app in the tab, checks that it answered 200
// and passes the page checks.
func (a *app) visit(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(a.url+path))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	if res.Status != http.StatusOK {
		t.Fatalf("open %s: HTTP %d", path, res.Status)
	}
	checkPage(t, ctx)
}

// submit runs the actions (a click, a key press) that send a form or
// follow a link, waits for the page that answers, and checks it.
func submit(t *testing.T, ctx context.Context, want int, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	res, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	if int(res.Status) != want {
		t.Fatalf("submit: HTTP %d from %s, want %d", res.Status, res.URL, want)
	}
	checkPage(t, ctx)
}

// eval runs a JavaScript expression in the tab and decodes its value.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %.60q: %v", js, err)
	}
	return v
}

// pageReport is what checkPage reads of a page.
type pageReport struct {
	Lang       string   `json:"lang"`
	H1         int      `json:"h1"`
	Unlabelled []string `json:"unlabelled"` // form controls no label names
	Nameless   []string `json:"nameless"`   // buttons and links with no text
	AccessKeys []string `json:"accessKeys"`
}

// pageChecks reads what a keyboard or screen-reader user relies on.
const pageChecks = `(() => {
	const controls = [...document.querySelectorAll('input:not([type=hidden]), select, textarea')];
	const named = el => (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || '').trim() !== '';
	return {
		lang: document.documentElement.lang,
		h1: document.querySelectorAll('h1').length,
		unlabelled: controls.filter(c => c.labels.length === 0 && !named(c)).map(c => c.outerHTML),
		nameless: [...document.querySelectorAll('button, a[href]')].filter(b => b.textContent.trim() === '' && !named(b) && !b.querySelector('title, img[alt]')).map(b => b.outerHTML),
		accessKeys: [...document.querySelectorAll('[accesskey]')].map(e => e.getAttribute('accesskey')),
	};
})()`

// checkPage checks the loaded page for the basics of keyboard and
// screen-reader use: a language, one h1, a label on every form control, a
// name on every button and link, and no access key used twice.
func checkPage(t *testing.T, ctx context.Context) {
	t.Helper()
	r := eval[pageReport](t, ctx, pageChecks)
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if r.Lang == "" {
		t.Errorf("%s: <html> has no lang", loc)
	}
	if r.H1 != 1 {
		t.Errorf("%s: %d h1 elements, want 1", loc, r.H1)
	}
	for _, c := range r.Unlabelled {
		t.Errorf("%s: form control without a label: %s", loc, c)
	}
	for _, c := range r.Nameless {
		t.Errorf("%s: button or link without a name: %s", loc, c)
	}
	seen := map[string]bool{}
	for _, k := range r.AccessKeys {
		if seen[strings.ToLower(k)] {
			t.Errorf("%s: access key %q used twice", loc, k)
		}
		seen[strings.ToLower(k)] = true
	}
}

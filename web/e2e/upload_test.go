package e2e

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// uploadFile is the absolute path of a file of testdata/upload.
func uploadFile(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("testdata", "upload", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// uploadRows reads the #results table of the page, a row of cell texts
// per file.
const uploadRows = `[...document.querySelectorAll('#results tbody tr')].map(tr => [...tr.cells].map(td => td.textContent.trim()))`

// scriptedUpload is what the upload page's script shows of one upload.
type scriptedUpload struct {
	Rows   [][]string `json:"rows"`
	Seen   [][]string `json:"seen"`   // the states each row went through, in order
	Bars   []bar      `json:"bars"`   // the progress bar of each row
	Status string     `json:"status"` // the live region's last announcement
	Path   string     `json:"path"`   // the page's path afterwards
}

type bar struct {
	Label string  `json:"label"`
	Value float64 `json:"value"`
	Max   float64 `json:"max"`
}

// uploadWithScript chooses files in the upload form of the open page and
// submits it with upload.js on, then waits until every file's row has its
// answer, recording the states each row goes through.
func uploadWithScript(t *testing.T, ctx context.Context, files []string) scriptedUpload {
	t.Helper()
	eval[bool](t, ctx, `(() => {
		const body = document.querySelector('#results tbody');
		window.seenStates = [];
		new MutationObserver(ms => ms.forEach(m => {
			if (m.type !== 'attributes') return;
			const i = [...body.rows].indexOf(m.target);
			(window.seenStates[i] = window.seenStates[i] || []).push(m.target.getAttribute('data-state'));
		})).observe(body, {attributes: true, attributeFilter: ['data-state'], subtree: true});
		return true;
	})()`)
	if err := chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.CSS(`input[type=file][name=file]`), files),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
	); err != nil {
		t.Fatal(err)
	}
	eval[bool](t, ctx, fmt.Sprintf(`new Promise(resolve => {
		const check = () => {
			const rows = [...document.querySelectorAll('#results tbody tr')];
			if (rows.length === %d && rows.every(tr => ['done', 'failed'].includes(tr.getAttribute('data-state')))) resolve(true);
			else setTimeout(check, 20);
		};
		check();
	})`, len(files)))
	return eval[scriptedUpload](t, ctx, `({
		rows: `+uploadRows+`,
		seen: [...document.querySelectorAll('#results tbody tr')].map((_, i) => window.seenStates[i] || []),
		bars: [...document.querySelectorAll('#results tbody tr')].map(tr => {
			const p = tr.querySelector('progress');
			return p ? {label: p.getAttribute('aria-label') || '', value: p.value, max: p.max} : {label: '', value: -1, max: 0};
		}),
		status: document.querySelector('#upload-status[role=status]').textContent,
		path: location.pathname,
	})`)
}

// testUpload uploads two files through the upload page, one report and one
// empty file: with scripts, one request per file with a progress bar
// each; then without scripts, as a plain form, where the report is
// already stored.
func testUpload(t *testing.T, a *app, ctx context.Context) {
	report, empty := uploadFile(t, "hadrut-2020-09-27.txt"), uploadFile(t, "empty.txt")
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	a.visit(t, ctx, "/upload")
	if multiple := eval[bool](t, ctx, `document.querySelector('input[type=file][name=file]').multiple`); !multiple {
		t.Error("the file input does not take several files")
	}
	up := uploadWithScript(t, ctx, []string{report, empty})
	if up.Path != "/upload" {
		t.Errorf("the scripted upload left the page for %s", up.Path)
	}
	rows := up.Rows
	if len(rows) != 2 || len(rows[0]) != 4 || len(rows[1]) != 4 {
		t.Fatalf("results %q, want one row of 4 cells per file", rows)
	}
	for i, name := range []string{filepath.Base(report), filepath.Base(empty)} {
		b := up.Bars[i]
		if !strings.Contains(b.Label, name) || b.Max <= 0 || b.Value != b.Max {
			t.Errorf("%s: progress bar %+v, want one labelled with the file's name and full", name, b)
		}
		if !slices.Contains(up.Seen[i], "uploading") || !slices.Contains(up.Seen[i], "extracting") {
			t.Errorf("%s: states %q, want uploading then extracting before the answer", name, up.Seen[i])
		}
	}
	if want := "All 2 files done: 1 stored, 1 failed."; !strings.HasPrefix(up.Status, want) {
		t.Errorf("status %q, want it to start %q", up.Status, want)
	}
	stored := regexp.MustCompile(`^stored as document (\d+)$`)
	m := stored.FindStringSubmatch(rows[0][1])
	if rows[0][0] != filepath.Base(report) || m == nil || rows[0][2] == "0" || rows[0][3] != hex.EncodeToString(sum[:]) {
		t.Errorf("the report's row %q: want it stored with claims and SHA-256 %x", rows[0], sum)
	}
	if rows[1][0] != "empty.txt" || !strings.HasPrefix(rows[1][1], "failed: ") || !strings.Contains(rows[1][1], "empty") {
		t.Errorf("the empty file's row %q: want it failed as empty", rows[1])
	}
	if m == nil {
		return
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	doc, err := a.st.Document(context.Background(), id, true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc.Original, data) {
		t.Errorf("document %d holds %d bytes, not the uploaded file's %d", id, len(doc.Original), len(data))
	}
	// The result links to the stored document, with its claims highlighted.
	submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(fmt.Sprintf(`#results a[href="/documents/%d"]`, id))))
	if n := eval[int](t, ctx, `document.querySelectorAll('.doc-text mark').length`); n == 0 {
		t.Errorf("document %d shows no highlighted claim; the upload reported %s claim(s)", id, rows[0][2])
	}

	// Without scripts the form posts both files at once and the server
	// renders the same table: the report is now already stored.
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	a.visit(t, ctx, "/upload")
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS(`input[type=file][name=file]`), []string{report, empty})); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, http.StatusOK, chromedp.Click(chromedp.CSS(`main form button[type=submit]`)))
	rows = eval[[][]string](t, ctx, uploadRows)
	if len(rows) != 2 || len(rows[0]) != 4 || len(rows[1]) != 4 {
		t.Fatalf("results without scripts %q, want one row of 4 cells per file", rows)
	}
	if want := fmt.Sprintf("already stored as document %d", id); rows[0][1] != want || rows[0][3] != hex.EncodeToString(sum[:]) {
		t.Errorf("without scripts, the report's row %q: want %q", rows[0], want)
	}
	if !strings.HasPrefix(rows[1][1], "failed: ") {
		t.Errorf("without scripts, the empty file's row %q: want it failed", rows[1])
	}
	if n := eval[int](t, ctx, `document.querySelectorAll('#results progress').length`); n != 0 {
		t.Errorf("without scripts the page shows %d progress bars", n)
	}
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false}); err != nil {
		t.Fatal(err)
	}
}

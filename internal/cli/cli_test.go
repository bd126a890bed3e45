package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// run runs harmlog in-process with args and returns its exit status and
// what it printed.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(context.Background(), args, IO{
		In: strings.NewReader(stdin), Out: &out, Err: &errb,
		Getenv: func(string) string { return "" },
	})
	return code, out.String(), errb.String()
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const report = "date 2020-10-08 By Test Wire\n\nOfficials said 3 civilians were killed and 5 injured when shells hit Barda on Wednesday.\n"

func TestIngestBatchWithBadFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	in := filepath.Join(dir, "in")
	write(t, in, "good.txt", []byte(report))
	write(t, in, "sub/page.html", []byte("<!doctype html><html><head><title>T</title></head><body><article><p>"+report+"</p></article></body></html>"))
	write(t, in, "empty.txt", nil)
	write(t, in, "image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"))
	write(t, in, "broken.pdf", []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog"))

	code, out, errs := run(t, "", "--db", db, "ingest", in, filepath.Join(dir, "missing.txt"))
	if code != ExitFailed {
		t.Errorf("exit %d, want %d (some files failed)\nstdout:\n%s\nstderr:\n%s", code, ExitFailed, out, errs)
	}
	if !strings.Contains(out, "ingested 2, already present 0, failed 4") {
		t.Errorf("summary missing or wrong:\n%s", out)
	}
	for _, want := range []string{"empty.txt", "image.txt", "broken.pdf", "missing.txt"} {
		if !strings.Contains(errs, want) {
			t.Errorf("no failure line names %s:\n%s", want, errs)
		}
	}
	// The good files are stored even though others failed.
	code, out, _ = run(t, "", "--db", db, "docs", "list", "--json")
	if code != 0 {
		t.Fatalf("docs list exit %d", code)
	}
	var docs []struct {
		ID        int64  `json:"id"`
		Publisher string `json:"publisher"`
		Published string `json:"published"`
	}
	if err := json.Unmarshal([]byte(out), &docs); err != nil {
		t.Fatalf("docs list --json: %v\n%s", err, out)
	}
	if len(docs) != 2 {
		t.Fatalf("%d documents stored, want 2", len(docs))
	}
	// Ingesting the same bytes again stores nothing new.
	code, out, errs = run(t, "", "--db", db, "ingest", filepath.Join(in, "good.txt"))
	if code != 0 || !strings.Contains(out, "ingested 0, already present 1, failed 0") {
		t.Errorf("re-ingest: exit %d\n%s%s", code, out, errs)
	}
}

func TestDatelineAndFlags(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	p := write(t, dir, "a.txt", []byte(report))
	if code, out, errs := run(t, "", "--db", db, "ingest", p); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	code, out, _ := run(t, "", "--db", db, "docs", "show", "1", "--json")
	if code != 0 {
		t.Fatalf("docs show exit %d", code)
	}
	var d struct{ Publisher, Published, Text string }
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.Published != "2020-10-08" || d.Publisher != "Test Wire" {
		t.Errorf("dateline gave published %q publisher %q, want 2020-10-08 and Test Wire", d.Published, d.Publisher)
	}
	// Flags override the dateline; stdin is "-".
	other := strings.Replace(report, "3 civilians", "4 civilians", 1)
	code, out, errs := run(t, other, "--db", db, "ingest", "--publisher", "Flag Agency", "--published", "2020-10-09", "--url", "https://example.org/x", "-")
	if code != 0 {
		t.Fatalf("stdin ingest exit %d\n%s%s", code, out, errs)
	}
	_, out, _ = run(t, "", "--db", db, "docs", "show", "2", "--json")
	var d2 struct{ Publisher, Published, URL, Filename string }
	if err := json.Unmarshal([]byte(out), &d2); err != nil {
		t.Fatal(err)
	}
	if d2.Publisher != "Flag Agency" || d2.Published != "2020-10-09" || d2.URL != "https://example.org/x" || d2.Filename != "stdin" {
		t.Errorf("flags not applied: %+v", d2)
	}
	// A bad --published is a usage error naming the flag.
	code, _, errs = run(t, "", "--db", db, "ingest", "--published", "8 Oct", p)
	if code != ExitUsage || !strings.Contains(errs, "--published") {
		t.Errorf("bad --published: exit %d, stderr %q", code, errs)
	}
}

func TestOriginalIsByteForByte(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	// Latin-1 bytes: the stored text is decoded, the original must not be.
	orig := []byte("date 2020-10-08 By Test Wire\n\nCaf\xe9 hit: 2 civilians were killed in G\xe4nc\xe4.\r\n")
	p := write(t, dir, "latin1.txt", orig)
	if code, out, errs := run(t, "", "--db", db, "ingest", p); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	code, out, _ := run(t, "", "--db", db, "docs", "show", "1", "--original")
	if code != 0 || out != string(orig) {
		t.Errorf("--original gave %q (exit %d), want the bytes as ingested %q", out, code, orig)
	}
	code, _, errs := run(t, "", "--db", db, "docs", "show", "x")
	if code != ExitUsage || !strings.Contains(errs, `"x"`) {
		t.Errorf("docs show x: exit %d, stderr %q", code, errs)
	}
	code, _, errs = run(t, "", "--db", db, "docs", "show", "99")
	if code == 0 || !strings.Contains(errs, "99") {
		t.Errorf("docs show 99: exit %d, stderr %q", code, errs)
	}
}

func TestVerifyAndBackup(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "h.db")
	p := write(t, dir, "a.txt", []byte(report))
	if code, out, errs := run(t, "", "--db", db, "ingest", p); code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := run(t, "", "--db", db, "verify"); code != 0 {
		t.Fatalf("verify on a sound store: exit %d\n%s%s", code, out, errs)
	}
	bk := filepath.Join(dir, "copy.db")
	if code, out, errs := run(t, "", "--db", db, "backup", bk); code != 0 {
		t.Fatalf("backup: exit %d\n%s%s", code, out, errs)
	}
	code, out, _ := run(t, "", "--db", bk, "docs", "list", "--json")
	if code != 0 || !strings.Contains(out, `"sha256"`) {
		t.Errorf("the backup does not open as a store with the document: exit %d\n%s", code, out)
	}
	if code, out, errs := run(t, "", "--db", bk, "verify"); code != 0 {
		t.Errorf("verify on the backup: exit %d\n%s%s", code, out, errs)
	}
}

func TestDemo(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := run(t, "", "demo", "--dir", dir, "--no-serve")
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "failed 0") || !strings.Contains(out, "claims extracted") {
		t.Errorf("demo output lacks the summary or the claims:\n%s", out)
	}
	code, _, errs = run(t, "", "demo", "--dir", dir, "--no-serve")
	if code != ExitUsage || !strings.Contains(errs, "already exists") {
		t.Errorf("second demo into the same folder: exit %d, stderr %q", code, errs)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{"nosuch"}, {"ingest"}, {"docs", "show"}, {"--nosuchflag"}} {
		if code, _, _ := run(t, "", args...); code != ExitUsage {
			t.Errorf("harmlog %v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	code, out, _ := run(t, "", "--version")
	if code != 0 || !strings.Contains(out, Version) {
		t.Errorf("--version: exit %d, %q", code, out)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestDemoServes: the demo ends by serving the web app on its store.
func TestDemoServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"demo", "--dir", t.TempDir(), "--addr", "127.0.0.1:0"}, IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	}()
	url := ""
	for deadline := time.Now().Add(2 * time.Minute); url == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if m := regexp.MustCompile(`open (http://\S+/) in a browser`).FindStringSubmatch(out.String()); m != nil {
			url = m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("demo ended (exit %d) before serving:\n%s%s", code, out.String(), errb.String())
		default:
		}
	}
	if url == "" {
		t.Fatalf("the demo printed no URL:\n%s", out.String())
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Ganja") {
		t.Errorf("GET %s: %d, page without the demo's incidents", url, resp.StatusCode)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("demo exit %d after Ctrl-C\n%s", code, errb.String())
	}
}

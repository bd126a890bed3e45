package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzParse checks that Parse returns promptly with text or an *Error.
// Each PDF input starts a worker process (the test binary, through
// TestMain), so PDFs are fuzzed at process-start speed, some milliseconds
// an input, and an input on which the PDF library loops costs the whole
// timeout below.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"news.html", "report.md", "dateline.txt", "latin1.txt", "utf16le.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, data)
	}
	pdf := twoPagePDF()
	f.Add("r.pdf", pdf)
	f.Add("cut.pdf", pdf[:len(pdf)-40])
	f.Add("deep.html", deepHTML(600))
	f.Add("x.png", pngBytes())
	f.Add("n.txt", []byte("\ufeffBAKU, Oct. 8 (Reuters) - x"))
	const timeout = 500 * time.Millisecond
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		start := time.Now()
		p, err := Parse(name, data, Options{MaxBytes: 1 << 20, Timeout: timeout})
		if d := time.Since(start); d > timeout+3*time.Second {
			t.Errorf("Parse took %v, limit %v", d, timeout)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is %T, want *Error", err, err)
			}
			if strings.Contains(e.Reason, "internal error") {
				t.Fatalf("panic in ingest: %v", err)
			}
			if e.Reason == "" || strings.ContainsAny(e.Reason, "\n\r") || !utf8.ValidString(e.Reason) {
				t.Errorf("reason %q is empty or not one line", e.Reason)
			}
			return
		}
		if !utf8.ValidString(p.Text) {
			t.Errorf("Text is not valid UTF-8: %q", p.Text)
		}
		if strings.TrimSpace(p.Text) == "" {
			t.Errorf("Parse succeeded with no text")
		}
		for field, v := range map[string]string{"Title": p.Title, "Publisher": p.Publisher, "URL": p.URL} {
			if !utf8.ValidString(v) {
				t.Errorf("%s is not valid UTF-8: %q", field, v)
			}
		}
		if p.Published != "" {
			if _, err := time.Parse(time.DateOnly, p.Published); err != nil {
				t.Errorf("Published %q is not YYYY-MM-DD", p.Published)
			}
		}
	})
}

func FuzzParseDateline(f *testing.F) {
	for _, s := range []string{
		" date 2020-10-08 By Trend\n",
		"BAKU, Oct. 8 (Reuters) - x",
		"Stepanakert, 8 October 2020 /ARKA/. x",
		"October 8, 2020 — x",
		"08.10.2020 12:30",
		"By Jane Doe | Trend | 8 Oct 2020",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		date, pub, ok := ParseDateline(text)
		if ok != (date != "" || pub != "") {
			t.Errorf("ok = %v with date %q, publisher %q", ok, date, pub)
		}
		if date != "" {
			if _, err := time.Parse(time.DateOnly, date); err != nil {
				t.Errorf("date %q is not YYYY-MM-DD", date)
			}
		}
		if !utf8.ValidString(pub) || strings.ContainsAny(pub, "\n\r") {
			t.Errorf("publisher %q is not one line of UTF-8", pub)
		}
	})
}

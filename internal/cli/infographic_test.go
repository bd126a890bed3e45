package cli

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/harmlog/harmlog/demo"
	"github.com/harmlog/harmlog/infographic"
)

// demoStore is a store with the demo claims imported and linked.
func demoStore(t *testing.T) (db, dir string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "h.db")
	claims := write(t, dir, "claims.jsonl", demo.Claims())
	if code, out, errs := run(t, "", "--db", db, "import", "claims", claims); code != 0 {
		t.Fatalf("import: exit %d\n%s%s", code, out, errs)
	}
	return db, dir
}

// runEnv runs harmlog with an environment.
func runEnv(env map[string]string, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(k string) string { return env[k] }})
	return code, out.String(), errb.String()
}

func TestInfographicCmd(t *testing.T) {
	db, dir := demoStore(t)
	gen := "--generated=2026-11-29T06:00:00Z"
	tests := []struct {
		name  string
		args  []string
		code  int
		msg   string // in stdout on success, in stderr on failure
		check func(t *testing.T, b []byte)
	}{
		{"svg", []string{"--from", "2020-10-01", "--to", "2020-10-31", gen, "-o", "oct.svg"}, 0, "oct.svg: SVG 1080×", func(t *testing.T, b []byte) {
			for _, want := range []string{"<svg", "@font-face{font-family:Go;", "1 Oct 2020 – 31 Oct 2020", "Generated 29 Nov 2026 06:00 UTC", "Armenia", "Azerbaijan"} {
				if !bytes.Contains(b, []byte(want)) {
					t.Errorf("the SVG lacks %q", want)
				}
			}
		}},
		{"png by place", []string{"--country", "az", "--by", "place", gen, "-o", "az.png"}, 0, "az.png: PNG 1080×", func(t *testing.T, b []byte) {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("the PNG does not decode: %v", err)
			}
			if img.Bounds().Dx() != infographic.Width || img.Bounds().Dy() < 1500 {
				t.Errorf("PNG %v, want %d wide, portrait", img.Bounds(), infographic.Width)
			}
		}},
		{"svg without fonts", []string{gen, "--embed-fonts=false", "-o", "plain.svg"}, 0, "plain.svg", func(t *testing.T, b []byte) {
			if bytes.Contains(b, []byte("@font-face")) {
				t.Error("--embed-fonts=false embedded fonts")
			}
		}},
		{"no output", []string{gen}, ExitUsage, "-o FILE is required", nil},
		{"bad extension", []string{"-o", "x.gif"}, ExitUsage, "want a file ending .svg or .png", nil},
		{"bad by", []string{"--by", "weapon", "-o", "x.svg"}, ExitUsage, `--by "weapon"`, nil},
		{"bad date", []string{"--from", "2020-13-01", "-o", "x.svg"}, ExitUsage, "from", nil},
		{"bad generated", []string{"--generated", "tuesday", "-o", "x.svg"}, ExitUsage, "--generated", nil},
		{"missing directory", []string{gen, "-o", filepath.Join("no", "such", "dir", "x.svg")}, ExitFailed, "write", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"--db", db, "infographic"}, tt.args...)
			for i, a := range args {
				if i > 0 && args[i-1] == "-o" {
					args[i] = filepath.Join(dir, a)
				}
			}
			code, out, errs := run(t, "", args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.code, out, errs)
			}
			got := out
			if code != 0 {
				got = errs
			}
			if !strings.Contains(got, tt.msg) {
				t.Errorf("output %q lacks %q", got, tt.msg)
			}
			path := args[len(args)-1]
			b, err := os.ReadFile(path)
			if tt.check == nil {
				if err == nil {
					t.Errorf("a failed run left %s", path)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, b)
			// The same data and time give the same bytes.
			if code, _, errs := run(t, "", args...); code != 0 {
				t.Fatalf("second run: %s", errs)
			}
			if again, _ := os.ReadFile(path); !bytes.Equal(again, b) {
				t.Error("two runs with the same --generated differ")
			}
		})
	}
}

func TestReportHTML(t *testing.T) {
	db, dir := demoStore(t)
	out := filepath.Join(dir, "r.html")
	code, stdout, errs := run(t, "", "--db", db, "report", "--from", "2020-10-01", "--to", "2020-10-31", "--generated", "2026-11-29", "-o", out)
	if code != 0 || !strings.Contains(stdout, "r.html: report of") {
		t.Fatalf("exit %d\n%s%s", code, stdout, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	for _, want := range []string{
		"<style>", "@media print", "<svg version", "@font-face", "Generated 2026-11-29 00:00 UTC",
		"By alleged party", "By place", "Ganja", "Grades (the first rule that applies)",
		`<a href="https://`, "Data cut-off",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(s, `href="/static/`) || strings.Contains(s, `src="/api/`) {
		t.Error("the standalone report refers to the server's files")
	}
	// Only the period's incidents: every heading of an incident is dated
	// in October.
	n := 0
	for _, h := range strings.Split(s, "<h3>#")[1:] {
		n++
		if _, rest, _ := strings.Cut(h, " · "); !strings.HasPrefix(rest, "2020-10-") {
			t.Errorf("the report lists an incident outside October: %.60s", h)
		}
	}
	if n < 10 {
		t.Errorf("%d incidents listed for October 2020, want the demo's dozen or more", n)
	}
}

func TestReportPDF(t *testing.T) {
	db, dir := demoStore(t)
	out := filepath.Join(dir, "r.pdf")
	// An absent browser is said plainly, and nothing is written.
	code, _, errs := runEnv(map[string]string{"HARMLOG_CHROMIUM": filepath.Join(dir, "no-such-chromium")}, "--db", db, "report", "-o", out)
	if code != ExitFailed || !strings.Contains(errs, "HARMLOG_CHROMIUM") {
		t.Errorf("absent browser: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed PDF run left a file")
	}
	chromium, err := findChromium(func(string) string { return "" }, exec.LookPath)
	if err != nil {
		t.Skipf("no headless Chromium here, so the PDF is not printed: %v", err)
	}
	code, stdout, errs := run(t, "", "--db", db, "report", "--country", "AZ", "-o", out)
	if code != 0 {
		t.Fatalf("report with %s: exit %d\n%s%s", chromium, code, stdout, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("%s is not a PDF (%v): %.20q", out, err, b)
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is absent: the PDF's text is not checked")
	}
	text, err := exec.Command(pdftotext, out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Civilian harm: the claims recorded", "Ganja", "By alleged party"} {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
}

func TestFindChromium(t *testing.T) {
	on := func(names ...string) func(string) (string, error) {
		return func(n string) (string, error) {
			for _, m := range names {
				if n == m {
					return "/usr/bin/" + n, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "HARMLOG_CHROMIUM" {
				return v
			}
			return ""
		}
	}
	for _, tt := range []struct {
		name, env string
		path      []string
		want, err string
	}{
		{"chromium", "", []string{"chromium", "google-chrome"}, "/usr/bin/chromium", ""},
		{"chrome only", "", []string{"google-chrome"}, "/usr/bin/google-chrome", ""},
		{"none", "", nil, "", "none was found"},
		{"env", "mychrome", []string{"mychrome", "chromium"}, "mychrome", ""},
		{"env absent", "mychrome", []string{"chromium"}, "", "HARMLOG_CHROMIUM=mychrome"},
	} {
		got, err := findChromium(env(tt.env), on(tt.path...))
		if got != tt.want || (tt.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%s: got %q, %v; want %q, error with %q", tt.name, got, err, tt.want, tt.err)
		}
	}
}

package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files with the current output")

// show shows a Parsed the way the golden files hold it: metadata, a
// separator line, then the text exactly.
func show(p *Parsed) string {
	var b strings.Builder
	fmt.Fprintf(&b, "media_type: %s\ntitle: %s\npublisher: %s\npublished: %s\nurl: %s\nlanguage: %s\n",
		p.MediaType, p.Title, p.Publisher, p.Published, p.URL, p.Language)
	b.WriteString("--- text ---\n")
	b.WriteString(p.Text)
	return b.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s (go test -update rewrites it)\n--- got ---\n%s\n--- want ---\n%s", name, path, got, want)
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseGolden(t *testing.T) {
	tests := []struct {
		name string // file under testdata, or a label for generated data
		data []byte // nil: read the file
	}{
		{name: "news.html"},
		{name: "report.md"},
		{name: "dateline.txt"},
		{name: "latin1.txt"},
		{name: "utf16le.txt"},
		{name: "utf16be.txt"},
		{name: "report.pdf", data: twoPagePDF()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.data
			if data == nil {
				data = readFixture(t, tt.name)
			}
			orig := bytes.Clone(data)
			p, err := Parse(tt.name, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, orig) {
				t.Error("Parse changed its input")
			}
			if !utf8.ValidString(p.Text) {
				t.Error("Text is not valid UTF-8")
			}
			golden(t, tt.name, show(p))
		})
	}
}

func TestFill(t *testing.T) {
	p := &Parsed{MediaType: TypeHTML, Text: "t", Title: "T", Publisher: "P", Published: "2020-10-08", URL: "https://e.example/a", Language: "en"}
	d := harmlog.Document{ID: 7, Filename: "a.html"}
	p.Fill(&d)
	want := harmlog.Document{ID: 7, Filename: "a.html", MediaType: TypeHTML, Text: "t", Title: "T", Publisher: "P", Published: "2020-10-08", URL: "https://e.example/a", Language: "en"}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("Fill gave %+v\nwant       %+v", d, want)
	}
}

// TestTextKeptAsDecoded checks that plain text is not normalised: line
// endings and spacing stay, only a byte-order mark goes.
func TestTextKeptAsDecoded(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"crlf", "one\r\ntwo  \r\n\r\n", "one\r\ntwo  \r\n\r\n"},
		{"leading space", "  indented\n", "  indented\n"},
		{"utf8 bom", "\ufeffafter bom", "after bom"},
		{"cr only", "a\rb\r", "a\rb\r"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse("x.txt", []byte(tt.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Text != tt.want {
				t.Errorf("Text = %q, want %q", p.Text, tt.want)
			}
		})
	}
}

func checkReason(t *testing.T, err error, want string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v (%T), want *Error with reason %q", err, err, want)
	}
	if e.Reason != want {
		t.Errorf("reason = %q, want %q", e.Reason, want)
	}
	if strings.Contains(e.Reason, "\n") {
		t.Errorf("reason has more than one line: %q", e.Reason)
	}
}

// Bad inputs, generated so that no binary junk sits in the repository.

func pngBytes() []byte {
	return append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"), make([]byte, 64)...)
}

func garbage(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func gzipBytes(t testing.TB) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte("Report text that someone compressed before sending.\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func deepHTML(n int) []byte {
	return []byte("<html><body>" + strings.Repeat("<div>", n) + "deep" + strings.Repeat("</div>", n) + "</body></html>")
}

// badStartxref points a PDF's startxref past its end.
func badStartxref(pdf []byte) []byte {
	i := bytes.LastIndex(pdf, []byte("startxref"))
	return append(bytes.Clone(pdf[:i]), "startxref\n99999\n%%EOF\n"...)
}

func TestParseErrors(t *testing.T) {
	pdf := twoPagePDF()
	tests := []struct {
		name   string
		file   string
		data   []byte
		opt    Options
		kind   string
		reason string
	}{
		{"empty", "empty.txt", []byte{}, Options{}, KindEmpty, "empty file"},
		{"white space only", "blank.txt", []byte(" \n\t\r\n"), Options{}, KindNoText, "no text (only white space)"},
		{"png", "photo.txt", pngBytes(), Options{}, KindBinary, "binary file (looks like PNG image)"},
		{"gzip", "report.txt.gz", gzipBytes(t), Options{}, KindBinary, "binary file (looks like gzip archive)"},
		{"zip", "report.docx", []byte("PK\x03\x04\x14\x00\x06\x00word/document.xml"), Options{}, KindBinary, "binary file (looks like ZIP archive (or DOCX/ODT))"},
		{"random garbage", "noise.bin", garbage(4096), Options{}, KindBinary, "binary file (contains NUL bytes)"},
		{"garbage without NUL", "noise.txt", bytes.ReplaceAll(garbage(4096), []byte{0}, []byte{1}), Options{}, KindEncoding, "invalid UTF-8 (byte 0x86 at offset 0) and not legacy 8-bit text"},
		{"NUL far into a text", "late.txt", append(bytes.Repeat([]byte("words "), 20000), 0), Options{}, KindBinary, "binary file (contains NUL bytes)"},
		{"control characters", "ctl.txt", []byte("ok\x01\x02\x03\x04\x05\x06\x07\x08 text"), Options{}, KindBinary, "binary file (53% control characters)"},
		{"bad utf8 after bom", "bom.txt", []byte("\xef\xbb\xbfabc\xff"), Options{}, KindEncoding, "invalid UTF-8 at byte 6 despite a UTF-8 byte-order mark"},
		{"odd utf16", "odd.txt", []byte("\xff\xfea\x00b"), Options{}, KindEncoding, "UTF-16 text with an odd number of bytes (3)"},
		{"over limit", "big.txt", bytes.Repeat([]byte("casualty report "), 100), Options{MaxBytes: 1024}, KindTooLarge, "larger than the 1 KB limit (1600 bytes)"},
		{"truncated pdf", "cut.pdf", pdf[:len(pdf)/2], Options{}, KindMalformed, "malformed PDF (not a PDF file: missing %%EOF)"},
		{"pdf bad xref", "xref.pdf", badStartxref(pdf), Options{}, KindMalformed, "malformed PDF (reading at offset 99999: EOF)"},
		{"deep html", "deep.html", deepHTML(100000), Options{}, KindTooDeep, "HTML nested deeper than 512 elements"},
		{"html without text", "empty.html", []byte("<!doctype html><html><head><title>t</title></head><body><div> </div><script>x()</script></body></html>"), Options{}, KindNoText, "HTML has no text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.file, tt.data, tt.opt)
			if err == nil {
				t.Fatalf("Parse succeeded (%s, %d bytes of text), want %q", p.MediaType, len(p.Text), tt.reason)
			}
			checkReason(t, err, tt.reason)
			var e *Error
			errors.As(err, &e)
			if e.Kind != tt.kind || e.File != tt.file {
				t.Errorf("kind, file = %q, %q; want %q, %q", e.Kind, e.File, tt.kind, tt.file)
			}
			if got, want := err.Error(), tt.file+": "+tt.reason; got != want {
				t.Errorf("Error() = %q, want %q", got, want)
			}
		})
	}
}

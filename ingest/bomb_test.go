package ingest

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// bombSize is what each decompression bomb below expands to.
const bombSize = 64 << 20

// compressZeros writes n zero bytes through a compressor made by wrap.
func compressZeros(t testing.TB, n int, wrap func(io.Writer) io.WriteCloser) []byte {
	t.Helper()
	var b bytes.Buffer
	w := wrap(&b)
	zeros := make([]byte, 1<<20)
	for left := n; left > 0; left -= len(zeros) {
		if _, err := w.Write(zeros[:min(left, len(zeros))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gzipWriter(w io.Writer) io.WriteCloser {
	z, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	return z
}

// zipBomb is a ZIP archive holding one entry of n zero bytes, named name.
func zipBomb(t testing.TB, name string, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	zeros := make([]byte, 1<<20)
	for left := n; left > 0; left -= len(zeros) {
		if _, err := w.Write(zeros[:min(left, len(zeros))]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// flatePDF is a PDF of pages pages, each the same page whose content
// stream is the already compressed stream (FlateDecode), written by hand
// with a correct cross-reference table.
func flatePDF(stream []byte, pages int) []byte {
	kids := strings.TrimSpace(strings.Repeat("3 0 R ", pages))
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", kids, pages),
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

// allocated runs fn and returns the bytes this process allocated meanwhile
// (the PDF worker is another process, limited by Options.MaxMemory).
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestBombsRefused checks that decompression bombs (gzip, nested gzip, ZIP
// under a document's name, PDFs whose pages expand to 64 MB or 4 GB), deeply
// nested HTML and Markdown, and inputs over the size limit are refused
// with a clear reason, within a bounded time and without this process
// allocating anything near what the bomb expands to.
func TestBombsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode: builds 64 MB decompression bombs")
	}
	gz := compressZeros(t, bombSize, gzipWriter)
	var nested bytes.Buffer // gzip(gzip(zeros))
	nw := gzipWriter(&nested)
	if _, err := nw.Write(gz); err != nil || nw.Close() != nil {
		t.Fatal("compressing the nested bomb failed")
	}
	zlibWriter := func(w io.Writer) io.WriteCloser {
		z, _ := zlib.NewWriterLevel(w, zlib.BestCompression)
		return z
	}
	// With MaxText 1 MB the pages' content streams may expand to 8 MB:
	// one page past that, and 2000 pages each under it that pass it
	// together (one stream shared by every page: 4 GB in all).
	pdfOpt := Options{MaxText: 1 << 20}
	pdfBomb := flatePDF(compressZeros(t, bombSize, zlibWriter), 1)
	pdfPages := flatePDF(compressZeros(t, 2<<20, zlibWriter), DefaultMaxPages)
	tests := []struct {
		name, file string
		data       []byte
		opt        Options
		kind       string
		reason     string
	}{
		{"gzip bomb", "report.txt", gz, Options{}, KindBinary, "binary file (looks like gzip archive)"},
		{"gzip bomb named .html", "report.html", gz, Options{}, KindBinary, "binary file (looks like gzip archive)"},
		{"nested gzip bomb", "report.txt.gz", nested.Bytes(), Options{}, KindBinary, "binary file (looks like gzip archive)"},
		{"zip bomb", "report.zip", zipBomb(t, "report.txt", bombSize), Options{}, KindBinary, "binary file (looks like ZIP archive (or DOCX/ODT))"},
		{"zip bomb named .docx", "report.docx", zipBomb(t, "word/document.xml", bombSize), Options{}, KindBinary, "binary file (looks like ZIP archive (or DOCX/ODT))"},
		{"PDF flate bomb", "bomb.pdf", pdfBomb, pdfOpt, KindLimit, "PDF page content larger than the 8 MB limit when decompressed"},
		{"PDF of 2000 pages of 2 MB each", "pages.pdf", pdfPages, pdfOpt, KindLimit, "PDF page content larger than the 8 MB limit when decompressed"},
		{"HTML nested a million deep", "deep.html", deepHTML(1 << 20), Options{}, KindTooDeep, "HTML nested deeper than 512 elements"},
		{"HTML of unclosed inline tags", "deep.html", []byte(strings.Repeat("<i><b><u>", 1<<18)), Options{}, KindTooDeep, "HTML nested deeper than 512 elements"},
		{"over the size limit", "big.txt", bytes.Repeat([]byte("x"), 2<<20), Options{MaxBytes: 1 << 20}, KindTooLarge, "larger than the 1 MB limit (2097152 bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			start := time.Now()
			alloc := allocated(func() { _, err = Parse(tt.file, tt.data, tt.opt) })
			took := time.Since(start)
			checkReason(t, err, tt.reason)
			if e, ok := err.(*Error); ok && e.Kind != tt.kind {
				t.Errorf("kind %q, want %q", e.Kind, tt.kind)
			}
			// Generous bounds for a busy machine; a bomb that was expanded
			// would cost at least bombSize.
			if limit := 5 * time.Second; took > limit {
				t.Errorf("took %v, more than %v", took, limit)
			}
			if limit := uint64(32<<20 + 12*len(tt.data)); alloc > limit {
				t.Errorf("allocated %d MB for a %d KB input, more than %d MB", alloc>>20, len(tt.data)>>10, limit>>20)
			}
			t.Logf("%d KB in, %v, %d KB allocated", len(tt.data)>>10, took.Round(time.Millisecond), alloc>>10)
		})
	}
}

// TestDeepMarkdownBounded checks that pathological Markdown (nesting a
// Markdown parser recurses on) is read in bounded time.
func TestDeepMarkdownBounded(t *testing.T) {
	tests := []struct{ name, text string }{
		{"block quotes", strings.Repeat(">", 100000) + " killed\n"},
		{"nested lists", func() string {
			var b strings.Builder
			for i := range 5000 {
				b.WriteString(strings.Repeat("  ", i) + "- item\n")
			}
			return b.String()
		}()},
		{"emphasis", strings.Repeat("*a **b ", 50000) + "\n"},
		{"links", strings.Repeat("[", 100000) + "x" + strings.Repeat("](y)", 100000) + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			p, err := Parse("deep.md", []byte(tt.text), Options{})
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if err != nil {
				checkOneLine(t, err)
				return
			}
			if strings.TrimSpace(p.Text) == "" {
				t.Errorf("no text and no error")
			}
		})
	}
}

// checkOneLine checks that err is an *Error with a one-line reason.
func checkOneLine(t *testing.T, err error) {
	t.Helper()
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("error %v is %T, want *Error", err, err)
	}
	if e.Reason == "" || strings.Contains(e.Reason, "\n") {
		t.Errorf("reason %q is empty or not one line", e.Reason)
	}
}

// TestCollectSymlinkOutOfFolder checks that walking a folder never follows
// a symbolic link to a file outside it (a folder unpacked from someone
// else's archive could link to the user's keys), while a link to a file
// inside the folder and a link named on the command line are followed.
func TestCollectSymlinkOutOfFolder(t *testing.T) {
	base := t.TempDir()
	secret := filepath.Join(base, "secret.txt")
	dir := filepath.Join(base, "reports")
	for path, text := range map[string]string{secret: "private key", filepath.Join(dir, "a.txt"): "report a", filepath.Join(dir, "sub", "b.txt"): "report b"} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		filepath.Join(dir, "absolute.txt"):      secret,
		filepath.Join(dir, "relative.txt"):      "../secret.txt",
		filepath.Join(dir, "sub", "up.txt"):     "../../secret.txt",
		filepath.Join(dir, "sub", "inside.txt"): "../a.txt",
		filepath.Join(dir, "chain.txt"):         "sub/up.txt",
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	var got []string
	for in := range Collect(t.Context(), []string{dir, filepath.Join(dir, "absolute.txt")}, nil) {
		rel, _ := filepath.Rel(base, in.Name)
		data, err := in.Read(t.Context(), 0)
		if err != nil {
			got = append(got, rel+": ERR "+err.(*Error).Reason)
			continue
		}
		got = append(got, rel+": "+string(data))
	}
	refused := ": ERR a symbolic link out of the folder " + dir + "; not followed"
	want := []string{
		"reports/a.txt: report a",
		"reports/absolute.txt" + refused,
		"reports/chain.txt" + refused,
		"reports/relative.txt" + refused,
		"reports/sub/b.txt: report b",
		"reports/sub/inside.txt: report a",
		"reports/sub/up.txt" + refused,
		"reports/absolute.txt: private key", // named on the command line: the user's choice
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("inputs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

package ingest

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// pdfSpec describes a PDF for buildPDF: one content stream per page, and
// optional Info entries and trailer additions.
type pdfSpec struct {
	pages   []string // content streams; "" gives a page without text
	title   string
	created string // "D:20210314..."
	count   int    // /Count to claim; 0 means len(pages)
	trailer string // extra trailer entries, e.g. "/Encrypt 99 0 R"
	kids    string // replaces the page tree's /Kids array, e.g. "[2 0 R]"
	flate   bool   // compress content streams with /FlateDecode
	// toUnicode, when set, is the font's ToUnicode CMap, and the font has
	// no /Encoding, so that the library reads the CMap.
	toUnicode string
}

// textPage is a content stream that writes lines of text in Helvetica,
// one line per string.
func textPage(lines ...string) string {
	var b strings.Builder
	b.WriteString("BT /F1 12 Tf 72 720 Td 14 TL\n")
	for i, l := range lines {
		if i > 0 {
			b.WriteString("T* ")
		}
		fmt.Fprintf(&b, "(%s) Tj\n", pdfEscape(l))
	}
	b.WriteString("ET\n")
	return b.String()
}

func pdfEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return r.Replace(s)
}

// buildPDF writes a small, valid PDF 1.4 file by hand, with a correct
// cross-reference table.
func buildPDF(s pdfSpec) []byte {
	var objs []string // objs[i] is object i+1
	add := func(body string) int {
		objs = append(objs, body)
		return len(objs)
	}
	catalog := add("") // filled in below
	pagesID := add("")
	font := add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	if s.toUnicode != "" {
		cmap := add(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(s.toUnicode), s.toUnicode))
		objs[font-1] = fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>", cmap)
	}
	var kids []string
	for _, content := range s.pages {
		filter := ""
		if s.flate {
			var z bytes.Buffer
			w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
			w.Write([]byte(content))
			w.Close()
			content, filter = z.String(), " /Filter /FlateDecode"
		}
		stream := add(fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(content), filter, content))
		page := add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pagesID, font, stream))
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
	}
	count := s.count
	if count == 0 {
		count = len(s.pages)
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesID)
	kidsArray := "[" + strings.Join(kids, " ") + "]"
	if s.kids != "" {
		kidsArray = s.kids
	}
	objs[pagesID-1] = fmt.Sprintf("<< /Type /Pages /Kids %s /Count %d >>", kidsArray, count)
	info := add(fmt.Sprintf("<< /Title (%s) /CreationDate (%s) /Producer (harmlog test) >>", pdfEscape(s.title), s.created))

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
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, info, s.trailer, xref)
	return b.Bytes()
}

// twoPagePDF is the PDF fixture: two pages of text, title and date in Info.
func twoPagePDF() []byte {
	return buildPDF(pdfSpec{
		title:   "Monitoring note 7: Eastfield",
		created: "D:20210314094500+02'00'",
		pages: []string{
			textPage("Monitoring note 7", "On 12 March 2021 three houses in Eastfield were destroyed,", "the village council said. Nobody was hurt (council figures)."),
			textPage("Page two: caf\351 owners reported broken windows."),
		},
	})
}

func TestPDFCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ParseContext(ctx, "r.pdf", twoPagePDF(), Options{})
	checkReason(t, err, "cancelled")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v does not wrap context.Canceled", err)
	}
}

func TestPDFLimits(t *testing.T) {
	tests := []struct {
		name   string
		data   []byte
		opt    Options
		reason string
	}{
		{"too-many-pages", buildPDF(pdfSpec{pages: []string{textPage("x")}, count: 5000}), Options{}, "PDF has 5000 pages, more than the limit of 2000"},
		{"no-pages", buildPDF(pdfSpec{pages: nil}), Options{}, "malformed PDF (no pages)"},
		{"text-cap", twoPagePDF(), Options{MaxText: 40}, "PDF text larger than the 40 bytes limit"},
		{"timeout", twoPagePDF(), Options{Timeout: time.Nanosecond}, "took longer than the 1ns limit"},
		{"page tree loop", buildPDF(pdfSpec{pages: []string{textPage("x")}, kids: "[2 0 R]", count: 3}), Options{Timeout: 200 * time.Millisecond}, "took longer than the 200ms limit"},
		{"flate bomb", buildPDF(pdfSpec{pages: []string{strings.Repeat(" ", 9<<20)}, flate: true}), Options{MaxText: 1 << 20}, "PDF page content larger than the 8 MB limit when decompressed"},
		{"flate bomb of text", buildPDF(pdfSpec{pages: []string{"BT /F1 12 Tf (" + strings.Repeat("A", 3<<20) + ") Tj ET"}, flate: true}), Options{MaxText: 1 << 20}, "PDF text larger than the 1 MB limit"},
		{"unterminated hex string", buildPDF(pdfSpec{pages: []string{"BT /F1 12 Tf (x) Tj <0A1"}}), Options{}, "malformed PDF (unterminated hex string)"},
		{"unterminated hex string, compressed", buildPDF(pdfSpec{pages: []string{"BT /F1 12 Tf (x) Tj <0A1 "}, flate: true}), Options{}, "malformed PDF (unterminated hex string)"},
		{"unterminated hex string in a CMap", buildPDF(pdfSpec{pages: []string{textPage("x")}, toUnicode: "/CIDInit /ProcSet findresource begin\n1 begincodespacerange <00"}), Options{}, "malformed PDF (unterminated hex string)"},
		{"encrypted", buildPDF(pdfSpec{pages: []string{textPage("secret")}, trailer: "/Encrypt << /Filter /Standard /V 9 /R 9 /O (x) /U (y) /P -4 >> /ID [(a) (b)] "}), Options{}, "encrypted PDF (needs a password)"},
		{"image-only", buildPDF(pdfSpec{pages: []string{"0 0 100 100 re f\n"}}), Options{}, "PDF has no text layer (scanned? needs OCR)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := Parse(tt.name+".pdf", tt.data, tt.opt)
			checkReason(t, err, tt.reason)
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

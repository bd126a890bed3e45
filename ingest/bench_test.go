package ingest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

func benchParse(b *testing.B, name string, data []byte) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(name, data, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseHTML(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "news.html"))
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, "news.html", data)
}

// BenchmarkParseHTMLLarge parses a page of about 1 MB: the news page with
// its article repeated.
func BenchmarkParseHTMLLarge(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "news.html"))
	if err != nil {
		b.Fatal(err)
	}
	i, j := bytes.Index(data, []byte("<article")), bytes.Index(data, []byte("</article>"))
	var page bytes.Buffer
	page.Write(data[:i])
	for page.Len() < 1<<20 {
		page.Write(data[i : j+len("</article>")])
	}
	page.Write(data[j+len("</article>"):])
	benchParse(b, "big.html", page.Bytes())
}

func BenchmarkParseText(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "dateline.txt"))
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, "dateline.txt", bytes.Repeat(data, 2500)) // about 1 MB
}

func BenchmarkParseLatin1(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "latin1.txt"))
	if err != nil {
		b.Fatal(err)
	}
	benchParse(b, "latin1.txt", bytes.Repeat(data, 9000)) // about 1 MB
}

// benchPDF is a PDF of 50 pages of two lines each, compressed.
func benchPDF() []byte {
	pages := make([]string, 50)
	for i := range pages {
		pages[i] = textPage("Monitoring note: on 12 March 2021 three houses in Eastfield were destroyed,", "the village council said; nobody was hurt, according to council figures.")
	}
	return buildPDF(pdfSpec{pages: pages, flate: true})
}

// BenchmarkParsePDF is the cost of one PDF as Parse reads it, in a worker
// process: starting the worker (this test binary), sending the PDF and
// reading the text back, and the library's work. Allocations are the
// parent's only.
func BenchmarkParsePDF(b *testing.B) {
	if !workerReady.Load() {
		b.Fatal("the test binary cannot act as a PDF worker")
	}
	benchParse(b, "r.pdf", benchPDF())
}

// BenchmarkParsePDFSmall is BenchmarkParsePDF for a one-page PDF, which
// costs little more than starting the worker.
func BenchmarkParsePDFSmall(b *testing.B) {
	benchParse(b, "r.pdf", twoPagePDF())
}

// BenchmarkExtractPDF is the library's work on the PDF of
// BenchmarkParsePDF in this process, without a worker.
func BenchmarkExtractPDF(b *testing.B) {
	data := benchPDF()
	opt := Options{}.withDefaults()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := extractPDF(context.Background(), "r.pdf", data, opt); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseDateline(b *testing.B) {
	texts := []string{
		" date 2020-10-08 By Trend\n\nText.",
		"Stepanakert, 8 October 2020 /ARKA/. Shelling continued.",
		"Three civilians were killed on 8 October 2020 in Ganja, officials said.",
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			ParseDateline(t)
		}
	}
}

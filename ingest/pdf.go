package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"
)

// errStop is thrown (as a panic) through the PDF library when the time
// limit passes or the text grows past its cap, and caught in parsePDF.
type errStop struct{ err *Error }

func (e errStop) Error() string { return e.err.Error() }

// guardedReader is the PDF's bytes as the library reads them; it stops the
// library once ctx is done, since the library takes no context itself.
type guardedReader struct {
	ctx  context.Context
	r    *bytes.Reader
	name string
	opt  Options
}

func (g *guardedReader) ReadAt(p []byte, off int64) (int, error) {
	if g.ctx.Err() != nil {
		panic(errStop{stopped(g.ctx, g.name, g.opt)})
	}
	return g.r.ReadAt(p, off)
}

// extractPDF extracts the text layer of a PDF, pages separated by form feeds
// on lines of their own ("\n\f\n"), and its title and date from the Info
// dictionary, in this process. It stops at ctx only when the library reads
// the file, so callers run it in a worker process (see parsePDF).
func extractPDF(ctx context.Context, name string, data []byte, opt Options) (p *Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			if s, ok := r.(errStop); ok {
				p, err = nil, s.err
				return
			}
			p, err = nil, fail(name, KindMalformed, "malformed PDF (%s)", oneLine(strings.TrimPrefix(fmt.Sprint(r), "malformed PDF: ")))
		}
	}()
	g := &guardedReader{ctx: ctx, r: bytes.NewReader(data), name: name, opt: opt}
	rd, err := pdf.NewReader(g, int64(len(data)))
	if err != nil {
		var s errStop
		if errors.As(err, &s) {
			return nil, s.err
		}
		if errors.Is(err, pdf.ErrInvalidPassword) || bytes.Contains(data, []byte("/Encrypt")) {
			return nil, fail(name, KindMalformed, "encrypted PDF (needs a password)")
		}
		return nil, fail(name, KindMalformed, "malformed PDF (%s)", oneLine(strings.TrimPrefix(err.Error(), "malformed PDF: ")))
	}
	pages := rd.NumPage()
	switch {
	case pages <= 0:
		return nil, fail(name, KindMalformed, "malformed PDF (no pages)")
	case pages > opt.MaxPages:
		return nil, fail(name, KindLimit, "PDF has %d pages, more than the limit of %d", pages, opt.MaxPages)
	}
	// The pages' content streams may expand to 8 times the text allowed,
	// all pages together: text is a small part of them, but they must not
	// expand without bound (one page, or one stream shared by every page).
	maxContent := 8 * int64(opt.MaxText)
	lim := pageLimits{
		maxContent: maxContent,
		used:       new(int64),
		tooMuch:    fail(name, KindLimit, "PDF text larger than the %s limit", humanBytes(int64(opt.MaxText))),
		bomb:       fail(name, KindLimit, "PDF page content larger than the %s limit when decompressed", humanBytes(maxContent)),
		hexTrap:    fail(name, KindMalformed, "malformed PDF (unterminated hex string)"),
	}
	var b strings.Builder
	for i := 1; i <= pages; i++ {
		page := rd.Page(i)
		if page.V.IsNull() {
			continue
		}
		text := pageText(page, opt.MaxText-b.Len(), lim)
		if text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\f\n")
		}
		b.WriteString(text)
	}
	p = &Parsed{MediaType: TypePDF, Text: b.String()}
	if strings.TrimSpace(p.Text) == "" {
		return nil, fail(name, KindNoText, "PDF has no text layer (scanned? needs OCR)")
	}
	info := rd.Trailer().Key("Info")
	p.Title = collapse(pdfString(info.Key("Title")))
	p.Published = pdfDate(pdfString(info.Key("CreationDate")))
	return p, nil
}

// pdfString is a text string of the Info dictionary as valid UTF-8.
func pdfString(v pdf.Value) string {
	return strings.ToValidUTF8(v.Text(), "")
}

// pdfDate turns "D:20201008123000+04'00'" into "2020-10-08".
func pdfDate(s string) string {
	s = strings.TrimPrefix(s, "D:")
	if len(s) < 8 {
		return ""
	}
	return isoDate(s[:4] + "-" + s[4:6] + "-" + s[6:8])
}

// pageLimits are the bounds pageText enforces and the errors it stops with.
type pageLimits struct {
	maxContent int64  // most bytes the pages' content streams may expand to, all together
	used       *int64 // bytes the pages read so far expanded to
	tooMuch    *Error // the text passes its limit
	bomb       *Error // the content streams expand past maxContent
	hexTrap    *Error // a stream ends inside a hex string
}

// pageText is the text of one page: text objects and moves to a new line
// start new lines, wide gaps become spaces. It panics with
// errStop(lim.tooMuch) once the text passes limit bytes, with
// errStop(lim.bomb) when the content streams of the pages so far expand to
// more than lim.maxContent bytes, and with errStop(lim.hexTrap) when a content stream
// or a font's ToUnicode CMap ends inside a hex string, on which the
// library's lexer would spin for ever.
func pageText(page pdf.Page, limit int, lim pageLimits) string {
	fonts := map[string]*pdf.Font{}
	for _, n := range page.Fonts() {
		f := page.Font(n)
		fonts[n] = &f
		if cmap := f.V.Key("ToUnicode"); cmap.Kind() == pdf.Stream {
			if trap, _ := scanStreams(cmap, lim.maxContent); trap {
				panic(errStop{lim.hexTrap})
			}
		}
	}
	contents := page.V.Key("Contents")
	left := lim.maxContent - *lim.used
	switch trap, size := scanStreams(contents, left); {
	case size > left:
		panic(errStop{lim.bomb})
	case trap:
		panic(errStop{lim.hexTrap})
	default:
		*lim.used += size
	}
	var enc pdf.TextEncoding
	var b strings.Builder
	write := func(s string) {
		if b.Len()+len(s) > limit {
			panic(errStop{lim.tooMuch})
		}
		b.WriteString(s)
	}
	show := func(raw string) {
		if enc == nil {
			write(raw)
			return
		}
		write(enc.Decode(raw))
	}
	newline := func() {
		s := b.String()
		if s != "" && !strings.HasSuffix(s, "\n") {
			write("\n")
		}
	}
	space := func() {
		s := b.String()
		if s != "" && !strings.HasSuffix(s, "\n") && !strings.HasSuffix(s, " ") {
			write(" ")
		}
	}
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		n := stk.Len()
		args := make([]pdf.Value, n)
		for i := n - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		switch op {
		case "BT", "T*":
			newline()
		case "Td", "TD":
			if len(args) == 2 && args[1].Float64() != 0 {
				newline()
			} else {
				space()
			}
		case "Tm":
			newline()
		case "Tf":
			enc = nil
			if len(args) == 2 {
				if f, ok := fonts[args[0].Name()]; ok {
					enc = f.Encoder()
				}
			}
		case "'", "\"":
			newline()
			if len(args) > 0 {
				show(args[len(args)-1].RawString())
			}
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			v := args[0]
			for i := 0; i < v.Len(); i++ {
				x := v.Index(i)
				switch x.Kind() {
				case pdf.String:
					show(x.RawString())
				case pdf.Integer, pdf.Real:
					if x.Float64() < -200 { // a gap wider than a fifth of an em
						space()
					}
				}
			}
		}
	})
	return tidyPDFText(b.String())
}

// scanStreams reads a stream, or an array of streams as the library
// joins them, decompressed and up to limit+1 bytes: the library's lexer
// holds a whole string token in memory, so a compressed stream must not
// expand without bound. It returns the bytes read and whether the data ends
// inside a hex string (see endsInHexString).
func scanStreams(v pdf.Value, limit int64) (trap bool, size int64) {
	streams := []pdf.Value{v}
	if v.Kind() == pdf.Array {
		streams = streams[:0]
		for i := 0; i < v.Len(); i++ {
			streams = append(streams, v.Index(i))
		}
	}
	var readers []io.Reader
	for _, s := range streams {
		if s.Kind() != pdf.Stream {
			continue
		}
		rd := s.Reader()
		defer rd.Close()
		readers = append(readers, rd)
	}
	return endsInHexString(io.MultiReader(readers...), limit)
}

// tidyPDFText makes extracted text valid UTF-8 without control characters,
// with single spaces inside lines and no blank runs of lines.
func tidyPDFText(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r' || r == '\f' || r == '\u00a0':
			return ' '
		case unicode.IsControl(r) || r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
	var out []string
	for l := range strings.Lines(s) {
		if l = collapse(l); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// oneLine makes a library's message fit a reason: one line of valid UTF-8
// without control characters, at most 100 characters.
func oneLine(s string) string {
	s = strings.ToValidUTF8(s, "?")
	s = collapse(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
	if utf8.RuneCountInString(s) > 100 {
		s = string([]rune(s)[:100]) + "…"
	}
	return s
}

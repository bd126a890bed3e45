// Package ingest turns the bytes of a report (plain text, Markdown, HTML or
// PDF) into a document's text and metadata. It only reads the original: the
// text it returns is what later stages point their byte spans into.
//
// PDFs are read with github.com/ledongthuc/pdf, which can loop for ever or
// allocate without bound on hostile input, and no time limit can stop a
// goroutine. So Parse reads each PDF in a worker process: a child running
// the same executable, which gets the PDF on its stdin, caps its own
// memory (Options.MaxMemory, 1 GiB by default, as a Go memory limit and on
// Linux as an address space limit), and is killed at Options.Timeout. A
// worker costs a process start per PDF, some milliseconds. Programs make
// this possible by calling RunPDFWorkerIfRequested first thing in main (and
// in TestMain of test binaries); in programs that do not, Parse reads PDFs
// in process and gives up waiting at the time limit, but a runaway loop in
// the library then goes on using a CPU until the program ends.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
)

// Media types returned by Detect and set in Parsed.MediaType.
const (
	TypePDF      = "application/pdf"
	TypeHTML     = "text/html"
	TypeMarkdown = "text/markdown"
	TypeText     = "text/plain"
)

// Defaults used when the matching Options field is zero.
const (
	DefaultMaxBytes = 50 << 20
	DefaultTimeout  = 30 * time.Second
	DefaultMaxPages = 2000
	// DefaultMaxText caps the text extracted from one PDF.
	DefaultMaxText = 20 << 20
	// DefaultMaxDepth caps the element nesting of an HTML page.
	DefaultMaxDepth = 512
)

// Options bound the work Parse does on one input. Zero fields take the
// Default* values.
type Options struct {
	MaxBytes int64         // largest input accepted
	Timeout  time.Duration // wall-clock limit for one input
	MaxPages int           // most pages a PDF may have
	MaxText  int           // most bytes of text a PDF may yield
	MaxDepth int           // deepest element nesting an HTML page may have
	// MaxMemory is the memory a PDF worker process may use beyond what it
	// holds when it starts (see RunPDFWorkerIfRequested).
	MaxMemory int64
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxPages <= 0 {
		o.MaxPages = DefaultMaxPages
	}
	if o.MaxText <= 0 {
		o.MaxText = DefaultMaxText
	}
	if o.MaxDepth <= 0 {
		o.MaxDepth = DefaultMaxDepth
	}
	if o.MaxMemory <= 0 {
		o.MaxMemory = DefaultMaxMemory
	}
	return o
}

// Parsed is what Parse finds in one input: the text later stages read and
// the metadata the input states about itself. Empty strings mean unknown.
type Parsed struct {
	MediaType string
	Text      string
	Title     string
	Publisher string
	Published string // YYYY-MM-DD
	URL       string
	Language  string // BCP 47 tag, e.g. "en" or "en-GB"
}

// Fill copies what p found into d: media type, text, title, publisher,
// publication date, URL and language. It leaves d's other fields alone.
func (p *Parsed) Fill(d *harmlog.Document) {
	d.MediaType, d.Text, d.Title, d.Publisher = p.MediaType, p.Text, p.Title, p.Publisher
	d.Published, d.URL, d.Language = p.Published, p.URL, p.Language
}

// Kinds of Error, for callers that act on the kind rather than the wording.
const (
	KindEmpty     = "empty"
	KindTooLarge  = "too-large"
	KindBinary    = "binary"
	KindEncoding  = "encoding"
	KindMalformed = "malformed"
	KindNoText    = "no-text"
	KindTooDeep   = "too-deep"
	KindLimit     = "limit"
	KindTimeout   = "timeout"
	KindRead      = "read"
)

// Error is why one input could not be ingested. Reason is a short,
// one-line phrase ("empty file", "binary file (looks like PNG image)");
// Error() renders "FILE: reason" as the CLI prints it.
type Error struct {
	File   string // the input's name as given to Parse or found by Collect
	Kind   string // one of the Kind* constants
	Reason string
	Err    error // underlying error, if any
}

// Error renders "FILE: reason", or the reason alone when File is empty.
func (e *Error) Error() string {
	if e.File == "" {
		return e.Reason
	}
	return e.File + ": " + e.Reason
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

func fail(file, kind, format string, args ...any) *Error {
	return &Error{File: file, Kind: kind, Reason: fmt.Sprintf(format, args...)}
}

// Parse extracts the text and metadata of one input named name (a path or
// any label; its extension helps tell Markdown from text). It returns an
// *Error for inputs it refuses. Parse never panics: a panic inside a
// library becomes an *Error naming the file. PDFs are read in a worker
// process killed at opt.Timeout or when it needs more than opt.MaxMemory
// (see the package documentation); HTML is checked against opt.Timeout
// between stages, its work being bounded by opt.MaxBytes and opt.MaxDepth.
func Parse(name string, data []byte, opt Options) (*Parsed, error) {
	return ParseContext(context.Background(), name, data, opt)
}

// ParseContext is Parse that also stops when ctx is done.
func ParseContext(ctx context.Context, name string, data []byte, opt Options) (p *Parsed, err error) {
	opt = opt.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, opt.Timeout)
	defer cancel()
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fail(name, KindMalformed, "could not be parsed (internal error: %s)", oneLine(fmt.Sprint(r)))
		}
	}()
	p, err = parse(ctx, name, data, opt)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			err = &Error{File: name, Kind: KindMalformed, Reason: err.Error(), Err: err}
		} else if e.File == "" {
			e.File = name
		}
		return nil, err
	}
	if !utf8.ValidString(p.Text) {
		// Every decoder below yields UTF-8; this is a last line of defence.
		p.Text = strings.ToValidUTF8(p.Text, "\uFFFD")
	}
	return p, nil
}

func parse(ctx context.Context, name string, data []byte, opt Options) (*Parsed, error) {
	switch {
	case len(data) == 0:
		return nil, fail(name, KindEmpty, "empty file")
	case int64(len(data)) > opt.MaxBytes:
		return nil, tooLarge(name, int64(len(data)), opt.MaxBytes)
	}
	if isPDF(data) {
		p, err := parsePDF(ctx, name, data, opt)
		if err != nil {
			return nil, err
		}
		fillFromDateline(p)
		return p, nil
	}
	switch kind := BinaryKind(data); kind {
	case "":
	case kindNUL:
		return nil, fail(name, KindBinary, "binary file (contains NUL bytes)")
	default:
		return nil, fail(name, KindBinary, "binary file (looks like %s)", kind)
	}
	text, err := decode(name, data)
	if err != nil {
		return nil, err
	}
	if why := controlShare(text); why != "" {
		return nil, fail(name, KindBinary, "binary file (%s)", why)
	}
	if strings.TrimSpace(text) == "" {
		return nil, fail(name, KindNoText, "no text (only white space)")
	}
	var p *Parsed
	switch detectText(name, text) {
	case TypeHTML:
		p, err = parseHTML(ctx, name, text, opt)
	case TypeMarkdown:
		p = parseMarkdown(text)
	default:
		p = &Parsed{MediaType: TypeText, Text: text}
	}
	if err != nil {
		return nil, err
	}
	fillFromDateline(p)
	return p, nil
}

// fillFromDateline takes the date and publisher from the text's dateline
// where the metadata did not give them.
func fillFromDateline(p *Parsed) {
	if p.Published != "" && p.Publisher != "" {
		return
	}
	date, pub, ok := ParseDateline(p.Text)
	if !ok {
		return
	}
	if p.Published == "" {
		p.Published = date
	}
	if p.Publisher == "" {
		p.Publisher = pub
	}
}

func tooLarge(name string, size, limit int64) *Error {
	if size < 0 {
		return fail(name, KindTooLarge, "larger than the %s limit", humanBytes(limit))
	}
	return fail(name, KindTooLarge, "larger than the %s limit (%d bytes)", humanBytes(limit), size)
}

// humanBytes renders a limit the way people set it: "50 MB", "512 KB", "100 bytes".
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

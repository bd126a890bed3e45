package ingest

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Detect tells the media type of an input from its content first (PDF
// magic, HTML tags near the start, even in a .txt file), then from its
// name's extension (.md and .markdown are Markdown, the rest plain text).
// It does not judge whether the input is binary; see BinaryKind.
func Detect(name string, data []byte) string {
	if isPDF(data) {
		return TypePDF
	}
	head := data
	if len(head) > sniffLen*4 {
		head = head[:sniffLen*4]
	}
	text, err := decode(name, head)
	if err != nil {
		// A cut in the middle of a character is not a reason to give up.
		text = strings.ToValidUTF8(string(bytes.TrimPrefix(head, bomUTF8)), "")
	}
	return detectText(name, text)
}

// sniffLen is how far into an input Detect looks for HTML.
const sniffLen = 1024

func isPDF(data []byte) bool { return bytes.HasPrefix(data, []byte("%PDF-")) }

func isMarkdownName(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return true
	}
	return false
}

// detectText picks the media type of decoded text.
func detectText(name, text string) string {
	md := isMarkdownName(name)
	if sniffHTML(text, md) {
		return TypeHTML
	}
	switch {
	case md:
		return TypeMarkdown
	case strings.HasSuffix(strings.ToLower(name), ".html") || strings.HasSuffix(strings.ToLower(name), ".htm"):
		// Named HTML but with no tag near the start: the HTML parser still
		// yields its text, and entities are decoded.
		return TypeHTML
	}
	return TypeText
}

// Tags that mark a document as HTML when one opens it (after white space,
// comments and an XML declaration), as the WHATWG sniffing rules list them.
var htmlOpeners = []string{
	"!doctype html", "html", "head", "body", "script", "iframe", "h1", "div",
	"font", "table", "a", "style", "title", "b", "br", "p", "meta", "link",
}

// sniffHTML reports whether text looks like HTML. Markdown files may open
// with a <div> or <p>, so for them only a doctype, <html>, <head> or <body>
// counts.
func sniffHTML(text string, markdown bool) bool {
	if len(text) > sniffLen {
		text = text[:sniffLen]
	}
	lower := strings.ToLower(text)
	if strings.Contains(lower, "<!doctype html") || strings.Contains(lower, "<html") {
		return true
	}
	if markdown {
		return strings.Contains(lower, "<head") || strings.Contains(lower, "<body")
	}
	s := lower
	for {
		s = strings.TrimLeft(s, " \t\r\n\f\ufeff")
		switch {
		case strings.HasPrefix(s, "<!--"):
			i := strings.Index(s, "-->")
			if i < 0 {
				return false
			}
			s = s[i+3:]
			continue
		case strings.HasPrefix(s, "<?xml"):
			i := strings.Index(s, "?>")
			if i < 0 {
				return false
			}
			s = s[i+2:]
			continue
		}
		break
	}
	if !strings.HasPrefix(s, "<") {
		return false
	}
	for _, tag := range htmlOpeners {
		rest, ok := strings.CutPrefix(s[1:], tag)
		if ok && rest != "" && (rest[0] == '>' || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r' || rest[0] == '/') {
			return true
		}
	}
	return false
}

// Signatures of binary formats people may hand to ingest by mistake.
var magics = []struct {
	offset int
	sig    string
	kind   string
}{
	{0, "\x89PNG\r\n\x1a\n", "PNG image"},
	{0, "\xff\xd8\xff", "JPEG image"},
	{0, "GIF87a", "GIF image"},
	{0, "GIF89a", "GIF image"},
	{0, "II*\x00", "TIFF image"},
	{0, "MM\x00*", "TIFF image"},
	{0, "BM", ""}, // checked below: too short to trust alone
	{0, "PK\x03\x04", "ZIP archive (or DOCX/ODT)"},
	{0, "PK\x05\x06", "ZIP archive (or DOCX/ODT)"},
	{0, "\x1f\x8b", "gzip archive"},
	{0, "BZh", ""},
	{0, "\xfd7zXZ\x00", "xz archive"},
	{0, "7z\xbc\xaf\x27\x1c", "7-Zip archive"},
	{0, "Rar!\x1a\x07", "RAR archive"},
	{0, "\x28\xb5\x2f\xfd", "Zstandard archive"},
	{0, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office file (DOC/XLS)"},
	{0, "{\\rtf", "RTF document"},
	{0, "\x7fELF", "ELF executable"},
	{0, "SQLite format 3\x00", "SQLite database"},
	{0, "OggS", "Ogg media"},
	{0, "ID3", "MP3 audio"},
	{0, "fLaC", "FLAC audio"},
	{0, "\x1a\x45\xdf\xa3", "Matroska/WebM video"},
	{4, "ftyp", "MP4/QuickTime media"},
	{0, "wOFF", "WOFF font"},
	{0, "wOF2", "WOFF2 font"},
	{0, "\x00\x61\x73\x6d", "WebAssembly module"},
	{0, "\xca\xfe\xba\xbe", "Java class or Mach-O file"},
	{0, "\xcf\xfa\xed\xfe", "Mach-O executable"},
}

// kindNUL is what BinaryKind says of data with NUL bytes and no known signature.
const kindNUL = "NUL bytes"

// BinaryKind names the binary format data looks like ("PNG image", "gzip
// archive", or "NUL bytes"), or returns "" when data may be text. It looks at
// well-known signatures and at NUL bytes, allowing for UTF-16 text.
func BinaryKind(data []byte) string {
	for _, m := range magics {
		if len(data) < m.offset+len(m.sig) || string(data[m.offset:m.offset+len(m.sig)]) != m.sig {
			continue
		}
		switch {
		case m.kind != "":
			return m.kind
		case m.sig == "BZh" && len(data) > 3 && data[3] >= '1' && data[3] <= '9' && bytes.HasPrefix(data[4:], []byte("1AY&SY")):
			return "bzip2 archive"
		case m.sig == "BM" && len(data) > 14 && data[6] == 0 && data[7] == 0 && data[8] == 0 && data[9] == 0:
			return "BMP image"
		}
	}
	if len(data) >= 12 && string(data[:4]) == "RIFF" {
		switch string(data[8:12]) {
		case "WEBP":
			return "WebP image"
		case "WAVE":
			return "WAV audio"
		case "AVI ":
			return "AVI video"
		}
	}
	if _, ok := utf16Order(data); ok {
		return ""
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return kindNUL
	}
	return ""
}

// controlShare returns why decoded text is not text: NUL bytes anywhere,
// or more than 1 in 20 of its first 64 KB of characters being control
// characters other than tab, line feed, form feed and carriage return. It
// returns "" for text.
func controlShare(text string) string {
	if strings.IndexByte(text, 0) >= 0 {
		return "contains NUL bytes"
	}
	if len(text) > 64<<10 {
		text = text[:64<<10]
	}
	n, bad := 0, 0
	for _, r := range text {
		n++
		switch {
		case r == 0:
			return "contains NUL bytes"
		case r == '\t' || r == '\n' || r == '\r' || r == '\f':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == utf8.RuneError:
			bad++
		}
	}
	if n > 0 && bad*20 > n {
		return fmt.Sprintf("%d%% control characters", bad*100/n)
	}
	return ""
}

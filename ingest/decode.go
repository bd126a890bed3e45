package ingest

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

var bomUTF8 = []byte{0xef, 0xbb, 0xbf}

// utf16Order reports whether data is UTF-16 and in which byte order: by its
// byte-order mark, or, without one, by the NUL high bytes ASCII characters
// leave in every other position.
func utf16Order(data []byte) (binary.ByteOrder, bool) {
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}) && !bytes.HasPrefix(data, []byte{0xff, 0xfe, 0, 0}):
		return binary.LittleEndian, true
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		return binary.BigEndian, true
	}
	if len(data) < 8 || len(data)%2 != 0 {
		return nil, false
	}
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	var zeroEven, zeroOdd int
	for i := 0; i+1 < len(head); i += 2 {
		if head[i] == 0 {
			zeroEven++
		}
		if head[i+1] == 0 {
			zeroOdd++
		}
	}
	pairs := len(head) / 2
	switch {
	case zeroOdd*10 >= pairs*9 && zeroEven == 0:
		return binary.LittleEndian, true
	case zeroEven*10 >= pairs*9 && zeroOdd == 0:
		return binary.BigEndian, true
	}
	return nil, false
}

// decode turns the bytes of a text input into UTF-8: UTF-8 (a BOM is
// dropped), UTF-16 with or without BOM, HTML in the charset it declares,
// and legacy 8-bit text. It refuses bytes that are none of these.
func decode(name string, data []byte) (string, error) {
	if rest, ok := bytes.CutPrefix(data, bomUTF8); ok {
		if i := invalidUTF8(rest); i >= 0 {
			return "", fail(name, KindEncoding, "invalid UTF-8 at byte %d despite a UTF-8 byte-order mark", i+len(bomUTF8))
		}
		return string(rest), nil
	}
	if order, ok := utf16Order(data); ok {
		e := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)
		if order == binary.BigEndian {
			e = unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)
		}
		if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
			data = data[2:]
		}
		if len(data)%2 != 0 {
			return "", fail(name, KindEncoding, "UTF-16 text with an odd number of bytes (%d)", len(data))
		}
		s, err := e.NewDecoder().Bytes(data)
		if err != nil {
			return "", fail(name, KindEncoding, "invalid UTF-16: %v", err)
		}
		return string(s), nil
	}
	bad := invalidUTF8(data)
	if bad < 0 {
		return string(data), nil
	}
	if s, ok := decodeLegacy(data); ok {
		return s, nil
	}
	return "", fail(name, KindEncoding, "invalid UTF-8 (byte 0x%02x at offset %d) and not legacy 8-bit text", data[bad], bad)
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// decodeLegacy decodes text that is not UTF-8: HTML in the charset it
// declares, text whose bytes point to a non-Latin 8-bit code page, else
// Windows-1252 (a superset of Latin-1). It refuses bytes with control
// characters or bytes Windows-1252 leaves undefined.
func decodeLegacy(data []byte) (string, bool) {
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			return "", false
		}
	}
	var enc encoding.Encoding
	if sniffHTML(strings.ToValidUTF8(string(data[:min(len(data), sniffLen)]), "?"), false) {
		if e, name, _ := charset.DetermineEncoding(data, "text/html"); name != "utf-8" {
			enc = e
		}
	}
	if enc == nil && highShare(data) > 0.25 {
		enc = detectNonLatin(data)
	}
	if enc == nil {
		for _, c := range data {
			switch c {
			case 0x81, 0x8d, 0x8f, 0x90, 0x9d:
				return "", false
			}
		}
		enc = charmap.Windows1252
	}
	s, err := enc.NewDecoder().Bytes(data)
	if err != nil || bytes.ContainsRune(s, utf8.RuneError) {
		return "", false
	}
	return string(s), true
}

// highShare is the share of bytes ≥ 0x80 among the bytes that are not
// ASCII white space: high in Cyrillic or Greek code pages, low in Latin-1.
func highShare(data []byte) float64 {
	var high, n int
	for _, c := range data {
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t':
		case c >= 0x80:
			high++
			n++
		default:
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(high) / float64(n)
}

// nonLatin lists the 8-bit code pages detectNonLatin may choose.
var nonLatin = []string{
	"windows-1251", "KOI8-R", "ISO-8859-5", "windows-1253", "ISO-8859-7",
	"windows-1256", "ISO-8859-6", "windows-1255", "ISO-8859-8",
}

// detectNonLatin guesses a non-Latin 8-bit code page, or returns nil.
func detectNonLatin(data []byte) encoding.Encoding {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	res, err := chardet.NewTextDetector().DetectBest(data)
	if err != nil || res.Confidence < 30 {
		return nil
	}
	for _, n := range nonLatin {
		if strings.EqualFold(res.Charset, n) {
			e, err := htmlindex.Get(n)
			if err != nil {
				return nil
			}
			return e
		}
	}
	return nil
}

package ingest

import "io"

// endsInHexString reads r (at most limit+1 bytes) and tells whether it ends
// inside a hex string ("<0A1") when split into tokens the way the PDF
// library splits content streams and CMaps. On such data the library's
// lexer spins for ever without reading: it takes the end of the data for
// white space, which a hex string skips. Checking streams with this before
// the library interprets them turns that loop into a prompt error; the
// worker process's time limit (see parsePDF) covers the streams the library
// reads by itself, such as object streams.
//
// Where the library would fail on a token, endsInHexString carries on as
// the library does when it recovers inside an array or dictionary, so it
// may report a stream that would have failed earlier for another reason:
// either way the PDF is malformed. It returns the bytes read.
func endsInHexString(r io.Reader, limit int64) (trap bool, n int64) {
	const (
		top     = iota // between tokens
		comment        // after %, to the end of the line
		lt             // after <: a dictionary (<<) or a hex string
		hex1           // in a hex string, before a pair of digits
		hex2           // in a hex string, after the first of a pair
		literal        // in a (literal string), depth deep
		escape         // after \ in a literal string
		name           // in a /name
		hash           // after # in a name: hashLeft bytes, whatever they are
		keyword        // in a keyword or number
	)
	state, depth, hashLeft := top, 0, 0
	var first byte // the first digit of a pair in a hex string
	buf := make([]byte, 4<<10)
	lr := io.LimitReader(r, limit+1)
	for empty := 0; empty < 100; { // 100 empty reads in a row end the data
		m, err := lr.Read(buf)
		if m > 0 {
			empty = 0
		} else {
			empty++
		}
		n += int64(m)
		for i := 0; i < m; i++ {
			c := buf[i]
		again:
			switch state {
			case top:
				switch {
				case pdfSpace(c):
				case c == '%':
					state = comment
				case c == '<':
					state = lt
				case c == '(':
					state, depth = literal, 1
				case c == '/':
					state = name
				case pdfDelim(c): // [ ] { } >> or a stray delimiter the library fails on
				default:
					state = keyword
				}
			case comment:
				if c == '\r' || c == '\n' {
					state = top
				}
			case lt:
				if c == '<' {
					state = top
					break
				}
				state = hex1
				goto again
			case hex1: // the library reads a pair before it checks it
				switch {
				case c == '>':
					state = top
				case !pdfSpace(c):
					state, first = hex2, c
				}
			case hex2:
				switch {
				case pdfSpace(c):
				case unhexDigit(first) < 0 || unhexDigit(c) < 0:
					state = top // the library fails here
				default:
					state = hex1
				}
			case literal:
				switch c {
				case '(':
					depth++
				case ')':
					if depth--; depth == 0 {
						state = top
					}
				case '\\':
					state = escape
				}
			case escape:
				state = literal
			case name, keyword:
				switch {
				case pdfSpace(c) || pdfDelim(c):
					state = top
					goto again
				case c == '#' && state == name:
					state, hashLeft = hash, 2
				}
			case hash:
				if hashLeft--; hashLeft == 0 {
					state = name
				}
			}
		}
		if err != nil {
			break
		}
	}
	return state == lt || state == hex1 || state == hex2, n
}

// pdfSpace and pdfDelim are the library's white space and delimiters.
func pdfSpace(c byte) bool {
	switch c {
	case 0, '\t', '\n', '\f', '\r', ' ':
		return true
	}
	return false
}

func pdfDelim(c byte) bool {
	switch c {
	case '<', '>', '(', ')', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func unhexDigit(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

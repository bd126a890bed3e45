package store

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/harmlog/harmlog"
)

// placeList decodes a places column (a JSON array of place objects, or
// null) into what encoding/json would give, quickly for the form harmlog
// writes and PostgreSQL's JSONB returns: objects whose values are plain
// strings (no escapes), numbers or null under the exact field names.
// Anything else (escapes, other names or value types, malformed text) is
// handed to encoding/json, so results and errors are always its own.
func placeList(js string) ([]harmlog.PlaceRef, error) {
	if out, ok := fastPlaces(js); ok {
		return out, nil
	}
	var out []harmlog.PlaceRef
	if err := json.Unmarshal([]byte(js), &out); err != nil {
		return nil, err
	}
	return out, nil
}

// placeScanner reads the fast form; ok is false as soon as the text
// leaves it.
type placeScanner struct {
	s  string
	i  int
	ok bool
}

func (p *placeScanner) ws() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// eat consumes byte c after blanks.
func (p *placeScanner) eat(c byte) bool {
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// str reads a string without escapes or control characters, valid UTF-8.
func (p *placeScanner) str() string {
	p.ws()
	if p.i >= len(p.s) || p.s[p.i] != '"' {
		p.ok = false
		return ""
	}
	start := p.i + 1
	for j := start; j < len(p.s); j++ {
		switch c := p.s[j]; {
		case c == '"':
			v := p.s[start:j]
			if !utf8.ValidString(v) {
				p.ok = false
				return ""
			}
			p.i = j + 1
			return v
		case c == '\\' || c < 0x20:
			p.ok = false
			return ""
		}
	}
	p.ok = false
	return ""
}

// number reads a JSON number's text.
func (p *placeScanner) number() string {
	p.ws()
	start, j := p.i, p.i
	digits := func() bool {
		k := j
		for j < len(p.s) && p.s[j] >= '0' && p.s[j] <= '9' {
			j++
		}
		return j > k
	}
	if j < len(p.s) && p.s[j] == '-' {
		j++
	}
	if j < len(p.s) && p.s[j] == '0' {
		j++
	} else if !digits() {
		p.ok = false
		return ""
	}
	if j < len(p.s) && p.s[j] == '.' {
		j++
		if !digits() {
			p.ok = false
			return ""
		}
	}
	if j < len(p.s) && (p.s[j] == 'e' || p.s[j] == 'E') {
		j++
		if j < len(p.s) && (p.s[j] == '+' || p.s[j] == '-') {
			j++
		}
		if !digits() {
			p.ok = false
			return ""
		}
	}
	p.i = j
	return p.s[start:j]
}

// null consumes a literal null.
func (p *placeScanner) null() bool {
	p.ws()
	if strings.HasPrefix(p.s[p.i:], "null") {
		p.i += 4
		return true
	}
	return false
}

func (p *placeScanner) float() *float64 {
	if p.null() {
		return nil
	}
	f, err := strconv.ParseFloat(p.number(), 64)
	if err != nil {
		p.ok = false
		return nil
	}
	return &f
}

func (p *placeScanner) int() int {
	n, err := strconv.Atoi(p.number())
	if err != nil {
		p.ok = false
	}
	return n
}

func (p *placeScanner) place() harmlog.PlaceRef {
	var pl harmlog.PlaceRef
	if !p.eat('{') {
		p.ok = false
		return pl
	}
	if p.eat('}') {
		return pl
	}
	for p.ok {
		key := p.str()
		if !p.ok || !p.eat(':') {
			p.ok = false
			return pl
		}
		switch key {
		case "name":
			pl.Name = p.str()
		case "id":
			pl.ID = p.str()
		case "country":
			pl.Country = p.str()
		case "admin1":
			pl.Admin1 = p.str()
		case "alt":
			pl.Alt = p.str()
		case "lat":
			pl.Lat = p.float()
		case "lon":
			pl.Lon = p.float()
		case "start":
			pl.Start = p.int()
		case "end":
			pl.End = p.int()
		default:
			p.ok = false
		}
		if p.eat('}') {
			return pl
		}
		if !p.eat(',') {
			p.ok = false
		}
	}
	return pl
}

// fastPlaces decodes js when it is in the fast form.
func fastPlaces(js string) ([]harmlog.PlaceRef, bool) {
	p := &placeScanner{s: js, ok: true}
	if p.null() {
		p.ws()
		return nil, p.i == len(p.s)
	}
	if !p.eat('[') {
		return nil, false
	}
	out := []harmlog.PlaceRef{}
	if !p.eat(']') {
		for p.ok {
			out = append(out, p.place())
			if p.eat(']') {
				break
			}
			if !p.eat(',') {
				p.ok = false
			}
		}
	}
	p.ws()
	return out, p.ok && p.i == len(p.s)
}

package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ParseDateline recognises a dateline at the start of a text (in its first
// three non-empty lines) and returns the publication date (YYYY-MM-DD, or
// "" when the dateline gives no year) and the publisher it names. ok is
// false when there is no dateline or it names neither. Forms it knows:
//
//	date 2020-10-08 By Trend
//	BAKU, Oct. 8 (Reuters) - ...
//	Stepanakert, 8 October 2020 /ARKA/. ...
//	October 8, 2020 — ...
//	08.10.2020 12:30
//	By Jane Doe | Trend | 8 Oct 2020
func ParseDateline(text string) (published, publisher string, ok bool) {
	if len(text) > 2048 {
		text = text[:2048]
	}
	text = strings.ToValidUTF8(text, "")
	seen := 0
	// A lone carriage return (old Mac text) ends a line as a newline does.
	lines := strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' })
	for _, line := range lines {
		line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if line == "" {
			continue
		}
		if d, p := datelineOf(line); d != "" || p != "" {
			return d, p, true
		}
		if seen++; seen == 3 {
			break
		}
	}
	return "", "", false
}

var (
	// keywords that may open a dateline before its date
	dlKeyword = regexp.MustCompile(`(?i)^(?:date[d]?|published(?: on)?|posted(?: on)?|updated(?: on)?)\s*:?\s+`)
	// a capitalised word of a place name with the comma or space after it
	dlWord = regexp.MustCompile(`^\p{Lu}[\p{L}'’.-]*(?:,\s*|\s+)`)
	// an agency in parentheses or slashes: (Reuters), /ARKA/
	dlAgency = regexp.MustCompile(`^(?:\(([\p{L}][\p{L}&.' -]{0,38})\)|/([\p{L}][\p{L}&.' -]{0,38})/)`)
	// a time of day after a date
	dlTime = regexp.MustCompile(`(?i)^,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[+-]\d{2}:?\d{2}))?`)
	// "By Name": a byline
	dlBy = regexp.MustCompile(`(?i)^by\s+`)
)

// datelineOf reads one line; it returns what it found, empty when the line
// is no dateline.
func datelineOf(line string) (date, pub string) {
	if strings.Contains(line[:min(len(line), 200)], "|") {
		if d, p, ok := pipeDateline(line); ok {
			return d, p
		}
	}
	s := line
	if m := dlKeyword.FindString(s); m != "" {
		s = s[len(m):]
		if d, _, n := matchDate(s); n > 0 {
			return afterDate(d, s[n:], true)
		}
		return "", ""
	}
	if d, full, n := matchDate(s); n > 0 && full {
		return afterDate(d, s[n:], false)
	}
	// A wire dateline: a place of one to five capitalised words ("BAKU",
	// "Nagorno-Karabakh", "Los Angeles, California"), then an agency or a date.
	for _, end := range placeEnds(s, 5) {
		rest := s[end:]
		if agency, n := matchAgency(rest); n > 0 && isSeparator(rest[n:]) {
			return "", agency
		}
		if d, _, n := matchDate(rest); n > 0 {
			if d, p := afterDate(d, rest[n:], false); p != "" || (d != "" && isSeparator(rest[n:])) {
				return d, p
			}
		}
	}
	return "", ""
}

// placeEnds returns where each of the first max capitalised words of s ends,
// with the space or comma after it; it stops at the first word that is not
// capitalised.
func placeEnds(s string, max int) []int {
	var ends []int
	i := 0
	for len(ends) < max {
		m := dlWord.FindStringIndex(s[i:])
		if m == nil {
			break
		}
		i += m[1]
		ends = append(ends, i)
	}
	return ends
}

// afterDate reads what follows a date: a time, then a byline, an agency or
// a separator. A dateline whose date is followed by prose is no dateline,
// unless a keyword opened it (loose).
func afterDate(date, rest string, loose bool) (string, string) {
	if m := dlTime.FindString(rest); m != "" {
		rest = rest[len(m):]
	}
	rest = strings.TrimLeft(rest, " \t,")
	if m := dlBy.FindString(rest); m != "" {
		return date, byName(rest[len(m):])
	}
	if agency, n := matchAgency(rest); n > 0 {
		return date, agency
	}
	if loose || isSeparator(rest) {
		return date, ""
	}
	return "", ""
}

func matchAgency(s string) (string, int) {
	m := dlAgency.FindStringSubmatchIndex(s)
	if m == nil {
		return "", 0
	}
	for g := 2; g < len(m); g += 2 {
		if m[g] >= 0 {
			return strings.TrimSpace(s[m[g]:m[g+1]]), m[1]
		}
	}
	return "", 0
}

// isSeparator reports whether s (after a date or agency) begins the story:
// a dash, colon, full stop, or the end of the line.
func isSeparator(s string) bool {
	s = strings.TrimLeft(s, " \t")
	if s == "" {
		return true
	}
	for _, p := range []string{"-", "–", "—", ":", ".", "|"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// byName takes the name of a byline: up to six words, stopping at
// punctuation that ends it.
func byName(s string) string {
	if i := strings.IndexAny(s, "|,;(/—–"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, " - "); i >= 0 {
		s = s[:i]
	}
	f := strings.Fields(s)
	if len(f) == 0 || len(f) > 6 {
		return ""
	}
	return strings.TrimRight(strings.Join(f, " "), ".:")
}

// pipeDateline reads "By Jane Doe | Trend | 8 Oct 2020": fields between
// pipes, one of them a date; the publisher is a short field that is neither
// the date nor the byline, else the byline's name.
func pipeDateline(line string) (date, pub string, ok bool) {
	fields := strings.Split(line, "|")
	if len(fields) > 6 {
		return "", "", false
	}
	var by, other string
	for _, f := range fields {
		f = strings.TrimSpace(f)
		if d, _, n := matchDate(f); n > 0 && strings.TrimSpace(f[n:]) == "" || n > 0 && dlTime.MatchString(f[n:]) {
			date, ok = d, true
			continue
		}
		if m := dlBy.FindString(f); m != "" {
			by = byName(f[len(m):])
			ok = true
			continue
		}
		if other == "" && f != "" && len(strings.Fields(f)) <= 5 && unicode.IsUpper(firstRune(f)) {
			other = f
		}
	}
	if !ok {
		return "", "", false
	}
	pub = first(other, by)
	return date, pub, date != "" || pub != ""
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var (
	reWeekday = regexp.MustCompile(`(?i)^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+`)
	reISO     = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})`)
	reISOTime = regexp.MustCompile(`^T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?`)
	reDotted  = regexp.MustCompile(`^(\d{1,2})[./](\d{1,2})[./](\d{4})`)
	reDayMon  = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?(?:,?\s+(\d{4}))?`)
	reMonDay  = regexp.MustCompile(`(?i)^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?`)
)

// matchDate reads a date at the start of s. It returns the date as
// YYYY-MM-DD ("" when s gives no year), whether s gave a full date, and how
// many bytes it read (0: no date).
func matchDate(s string) (iso string, full bool, n int) {
	skip := 0
	if m := reWeekday.FindString(s); m != "" {
		skip = len(m)
		s = s[skip:]
	}
	var y, mo, d int
	switch {
	case reISO.MatchString(s):
		m := reISO.FindStringSubmatch(s)
		y, mo, d, n = atoi(m[1]), atoi(m[2]), atoi(m[3]), len(m[0])
		n += len(reISOTime.FindString(s[n:]))
	case reDotted.MatchString(s):
		m := reDotted.FindStringSubmatch(s)
		d, mo, y, n = atoi(m[1]), atoi(m[2]), atoi(m[3]), len(m[0])
		if strings.Contains(m[0], "/") && d <= 12 && mo <= 12 && d != mo {
			return "", false, 0 // 08/10/2020: day first or month first? unknowable
		}
		if mo > 12 && d <= 12 {
			d, mo = mo, d // 10/28/2020 is month first
		}
	case reDayMon.MatchString(s):
		m := reDayMon.FindStringSubmatch(s)
		mon, ok := months[strings.ToLower(m[2])]
		if !ok {
			return "", false, 0
		}
		d, mo, y, n = atoi(m[1]), int(mon), atoi(m[3]), len(m[0])
	case reMonDay.MatchString(s):
		m := reMonDay.FindStringSubmatch(s)
		mon, ok := months[strings.ToLower(m[1])]
		if !ok {
			return "", false, 0
		}
		mo, d, y, n = int(mon), atoi(m[2]), atoi(m[3]), len(m[0])
	default:
		return "", false, 0
	}
	if n < len(s) && (unicode.IsLetter(rune(s[n])) || unicode.IsDigit(rune(s[n]))) {
		return "", false, 0 // "8 Octopus", "2020-10-081"
	}
	if d < 1 || d > 31 || mo < 1 || mo > 12 {
		return "", false, 0
	}
	if y == 0 {
		return "", false, skip + n
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2200 || t.Day() != d {
		return "", false, 0
	}
	return t.Format(time.DateOnly), true, skip + n
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// isoDate turns a metadata date ("2020-10-08T09:14:00+04:00", "October 8,
// 2020", "08.10.2020") into YYYY-MM-DD as written (no time-zone shift), or
// "" when it holds no full date.
func isoDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if m := reISO.FindStringSubmatch(s); m != nil {
		y, mo, d := atoi(m[1]), atoi(m[2]), atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if mo >= 1 && mo <= 12 && t.Day() == d && y >= 1900 {
			return fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
		}
		return ""
	}
	if iso, full, _ := matchDate(s); full {
		return iso
	}
	return ""
}

// Package fold computes the keys under which package gazetteer compares
// place names; it is shared by the gazetteer and its index generator so
// that both fold names alike. See gazetteer.Fold for what folding does.
package fold

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// String returns the key under which place names are compared: lower case,
// diacritics removed, Azerbaijani, Turkish and Cyrillic letters spelled in
// Latin (ə→a, ı→i, ş→sh, ğ→g, ç→ch, x→h), the romanisation variants that
// the two sides and the transliteration schemes disagree on brought
// together (kh/x/h→h, zh/dzh→j, ts→c, gh→g, y→i, ou→u, doubled letters
// single), apostrophes dropped, other punctuation and hyphens turned into
// single spaces. "Xankəndi" and "Khankendi" both fold to "hankendi",
// "Şuşa" and "Shusha" to "shusha". Scripts with no Latin spelling here
// (Arabic, Armenian, CJK, ...) are only lower-cased.
func String(s string) string {
	return string(Append(nil, s))
}

// Append appends String(s) to dst. It allocates only when dst is too
// small, which lets Scan fold tokens without garbage.
func Append(dst []byte, s string) []byte {
	return appendFoldMode(dst, s, true)
}

// AppendLight appends the light fold of s to dst: lower case, diacritics
// and punctuation as String does, but no respelling. A typo in a name is one
// edit away from it under the light fold, while respelling can turn it into
// two ("Indiaapolis" folds to "indiapolis", two edits from "indianapolis").
func AppendLight(dst []byte, s string) []byte {
	return appendFoldMode(dst, s, false)
}

func appendFoldMode(dst []byte, s string, full bool) []byte {
	start := len(dst)
	space := true // at start, or after a space: do not add another
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				dst = append(dst, c)
				space = false
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
				space = false
			case c == '\'' || c == '`':
				// Ma'rib, Sana'a: apostrophes vanish.
			default:
				if !space {
					dst = append(dst, ' ')
					space = true
				}
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if m, ok := foldRune(r); ok {
			if m != "" {
				dst = append(dst, m...)
				space = false
			}
			continue
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
			space = false
		case unicode.Is(unicode.Mn, r) || r == '’' || r == 'ʼ' || r == 'ʻ' || r == '‘' || r == 'ʹ':
			// combining marks and apostrophe-like letters vanish
		default:
			if !space {
				dst = append(dst, ' ')
				space = true
			}
		}
	}
	if len(dst) > start && dst[len(dst)-1] == ' ' {
		dst = dst[:len(dst)-1]
	}
	if !full {
		return dst
	}
	return respell(dst, start)
}

// respell rewrites dst[start:] in place, bringing romanisation variants
// together; every rule shortens or keeps the length, so writing never
// overtakes reading.
func respell(dst []byte, start int) []byte {
	w := start
	b := dst
	n := len(b)
	for r := start; r < n; {
		c := b[r]
		var next, next2 byte
		if r+1 < n {
			next = b[r+1]
		}
		if r+2 < n {
			next2 = b[r+2]
		}
		out := c
		adv := 1
		switch c {
		case 'd':
			if next == 'z' && next2 == 'h' { // dzh → j
				out, adv = 'j', 3
			}
		case 'z':
			if next == 'h' { // zh → j
				out, adv = 'j', 2
			}
		case 'k':
			if next == 'h' { // kh → h
				out, adv = 'h', 2
			}
		case 'g':
			if next == 'h' { // gh → g
				out, adv = 'g', 2
			}
		case 't':
			if next == 's' { // ts → c
				out, adv = 'c', 2
			}
		case 'o':
			if next == 'u' { // ou → u
				out, adv = 'u', 2
			}
		case 'x':
			out = 'h'
		case 'y':
			out = 'i'
		}
		r += adv
		if w > start && b[w-1] == out && out >= 'a' && out <= 'z' {
			continue // doubled letter
		}
		b[w] = out
		w++
	}
	return b[:w]
}

// foldRune spells a non-ASCII rune in lower-case ASCII. ok is false for
// runes it does not know; m is "" for runes that vanish.
func foldRune(r rune) (m string, ok bool) {
	switch r {
	case 'ə', 'Ə', 'ǝ', 'Ǝ':
		return "a", true
	case 'ı', 'İ':
		return "i", true
	case 'ş', 'Ş', 'ș', 'Ș':
		return "sh", true
	case 'ç', 'Ç':
		return "ch", true
	case 'ğ', 'Ğ':
		return "g", true
	case 'ß':
		return "ss", true
	case 'æ', 'Æ':
		return "ae", true
	case 'œ', 'Œ':
		return "oe", true
	case 'ø', 'Ø':
		return "o", true
	case 'đ', 'Đ', 'ð', 'Ð':
		return "d", true
	case 'ł', 'Ł':
		return "l", true
	case 'þ', 'Þ':
		return "th", true
	case 'ħ', 'Ħ':
		return "h", true
	}
	if r >= 0x400 && r < 0x530 {
		if m, ok := cyrillic[unicode.ToLower(r)]; ok {
			return m, true
		}
	}
	switch {
	case r < 0x250:
		m = latinBase[r]
		return m, m != ""
	case r >= 0x1E00 && r < 0x1F00:
		m = latinBase[0x250+r-0x1E00]
		return m, m != ""
	}
	return "", false
}

// latinBase maps the Latin letters with diacritics (U+0000–U+024F, then
// U+1E00–U+1EFF from index 0x250) to their lower-case base letter; it is
// computed once and never written again.
var latinBase = func() []string {
	t := make([]string, 0x250+0x100)
	base := func(r rune) string {
		d := norm.NFD.String(string(r))
		if d == "" || d[0] >= utf8.RuneSelf {
			return ""
		}
		c := d[0]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' {
			return string(rune(c))
		}
		return ""
	}
	for r := rune(0xC0); r < 0x250; r++ {
		t[r] = base(r)
	}
	for r := rune(0x1E00); r < 0x1F00; r++ {
		t[0x250+r-0x1E00] = base(r)
	}
	return t
}()

// cyrillic spells Russian, Ukrainian, Belarusian and Kazakh letters in the
// common English romanisation; respell then folds its variants.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e",
	'ж': "zh", 'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u",
	'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya", 'і': "i",
	'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", 'қ': "k", 'ғ': "g", 'ә': "a",
	'ө': "o", 'ү': "u", 'ұ': "u", 'һ': "h", 'ң': "n",
}

package gazetteer

import "github.com/harmlog/harmlog/gazetteer/internal/fold"

// Fold returns the key under which place names are compared: lower case,
// diacritics removed, Azerbaijani, Turkish and Cyrillic letters spelled in
// Latin (ə→a, ı→i, ş→sh, ğ→g, ç→ch, x→h), the romanisation variants that
// the two sides and the transliteration schemes disagree on brought
// together (kh/x/h→h, zh/dzh→j, ts→c, gh→g, y→i, ou→u, doubled letters
// single), apostrophes dropped, other punctuation and hyphens turned into
// single spaces. "Xankəndi" and "Khankendi" both fold to "hankendi",
// "Şuşa" and "Shusha" to "shusha". Scripts with no Latin spelling here
// (Arabic, Armenian, CJK, ...) are only lower-cased.
func Fold(s string) string { return fold.String(s) }

// AppendFold appends Fold(s) to dst, allocating only when dst is too
// small: it lets a caller compare many names folded without garbage.
func AppendFold(dst []byte, s string) []byte { return fold.Append(dst, s) }

// appendFold appends Fold(s) to dst. It allocates only when dst is too
// small, which lets Scan fold tokens without garbage.
func appendFold(dst []byte, s string) []byte { return fold.Append(dst, s) }

// appendLight appends the light fold of s to dst: lower case, diacritics
// and punctuation as Fold does, but no respelling (see fold.AppendLight).
func appendLight(dst []byte, s string) []byte { return fold.AppendLight(dst, s) }

package link

import (
	"math"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/harmlog/harmlog"
)

// Fold lowers s, strips diacritics and turns every run of characters that
// are not letters or digits into one space.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFD.String(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// placeWords are words that describe a kind of place rather than name one;
// they are dropped before place names are compared.
var placeWords = map[string]bool{
	"village": true, "town": true, "city": true, "district": true, "region": true,
	"province": true, "area": true, "areas": true, "central": true, "centre": true, "center": true,
	"downtown": true, "the": true, "of": true, "and": true, "in": true, "near": true, "part": true,
	"street": true, "st": true, "residential": true, "neighbourhood": true, "neighborhood": true,
	"densely": true, "populated": true, "nearby": true, "villages": true, "settlement": true,
	"building": true, "buildings": true, "rayon": true, "raion": true, "oblast": true,
	"governorate": true, "municipality": true, "about": true, "km": true, "from": true,
	"front": true, "civilian": true, "civilians": true, "quarter": true, "adjacent": true, "line": true, "multi": true, "apartment": true, "between": true, "opposite": true,
	"a": true, "on": true, "at": true, "de": true, "al": true, "el": true,
}

// phon reduces a folded word to a spelling-independent skeleton so that
// common transliteration variants meet: kh/h, dzh/j/zh, ts/c/tz, ou/u,
// y/i, q/k, w/v, ph/f, gh/g, doubled letters.
func phon(w string) string {
	type rule struct{ from, to string }
	rules := [...]rule{
		{"dzh", "j"}, {"sch", "sh"}, {"zh", "j"}, {"kh", "h"}, {"ts", "c"}, {"tz", "c"},
		{"ou", "u"}, {"ph", "f"}, {"gh", "g"}, {"ck", "k"},
		{"q", "k"}, {"w", "v"}, {"y", "i"}, {"x", "ks"},
	}
	b := make([]byte, 0, len(w)+2)
	for i := 0; i < len(w); {
		matched := false
		for _, r := range rules {
			if strings.HasPrefix(w[i:], r.from) {
				b = appendDedup(b, r.to)
				i += len(r.from)
				matched = true
				break
			}
		}
		if !matched {
			b = appendDedup(b, w[i:i+1])
			i++
		}
	}
	return string(b)
}

// appendDedup appends s to b, dropping a letter equal to the one before it.
func appendDedup(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if n := len(b); n > 0 && b[n-1] == s[i] {
			continue
		}
		b = append(b, s[i])
	}
	return b
}

// nameTokens returns the phonetic skeletons of the words of a place name
// that name the place.
func nameTokens(name string) []string {
	var out []string
	for _, w := range strings.Fields(Fold(name)) {
		if placeWords[w] || len(w) < 2 || isDigits(w) {
			continue
		}
		out = append(out, phon(w))
	}
	return out
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// foldedName is a place name folded, without kind words.
func foldedName(name string) string {
	var out []string
	for _, w := range strings.Fields(Fold(name)) {
		if !placeWords[w] && len(w) >= 2 && !isDigits(w) {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// splitNames splits a place field into the places it names and their
// context: "Stepanakert and Shusha" and "Khankendi / Shushi" name two places
// each; in "Garayusifli village, Barda district" the part after the comma
// is the context (the area the place lies in), not another place.
func splitNames(s string) (names, context []string) {
	// Commas inside parentheses do not separate context.
	b := []byte(s)
	depth := 0
	for i, c := range b {
		switch c {
		case '(':
			depth++
		case ')':
			depth = max(0, depth-1)
		case ',':
			if depth > 0 {
				b[i] = ' '
			}
		}
	}
	for _, seg := range strings.FieldsFunc(string(b), func(r rune) bool { return r == ';' || r == '/' }) {
		parts := strings.Split(seg, ",")
		for _, q := range strings.Split(parts[0], " and ") {
			if q = strings.TrimSpace(q); q != "" {
				names = append(names, q)
			}
		}
		for _, q := range parts[1:] {
			if q = strings.TrimSpace(q); q != "" {
				context = append(context, q)
			}
		}
	}
	return names, context
}

// dayNumber returns the days since 1970-01-01 of a YYYY-MM-DD date.
func dayNumber(s string) (int32, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return int32(t.Unix() / 86400), true
}

func dayString(d int32) string {
	return time.Unix(int64(d)*86400, 0).UTC().Format(time.DateOnly)
}

// haversine returns the distance in km between two points.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	p1, p2 := lat1*math.Pi/180, lat2*math.Pi/180
	dp, dl := p2-p1, (lon2-lon1)*math.Pi/180
	a := math.Sin(dp/2)*math.Sin(dp/2) + math.Cos(p1)*math.Cos(p2)*math.Sin(dl/2)*math.Sin(dl/2)
	return 2 * r * math.Asin(math.Sqrt(a))
}

// jaroWinkler returns the Jaro-Winkler similarity of two strings, 0..1.
func jaroWinkler(a, b string) float64 {
	if a == b {
		return 1
	}
	la, lb := len(a), len(b)
	if la == 0 || lb == 0 {
		return 0
	}
	win := max(la, lb)/2 - 1
	if win < 0 {
		win = 0
	}
	var ma, mb [64]bool
	if la > 64 || lb > 64 {
		return 0
	}
	m := 0
	for i := 0; i < la; i++ {
		lo, hi := max(0, i-win), min(lb, i+win+1)
		for j := lo; j < hi; j++ {
			if !mb[j] && a[i] == b[j] {
				ma[i], mb[j] = true, true
				m++
				break
			}
		}
	}
	if m == 0 {
		return 0
	}
	t, k := 0, 0
	for i := 0; i < la; i++ {
		if !ma[i] {
			continue
		}
		for !mb[k] {
			k++
		}
		if a[i] != b[k] {
			t++
		}
		k++
	}
	fm := float64(m)
	j := (fm/float64(la) + fm/float64(lb) + (fm-float64(t)/2)/fm) / 3
	p := 0
	for p < min(4, la, lb) && a[p] == b[p] {
		p++
	}
	return j + float64(p)*0.1*(1-j)
}

// weaponClass maps weapon words to a small vocabulary and a family, so that
// "Smerch cluster munitions" and "cluster bombs" meet and "missiles" and
// "artillery" are near.
func weaponClass(words string) (class, family string) {
	w := Fold(words)
	type wc struct{ word, class, family string }
	for _, x := range []wc{
		{"cluster", "cluster", "fire"}, {"smerch", "rocket", "fire"}, {"grad", "rocket", "fire"},
		{"mlrs", "rocket", "fire"}, {"rocket", "rocket", "fire"}, {"missile", "missile", "fire"},
		{"ballistic", "missile", "fire"}, {"mortar", "mortar", "fire"}, {"artiller", "artillery", "fire"},
		{"shell", "artillery", "fire"}, {"drone", "drone", "air"}, {"uav", "drone", "air"},
		{"loitering", "drone", "air"}, {"airstrike", "airstrike", "air"}, {"air strike", "airstrike", "air"},
		{"aircraft", "airstrike", "air"}, {"bombing", "airstrike", "air"}, {"car bomb", "bomb", "bomb"},
		{"suicide", "bomb", "bomb"}, {"ied", "bomb", "bomb"}, {"explos", "bomb", "bomb"},
		{"small arms", "small arms", "arms"}, {"gunfire", "small arms", "arms"}, {"shooting", "small arms", "arms"},
		{"execution", "small arms", "arms"}, {"rifle", "small arms", "arms"},
	} {
		if strings.Contains(w, x.word) {
			return x.class, x.family
		}
	}
	return w, ""
}

// figureScore weighs two ranges of figures: agreeing figures are evidence
// for one event, far-apart ones evidence against. Figures drift between
// sources, so the gap is measured relative to the larger figure plus 10.
func figureScore(a, b *harmlog.Range, weight float64, explain bool) (float64, bool, string) {
	if a == nil || b == nil || (a.Min == nil && a.Max == nil) || (b.Min == nil && b.Max == nil) {
		return 0, false, ""
	}
	alo, ahi, blo, bhi := a.Low(), a.High(), b.Low(), b.High()
	gap := 0
	switch {
	case ahi < blo:
		gap = blo - ahi
	case bhi < alo:
		gap = alo - bhi
	}
	d := float64(gap) / float64(max(ahi, bhi)+10)
	desc := ""
	if explain {
		desc = a.String() + " vs " + b.String()
	}
	var s float64
	switch {
	case gap == 0 && ahi == 0 && bhi == 0:
		s = 0.5
	case gap == 0:
		s = 1.5
	case d <= 0.15:
		s = 1
	case d <= 0.3:
		s = 0.25
	case d <= 0.5:
		s = -0.75
	case d <= 0.75:
		s = -2
	default:
		s = -4
	}
	return s * weight, true, desc
}

// withinOneEdit reports whether a and b differ by at most one edit: a
// letter dropped, added or changed, or two neighbours swapped.
func withinOneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true // changed
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:] // swapped
	}
	return a[i:] == b[i+1:] // added
}

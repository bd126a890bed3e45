package gazetteer

import (
	"math"
	"slices"
	"strings"

	"github.com/harmlog/harmlog/gazetteer/internal/index"
)

// SearchOptions narrows and sizes a Search.
type SearchOptions struct {
	// Countries are ISO 3166-1 alpha-2 codes of the context (the document's
	// or claim's country); candidates in them rank higher, others are kept.
	Countries []string
	// Limit caps the number of candidates; 0 means 10.
	Limit int
}

// Candidate is a place a name may refer to.
type Candidate struct {
	Place
	// Score ranks candidates: Similarity, less 0.1 times the weighted
	// edit cost between the names for a fuzzy match (see editCost), plus
	// 0.2 when the name matched is the place's own (or a curated alias)
	// rather than an alternate, 0.02 for an exact match, up to 0.8 for
	// population (a prior that saturates above 10,000 inhabitants, see
	// popScore), 0.2 for a place added with AddPlace and 1 for a country
	// in SearchOptions.Countries.
	Score float64
	// Matched is the place's name that matched the query (for Scan, the
	// text's spelling).
	Matched string
	// Similarity is the closeness of the folded names alone, in [0, 1]:
	// 1 for the same folded name, else Jaro-Winkler (below 1).
	Similarity float64
}

// weights are the terms of a candidate's score besides the closeness of
// the names.
type weights struct {
	pop     float64 // weight of log-population (scaled to [0, 1])
	country float64 // a candidate in a context country
	exact   float64 // the same folded name, over a fuzzy one
	primary float64 // the place's own name, over an alternate
	user    float64 // a place an analyst added (AddPlace)
	edit    float64 // the weight of editCost
	near    float64 // Resolve's bonus for a place beside the context place
}

// defaultWeights were tuned on shared/bench/toponyms/queries.tsv (grids
// over edit, pop, primary and exact; settings near these differ by under
// 0.2 points of top-1) and checked against TestResolve's Karabakh
// toponyms. Country context (1) and nearness (up to 1) outweigh the whole
// population prior (0.8), so that context decides between a village and a
// city of the same name.
func defaultWeights() weights {
	return weights{pop: 0.8, country: 1, exact: 0.02, primary: 0.2, user: 0.2, edit: 0.1, near: 1}
}

// hit is a candidate before ranking.
type hit struct {
	place int32
	key   int32   // base key number, or -1 for an overlay key
	sim   float64 // closeness of the folded names, in [0, 1] (Similarity)
	fit   float64 // closeness for ranking: 1 - edit·editCost
	bonus float64 // g.w.exact, g.w.primary
	okey  string  // overlay key when key < 0
}

// Search returns up to opt.Limit places whose names are closest to query,
// best first by Score: exact folded-name matches and names within one edit
// (two for names of six letters or more, Damerau-Levenshtein) whose first
// seven letters are within one edit of the query's, compared both folded
// and lightly folded (see appendLight), ranked by closeness (Jaro-Winkler
// less a weighted edit cost, see editCost), own name over alternate,
// country context and a population prior (see Candidate.Score). The first
// fuzzy Search builds the deletion index (see Gazetteer.fuzzy).
func (g *Gazetteer) Search(query string, opt SearchOptions) []Candidate {
	key := Fold(query)
	if key == "" {
		return nil
	}
	hits := g.lookup(key, string(appendLight(nil, query)), nil, true)
	return g.rank(hits, opt, nil)
}

// lookup appends to hits the places whose keys are close to key, the
// query's fold, or to light, its light fold (see appendLight); if not
// fuzzy, only those whose keys are key.
func (g *Gazetteer) lookup(key, light string, hits []hit, fuzzy bool) []hit {
	add := func(p int32, k int32, sim, fit, bonus float64, okey string) {
		p, primary := p&placeMask, p&primaryName != 0
		if primary {
			bonus += g.w.primary
		}
		h := hit{place: p, key: k, sim: sim, fit: fit, bonus: bonus, okey: okey}
		for i := range hits {
			if hits[i].place == p {
				if fit+bonus > hits[i].fit+hits[i].bonus {
					hits[i] = h
				}
				return
			}
		}
		hits = append(hits, h)
	}
	exact := index.Find(g.ix, key)
	if exact >= 0 {
		ps := g.postings(exact)
		for j := range len(ps) / 3 {
			add(index.Post(ps, j), exact, 1, 1, g.w.exact, "")
		}
	}
	if fuzzy && fuzzyKey(key) {
		// seen is a small open-addressing set of the keys already verified.
		var seen [256]int32
		for i := range seen {
			seen[i] = -1
		}
		nseen := 0
		if light == key || !fuzzyKey(light) {
			light = ""
		}
		del := g.fuzzy()
		probe := func(h uint32) {
			del.lookup(h, func(k int32) {
				if k == exact {
					return
				}
				if nseen < len(seen)/2 {
					i := uint32(k) * 2654435761 >> 24
					for seen[i] >= 0 && seen[i] != k {
						i = (i + 1) % uint32(len(seen))
					}
					if seen[i] == k {
						return
					}
					seen[i] = k
					nseen++
				}
				cand := g.key(k)
				sim := closeness(key, cand)
				if light != "" {
					sim = max(sim, closeness(light, cand))
				}
				if sim == 0 {
					return
				}
				cost := editCost(key, cand)
				if light != "" {
					cost = min(cost, editCost(light, cand))
				}
				fit := sim - g.w.edit*cost
				ps := g.postings(k)
				for j := range len(ps) / 3 {
					add(index.Post(ps, j), k, sim, fit, 0, "")
				}
			})
		}
		deleteHashes(key, probe)
		if light != "" {
			deleteHashes(light, probe)
		}
	}
	u := g.user.Load()
	if len(u.keys) > 0 {
		for okey, ps := range u.keys {
			sim, fit, bonus := 0.0, 0.0, 0.0
			if okey == key {
				sim, fit, bonus = 1, 1, g.w.exact
			} else if fuzzy && fuzzyKey(key) && fuzzyKey(okey) {
				maxd := 1
				if len(key) >= 6 {
					maxd = 2
				}
				if d := osa(key, okey, maxd); d <= maxd {
					sim = 1 - float64(d)/float64(max(len(key), len(okey)))
					fit = sim - g.w.edit*editCost(key, okey)
				}
			}
			if sim == 0 {
				continue
			}
			for _, p := range ps {
				// Names stored by analysts count as a place's own, and
				// their places, which matter to the project, get more.
				b := bonus
				if int(p) >= g.n {
					b += g.w.user
				}
				add(p|primaryName, -1, sim, fit, b, okey)
			}
		}
	}
	return hits
}

// closeness is the Jaro-Winkler similarity of names within d edits (one
// for short names, two for names of six letters or more), else 0. Jaro-
// Winkler weighs a shared beginning, where people seldom mistype.
func closeness(q, k string) float64 {
	maxd := 1
	if len(q) >= 6 && len(k) >= 6 {
		maxd = 2
	}
	if osa(q, k, maxd) > maxd {
		return 0
	}
	return min(jaroWinkler(q, k), 0.99)
}

// jaroWinkler returns the Jaro-Winkler similarity of a and b (bytes),
// with the usual prefix scale 0.1 over at most four bytes.
func jaroWinkler(a, b string) float64 {
	if a == b {
		return 1
	}
	if len(a) == 0 || len(b) == 0 || len(a) > 64 || len(b) > 64 {
		return 0
	}
	window := max(len(a), len(b))/2 - 1
	window = max(window, 0)
	var ma, mb [64]bool
	m := 0
	for i := 0; i < len(a); i++ {
		lo, hi := max(0, i-window), min(len(b), i+window+1)
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
	t, j := 0, 0
	for i := 0; i < len(a); i++ {
		if !ma[i] {
			continue
		}
		for !mb[j] {
			j++
		}
		if a[i] != b[j] {
			t++
		}
		j++
	}
	fm := float64(m)
	jaro := (fm/float64(len(a)) + fm/float64(len(b)) + (fm-float64(t)/2)/fm) / 3
	p := 0
	for p < 4 && p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	return jaro + float64(p)*0.1*(1-jaro)
}

// popScore is the prior that a name refers to a place of pop inhabitants,
// in [0, 1]: logistic in log10(pop), a half at 10,000 inhabitants, 0.08 at
// 5,000, 0.98 at 50,000. A name in a report or a query more often means a
// town than a village, but among towns population says little about which
// is meant (a large "Hamilton" is not ten times likelier than a smaller
// one), so the prior saturates instead of growing with log-population as
// it used to; on shared/bench/toponyms (see TestToponymQueries) this
// lifted strict top-1 from 0.921 to 0.936. The midpoint and steepness were
// chosen on that benchmark (midpoints 3.5 to 4.5 and steepness 0.25 to 0.5
// gave 0.932 to 0.936).
func popScore(pop int) float64 {
	if pop <= 0 {
		return 0
	}
	return 1 / (1 + math.Exp(-(math.Log10(float64(pop))-4)/0.25))
}

// rank scores hits, sorts them best first and cuts them to opt.Limit.
// near, if not nil, adds a bonus for closeness to that place.
func (g *Gazetteer) rank(hits []hit, opt SearchOptions, near *Place) []Candidate {
	limit := opt.Limit
	if limit <= 0 {
		limit = 10
	}
	u := g.user.Load()
	type scored struct {
		h     hit
		score float64
	}
	ss := make([]scored, len(hits))
	for i, h := range hits {
		s := h.fit + h.bonus + g.w.pop*popScore(u.population(g, h.place))
		if len(opt.Countries) > 0 && slices.Contains(opt.Countries, u.country(g, h.place)) {
			s += g.w.country
		}
		if near != nil {
			if d := Distance(*near, u.place(g, h.place)); d < 60 {
				s += g.w.near * (1 - d/60)
			}
		}
		ss[i] = scored{h, s}
	}
	slices.SortFunc(ss, func(a, b scored) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return int(a.h.place - b.h.place)
	})
	if len(ss) > limit {
		ss = ss[:limit]
	}
	out := make([]Candidate, len(ss))
	for i, s := range ss {
		p := u.place(g, s.h.place)
		key := s.h.okey
		if s.h.key >= 0 {
			key = g.key(s.h.key)
		}
		out[i] = Candidate{Place: p, Score: s.score, Matched: matchedName(p, key), Similarity: s.h.sim}
	}
	return out
}

// matchedName returns the name of p that folds (or light-folds) to key.
func matchedName(p Place, key string) string {
	var buf [128]byte
	for _, n := range p.Names {
		if string(appendFold(buf[:0], n)) == key || string(appendLight(buf[:0], n)) == key {
			return n
		}
	}
	return key
}

// osa returns the optimal-string-alignment (restricted Damerau-Levenshtein)
// distance between a and b in bytes, or max+1 once it must exceed max. It
// fills only the band of cells within max of the diagonal, the only ones
// a path of at most max edits crosses.
func osa(a, b string, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	if a == b {
		return 0
	}
	if len(a) > 62 || len(b) > 62 {
		return max + 1
	}
	const inf = 0x7f // beyond any distance osa reports
	var rows [3][64]uint8
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = uint8(min(j, inf))
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := i-max, min(len(b), i+max)
		best := uint8(inf)
		if lo <= 1 {
			lo = 1
			cur[0] = uint8(min(i, inf))
			best = cur[0]
		} else {
			cur[lo-1] = inf
		}
		ai := a[i-1]
		for j := lo; j <= hi; j++ {
			v := prev[j-1]
			if ai != b[j-1] {
				v = min(prev[j], cur[j-1], v) + 1
			} else {
				v = min(prev[j]+1, cur[j-1]+1, v)
			}
			if i > 1 && j > 1 && ai == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			v = min(v, inf)
			cur[j] = v
			best = min(best, v)
		}
		if hi < len(b) {
			cur[hi+1] = inf
		}
		if int(best) > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return int(min(prev[len(b)], uint8(max+1)))
}

// designators are words that say what kind of place a name is, stripped by
// Resolve ("Gashalti village", "Barda district", "downtown Martuni").
var designators = foldSet("village", "villages", "district", "city", "town",
	"region", "rayon", "raion", "province", "settlement", "centre", "center",
	"downtown", "central", "municipality", "oblast", "governorate", "county",
	"area", "part", "the", "of", "near", "nearby", "outskirts", "suburb",
	"suburbs", "neighbourhood", "neighborhood", "residential", "areas",
	// facilities: "Stepanakert central market", "Terter District Court building"
	"market", "bazaar", "hospital", "maternity", "cathedral", "church", "mosque",
	"court", "building", "buildings", "street", "avenue", "school", "cemetery",
	"mall", "shopping", "restaurant", "park", "square", "station", "airport")

// foldSet returns the set of the folded words.
func foldSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[Fold(w)] = true
	}
	return m
}

// Resolve returns the most likely place a claim's place phrase names, or
// false when no candidate is close enough. A place of exactly the name
// given (under Fold) wins over closer-ranked places whose names are only
// near it. It strips designators ("village",
// "district", "city", ...), and reads "A, B", "A (B)", "A/B" and "A; B" as a
// name followed by context: "Gashalti village, Naftalan" prefers a Gashalti
// near Naftalan; when A resolves to nothing, B is tried in its place.
func (g *Gazetteer) Resolve(name string, countries ...string) (Place, bool) {
	parts := splitQualifiers(name)
	opt := SearchOptions{Countries: countries, Limit: 1}
	// The first part with a name exactly as given wins; failing that, the
	// first close enough.
	var fuzzy *Place
	for i, part := range parts {
		key := stripDesignators(Fold(part))
		if key == "" {
			continue
		}
		var near *Place
		for _, q := range parts[i+1:] {
			qk := stripDesignators(Fold(q))
			if qk == "" {
				continue
			}
			if c := g.rank(g.lookup(qk, qk, nil, false), opt, nil); len(c) > 0 && c[0].Similarity >= 1 {
				near = &c[0].Place
				break
			}
		}
		// An exact name needs no fuzzy lookup (nor the deletion index).
		hits := g.lookup(key, "", nil, false)
		if len(hits) == 0 {
			hits = g.lookup(key, stripDesignators(string(appendLight(nil, part))), nil, true)
		}
		c := g.rank(exactFirst(hits), opt, near)
		if len(c) == 0 {
			continue
		}
		if c[0].Similarity >= 1 {
			return c[0].Place, true
		}
		if fuzzy == nil && c[0].Similarity >= minSimilarity(key) {
			fuzzy = &c[0].Place
		}
	}
	if fuzzy != nil {
		return *fuzzy, true
	}
	return Place{}, false
}

// exactFirst returns the hits that match exactly if there are any, else
// all hits. Resolve reads names as reports write them, seldom misspelt, so
// a village of exactly the name given beats a town one letter away, which
// Search, made for noisy queries, may rank first on population.
func exactFirst(hits []hit) []hit {
	exact := hits[:0:0]
	for _, h := range hits {
		if h.sim >= 1 {
			exact = append(exact, h)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return hits
}

// minSimilarity is the closeness Resolve needs: an exact folded name for
// short keys, one edit in five letters for longer ones.
func minSimilarity(key string) float64 {
	if len(key) < 5 {
		return 1
	}
	return 0.8
}

// splitQualifiers cuts a place phrase at commas, semicolons, colons,
// slashes, brackets and " and ".
func splitQualifiers(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == ':' || r == '/' || r == '(' || r == ')' || r == '[' || r == ']'
	})
	var out []string
	for _, p := range parts {
		for _, q := range strings.Split(p, " and ") {
			if q = strings.TrimSpace(q); q != "" {
				out = append(out, q)
			}
		}
	}
	return out
}

// stripDesignators removes designator words from a folded phrase.
func stripDesignators(key string) string {
	f := strings.Fields(key)
	out := f[:0]
	for _, w := range f {
		if !designators[w] {
			out = append(out, w)
		}
	}
	return strings.Join(out, " ")
}

// isVowel reports whether c is an ASCII vowel.
func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// indelCost is the cost of inserting or deleting s[i]: a letter doubling
// its neighbour is the cheapest slip, a vowel or h, y, w (which
// romanisations add and drop) cheaper than another letter, and the first
// letter, which people seldom get wrong, dearest.
func indelCost(s string, i int) float32 {
	c := s[i]
	cost := float32(1)
	switch {
	case i > 0 && s[i-1] == c || i+1 < len(s) && s[i+1] == c:
		cost = 0.4
	case isVowel(c) || c == 'h' || c == 'y' || c == 'w':
		cost = 0.7
	}
	if i == 0 {
		cost += 0.5
	}
	return cost
}

// subCost is the cost of writing b at position i for a: vowels for vowels
// are the likeliest slips and transliteration variants.
func subCost(a, b byte, i int) float32 {
	cost := float32(1)
	if isVowel(a) && isVowel(b) {
		cost = 0.7
	}
	if i == 0 {
		cost += 0.5
	}
	return cost
}

// editCost is a weighted optimal-string-alignment distance between the
// folded names q and k (see indelCost and subCost; an adjacent
// transposition costs 0.8): the ranking's measure of how unlikely q is as
// a misspelling of k, 0 for equal names. Names too long for it cost 10.
func editCost(q, k string) float64 {
	if q == k {
		return 0
	}
	if len(q) > 62 || len(k) > 62 {
		return 10
	}
	var rows [3][64]float32
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	prev[0] = 0
	for j := 1; j <= len(k); j++ {
		prev[j] = prev[j-1] + indelCost(k, j-1)
	}
	for i := 1; i <= len(q); i++ {
		cur[0] = prev[0] + indelCost(q, i-1)
		a := q[i-1]
		for j := 1; j <= len(k); j++ {
			v := prev[j-1]
			if a != k[j-1] {
				v += subCost(a, k[j-1], min(i, j)-1)
			}
			v = min(v, prev[j]+indelCost(q, i-1), cur[j-1]+indelCost(k, j-1))
			if i > 1 && j > 1 && a == k[j-2] && q[i-2] == k[j-1] {
				v = min(v, prev2[j-2]+0.8)
			}
			cur[j] = v
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return float64(prev[len(k)])
}

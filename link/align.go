package link

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Independent is the alignment of sources that speak for no party:
// international organisations, human-rights groups and international media.
const Independent = "independent"

// AlignRule maps the words of a source or perpetrator name to a party (or
// Independent). Words are matched folded, as whole words, anywhere in the
// name.
type AlignRule struct {
	Words string
	Party string
}

// Alignment maps names of claimants, publishers and alleged perpetrators to
// the party they are aligned with. When several rules match a name, the one
// whose words come first in the name wins, and among those the longest:
// "AFP (figures from Azerbaijani officials)" is AFP's.
type Alignment struct {
	rules []AlignRule // folded words
}

// NewAlignment returns an Alignment with the given rules.
func NewAlignment(rules []AlignRule) *Alignment {
	a := &Alignment{}
	a.Add(rules...)
	return a
}

// Add adds rules; later rules with the same words replace earlier ones.
func (a *Alignment) Add(rules ...AlignRule) {
	for _, r := range rules {
		w := Fold(r.Words)
		if w == "" {
			continue
		}
		a.rules = slices.DeleteFunc(a.rules, func(x AlignRule) bool { return x.Words == w })
		a.rules = append(a.rules, AlignRule{Words: w, Party: r.Party})
	}
}

// Rules returns the rules, folded, in the order added.
func (a *Alignment) Rules() []AlignRule { return slices.Clone(a.rules) }

// Party returns the party a name is aligned with, Independent, or "" when
// no rule matches.
func (a *Alignment) Party(name string) string {
	if name == "" {
		return ""
	}
	f := " " + Fold(name) + " "
	best, bestPos, bestLen := "", len(f), 0
	for _, r := range a.rules {
		i := strings.Index(f, " "+r.Words+" ")
		if i < 0 {
			continue
		}
		if i < bestPos || (i == bestPos && len(r.Words) > bestLen) {
			best, bestPos, bestLen = r.Party, i, len(r.Words)
		}
	}
	return best
}

// ReadAlignment reads rules from a tab-separated file: words, a tab, the
// party ("independent" for independent sources); blank lines and lines
// starting with # are skipped. Errors name the line.
func ReadAlignment(r io.Reader) ([]AlignRule, error) {
	var out []AlignRule
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		w, p, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(w) == "" || strings.TrimSpace(p) == "" {
			return nil, fmt.Errorf("line %d: want words<TAB>party, got %q", n, line)
		}
		out = append(out, AlignRule{Words: strings.TrimSpace(w), Party: strings.TrimSpace(p)})
	}
	return out, sc.Err()
}

// DefaultAlignment returns the built-in rules for the 2020 Nagorno-Karabakh
// war and common independent sources. Each side's authorities, officials,
// state media and armed forces are aligned with that side; the
// Nagorno-Karabakh (Artsakh) authorities with the Armenian side. Users extend
// it with Add or ReadAlignment.
func DefaultAlignment() *Alignment {
	az, am := "Azerbaijan", "Armenia"
	var rules []AlignRule
	for _, w := range []string{
		"Azerbaijan", "Azerbaijani", "Azeri", "Azerbaijan's", "Baku", "Hikmet Hajiyev", "Hajiyev",
		"Aliyev", "Trend", "AzerNews", "Azertac", "Report.az", "Report az", "News.az", "News az",
		"Zefer.az", "Zefer az", "APA", "Caliber.az", "Caliber az", "Today.az", "Today az",
		"AzVision", "Sea-news.az", "Sea news az", "44days.info", "44days info", "Novoye Vremya",
	} {
		rules = append(rules, AlignRule{w, az})
	}
	for _, w := range []string{
		"Armenia", "Armenian", "Armenia's", "Yerevan", "Artsakh", "Nagorno-Karabakh", "Nagorno Karabakh",
		"NK", "Stepanakert", "Armenpress", "News.am", "News am", "Panorama.am", "Panorama am",
		"PanARMENIAN", "Public Radio of Armenia", "Hetq", "Mamul.am", "Mamul am", "CivilNet",
		"Artak Beglaryan", "Beglaryan", "Vahram Poghosyan", "Shushan Stepanyan", "Artsrun Hovhannisyan",
		"Arayik Harutyunyan", "Gegharkunik", "Horizon Weekly", "Hyetert", "Massis Post",
	} {
		rules = append(rules, AlignRule{w, am})
	}
	for _, w := range []string{
		"Human Rights Watch", "HRW", "Amnesty International", "Amnesty", "ICRC",
		"International Committee of the Red Cross", "Red Cross", "OHCHR", "UN", "United Nations",
		"UN High Commissioner for Human Rights", "OSCE", "Bellingcat", "BBC", "Reuters", "AFP", "AP",
		"Associated Press", "Al Jazeera", "RFE/RL", "RFE RL", "IWPR", "Deutsche Welle", "DW",
		"VICE News", "Caucasian Knot", "The Moscow Times", "Moscow Times", "Guardian",
	} {
		rules = append(rules, AlignRule{w, Independent})
	}
	return NewAlignment(rules)
}

package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/harmlog/harmlog/gazetteer"
)

// TestExtractRules checks the rules for subjects far from their harm word,
// pronouns, headlines and the other patterns of one sentence, each in a
// sentence written for the test.
func TestExtractRules(t *testing.T) {
	tests := []struct {
		rule string
		text string
		want []string // summaries of the claims with figures, in order
	}{
		{"subject with a participle phrase", "A herder accused of stealing 11 sheep was beaten to death near the well.", []string{"k=1 v=civilian s=incident"}},
		{"subject with a relative clause", "A trader who suffered severe burns in the fire died in hospital on Monday.", []string{"k=1 v=civilian s=incident"}},
		{"plural subject with a participle phrase", "Four guards escorting a supply truck have been killed in an ambush.", []string{"k=4 v=military s=incident"}},
		{"subject and kin", "A teacher who ran the village school and her son were killed when the house was shelled.", []string{"k=2 v=civilian s=incident"}},
		{"subject across a second verb", "A guard was targeted by snipers and killed near the gate.", []string{"k=1 v=military s=incident"}},
		{"subject with an age", "Two herders in their 40s were detained by the militia and killed.", []string{"k=2 v=civilian s=incident"}},
		{"headline subject without an article", "Border guard found near the river was shot and killed by a patrol.", []string{"k=1 v=military s=incident"}},
		{"injured then died", "A farmer injured in the raid later died of his wounds.", []string{"k=1 i=1 v=civilian s=incident"}},
		{"no subject rule across a subordinate clause", "Two hundred villagers gathered after a farmer was killed.", []string{"k=1 v=civilian s=incident"}},
		{"no subject rule in a protest", "About 300 residents blocked the road demanding the arrest of the men who killed a driver.", nil},
		{"sentenced to death is no killing", "Some 2,000 people rallied for two workers who were sentenced to death abroad.", nil},
		{"figure then harm in a headline", "2 policemen killed 6 injured in blast at checkpoint", []string{"k=2 i=6 v=military s=incident"}},
		{"apposition of place names", "Two farmers and one guard in Aldport, Westshire, were killed on Friday.", []string{"k=2 v=civilian s=incident", "k=1 v=military s=incident"}},
		{"no apposition across a figure", "In the hills near Aldport, Westshire, two rangers were killed by a mine.", []string{"k=2 v=unknown s=incident"}},
		{"shot someone dead", "Gunmen shot the village headman dead outside his shop.", []string{"k=1 v=civilian s=incident"}},
		{"shot a named man dead", "Attackers shot Rahim, a grocer, dead in the market.", []string{"k=1 v=unknown s=incident"}},
		{"active verb with an article", "Troops fired on a crowd, killing a cattle trader and wounding three others.", []string{"k=1 i=3 v=civilian s=incident"}},
		{"assassinate", "Gunmen assassinate an army officer near the barracks.", []string{"k=1 v=military s=incident"}},
		{"a modifier that counts no victims", "Rangers gunned down two cattle traders at the border.", []string{"k=2 v=civilian s=incident"}},
		{"them after a figure", "Rebels abducted three traders and killed them on the road.", []string{"k=3 v=civilian s=incident"}},
		{"them after a figure, with a comma", "Unknown gunmen stopped two guards at the gate, killing them instantly.", []string{"k=2 v=military s=incident"}},
		{"along with", "Three soldiers were killed along with 12 insurgents in the clash.", []string{"k=3 v=military s=incident", "k=12 v=military s=incident"}},
		{"breakdown with including", "Six men, including a village elder, were gunned down at a wedding.", []string{"k=6 v=civilian s=incident", "k=1 v=civilian s=incident p=0"}},
		{"among after a figure", "Five fighters were killed, their leaders Amin and Karim were 2 among the five killed.", []string{"k=5 v=military s=incident", "k=2 v=unknown s=incident p=0"}},
		{"event noun before a coordinated subject", "During a raid on a hideout, a commander was killed and 4 others were arrested.", []string{"k=1 v=military s=incident"}},
		{"gunned down takes an object", "A unit of 6 Rifles gunned down three smugglers near the fence.", []string{"k=3 v=unknown s=incident"}},
		{"killed before an anniversary", "An activist was killed at a rally marking the anniversary of the uprising.", []string{"k=1 v=civilian s=incident"}},
		{"killings told at an anniversary", "Crowds marked the anniversary of the killing of 40 miners.", nil},
		{"last week dates one event", "A labourer who was beaten by guards last week died in hospital.", []string{"k=1 v=civilian s=incident"}},
		{"a modifier before a plural noun", "Two cattle thieves were killed by villagers.", []string{"k=2 v=unknown s=incident"}},
		{"a time before the verb is no subject", "A farmer who moved here three months ago was shot dead on Friday.", []string{"k=1 v=civilian s=incident"}},
		{"along with after a name counts the one named", "A commander, identified as Rahim was killed along with two of his aides.", []string{"k=3 v=unknown s=incident"}},
		{"one person and his kin, plural verb", "The village headman and his nephew were shot dead near the mill.", []string{"k=2 v=civilian s=incident"}},
		{"one person along with his companion", "A clerk of the land office along with his driver were gunned down on the bypass road.", []string{"k=2 v=civilian s=incident"}},
		{"one person and one of his", "A shopkeeper and one of his friends were killed by gunmen.", []string{"k=2 v=civilian s=incident"}},
		{"a plural subject and their kin is no pair", "The guards and their dogs were killed.", nil},
		{"a possessive object", "Gunmen stormed the farmhouse, killing her husband.", []string{"k=1 v=civilian s=incident"}},
		{"a plural possessive object is no figure", "Gunmen stormed the farmhouse, killing their children.", nil},
		{"a number after a possessive", "Gunmen stormed the farmhouse, killing his two sons.", []string{"k=2 v=civilian s=incident"}},
		{"a singular passive with a long subject", "The deputy treasurer of the district unit of the farmers' league was shot dead outside his home.", []string{"k=1 v=unknown s=incident"}},
		{"no singular passive after a negation", "No member of the convoy was killed.", nil},
		{"a headline's toll told again with its victims is one claim, the later", "Capital reports nine dead\n\nThe governor said that nine civilians were killed when rockets hit the market.", []string{"k=9 v=civilian s=incident"}},
		{"a toll told again with no victims stays with the first telling", "Nine civilians were killed when rockets hit the market. The governor said nine died.", []string{"k=9 v=civilian s=incident"}},
		{"one person as well as others, plural verb", "A rebel commander, as well as three other fighters, were killed in the raid.", []string{"k=4 v=military s=incident"}},
		{"the death of one person and others", "The blast caused the death of the mayor and 6 other people.", []string{"k=7 v=unknown s=incident"}},
		{"one killed and others wounded are apart", "Karim, a trader, was killed and two other traders were wounded by the blast.", []string{"k=1 i=2 v=civilian s=incident"}},
		{"a list of single people after the harm word", "Raiders killed a farmer, his wife and their son near the well.", []string{"k=3 v=civilian s=incident"}},
		{"a list after the harm word, then a figure of its own", "The blast killed a guard, his brother and a driver at the gate.", []string{"k=2 v=military s=incident", "k=1 v=civilian s=incident"}},
		{"two single figures are not a list", "The blast killed one guard and one driver at the gate.", []string{"k=1 v=military s=incident", "k=1 v=civilian s=incident"}},
		{"a thing in a list is no person", "The blast killed a guard, his horse and a driver at the gate.", []string{"k=1 v=military s=incident", "k=1 v=civilian s=incident"}},
		{"one person and his kin died", "The driver and his helper died later in hospital.", []string{"k=2 v=civilian s=incident"}},
		{"an agent before shot dead", "Gunmen on a motorbike shot dead two traders in the bazaar.", []string{"k=2 v=civilian s=incident"}},
		{"a riot over a death is no event of harm", "Residents began rioting after a trader was killed.", nil},
		{"rioters who kill", "Rioters killed two policemen near the depot.", []string{"k=2 v=military s=incident"}},
		{"a harm word misspelt", "Bandits attacked a bus, killling 12 passengers.", []string{"k=12 v=civilian s=incident"}},
		{"a harm word misspelt, one person", "A guard who was shot at the gate succumed to his wounds.", []string{"k=1 v=military s=incident"}},
		{"no casualties misspelt", "A bomb went off near the market; no causality was reported.", []string{"k=0 i=0 v=unknown s=incident"}},
		{"a whole after was among", "A rebel commander was among four fighters killed in the raid. Four fighters were killed in the raid, the army said.", []string{"k=4 v=military s=incident"}},
		{"at least a number told again", "At least three guards were killed at the depot. The attackers shot three guards at the gate, killing three.", []string{"k=3+ v=military s=incident"}},
		{"since the start is a running total", "More than 900 killed since start of the war: monitors", []string{"k=900+ v=unknown s=cumulative"}},
		{"one person killed as a result of strikes is one incident", "A shepherd was killed as a result of enemy strikes.", []string{"k=1 v=unknown s=incident"}},
		{"a toll as a result of strikes with no place is a running total", "Nine shepherds were killed as a result of enemy strikes.", []string{"k=9 v=unknown s=cumulative"}},
		{"opening phrase and the", "In the old town, the secretary of the traders' union was hacked to death.", []string{"k=1 v=civilian s=incident"}},
		{"an age in brackets", "Assistant inspector Ravi Kumar (41), posted at the outpost was shot dead by rebels.", []string{"k=1 v=military s=incident"}},
		{"a number inside a breakdown", "Four villagers, including a 9-year-old girl were killed in the shelling.", []string{"k=4 v=civilian s=incident", "k=1 v=civilian s=incident p=0"}},
		{"atleast", "A drone strike killed atleast 6 fighters.", []string{"k=6+ v=military s=incident"}},
		{"death of one person", "The feud ended in the death of a 30-year-old farmer near the canal.", []string{"k=1 v=civilian s=incident"}},
		{"death of a named man", "Rebels claimed the killing of Omar Haddad on the highway.", []string{"k=1 v=unknown s=incident"}},
		{"death of many is no figure", "The death of villagers in the floods was mourned.", nil},
		{"death of one in a protest", "Students marched against the death of a student in custody.", nil},
		{"at is no object", "Officials say three guards killed at the airport", []string{"k=3 v=military s=incident"}},
		{"at least is an object", "Shelling killed at least four civilians", []string{"k=4+ v=civilian s=incident"}},
		{"headline reported killed", "Ukrainian soldier reported killed near the front", []string{"k=1 v=military s=incident"}},
		{"headline name killed", "Petro Kovalenko killed by sniper fire near the village", []string{"k=1 v=unknown s=incident"}},
		{"headlines skip a running total", "40 soldiers killed in the war this year;Two soldiers killed, one injured", []string{"k=40 v=military s=cumulative", "k=2 i=1 v=military s=incident"}},
	}
	ex := New(Options{})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "2020-10-08")
		var got []string
		for _, c := range res.Claims {
			if c.Killed != nil || c.Injured != nil || c.Missing != nil || len(c.Damaged) > 0 {
				got = append(got, summary(c))
			}
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("%s: %q:\n got %q\nwant %q", tt.rule, tt.text, got, tt.want)
		}
	}
}

// TestPerpetratorRules checks that the party named in the claimant's own
// words is never taken for the perpetrator, that an actor in the claim's
// words wins, and that the next sentence may name who is blamed if it
// speaks for the same claimant with a verb of blame. Each rule is checked
// with the sides swapped.
func TestPerpetratorRules(t *testing.T) {
	tests := []struct {
		rule string
		text string
		want string // the perpetrator of the first claim
	}{
		{"claimant party is no perpetrator, blame in the next sentence",
			"Armenia's interior ministry said that five villagers died when rockets hit a school. The ministry blamed Azerbaijani troops.", "Azerbaijan"},
		{"claimant party is no perpetrator, blame in the next sentence (mirror)",
			"Azerbaijan's interior ministry said that five villagers died when rockets hit a school. The ministry blamed Armenian troops.", "Armenia"},
		{"actor in the claim's clause beats the claimant's party",
			"An Azerbaijani army spokesman said two farmers were killed by Armenian artillery fire near the river.", "Armenia"},
		{"actor in the claim's clause beats the claimant's party (mirror)",
			"An Armenian army spokesman said two farmers were killed by Azerbaijani artillery fire near the river.", "Azerbaijan"},
		{"a pronoun subject with fired by",
			"Azerbaijan's emergency service said three people were hurt overnight. It said the shells were fired by Armenian units.", "Armenia"},
		{"a pronoun subject with fired by (mirror)",
			"Armenia's emergency service said three people were hurt overnight. It said the shells were fired by Azerbaijani units.", "Azerbaijan"},
		{"a passive blame",
			"Armenia's health ministry said six people were wounded in the market. Azerbaijani forces were blamed for the attack.", "Azerbaijan"},
		{"a passive blame (mirror)",
			"Azerbaijan's health ministry said six people were wounded in the market. Armenian forces were blamed for the attack.", "Armenia"},
		{"no blame verb, no perpetrator from the next sentence",
			"Armenia's health ministry said six people were wounded in the market. The ministry praised Azerbaijani mediators.", ""},
		{"no blame verb, no perpetrator from the next sentence (mirror)",
			"Azerbaijan's health ministry said six people were wounded in the market. The ministry praised Armenian mediators.", ""},
		{"only the next sentence",
			"Azerbaijan's health ministry said six people were wounded in the market. Shops were closed. The ministry blamed Armenian forces.", ""},
		{"only the next sentence (mirror)",
			"Armenia's health ministry said six people were wounded in the market. Shops were closed. The ministry blamed Azerbaijani forces.", ""},
		{"the next sentence's subject must be the claimant's",
			"Armenia's health ministry said six people were wounded in the market. A local farmer blamed Azerbaijani forces.", ""},
		{"the next sentence's subject must be the claimant's (mirror)",
			"Azerbaijan's health ministry said six people were wounded in the market. A local farmer blamed Armenian forces.", ""},
	}
	ex := New(Options{})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "2020-10-08")
		if len(res.Claims) == 0 {
			t.Errorf("%s: %q: no claim", tt.rule, tt.text)
			continue
		}
		if got := res.Claims[0].Perpetrator; got != tt.want {
			t.Errorf("%s: %q: perpetrator %q, want %q", tt.rule, tt.text, got, tt.want)
		}
	}
}

// TestDayAfterDateRules checks that a number after "DAY Month" counts
// victims when a victim noun or harm word follows it, while "Month DAY"
// alone stays a date.
func TestDayAfterDateRules(t *testing.T) {
	tests := []struct {
		rule string
		text string
		want []string
	}{
		{"a figure right after a day-month date", "Since 4 March 19 soldiers had been killed and 30 wounded.", []string{"k=19 i=30 v=military s=cumulative"}},
		{"a figure right after a day-month date, civilians", "Since 12 May 8 civilians have died in the shelling.", []string{"k=8 v=civilian s=cumulative"}},
		{"month-day alone is a date", "On May 12 two civilians were killed in the shelling.", []string{"k=2 v=civilian s=incident"}},
		{"day month year is a date", "On 12 May 2020 two soldiers were killed by a mine.", []string{"k=2 v=military s=incident"}},
	}
	ex := New(Options{})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "2020-10-08")
		var got []string
		for _, c := range res.Claims {
			if c.Killed != nil || c.Injured != nil {
				got = append(got, summary(c))
			}
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
			t.Errorf("%s: %q:\n got %q\nwant %q", tt.rule, tt.text, got, tt.want)
		}
	}
}

// TestNotPlaceRules checks that a person's name after a title, the first
// word of an organisation, a weapon's name and a title inside the claimant
// are no places, while the same names after "in" are.
func TestNotPlaceRules(t *testing.T) {
	vardan := place("t:vardan", "Vardan", "AM", 40.1, 44.5, 900)
	elnur := place("t:elnur", "Elnur", "AZ", 40.4, 49.8, 900)
	human := place("t:human", "Human", "US", 40.0, -80.0, 300)
	grad := place("t:grad", "Grad", "RS", 44.0, 20.0, 500)
	minister := place("t:minister", "Minister", "US", 40.4, -84.0, 800)
	fake := fakePlaces{scan: map[string][]gazetteer.Candidate{
		"Vardan": {cand(vardan, 1.8)}, "Elnur": {cand(elnur, 1.8)}, "Human": {cand(human, 1.8)},
		"Grad": {cand(grad, 1.8)}, "Minister": {cand(minister, 1.8)},
	}}
	tests := []struct {
		rule string
		text string
		want []string // place IDs in text order
	}{
		{"a first name after a title", "Azerbaijani ministry spokesman Elnur Mammadov said two civilians were killed.", nil},
		{"a first name after a title (mirror)", "Armenian ministry spokesman Vardan Hakobyan said two civilians were killed.", nil},
		{"the same name after in is a place", "Two civilians were killed in Elnur overnight.", []string{"t:elnur"}},
		{"the same name after in is a place (mirror)", "Two civilians were killed in Vardan overnight.", []string{"t:vardan"}},
		{"a name before a designator after a title", "Governor of Vardan District said the road was closed.", []string{"t:vardan"}},
		{"the first word of an organisation", "The Human Rights Defender said three civilians died.", nil},
		{"a weapon's name", "Grad rockets killed four soldiers near the border.", nil},
		{"a title in the claimant", "Minister of Defence Vardan Sargsyan said one soldier died.", nil},
	}
	ex := New(Options{Places: fake})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "")
		var got []string
		for _, p := range res.Places {
			got = append(got, p.ID)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: %q: places %q, want %q", tt.rule, tt.text, got, tt.want)
		}
	}
}

// TestParagraphBreakRules checks that a blank line ends a sentence: a
// headline without a final stop is no part of the claimant after it.
func TestParagraphBreakRules(t *testing.T) {
	tests := []struct {
		rule string
		text string
		want string // the claimant of the first claim
	}{
		{"a headline with a verb of speech", "Officials report nine dead\n\nThe regional governor said that seven civilians were killed in the shelling.", "The regional governor"},
		{"a headline with a verb of speech and a quote", "Yerevan says five hurt\n\nThe city's mayor said \"three civilians were wounded\" in the strike.", "city's mayor"},
		{"a headline with a verb of speech and a quote (mirror)", "Baku says five hurt\n\nThe city's mayor said \"three civilians were wounded\" in the strike.", "city's mayor"},
		{"a blank line before a lower-case line", "Officials report nine dead\n\nthe regional governor said that seven civilians were killed in the shelling.", "the regional governor"},
	}
	ex := New(Options{})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "2020-10-08")
		if len(res.Claims) == 0 {
			t.Errorf("%s: %q: no claim", tt.rule, tt.text)
			continue
		}
		var got string
		for _, c := range res.Claims {
			if c.Start > strings.Index(tt.text, "\n\n") {
				got = c.Claimant
				break
			}
		}
		if got != tt.want {
			t.Errorf("%s: %q: claimant %q, want %q", tt.rule, tt.text, got, tt.want)
		}
	}
}

// TestApposedSpeakers: a speaker named with an apposition between commas
// ("X, Y, told Z") is X and Y, never Z, the medium told.
func TestApposedSpeakers(t *testing.T) {
	tests := []struct{ rule, text, want string }{
		{"a speaker with an apposition told a medium", "The Human Rights Ombudsman of Eastland, Arno Vell, told Radio North that 4 civilians were killed on Sunday.", "The Human Rights Ombudsman of Eastland, Arno Vell"},
		{"a speaker with an apposition said", "The mayor, Lena Morov, said that two civilians were killed in the shelling.", "The mayor, Lena Morov"},
		{"said after the claim names the speaker", "Two civilians were killed in the shelling, said Lena Morov.", "Lena Morov"},
	}
	ex := New(Options{})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "2020-10-05")
		if len(res.Claims) != 1 || res.Claims[0].Claimant != tt.want {
			var got []string
			for _, c := range res.Claims {
				got = append(got, c.Claimant)
			}
			t.Errorf("%s: %q: claimants %q, want one claim by %q", tt.rule, tt.text, got, tt.want)
		}
	}
}

// TestUpdateKeepsOtherClaimants: "the toll rose to N" replaces the earlier
// figure of the same claimant only; another claimant's figure stays.
func TestUpdateKeepsOtherClaimants(t *testing.T) {
	ex := New(Options{})
	tests := []struct {
		text       string
		wantKilled []int
	}{
		{"The ministry said 12 civilians were killed in the strike. Later the governor said the death toll had risen to 13.", []int{12, 13}},
		{"The governor said 12 civilians were killed in the strike. Later the governor said the death toll had risen to 13.", []int{13}},
		{"Twelve civilians were killed in the strike. The death toll later rose to 13.", []int{13}},
	}
	for _, tt := range tests {
		var got []int
		for _, c := range ex.Extract(tt.text, "2020-10-17").Claims {
			if c.Killed != nil && c.PartOf == nil {
				got = append(got, c.Killed.Low())
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.wantKilled) {
			t.Errorf("%q: killed %v, want %v", tt.text, got, tt.wantKilled)
		}
	}
}

// TestBlameIsNoAttackClaim: a sentence that lays the claim before it at a
// party's door ("It said the rockets were fired by X") gives that claim its
// perpetrator and is no figureless attack claim of its own; an attack told
// on its own still is one.
func TestBlameIsNoAttackClaim(t *testing.T) {
	tests := []struct {
		rule   string
		text   string
		claims int    // all claims, with figures or not
		perp   string // the first claim's alleged perpetrator
	}{
		{"blame of the claim before", "The ministry said 5 civilians were killed when rockets hit the market. It said the rockets were fired by the Armenian armed forces.", 1, "Armenia"},
		{"blame of the claim before (mirror)", "The ministry said 5 civilians were killed when rockets hit the market. It said the rockets were fired by the Azerbaijani armed forces.", 1, "Azerbaijan"},
		{"an attack told on its own", "The town was shelled with rockets by Azerbaijani forces on Sunday.", 1, "Azerbaijan"},
	}
	ex := New(Options{})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "2020-10-05")
		if len(res.Claims) != tt.claims || len(res.Claims) > 0 && res.Claims[0].Perpetrator != tt.perp {
			var got []string
			for _, c := range res.Claims {
				got = append(got, summary(c)+" by "+c.Perpetrator)
			}
			t.Errorf("%s: %q: claims %q, want %d, the first alleging %s", tt.rule, tt.text, got, tt.claims, tt.perp)
		}
	}
}

// TestSameDay: "earlier in the day", "later that day" and the like date a
// claim to the day the text last named; without such a day, no date.
func TestSameDay(t *testing.T) {
	tests := []struct {
		rule, text string
		want       []string // each claim's date, "" for none
	}{
		{"later in the day", "Rockets hit Aldport on Monday, killing 3 civilians, the ministry said. Later in the day, the governor said 5 people had died.", []string{"2020-10-05", "2020-10-05"}},
		{"earlier that day, across a paragraph", "Rockets hit Aldport on Monday, killing 3 civilians, the ministry said.\n\nEarlier that day, the governor said 2 people had been wounded.", []string{"2020-10-05", "2020-10-05"}},
		{"no day named before", "Later in the day, the governor said 5 people had died.", []string{""}},
		{"a range named before is no day", "Rockets hit Aldport last week, killing 3 civilians, the ministry said. Later that day, the governor said 5 people had died.", []string{"2020-09-28", ""}},
	}
	ex := New(Options{})
	for _, tt := range tests {
		res := ex.Extract(tt.text, "2020-10-07")
		var got []string
		for _, c := range res.Claims {
			d := ""
			if c.Date != nil {
				d = c.Date.From
			}
			got = append(got, d)
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("%s: %q: dates %q, want %q", tt.rule, tt.text, got, tt.want)
		}
	}
}

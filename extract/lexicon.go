package extract

// Figure kinds.
const (
	kKilled  = 'k'
	kInjured = 'i'
	kMissing = 'm'
	kDamage  = 'd'
)

// Word class flags, looked up once per token.
const (
	fTrig    uint16 = 1 << iota // a harm word (lexicon.triggers)
	fCue                        // another word that may begin a figure
	fQStart                     // a word a quantity may start with
	fProtest                    // a word of protest
	fQuote                      // a word that cites a source: "citing", "quoted"
	fDeny                       // a word of denial: "denied", "false", "not"
	fSpeech                     // a verb of speech (speechVerbs)
	fAux                        // a word that may stand before a harm word (auxWords)
	fBreak                      // a word that ends the subject of a figure (lexicon.breakers)
	fQual                       // the first word of a qualifier: "at" (least), "up" (to)
	fVague                      // a vague count: "dozens", "several"
	fCum                        // a word that cumulative reads: "since", "total", "past"
	fCiv                        // a word for civilians (lexicon.civilian)
	fMil                        // a word for the military (lexicon.military)
)

// trigger describes a word that names harm.
type trigger struct {
	kind    byte
	active  bool // may take its victims after it: "killing three"
	nominal bool // a noun after the figure: "five deaths", "three bodies"
	intrans bool // an intransitive verb: "one man died"
	// noPassive: never the predicate of the people it counts ("killing")
	noPassive bool
	state     string
}

// lexicon holds the word tables of the extractor, built once in New.
type lexicon struct {
	flags       map[string]uint16
	filter      wordFilter // the words of flags, for a cheap test before the map
	triggers    map[string]trigger
	civilian    map[string]bool
	military    map[string]bool
	person      map[string]bool // other nouns for people: "people", "persons", "others"
	nonVictim   map[string]bool // nouns after a number that make it no count of people
	objects     map[string]bool // things damaged or destroyed
	breakers    map[string]bool // words that end the subject of a figure
	protest     map[string]bool // words of protest: harm they speak of is their reason
	transparent map[string]bool // after a comma, words that continue the subject
	kin         map[string]bool // "relatives of" the dead are not the dead
	reason      map[string]bool // words that make "the killing of" a cause, not an event
	cue         map[string]bool // words besides the triggers that may begin a figure
	preps       map[string]bool // breakers allowed inside the subject: "two men from X were killed"
	weekdays    map[string]int
	attack      map[string]bool // words of attack for claims without figures
	toll        map[string]bool // verbs of a toll's update: "rose", "climbed"
}

// slips returns the misspellings of w one slip away: a letter left out,
// doubled, or swapped with the next; none shorter than five letters.
func slips(w string) []string {
	var out []string
	for i := range len(w) {
		if len(w) > 5 {
			out = append(out, w[:i]+w[i+1:])
		}
		out = append(out, w[:i+1]+w[i:])
		if i+1 < len(w) && w[i] != w[i+1] {
			out = append(out, w[:i]+string(w[i+1])+string(w[i])+w[i+2:])
		}
	}
	return out
}

// notSlips are words one slip away from a harm word that are words of
// their own.
var notSlips = set("inured", "illing", "wounde")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

func newLexicon() *lexicon {
	lx := &lexicon{triggers: map[string]trigger{}}
	add := func(t trigger, words ...string) {
		for _, w := range words {
			lx.triggers[w] = t
		}
	}
	add(trigger{kind: kKilled, active: true, noPassive: true}, "kill", "kills", "killing", "slays",
		"assassinate", "assassinates", "assassinating")
	add(trigger{kind: kInjured, active: true, noPassive: true}, "injuring", "injures", "wounding", "injure")
	add(trigger{kind: kKilled, active: true}, "killed", "murdered", "slew",
		"massacred", "executed", "beheaded", "lynched", "assassinated", "slaughtered", "slain")
	add(trigger{kind: kKilled}, "dead", "lifeless", "kia")
	add(trigger{kind: kInjured}, "wia")
	add(trigger{kind: kKilled, intrans: true}, "died", "die", "dies", "dying", "perished", "succumbed", "drowned")
	// Misspellings one slip away from the commonest harm words, as notes
	// typed in haste have them ("killling", "succumed", "wouded").
	for _, w := range []string{"killed", "killing", "injured", "wounded", "succumbed"} {
		for _, v := range slips(w) {
			if _, ok := lx.triggers[v]; !ok && !notSlips[v] {
				lx.triggers[v] = lx.triggers[w]
			}
		}
	}
	add(trigger{kind: kKilled, nominal: true}, "deaths", "fatalities", "bodies", "corpses", "lives", "fatality", "life")
	add(trigger{kind: kKilled}, "martyred")
	add(trigger{kind: kInjured, active: true}, "injured", "wounded", "maimed")
	add(trigger{kind: kInjured}, "hurt", "hospitalised", "hospitalized")
	add(trigger{kind: kInjured, nominal: true}, "injuries", "wounds")
	add(trigger{kind: kMissing}, "missing")
	add(trigger{kind: kDamage, active: true, state: "destroyed"}, "destroyed", "destroying", "razed",
		"torched", "demolished", "levelled", "leveled", "flattened", "gutted")
	add(trigger{kind: kDamage, state: "destroyed"}, "burned", "burnt")
	add(trigger{kind: kDamage, active: true, state: "damaged"}, "damaged", "damaging", "vandalised", "vandalized", "looted")

	lx.civilian = set("civilian", "civilians", "child", "children", "kids", "woman", "women", "villager",
		"villagers", "resident", "residents", "farmer", "farmers", "student", "students", "pupil", "pupils",
		"passenger", "passengers", "pilgrim", "pilgrims", "journalist", "journalists", "teacher", "teachers",
		"boy", "boys", "girl", "girls", "baby", "babies", "infant", "infants", "toddler", "family", "families",
		"relatives", "wife", "husband", "son", "sons", "daughter", "daughters", "mother", "father", "brother",
		"sister", "doctor", "doctors", "nurse", "nurses", "worshippers", "worshipers", "shoppers", "trader",
		"traders", "shopkeeper", "vendor", "vendors", "herders", "herder", "fishermen", "fisherman", "driver",
		"drivers", "workers", "worker", "labourers", "laborers", "elderly", "minor", "minors", "schoolchildren",
		"refugees", "refugee", "displaced", "patients", "patient", "aid", "volunteer", "volunteers",
		"protester", "protesters", "demonstrators", "demonstrator", "activist", "activists", "bystanders",
		"bystander", "pedestrian", "pedestrians", "youth", "youths", "teenager", "teenagers", "girl",
		"nationals", "tourists", "tourist", "cleric", "priest", "imam", "chief", "councillor", "politician",
		"leader", "supporters", "supporter", "member", "members", "businessman", "engineer", "engineers", "tribals",
		"locals", "labourer", "laborer", "contractor", "blogger", "bloggers", "official", "officials", "prisoner",
		"prisoners", "protestor", "protestors", "elder", "elders", "president", "secretary", "chairman", "mayor",
		"lawmaker", "legislator", "headman", "principal", "priests", "monk", "monks", "pastor", "lawyer", "lawyers", "detainee", "detainees", "inmate", "inmates", "hostage", "hostages", "captive", "captives")
	lx.military = set("soldier", "soldiers", "servicemen", "serviceman", "troops", "trooper", "troopers",
		"militant", "militants", "fighter", "fighters", "rebel", "rebels", "insurgent", "insurgents",
		"terrorist", "terrorists", "policeman", "policemen", "police", "policemen", "officer", "officers",
		"guard", "guards", "guardsmen", "militiamen", "militiaman", "militia", "combatants", "combatant",
		"jihadists", "jihadist", "gunmen", "gunman", "attackers", "attacker", "bomber", "bombers", "personnel",
		"commander", "commanders", "jawans", "jawan", "cadres", "cadre", "maoists", "maoist", "naxals",
		"naxalites", "naxalite", "extremists", "extremist", "separatists", "separatist", "army", "sailors",
		"marines", "paramilitaries", "paramilitary", "policewoman", "constable", "constables", "cops",
		"cop", "recruits", "conscripts", "mercenaries", "snipers", "sniper", "pilot", "pilots", "crew",
		"crewmen", "servicemembers", "gendarmes", "gendarme", "sepoy", "sepoys", "volunteers", "raiders",
		"robbers", "robber", "bandits", "bandit", "criminals", "criminal", "suspects", "suspect", "kidnappers",
		"dacoits", "dacoit", "warriors", "defender", "defenders", "captain", "lieutenant", "colonel", "sergeant", "inspector", "sub-inspector", "inspectors",
		"corporal", "subedar", "havildar", "rifleman", "riflemen", "paratrooper", "paratroopers", "shabaab", "taliban", "isis")
	lx.person = set("people", "persons", "person", "others", "other", "individuals", "individual", "man",
		"men", "victims", "victim", "more", "of", "them", "whom", "lives", "souls", "human")
	lx.nonVictim = set("rockets", "rocket", "shells", "shell", "missiles", "missile", "drones", "drone",
		"rounds", "round", "bombs", "bomb", "mortars", "mortar", "explosions", "explosion", "blasts", "blast",
		"years", "year", "months", "month", "weeks", "week", "days", "day", "hours", "hour", "minutes",
		"minute", "km", "kilometres", "kilometers", "miles", "mile", "metres", "meters", "metre", "meter",
		"times", "percent", "per", "%", "cent", "vehicles", "cars", "trucks", "tanks", "guns", "rifles",
		"weapons", "grenades", "attacks", "attack", "strikes", "strike", "airstrikes", "raids", "incidents",
		"cases", "districts", "villages", "provinces", "towns", "cities", "points", "positions", "am", "pm",
		"kg", "tonnes", "tons", "dollars", "usd", "million", "billion", "hectares", "acres", "heads", "cattle",
		"cows", "goats", "sheep", "camels", "livestock", "fish", "birds", "dogs", "animals", "kilograms", "shots", "bullets", "ieds",
		"ied", "mines", "mine", "landmines", "pm", "o'clock", "feet", "inches", "floors", "storey", "stories",
		"houses", "homes", "buildings", "shops", "huts", "schools", "hospitals", "churches", "mosques",
		"structures", "facilities", "properties", "flats", "apartments", "boats", "motorcycles", "bikes",
		"it", "this", "that", "which", "incident", "clash", "clashes", "battle", "fighting", "party", "parties",
		"groups", "group", "factions", "sides", "countries", "nations", "states", "companies", "units")
	lx.objects = set("house", "houses", "home", "homes", "building", "buildings", "shop", "shops", "hut",
		"huts", "school", "schools", "hospital", "hospitals", "church", "churches", "mosque", "mosques",
		"structures", "structure", "facilities", "facility", "properties", "property", "flats", "apartments",
		"apartment", "vehicles", "vehicle", "cars", "car", "trucks", "truck", "buses", "bus", "boats",
		"motorcycles", "motorbikes", "shelters", "dwellings", "stores", "markets", "market", "offices",
		"office", "temples", "temple", "bridges", "bridge", "tents", "kiosks", "stalls", "businesses",
		"residences", "villas", "farms", "warehouses", "factories", "premises", "settlements", "villages",
		"compounds", "infrastructure", "objects", "sites", "clinics", "clinic", "stations", "station",
		"towers", "tower", "plants", "ambulances", "ambulance", "granaries", "classrooms")
	lx.breakers = set("in", "at", "on", "near", "during", "after", "from", "by", "with", "when", "while",
		"as", "into", "inside", "outside", "across", "along", "between", "following", "before", "since",
		"who", "which", "that", "where", "but", "because", "said", "says", "say", "told", "arrested",
		"attacked", "fired", "clashed", "opened", "abducted", "kidnapped", "seized", "captured", "detained",
		"stormed", "raided", "fled", "escaped", "rescued", "recovered", "arrived", "went", "carried",
		"gathered", "protested", "staged", "held", "demanded", "blocked", "set", "claimed", "accused",
		"under", "over", "against", "towards", "toward", "than", "if", "whether", "so", "then",
		"reportedly", "allegedly", "dozens", "including", "among", "out", "belonging", "for", "to", "via")
	lx.protest = set("protest", "protested", "protesting", "protests", "demonstration", "demonstrations",
		"demonstrated", "rally", "rallies", "rallied", "sit-in", "hartal", "bandh", "rioted", "agitation",
		"agitated", "marched", "vigil", "picketed", "gheraoed", "blockade", "shutdown", "outrage", "outraged",
		"riot", "riots", "rioting", "rioters", "ruckus")
	lx.transparent = set("belonging", "affiliated", "linked", "believed", "suspected", "allegedly", "reportedly",
		"mostly", "aged", "associated", "members", "hailing", "said")
	lx.kin = set("relatives", "relative", "family", "families", "parents", "widow", "widows", "friends",
		"colleagues", "kin", "heirs", "supporters")
	lx.reason = set("against", "over", "after", "following", "protest", "protested", "protesting", "condemn",
		"condemned", "condemning", "outrage", "outraged", "revenge", "avenge", "retaliation", "mourn", "mourning",
		"anniversary", "probe", "investigation", "investigations", "accused", "responsible", "charged", "for", "involved",
		"denounce", "denounced", "justice", "into", "demanding", "demanded", "rumour", "rumours", "rumor",
		"remembering", "remember", "commemorate", "commemorating", "memory", "tribute", "arrest", "guilty")
	lx.cue = set("life", "martyred", "body", "toll", "casualties", "casualty", "causalities", "causality", "nobody", "gunned", "death", "murder", "murders",
		"killings", "injury", "massacre", "lynching", "execution", "executions", "beheading")
	lx.preps = set("in", "at", "on", "near", "from", "belonging", "to", "inside", "along", "for", "with", "across")
	lx.weekdays = map[string]int{"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4,
		"friday": 5, "saturday": 6}
	lx.attack = set("bombed", "shelled", "struck", "hit", "attacked", "targeted", "bombarded", "shelling",
		"bombing", "damage", "fired", "launched", "used", "strikes", "attacks")
	lx.toll = set("rose", "risen", "rises", "rise", "climbed", "climbs", "increased", "increases", "jumped",
		"reached", "reaches", "mounted", "soared", "grew", "up")
	lx.flags = map[string]uint16{}
	for w := range lx.triggers {
		lx.flags[w] |= fTrig
	}
	for w := range lx.cue {
		lx.flags[w] |= fCue
	}
	for _, w := range []string{"citing", "cited", "quoted"} {
		lx.flags[w] |= fQuote
	}
	for _, w := range []string{"denied", "denies", "deny", "denying", "rejected", "rejects", "refuted", "refutes", "dismissed",
		"false", "fake", "untrue", "baseless", "groundless", "lies", "disinformation", "not"} {
		lx.flags[w] |= fDeny
	}
	for _, w := range []string{"since", "so", "to", "total", "overall", "cumulative", "tally", "this", "past", "last",
		"recent", "strikes", "attacks", "shelling", "bombardments", "airstrikes", "raids"} {
		lx.flags[w] |= fCum
	}
	for w := range lx.civilian {
		lx.flags[w] |= fCiv
	}
	for w := range lx.military {
		lx.flags[w] |= fMil
	}
	for w := range speechVerbs {
		lx.flags[w] |= fSpeech
	}
	for w := range auxWords {
		lx.flags[w] |= fAux
	}
	for w := range lx.breakers {
		lx.flags[w] |= fBreak
	}
	for w := range lx.protest {
		lx.flags[w] |= fProtest
	}
	for w := range unitWords {
		lx.flags[w] |= fQStart
	}
	for w := range tensWords {
		lx.flags[w] |= fQStart
	}
	for w := range vagueWords {
		lx.flags[w] |= fQStart | fVague
	}
	for _, q := range qualifiers {
		lx.flags[q.words[0]] |= fQStart | fQual
	}
	for _, w := range []string{"a", "an", "between", "both", "another"} {
		lx.flags[w] |= fQStart
	}
	for w := range lx.flags {
		lx.filter.add(w)
	}
	return lx
}

// victimsOf classifies the words naming the people harmed.
func (lx *lexicon) victimsOf(toks []token, i, j int) string {
	civ, mil := false, false
	for k := i; k < j; k++ {
		w := toks[k].w
		if w == "civilian" || w == "civilians" {
			civ = true
			continue
		}
		if f := toks[k].f; f&fMil != 0 {
			mil = true
		} else if f&fCiv != 0 {
			civ = true
		}
	}
	switch {
	case civ && mil:
		return "mixed"
	case civ:
		return "civilian"
	case mil:
		return "military"
	}
	return "unknown"
}

// wordFilter is a Bloom-like set of lower-case words keyed on their length
// and first, second and last bytes: a word it does not hold is certainly
// not in the set, and most words of running text are not, so the test
// spares a map lookup.
type wordFilter [1024]uint64

// filterKey hashes a word's length and first, second and last bytes.
func filterKey(w string) uint32 {
	n := len(w)
	if n == 0 {
		return 0
	}
	h := uint32(w[0])*0x9E3779B1 ^ uint32(w[min(1, n-1)])*0x85EBCA77 ^ uint32(w[n-1])*0xC2B2AE3D ^ uint32(min(n, 31))*0x27D4EB2F
	return (h ^ h>>15) & (1024*64 - 1)
}

func (f *wordFilter) add(w string) { k := filterKey(w); f[k>>6] |= 1 << (k & 63) }

// may reports whether w may be in the set.
func (f *wordFilter) may(w string) bool { k := filterKey(w); return f[k>>6]&(1<<(k&63)) != 0 }

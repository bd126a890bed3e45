package party

import "github.com/harmlog/harmlog/internal/words"

// role reads the role of the mention text[s:e] from its neighbours: the
// word after it (or the one after that, past a modifier such as "heavy")
// first, then the words before it; force says the alias itself ends in a
// force word.
func role(text string, s, e int, force bool) string {
	if force {
		return RoleActor
	}
	i := e
	// Skip a possessive: "Azerbaijan's army".
	if i+2 <= len(text) && text[i] == '\'' && text[i+1] == 's' {
		i += 2
	} else if i+4 <= len(text) && text[i:i+3] == "’" && text[i+3] == 's' {
		i += 4
	}
	for k := 0; k < 3; k++ {
		ws, we := words.Adjacent(text, i, aliasMarks)
		if ws < 0 {
			break
		}
		var buf [24]byte
		if we-ws > len(buf) {
			break
		}
		w := string(words.AppendLower(buf[:0], text[ws:we]))
		if r, ok := nextRole(w); ok {
			return r
		}
		// "Armenia which has violated": look past the relative word.
		if k > 0 && w != "which" && w != "who" && w != "that" {
			break
		}
		i = we
	}
	// The words before, skipping "the".
	i = s
	for k := 0; k < 2; k++ {
		ws, we := prevWord(text, i)
		if ws < 0 {
			break
		}
		var buf [24]byte
		if we-ws > len(buf) {
			break
		}
		w := string(words.AppendLower(buf[:0], text[ws:we]))
		if w == "the" || w == "an" || w == "a" {
			i = ws
			continue
		}
		if r, ok := prevRole(w); ok {
			// "attributed to Armenia", "blamed on Azerbaijan".
			if w == "to" || w == "on" {
				if bs, be := prevWord(text, ws); bs >= 0 && be-bs <= len(buf) {
					switch string(words.AppendLower(buf[:0], text[bs:be])) {
					case "attributed", "blamed", "ascribed", "linked":
						return RoleActor
					}
				}
			}
			return r
		}
		break
	}
	return RoleUnknown
}

// nextRole classifies the word after a mention.
func nextRole(w string) (string, bool) {
	switch w {
	// Forces and their kin.
	case "army", "armies", "forces", "force", "military", "armed", "troops", "soldiers", "servicemen", "side", "units", "unit",
		"militants", "militia", "militias", "fighters", "rebels", "insurgents", "separatists", "gunmen", "occupiers", "occupying", "occupation",
		"command", "commanders", "government", "authorities", "ministry", "defence", "defense", "officials", "leadership", "regime", "president", "battalion", "brigade", "brigades",
		// Attacks and weapons.
		"attack", "attacks", "aggression", "offensive", "assault", "invasion", "provocation", "provocations", "shelling", "shells", "fire", "strike", "strikes",
		"airstrike", "airstrikes", "air", "bombing", "bombings", "bombardment", "missile", "missiles", "rocket", "rockets", "artillery", "mortar", "mortars",
		"drone", "drones", "uav", "uavs", "warplanes", "aircraft", "jets", "helicopters", "tanks", "snipers", "sniper", "cluster", "ballistic", "grad", "smerch",
		// Verbs of acting and speaking.
		"fired", "shelled", "attacked", "struck", "launched", "used", "bombed", "killed", "targeted", "shot", "hit", "opened", "violated", "committed",
		"destroyed", "wounded", "injured", "captured", "seized", "occupied", "invaded", "carried", "continued", "continues", "said", "says", "stated",
		"reported", "reports", "claimed", "claims", "announced", "denied", "denies", "accused", "accuses", "has", "have", "had", "against":
		return RoleActor, true
	case "civilians", "civilian", "people", "residents", "population", "inhabitants", "citizens", "nationals", "children", "women", "men", "families", "family",
		"villages", "village", "towns", "town", "cities", "city", "settlements", "homes", "houses", "schools", "hospitals", "territory", "territories", "lands",
		"refugees", "journalists", "peaceful", "victims", "casualties", "hostages", "prisoners", "captives", "girl", "boy", "woman", "man", "child", "farmers", "students":
		return RoleNationality, true
	case "positions", "position", "targets", "base", "bases", "border", "checkpoint", "posts":
		return RoleTarget, true
	}
	return "", false
}

// prevRole classifies the word before a mention.
func prevRole(w string) (string, bool) {
	switch w {
	case "by", "from":
		return RoleActor, true
	case "against", "on", "targeting", "towards", "toward", "at":
		return RoleTarget, true
	case "in", "into", "inside", "within", "across", "throughout", "to", "near", "of":
		return RolePlace, true
	}
	return "", false
}

// isForce reports whether the last word of an alias makes it a name of
// armed forces or an acting body ("Armenian army", "Houthi rebels").
func isForce(w string) bool {
	switch w {
	case "army", "forces", "force", "military", "troops", "side", "militants", "militia", "fighters", "rebels", "insurgents", "separatists",
		"gunmen", "brigades", "battalion", "regiment", "guard", "coalition", "mercenaries", "government", "ministry", "authorities", "junta", "police", "warplanes":
		return true
	}
	return false
}

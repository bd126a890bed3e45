package weapons

// Normalised weapon names: the values of Mention.Norm and of
// harmlog.Claim.Weapons. They are lower-case and stable; analysts and the
// linker compare them as strings.
const (
	BallisticMissile = "ballistic missile"
	Missile          = "missile"
	Rocket           = "rocket"
	Artillery        = "artillery"
	Mortar           = "mortar"
	Cluster          = "cluster munitions"
	Drone            = "drone"
	Airstrike        = "airstrike"
	SmallArms        = "small arms"
	Explosive        = "explosive device"
	Bombing          = "bombing"
	TankFire         = "tank fire"
	Arson            = "arson"
	Incendiary       = "incendiary weapons"
	Chemical         = "chemical weapons"
	Bladed           = "bladed weapon"
)

// Term is one entry of the normalised weapon vocabulary: the Norm that Find
// reports, what it means, and the words (lower-case, hyphens written as in
// common use) that trigger it.
type Term struct {
	Norm       string
	Definition string
	Words      []string
}

// Vocabulary returns the normalised weapon vocabulary in a fixed order. The
// slice is fresh on every call; callers may keep or change it.
func Vocabulary() []Term {
	return []Term{
		{BallisticMissile, "a ground-launched missile on a ballistic trajectory (short-range tactical systems included)",
			[]string{"ballistic missile", "ballistic missiles", "iskander", "iskander-m", "scud", "scuds", "scud missile", "scud missiles", "tochka", "tochka-u", "otr-21", "ss-21", "ss-26", "elbrus", "scud-b"}},
		{Missile, "a guided missile of any kind not known to be ballistic: cruise, anti-tank, surface-to-surface",
			[]string{"missile", "missiles", "cruise missile", "cruise missiles", "guided missile", "guided missiles", "anti-tank missile", "anti-tank missiles", "atgm", "atgms", "kalibr", "kh-101", "kh-22", "storm shadow"}},
		{Rocket, "an unguided rocket, including multiple-launch rocket systems (Grad, Smerch, Uragan, BM-21, MLRS, TOS-1) and rocket-propelled grenades",
			[]string{"rocket", "rockets", "rocketed", "grad", "grads", "grad rockets", "smerch", "uragan", "bm-21", "bm-27", "bm-30", "mlrs", "tos-1", "tos-1a", "himars", "katyusha", "katyushas", "qassam", "qassams",
				"multiple rocket launcher", "multiple rocket launchers", "multiple-launch rocket system", "multiple launch rocket system", "multiple-launch rocket systems", "multiple launch rocket systems", "multiple rocket launch system", "multiple rocket launch systems",
				"rocket-propelled grenade", "rocket-propelled grenades", "rpg", "rpgs", "rocket artillery"}},
		{Artillery, "tube artillery or shelling whose weapon is not named more precisely",
			[]string{"artillery", "shelling", "shellings", "shelled", "shells", "shell fire", "shellfire", "howitzer", "howitzers", "heavy artillery", "heavy weapons", "cannon fire", "artillery bombardment",
				"shell hit", "shell landed", "shell exploded", "shell struck", "shell fell"}},
		{Mortar, "mortar fire",
			[]string{"mortar", "mortars", "mortared", "mortar bomb", "mortar bombs"}},
		{Cluster, "cluster munitions: bombs, rockets or shells that scatter submunitions (DPICM, M095, LAR-160)",
			[]string{"cluster munition", "cluster munitions", "cluster bomb", "cluster bombs", "cluster rocket", "cluster rockets", "cluster shell", "cluster shells", "cluster warhead", "cluster warheads",
				"dpicm", "m095", "m095 dpicm", "lar-160", "submunition", "submunitions", "bomblet", "bomblets"}},
		{Drone, "an unmanned aerial vehicle used as a weapon, including loitering munitions",
			[]string{"drone", "drones", "uav", "uavs", "unmanned aerial vehicle", "unmanned aerial vehicles", "bayraktar", "bayraktar tb2", "tb2", "loitering munition", "loitering munitions",
				"kamikaze drone", "kamikaze drones", "suicide drone", "suicide drones", "harop", "shahed", "shaheds"}},
		{Airstrike, "an attack from crewed aircraft: bombs, rockets or guns dropped or fired from the air",
			[]string{"airstrike", "airstrikes", "air strike", "air strikes", "air-strike", "air-strikes", "air raid", "air raids", "airraid", "air attack", "air attacks", "aerial bombardment", "aerial bombing",
				"warplane", "warplanes", "war plane", "war planes", "fighter jet", "fighter jets", "jets", "aircraft", "helicopter gunship", "helicopter gunships", "gunship", "gunships",
				"barrel bomb", "barrel bombs", "su-25", "su-24", "su-34", "air-dropped", "bombed from the air", "aircraft bombing", "aviation", "military aircraft", "combat aircraft"}},
		{SmallArms, "firearms carried by people: rifles, machine guns, sniper fire, shooting",
			[]string{"gunfire", "gunshot", "gunshots", "small arms", "small-arms", "sniper", "snipers", "automatic weapons", "machine gun", "machine guns", "machine-gun", "machinegun", "rifle", "rifles", "firearm", "firearms", "ak-47",
				"opened fire", "open fire", "shot dead", "shot and killed", "shot and wounded", "was shot", "were shot", "been shot", "being shot", "shooting", "shootings"}},
		{Explosive, "an explosive device placed or thrown rather than fired: IED, landmine, car or suicide bomb, grenade",
			[]string{"ied", "ieds", "improvised explosive device", "improvised explosive devices", "explosive device", "explosive devices", "explosives", "landmine", "landmines", "land mine", "land mines",
				"anti-personnel mine", "anti-personnel mines", "anti-tank mine", "anti-tank mines", "mine explosion", "mine blast", "stepped on a mine", "minefield",
				"car bomb", "car bombs", "car bombing", "vbied", "vbieds", "roadside bomb", "roadside bombs", "suicide bomb", "suicide bombs", "suicide bombing", "suicide bombings", "suicide bomber", "suicide bombers", "suicide attack", "suicide attacks",
				"grenade", "grenades", "hand grenade", "hand grenades"}},
		{Bombing, "bombing whose means the text does not say (\"were bombed\", \"a bomb\")",
			[]string{"bomb", "bombs", "bombed", "bombing", "bombings", "bombardment", "bombardments", "bombarded", "bomb attack", "bomb attacks", "bomb blast"}},
		{TankFire, "fire from tanks",
			[]string{"tank fire", "tank shell", "tank shells", "tank shelling", "tank round", "tank rounds", "tanks fired"}},
		{Arson, "deliberate burning of homes, property or people",
			[]string{"arson", "set fire to", "set on fire", "set ablaze", "torched", "burned down", "burnt down"}},
		{Incendiary, "incendiary weapons: white phosphorus, thermite",
			[]string{"incendiary", "incendiary weapons", "incendiary munitions", "white phosphorus", "phosphorus munitions", "thermite"}},
		{Chemical, "chemical weapons or toxic agents used as weapons",
			[]string{"chemical weapon", "chemical weapons", "chemical attack", "chemical attacks", "chlorine gas", "sarin", "toxic gas", "poison gas", "nerve agent"}},
		{Bladed, "knives, machetes and other bladed weapons",
			[]string{"machete", "machetes", "knife", "knives", "stabbed", "stabbing", "hacked to death"}},
	}
}

// tails are words that may follow a weapon word and still belong to its
// mention: "missile strikes", "drone attack", "rocket fire".
func tails() []string {
	return []string{"strike", "strikes", "attack", "attacks", "fire", "barrage", "barrages", "salvo", "salvos", "salvoes",
		"launcher", "launchers", "system", "systems", "round", "rounds", "shell", "shells", "shelling", "raid", "raids", "bombardment", "bombardments",
		"rocket", "rockets", "missile", "missiles", "drone", "drones"}
}

// rejects are phrases that begin like a weapon word but are not one.
func rejects() []string {
	return []string{"rocket science", "rocket scientist", "rocket scientists", "shell company", "shell companies",
		"photo bomb", "anti-aircraft", "aircraft carrier", "aircraft carriers", "mortar board", "shooting star", "shooting stars"}
}

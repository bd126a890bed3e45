package tally

// Fields says which incident fields Compute reads for some Options beyond
// those it always reads (key, dates, perpetrators, victims, killed,
// injured, grade), so that a store can leave the rest unread.
type Fields struct {
	Places  bool // By place, or a Country filter
	Weapons bool // By weapon
	// Members: the member links with their claims' claimant, publisher and
	// status (By claimant).
	Members bool
}

// FieldsFor returns the fields Compute needs for opts.
func FieldsFor(opts Options) Fields {
	return Fields{
		Places:  opts.By == ByPlace || opts.Country != "",
		Weapons: opts.By == ByWeapon,
		Members: opts.By == ByClaimant,
	}
}

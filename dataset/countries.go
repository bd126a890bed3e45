package dataset

import "strings"

// CountryCode returns the ISO 3166-1 alpha-2 code of a country as ACLED and
// UCDP name it ("Democratic Republic of Congo", "Russia (Soviet Union)"), or
// of an alpha-3 or alpha-2 code, ignoring case and spacing; "" when unknown.
func CountryCode(name string) string {
	s := strings.ToLower(strings.Join(strings.Fields(name), " "))
	if s == "" {
		return ""
	}
	if len(s) == 2 && countryName(strings.ToUpper(s)) != "" {
		return strings.ToUpper(s)
	}
	if c := countryByName(s); c != "" {
		return c
	}
	// "Yemen (North Yemen)": the name before a bracket.
	if i := strings.IndexByte(s, '('); i > 0 {
		return countryByName(strings.TrimSpace(s[:i]))
	}
	return ""
}

// CountryName returns the English short name of an ISO 3166-1 alpha-2
// code as ACLED spells it ("Democratic Republic of Congo"), or "".
func CountryName(code string) string { return countryName(strings.ToUpper(strings.TrimSpace(code))) }

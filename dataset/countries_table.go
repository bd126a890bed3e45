package dataset

// countryByName returns the ISO 3166-1 alpha-2 code of a lower-case country
// name (as ISO, ACLED or UCDP spell it) or alpha-3 code, or "".
func countryByName(s string) string {
	switch s {
	case "afg", "afghanistan":
		return "AF"
	case "ala", "aland islands":
		return "AX"
	case "alb", "albania":
		return "AL"
	case "dza", "algeria":
		return "DZ"
	case "asm", "american samoa":
		return "AS"
	case "and", "andorra":
		return "AD"
	case "ago", "angola":
		return "AO"
	case "aia", "anguilla":
		return "AI"
	case "ata", "antarctica":
		return "AQ"
	case "atg", "antigua and barbuda":
		return "AG"
	case "arg", "argentina":
		return "AR"
	case "arm", "armenia":
		return "AM"
	case "abw", "aruba":
		return "AW"
	case "aus", "australia":
		return "AU"
	case "aut", "austria":
		return "AT"
	case "aze", "azerbaijan":
		return "AZ"
	case "bhs", "bahamas", "the bahamas":
		return "BS"
	case "bhr", "bahrain":
		return "BH"
	case "bgd", "bangladesh":
		return "BD"
	case "brb", "barbados":
		return "BB"
	case "blr", "belarus":
		return "BY"
	case "bel", "belgium":
		return "BE"
	case "blz", "belize":
		return "BZ"
	case "ben", "benin":
		return "BJ"
	case "bmu", "bermuda":
		return "BM"
	case "btn", "bhutan":
		return "BT"
	case "bol", "bolivia":
		return "BO"
	case "bes", "caribbean netherlands", "bonaire, sint eustatius and saba":
		return "BQ"
	case "bih", "bosnia and herzegovina", "bosnia-herzegovina":
		return "BA"
	case "bwa", "botswana":
		return "BW"
	case "bra", "brazil":
		return "BR"
	case "iot", "british indian ocean territory":
		return "IO"
	case "vgb", "british virgin islands":
		return "VG"
	case "brn", "brunei":
		return "BN"
	case "bgr", "bulgaria":
		return "BG"
	case "bfa", "burkina faso":
		return "BF"
	case "bdi", "burundi":
		return "BI"
	case "cpv", "cape verde", "cabo verde":
		return "CV"
	case "khm", "cambodia", "cambodia (kampuchea)":
		return "KH"
	case "cmr", "cameroon":
		return "CM"
	case "can", "canada":
		return "CA"
	case "cym", "cayman islands":
		return "KY"
	case "caf", "central african republic":
		return "CF"
	case "tcd", "chad":
		return "TD"
	case "chl", "chile":
		return "CL"
	case "chn", "china":
		return "CN"
	case "cxr", "christmas island":
		return "CX"
	case "cck", "cocos (keeling) islands":
		return "CC"
	case "col", "colombia":
		return "CO"
	case "com", "comoros":
		return "KM"
	case "cog", "republic of congo", "republic of the congo", "congo", "congo-brazzaville":
		return "CG"
	case "cod", "democratic republic of congo", "democratic republic of the congo", "dr congo", "dr congo (zaire)", "congo-kinshasa":
		return "CD"
	case "cok", "cook islands":
		return "CK"
	case "cri", "costa rica":
		return "CR"
	case "civ", "ivory coast", "cote d'ivoire", "côte d'ivoire":
		return "CI"
	case "hrv", "croatia":
		return "HR"
	case "cub", "cuba":
		return "CU"
	case "cuw", "curacao", "curaçao":
		return "CW"
	case "cyp", "cyprus":
		return "CY"
	case "cze", "czech republic", "czechia":
		return "CZ"
	case "dnk", "denmark":
		return "DK"
	case "dji", "djibouti":
		return "DJ"
	case "dma", "dominica":
		return "DM"
	case "dom", "dominican republic":
		return "DO"
	case "ecu", "ecuador":
		return "EC"
	case "egy", "egypt":
		return "EG"
	case "slv", "el salvador":
		return "SV"
	case "gnq", "equatorial guinea":
		return "GQ"
	case "eri", "eritrea":
		return "ER"
	case "est", "estonia":
		return "EE"
	case "swz", "eswatini", "swaziland", "kingdom of eswatini":
		return "SZ"
	case "eth", "ethiopia":
		return "ET"
	case "flk", "falkland islands":
		return "FK"
	case "fro", "faroe islands":
		return "FO"
	case "fji", "fiji":
		return "FJ"
	case "fin", "finland":
		return "FI"
	case "fra", "france":
		return "FR"
	case "guf", "french guiana":
		return "GF"
	case "pyf", "french polynesia":
		return "PF"
	case "gab", "gabon":
		return "GA"
	case "gmb", "gambia", "the gambia":
		return "GM"
	case "geo", "georgia":
		return "GE"
	case "deu", "germany":
		return "DE"
	case "gha", "ghana":
		return "GH"
	case "gib", "gibraltar":
		return "GI"
	case "grc", "greece":
		return "GR"
	case "grl", "greenland":
		return "GL"
	case "grd", "grenada":
		return "GD"
	case "glp", "guadeloupe":
		return "GP"
	case "gum", "guam":
		return "GU"
	case "gtm", "guatemala":
		return "GT"
	case "ggy", "guernsey":
		return "GG"
	case "gin", "guinea":
		return "GN"
	case "gnb", "guinea-bissau":
		return "GW"
	case "guy", "guyana":
		return "GY"
	case "hti", "haiti":
		return "HT"
	case "hnd", "honduras":
		return "HN"
	case "hkg", "hong kong":
		return "HK"
	case "hun", "hungary":
		return "HU"
	case "isl", "iceland":
		return "IS"
	case "ind", "india":
		return "IN"
	case "idn", "indonesia":
		return "ID"
	case "irn", "iran":
		return "IR"
	case "irq", "iraq":
		return "IQ"
	case "irl", "ireland":
		return "IE"
	case "imn", "isle of man":
		return "IM"
	case "isr", "israel":
		return "IL"
	case "ita", "italy":
		return "IT"
	case "jam", "jamaica":
		return "JM"
	case "jpn", "japan":
		return "JP"
	case "jey", "jersey":
		return "JE"
	case "jor", "jordan":
		return "JO"
	case "kaz", "kazakhstan":
		return "KZ"
	case "ken", "kenya":
		return "KE"
	case "kir", "kiribati":
		return "KI"
	case "xkx", "kosovo":
		return "XK"
	case "kwt", "kuwait":
		return "KW"
	case "kgz", "kyrgyzstan":
		return "KG"
	case "lao", "laos":
		return "LA"
	case "lva", "latvia":
		return "LV"
	case "lbn", "lebanon":
		return "LB"
	case "lso", "lesotho":
		return "LS"
	case "lbr", "liberia":
		return "LR"
	case "lby", "libya":
		return "LY"
	case "lie", "liechtenstein":
		return "LI"
	case "ltu", "lithuania":
		return "LT"
	case "lux", "luxembourg":
		return "LU"
	case "mac", "macau", "macao":
		return "MO"
	case "mdg", "madagascar", "madagascar (malagasy)":
		return "MG"
	case "mwi", "malawi":
		return "MW"
	case "mys", "malaysia":
		return "MY"
	case "mdv", "maldives":
		return "MV"
	case "mli", "mali":
		return "ML"
	case "mlt", "malta":
		return "MT"
	case "mhl", "marshall islands":
		return "MH"
	case "mtq", "martinique":
		return "MQ"
	case "mrt", "mauritania":
		return "MR"
	case "mus", "mauritius":
		return "MU"
	case "myt", "mayotte":
		return "YT"
	case "mex", "mexico":
		return "MX"
	case "fsm", "micronesia":
		return "FM"
	case "mda", "moldova":
		return "MD"
	case "mco", "monaco":
		return "MC"
	case "mng", "mongolia":
		return "MN"
	case "mne", "montenegro":
		return "ME"
	case "msr", "montserrat":
		return "MS"
	case "mar", "morocco":
		return "MA"
	case "moz", "mozambique":
		return "MZ"
	case "mmr", "myanmar", "myanmar (burma)", "burma":
		return "MM"
	case "nam", "namibia":
		return "NA"
	case "nru", "nauru":
		return "NR"
	case "npl", "nepal":
		return "NP"
	case "nld", "netherlands":
		return "NL"
	case "ncl", "new caledonia":
		return "NC"
	case "nzl", "new zealand":
		return "NZ"
	case "nic", "nicaragua":
		return "NI"
	case "ner", "niger":
		return "NE"
	case "nga", "nigeria":
		return "NG"
	case "niu", "niue":
		return "NU"
	case "nfk", "norfolk island":
		return "NF"
	case "prk", "north korea":
		return "KP"
	case "mkd", "north macedonia", "macedonia", "macedonia, fyr":
		return "MK"
	case "mnp", "northern mariana islands":
		return "MP"
	case "nor", "norway":
		return "NO"
	case "omn", "oman":
		return "OM"
	case "pak", "pakistan":
		return "PK"
	case "plw", "palau":
		return "PW"
	case "pse", "palestine", "state of palestine":
		return "PS"
	case "pan", "panama":
		return "PA"
	case "png", "papua new guinea":
		return "PG"
	case "pry", "paraguay":
		return "PY"
	case "per", "peru":
		return "PE"
	case "phl", "philippines":
		return "PH"
	case "pcn", "pitcairn":
		return "PN"
	case "pol", "poland":
		return "PL"
	case "prt", "portugal":
		return "PT"
	case "pri", "puerto rico":
		return "PR"
	case "qat", "qatar":
		return "QA"
	case "reu", "reunion", "réunion":
		return "RE"
	case "rou", "romania":
		return "RO"
	case "rus", "russia", "russian federation", "russia (soviet union)":
		return "RU"
	case "rwa", "rwanda":
		return "RW"
	case "blm", "saint-barthelemy", "saint barthelemy":
		return "BL"
	case "shn", "saint helena, ascension and tristan da cunha", "saint helena":
		return "SH"
	case "kna", "saint kitts and nevis":
		return "KN"
	case "lca", "saint lucia":
		return "LC"
	case "maf", "saint-martin", "saint martin":
		return "MF"
	case "spm", "saint pierre and miquelon":
		return "PM"
	case "vct", "saint vincent and the grenadines":
		return "VC"
	case "wsm", "samoa":
		return "WS"
	case "smr", "san marino":
		return "SM"
	case "stp", "sao tome and principe":
		return "ST"
	case "sau", "saudi arabia":
		return "SA"
	case "sen", "senegal":
		return "SN"
	case "srb", "serbia", "serbia (yugoslavia)":
		return "RS"
	case "syc", "seychelles":
		return "SC"
	case "sle", "sierra leone":
		return "SL"
	case "sgp", "singapore":
		return "SG"
	case "sxm", "sint maarten":
		return "SX"
	case "svk", "slovakia":
		return "SK"
	case "svn", "slovenia":
		return "SI"
	case "slb", "solomon islands":
		return "SB"
	case "som", "somalia":
		return "SO"
	case "zaf", "south africa":
		return "ZA"
	case "sgs", "south georgia and the south sandwich islands":
		return "GS"
	case "kor", "south korea":
		return "KR"
	case "ssd", "south sudan":
		return "SS"
	case "esp", "spain":
		return "ES"
	case "lka", "sri lanka":
		return "LK"
	case "sdn", "sudan":
		return "SD"
	case "sur", "suriname":
		return "SR"
	case "sjm", "svalbard and jan mayen":
		return "SJ"
	case "swe", "sweden":
		return "SE"
	case "che", "switzerland":
		return "CH"
	case "syr", "syria":
		return "SY"
	case "twn", "taiwan":
		return "TW"
	case "tjk", "tajikistan":
		return "TJ"
	case "tza", "tanzania":
		return "TZ"
	case "tha", "thailand":
		return "TH"
	case "tls", "east timor", "timor-leste":
		return "TL"
	case "tgo", "togo":
		return "TG"
	case "tkl", "tokelau":
		return "TK"
	case "ton", "tonga":
		return "TO"
	case "tto", "trinidad and tobago":
		return "TT"
	case "tun", "tunisia":
		return "TN"
	case "tur", "turkey", "türkiye", "turkiye":
		return "TR"
	case "tkm", "turkmenistan":
		return "TM"
	case "tca", "turks and caicos islands":
		return "TC"
	case "tuv", "tuvalu":
		return "TV"
	case "uga", "uganda":
		return "UG"
	case "ukr", "ukraine":
		return "UA"
	case "are", "united arab emirates":
		return "AE"
	case "gbr", "united kingdom":
		return "GB"
	case "usa", "united states", "united states of america":
		return "US"
	case "umi", "united states minor outlying islands":
		return "UM"
	case "ury", "uruguay":
		return "UY"
	case "vir", "united states virgin islands", "us virgin islands":
		return "VI"
	case "uzb", "uzbekistan":
		return "UZ"
	case "vut", "vanuatu":
		return "VU"
	case "vat", "vatican city", "holy see":
		return "VA"
	case "ven", "venezuela":
		return "VE"
	case "vnm", "vietnam", "viet nam":
		return "VN"
	case "wlf", "wallis and futuna":
		return "WF"
	case "esh", "western sahara":
		return "EH"
	case "yem", "yemen", "yemen (north yemen)":
		return "YE"
	case "zmb", "zambia":
		return "ZM"
	case "zwe", "zimbabwe", "zimbabwe (rhodesia)":
		return "ZW"
	}
	return ""
}

// countryName returns the English short name of an ISO 3166-1 alpha-2 code, or "".
func countryName(code string) string {
	switch code {
	case "AF":
		return "Afghanistan"
	case "AX":
		return "Aland Islands"
	case "AL":
		return "Albania"
	case "DZ":
		return "Algeria"
	case "AS":
		return "American Samoa"
	case "AD":
		return "Andorra"
	case "AO":
		return "Angola"
	case "AI":
		return "Anguilla"
	case "AQ":
		return "Antarctica"
	case "AG":
		return "Antigua and Barbuda"
	case "AR":
		return "Argentina"
	case "AM":
		return "Armenia"
	case "AW":
		return "Aruba"
	case "AU":
		return "Australia"
	case "AT":
		return "Austria"
	case "AZ":
		return "Azerbaijan"
	case "BS":
		return "Bahamas"
	case "BH":
		return "Bahrain"
	case "BD":
		return "Bangladesh"
	case "BB":
		return "Barbados"
	case "BY":
		return "Belarus"
	case "BE":
		return "Belgium"
	case "BZ":
		return "Belize"
	case "BJ":
		return "Benin"
	case "BM":
		return "Bermuda"
	case "BT":
		return "Bhutan"
	case "BO":
		return "Bolivia"
	case "BQ":
		return "Caribbean Netherlands"
	case "BA":
		return "Bosnia and Herzegovina"
	case "BW":
		return "Botswana"
	case "BR":
		return "Brazil"
	case "IO":
		return "British Indian Ocean Territory"
	case "VG":
		return "British Virgin Islands"
	case "BN":
		return "Brunei"
	case "BG":
		return "Bulgaria"
	case "BF":
		return "Burkina Faso"
	case "BI":
		return "Burundi"
	case "CV":
		return "Cape Verde"
	case "KH":
		return "Cambodia"
	case "CM":
		return "Cameroon"
	case "CA":
		return "Canada"
	case "KY":
		return "Cayman Islands"
	case "CF":
		return "Central African Republic"
	case "TD":
		return "Chad"
	case "CL":
		return "Chile"
	case "CN":
		return "China"
	case "CX":
		return "Christmas Island"
	case "CC":
		return "Cocos (Keeling) Islands"
	case "CO":
		return "Colombia"
	case "KM":
		return "Comoros"
	case "CG":
		return "Republic of Congo"
	case "CD":
		return "Democratic Republic of Congo"
	case "CK":
		return "Cook Islands"
	case "CR":
		return "Costa Rica"
	case "CI":
		return "Ivory Coast"
	case "HR":
		return "Croatia"
	case "CU":
		return "Cuba"
	case "CW":
		return "Curacao"
	case "CY":
		return "Cyprus"
	case "CZ":
		return "Czech Republic"
	case "DK":
		return "Denmark"
	case "DJ":
		return "Djibouti"
	case "DM":
		return "Dominica"
	case "DO":
		return "Dominican Republic"
	case "EC":
		return "Ecuador"
	case "EG":
		return "Egypt"
	case "SV":
		return "El Salvador"
	case "GQ":
		return "Equatorial Guinea"
	case "ER":
		return "Eritrea"
	case "EE":
		return "Estonia"
	case "SZ":
		return "eSwatini"
	case "ET":
		return "Ethiopia"
	case "FK":
		return "Falkland Islands"
	case "FO":
		return "Faroe Islands"
	case "FJ":
		return "Fiji"
	case "FI":
		return "Finland"
	case "FR":
		return "France"
	case "GF":
		return "French Guiana"
	case "PF":
		return "French Polynesia"
	case "GA":
		return "Gabon"
	case "GM":
		return "Gambia"
	case "GE":
		return "Georgia"
	case "DE":
		return "Germany"
	case "GH":
		return "Ghana"
	case "GI":
		return "Gibraltar"
	case "GR":
		return "Greece"
	case "GL":
		return "Greenland"
	case "GD":
		return "Grenada"
	case "GP":
		return "Guadeloupe"
	case "GU":
		return "Guam"
	case "GT":
		return "Guatemala"
	case "GG":
		return "Guernsey"
	case "GN":
		return "Guinea"
	case "GW":
		return "Guinea-Bissau"
	case "GY":
		return "Guyana"
	case "HT":
		return "Haiti"
	case "HN":
		return "Honduras"
	case "HK":
		return "Hong Kong"
	case "HU":
		return "Hungary"
	case "IS":
		return "Iceland"
	case "IN":
		return "India"
	case "ID":
		return "Indonesia"
	case "IR":
		return "Iran"
	case "IQ":
		return "Iraq"
	case "IE":
		return "Ireland"
	case "IM":
		return "Isle of Man"
	case "IL":
		return "Israel"
	case "IT":
		return "Italy"
	case "JM":
		return "Jamaica"
	case "JP":
		return "Japan"
	case "JE":
		return "Jersey"
	case "JO":
		return "Jordan"
	case "KZ":
		return "Kazakhstan"
	case "KE":
		return "Kenya"
	case "KI":
		return "Kiribati"
	case "XK":
		return "Kosovo"
	case "KW":
		return "Kuwait"
	case "KG":
		return "Kyrgyzstan"
	case "LA":
		return "Laos"
	case "LV":
		return "Latvia"
	case "LB":
		return "Lebanon"
	case "LS":
		return "Lesotho"
	case "LR":
		return "Liberia"
	case "LY":
		return "Libya"
	case "LI":
		return "Liechtenstein"
	case "LT":
		return "Lithuania"
	case "LU":
		return "Luxembourg"
	case "MO":
		return "Macau"
	case "MG":
		return "Madagascar"
	case "MW":
		return "Malawi"
	case "MY":
		return "Malaysia"
	case "MV":
		return "Maldives"
	case "ML":
		return "Mali"
	case "MT":
		return "Malta"
	case "MH":
		return "Marshall Islands"
	case "MQ":
		return "Martinique"
	case "MR":
		return "Mauritania"
	case "MU":
		return "Mauritius"
	case "YT":
		return "Mayotte"
	case "MX":
		return "Mexico"
	case "FM":
		return "Micronesia"
	case "MD":
		return "Moldova"
	case "MC":
		return "Monaco"
	case "MN":
		return "Mongolia"
	case "ME":
		return "Montenegro"
	case "MS":
		return "Montserrat"
	case "MA":
		return "Morocco"
	case "MZ":
		return "Mozambique"
	case "MM":
		return "Myanmar"
	case "NA":
		return "Namibia"
	case "NR":
		return "Nauru"
	case "NP":
		return "Nepal"
	case "NL":
		return "Netherlands"
	case "NC":
		return "New Caledonia"
	case "NZ":
		return "New Zealand"
	case "NI":
		return "Nicaragua"
	case "NE":
		return "Niger"
	case "NG":
		return "Nigeria"
	case "NU":
		return "Niue"
	case "NF":
		return "Norfolk Island"
	case "KP":
		return "North Korea"
	case "MK":
		return "North Macedonia"
	case "MP":
		return "Northern Mariana Islands"
	case "NO":
		return "Norway"
	case "OM":
		return "Oman"
	case "PK":
		return "Pakistan"
	case "PW":
		return "Palau"
	case "PS":
		return "Palestine"
	case "PA":
		return "Panama"
	case "PG":
		return "Papua New Guinea"
	case "PY":
		return "Paraguay"
	case "PE":
		return "Peru"
	case "PH":
		return "Philippines"
	case "PN":
		return "Pitcairn"
	case "PL":
		return "Poland"
	case "PT":
		return "Portugal"
	case "PR":
		return "Puerto Rico"
	case "QA":
		return "Qatar"
	case "RE":
		return "Reunion"
	case "RO":
		return "Romania"
	case "RU":
		return "Russia"
	case "RW":
		return "Rwanda"
	case "BL":
		return "Saint-Barthelemy"
	case "SH":
		return "Saint Helena, Ascension and Tristan da Cunha"
	case "KN":
		return "Saint Kitts and Nevis"
	case "LC":
		return "Saint Lucia"
	case "MF":
		return "Saint-Martin"
	case "PM":
		return "Saint Pierre and Miquelon"
	case "VC":
		return "Saint Vincent and the Grenadines"
	case "WS":
		return "Samoa"
	case "SM":
		return "San Marino"
	case "ST":
		return "Sao Tome and Principe"
	case "SA":
		return "Saudi Arabia"
	case "SN":
		return "Senegal"
	case "RS":
		return "Serbia"
	case "SC":
		return "Seychelles"
	case "SL":
		return "Sierra Leone"
	case "SG":
		return "Singapore"
	case "SX":
		return "Sint Maarten"
	case "SK":
		return "Slovakia"
	case "SI":
		return "Slovenia"
	case "SB":
		return "Solomon Islands"
	case "SO":
		return "Somalia"
	case "ZA":
		return "South Africa"
	case "GS":
		return "South Georgia and the South Sandwich Islands"
	case "KR":
		return "South Korea"
	case "SS":
		return "South Sudan"
	case "ES":
		return "Spain"
	case "LK":
		return "Sri Lanka"
	case "SD":
		return "Sudan"
	case "SR":
		return "Suriname"
	case "SJ":
		return "Svalbard and Jan Mayen"
	case "SE":
		return "Sweden"
	case "CH":
		return "Switzerland"
	case "SY":
		return "Syria"
	case "TW":
		return "Taiwan"
	case "TJ":
		return "Tajikistan"
	case "TZ":
		return "Tanzania"
	case "TH":
		return "Thailand"
	case "TL":
		return "East Timor"
	case "TG":
		return "Togo"
	case "TK":
		return "Tokelau"
	case "TO":
		return "Tonga"
	case "TT":
		return "Trinidad and Tobago"
	case "TN":
		return "Tunisia"
	case "TR":
		return "Turkey"
	case "TM":
		return "Turkmenistan"
	case "TC":
		return "Turks and Caicos Islands"
	case "TV":
		return "Tuvalu"
	case "UG":
		return "Uganda"
	case "UA":
		return "Ukraine"
	case "AE":
		return "United Arab Emirates"
	case "GB":
		return "United Kingdom"
	case "US":
		return "United States"
	case "UM":
		return "United States Minor Outlying Islands"
	case "UY":
		return "Uruguay"
	case "VI":
		return "United States Virgin Islands"
	case "UZ":
		return "Uzbekistan"
	case "VU":
		return "Vanuatu"
	case "VA":
		return "Vatican City"
	case "VE":
		return "Venezuela"
	case "VN":
		return "Vietnam"
	case "WF":
		return "Wallis and Futuna"
	case "EH":
		return "Western Sahara"
	case "YE":
		return "Yemen"
	case "ZM":
		return "Zambia"
	case "ZW":
		return "Zimbabwe"
	}
	return ""
}

/**
 * Postal addresses compared like with like. The same address reaches Hubsheet written several
 * ways: Etsy's formatted text ends in the country's name ("Poland"), the text a shipment was made
 * for ends in its ISO code ("PL"); lines may be joined by commas or newlines, postcodes written
 * "01-234" or "01234", "SW1A 1AA" or "SW1A1AA", names with or without accents, and line order
 * differs by country (US: "City, ST 12345"; Poland: "12-345 City"). Two texts are the same address
 * when they agree in the words, numbers and country that make it up, whatever their form.
 */

/** ISO 3166-1 alpha-2 codes and English names (Etsy's spelling and the CLDR one), one "XX:Name" each. */
const COUNTRIES =
	"AD:Andorra|AE:United Arab Emirates|AF:Afghanistan|AG:Antigua and Barbuda|AI:Anguilla|AL:Albania|AM:Armenia|" +
	"AO:Angola|AQ:Antarctica|AR:Argentina|AS:American Samoa|AT:Austria|AU:Australia|AW:Aruba|AX:Aland Islands|" +
	"AZ:Azerbaijan|BA:Bosnia and Herzegovina|BB:Barbados|BD:Bangladesh|BE:Belgium|BF:Burkina Faso|BG:Bulgaria|" +
	"BH:Bahrain|BI:Burundi|BJ:Benin|BL:Saint Barthelemy|BM:Bermuda|BN:Brunei|BO:Bolivia|BQ:Caribbean Netherlands|" +
	"BR:Brazil|BS:Bahamas|BT:Bhutan|BV:Bouvet Island|BW:Botswana|BY:Belarus|BZ:Belize|CA:Canada|" +
	"CC:Cocos Keeling Islands|CD:Congo Kinshasa|CF:Central African Republic|CG:Congo Brazzaville|CH:Switzerland|" +
	"CI:Cote d Ivoire|CK:Cook Islands|CL:Chile|CM:Cameroon|CN:China|CO:Colombia|CR:Costa Rica|CU:Cuba|" +
	"CV:Cape Verde|CW:Curacao|CX:Christmas Island|CY:Cyprus|CZ:Czechia|DE:Germany|DJ:Djibouti|DK:Denmark|" +
	"DM:Dominica|DO:Dominican Republic|DZ:Algeria|EC:Ecuador|EE:Estonia|EG:Egypt|EH:Western Sahara|ER:Eritrea|" +
	"ES:Spain|ET:Ethiopia|FI:Finland|FJ:Fiji|FK:Falkland Islands|FM:Micronesia|FO:Faroe Islands|FR:France|" +
	"GA:Gabon|GB:United Kingdom|GD:Grenada|GE:Georgia|GF:French Guiana|GG:Guernsey|GH:Ghana|GI:Gibraltar|" +
	"GL:Greenland|GM:Gambia|GN:Guinea|GP:Guadeloupe|GQ:Equatorial Guinea|GR:Greece|" +
	"GS:South Georgia and South Sandwich Islands|GT:Guatemala|GU:Guam|GW:Guinea Bissau|GY:Guyana|HK:Hong Kong|" +
	"HM:Heard and McDonald Islands|HN:Honduras|HR:Croatia|HT:Haiti|HU:Hungary|ID:Indonesia|IE:Ireland|IL:Israel|" +
	"IM:Isle of Man|IN:India|IO:British Indian Ocean Territory|IQ:Iraq|IR:Iran|IS:Iceland|IT:Italy|JE:Jersey|" +
	"JM:Jamaica|JO:Jordan|JP:Japan|KE:Kenya|KG:Kyrgyzstan|KH:Cambodia|KI:Kiribati|KM:Comoros|" +
	"KN:Saint Kitts and Nevis|KP:North Korea|KR:South Korea|KW:Kuwait|KY:Cayman Islands|KZ:Kazakhstan|LA:Laos|" +
	"LB:Lebanon|LC:Saint Lucia|LI:Liechtenstein|LK:Sri Lanka|LR:Liberia|LS:Lesotho|LT:Lithuania|LU:Luxembourg|" +
	"LV:Latvia|LY:Libya|MA:Morocco|MC:Monaco|MD:Moldova|ME:Montenegro|MF:Saint Martin|MG:Madagascar|" +
	"MH:Marshall Islands|MK:North Macedonia|ML:Mali|MM:Myanmar|MN:Mongolia|MO:Macao|MP:Northern Mariana Islands|" +
	"MQ:Martinique|MR:Mauritania|MS:Montserrat|MT:Malta|MU:Mauritius|MV:Maldives|MW:Malawi|MX:Mexico|" +
	"MY:Malaysia|MZ:Mozambique|NA:Namibia|NC:New Caledonia|NE:Niger|NF:Norfolk Island|NG:Nigeria|NI:Nicaragua|" +
	"NL:Netherlands|NO:Norway|NP:Nepal|NR:Nauru|NU:Niue|NZ:New Zealand|OM:Oman|PA:Panama|PE:Peru|" +
	"PF:French Polynesia|PG:Papua New Guinea|PH:Philippines|PK:Pakistan|PL:Poland|PM:Saint Pierre and Miquelon|" +
	"PN:Pitcairn Islands|PR:Puerto Rico|PS:Palestine|PT:Portugal|PW:Palau|PY:Paraguay|QA:Qatar|RE:Reunion|" +
	"RO:Romania|RS:Serbia|RU:Russia|RW:Rwanda|SA:Saudi Arabia|SB:Solomon Islands|SC:Seychelles|SD:Sudan|" +
	"SE:Sweden|SG:Singapore|SH:Saint Helena|SI:Slovenia|SJ:Svalbard and Jan Mayen|SK:Slovakia|SL:Sierra Leone|" +
	"SM:San Marino|SN:Senegal|SO:Somalia|SR:Suriname|SS:South Sudan|ST:Sao Tome and Principe|SV:El Salvador|" +
	"SX:Sint Maarten|SY:Syria|SZ:Eswatini|TC:Turks and Caicos Islands|TD:Chad|TF:French Southern Territories|" +
	"TG:Togo|TH:Thailand|TJ:Tajikistan|TK:Tokelau|TL:Timor Leste|TM:Turkmenistan|TN:Tunisia|TO:Tonga|TR:Turkey|" +
	"TT:Trinidad and Tobago|TV:Tuvalu|TW:Taiwan|TZ:Tanzania|UA:Ukraine|UG:Uganda|UM:US Outlying Islands|" +
	"US:United States|UY:Uruguay|UZ:Uzbekistan|VA:Vatican City|VC:Saint Vincent and the Grenadines|VE:Venezuela|" +
	"VG:British Virgin Islands|VI:US Virgin Islands|VN:Vietnam|VU:Vanuatu|WF:Wallis and Futuna|WS:Samoa|" +
	"XK:Kosovo|YE:Yemen|YT:Mayotte|ZA:South Africa|ZM:Zambia|ZW:Zimbabwe";

/** Other names buyers and platforms use: older and longer forms, and the country's own name. */
const ALIASES =
	"US:United States of America|US:USA|US:America|GB:Great Britain|GB:UK|GB:England|GB:Scotland|GB:Wales|" +
	"GB:Northern Ireland|GB:United Kingdom of Great Britain and Northern Ireland|DE:Deutschland|PL:Polska|" +
	"CZ:Czech Republic|CZ:Cesko|CZ:Ceska republika|TR:Turkiye|NL:The Netherlands|NL:Holland|NL:Nederland|" +
	"AT:Osterreich|CH:Schweiz|CH:Suisse|CH:Svizzera|ES:Espana|IT:Italia|FR:Republique francaise|BE:Belgique|" +
	"BE:Belgie|SK:Slovensko|HU:Magyarorszag|LT:Lietuva|LV:Latvija|EE:Eesti|SE:Sverige|NO:Norge|DK:Danmark|" +
	"FI:Suomi|IE:Eire|GR:Hellas|PT:Portugal|RU:Russian Federation|KR:Korea|KR:Republic of Korea|" +
	"MK:Macedonia|SZ:Swaziland|CI:Ivory Coast|CV:Cabo Verde|MM:Burma|VA:Holy See|HK:Hong Kong SAR China|" +
	"MO:Macao SAR China|PS:Palestinian Territories|TL:East Timor|UA:Ukraina|RO:Romania|BG:Bulgaria";

let byName: Map<string, string> | null = null;

/** Letters a NFD decomposition leaves whole. */
const FOLDED: Record<string, string> = { ł: "l", ø: "o", đ: "d", ß: "ss", æ: "ae", œ: "oe", ı: "i", þ: "th" };

/**
 * Lower case without accents, "&" as "and", punctuation as a space, one space between words; a
 * hyphen or slash inside a number or code is dropped ("01-234" is "01234", "12/4" is "124").
 */
export function foldText(text: string): string {
	return text
		.normalize("NFD")
		.replace(/[\u0300-\u036f]/g, "")
		.toLowerCase()
		.replace(/[łøđßæœıþ]/g, (letter) => FOLDED[letter] ?? letter)
		.replace(/&/g, " and ")
		.replace(/([a-z0-9])[-/]([a-z0-9])/g, "$1$2")
		.replace(/[^a-z0-9]+/g, " ")
		.trim();
}

function countriesByName(): Map<string, string> {
	if (byName) return byName;
	byName = new Map();
	for (const entry of `${COUNTRIES}|${ALIASES}`.split("|")) {
		const code = entry.slice(0, 2);
		byName.set(foldText(entry.slice(3)), code);
		byName.set(code.toLowerCase(), code);
	}
	byName.set("the united states", "US");
	byName.set("the united kingdom", "GB");
	return byName;
}

/** The ISO code for a country's name or code ("Poland", "pl", "Polska" -> "PL"); null when unknown. */
export function countryCode(text: string): string | null {
	const folded = foldText(text).replace(/^the /, "");
	return countriesByName().get(folded) ?? null;
}

export interface AddressKey {
	/** The ISO code of the last line when it names a country; null when it does not. */
	country: string | null;
	/** The address's words and numbers without its last line, in a fixed order. */
	body: string[];
	/** The same with the last line kept. */
	all: string[];
}

/**
 * Within one line, a postcode written in two groups ("SW1A 1AA") is one word: neighbouring words
 * that both hold a digit are joined.
 */
function lineWords(line: string): string[] {
	const words: string[] = [];
	for (const word of line.split(" ")) {
		const previous = words[words.length - 1];
		if (previous !== undefined && /\d/.test(previous) && /\d/.test(word)) words[words.length - 1] = previous + word;
		else words.push(word);
	}
	return words;
}

export function addressKey(text: string): AddressKey {
	const lines = text
		.split(/[\r\n,;]+/)
		.map(foldText)
		.filter((line) => line !== "");
	const last = lines[lines.length - 1];
	const sorted = (chosen: string[]) => chosen.flatMap(lineWords).sort();
	return {
		country: last === undefined ? null : countryCode(last),
		body: sorted(lines.slice(0, -1)),
		all: sorted(lines),
	};
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
	return a.length === b.length && a.every((word, index) => word === b[index]);
}

/**
 * True when two texts describe the same address. Countries are compared by code when both last
 * lines name one; a last line this table does not know as a country is left out on both sides
 * when the other side's is a country (the street, postcode and city still must agree).
 */
export function sameAddress(a: string, b: string): boolean {
	const x = addressKey(a);
	const y = addressKey(b);
	if (x.country !== null && y.country !== null) return x.country === y.country && sameWords(x.body, y.body);
	if (x.country === null && y.country === null) return sameWords(x.all, y.all);
	return sameWords(x.body, y.body);
}

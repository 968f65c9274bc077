/**
 * The seeded shop: a small Polish workshop selling ergonomic furniture in solid wood, its listings
 * with variations, the carriers Etsy offers, and the buyers' world (names, addresses, notes in
 * several languages). Plain data; `generator.ts` combines it with a seeded PRNG.
 */
import type { Address, ShippingCarrier } from "./types.js";

export const SHOP = {
	shop_id: 31_234_567,
	shop_name: "ErgoDrewnoStudio",
	user_id: 81_234_567,
	seller_email: "studio@ergodrewno.example",
	currency_code: "PLN",
	origin_country_iso: "PL",
} as const;

/** Etsy's ids for custom variation properties are 513 and 514; personalisation shows as property 54. */
export const PROPERTY = { primary: 513, secondary: 514, personalization: 54 } as const;

export interface VariationOption {
	value: string;
	value_id: number;
	/** Minor units added to the base price. */
	priceDelta: number;
	sku: string;
}

export interface Listing {
	key: string;
	listing_id: number;
	title: string;
	description: string;
	skuPrefix: string;
	/** Minor units of the shop currency. */
	price: number;
	shipping: number;
	listing_image_id: number;
	shipping_profile_id: number;
	min_processing_days: number;
	max_processing_days: number;
	variations: Array<{ property_id: number; name: string; options: VariationOption[] }>;
	personalization: "none" | "optional" | "required";
}

const WOOD: VariationOption[] = [
	{ value: "Oak", value_id: 1_001_001, priceDelta: 0, sku: "OAK" },
	{ value: "Walnut", value_id: 1_001_002, priceDelta: 60_000, sku: "WAL" },
	{ value: "Ash", value_id: 1_001_003, priceDelta: 0, sku: "ASH" },
];

const smallWood = (scale: number): VariationOption[] =>
	WOOD.map((option) => ({ ...option, priceDelta: Math.round(option.priceDelta * scale) }));

export const LISTINGS: readonly Listing[] = [
	{
		key: "standing-desk",
		description:
			"Solid hardwood top on a quiet dual-motor frame, 62-127 cm height range, memory presets. Made to order in our Warsaw workshop.",
		listing_id: 1_523_400_101,
		title: "Electric Standing Desk with Solid Wood Top, Dual Motor, Height Adjustable Sit Stand Desk",
		skuPrefix: "SD",
		price: 289_900,
		shipping: 19_900,
		listing_image_id: 5_120_000_101,
		shipping_profile_id: 201_000_001,
		min_processing_days: 14,
		max_processing_days: 21,
		variations: [
			{ property_id: PROPERTY.primary, name: "Wood", options: WOOD },
			{
				property_id: PROPERTY.secondary,
				name: "Width",
				options: [
					{ value: "120 cm", value_id: 1_002_120, priceDelta: 0, sku: "120" },
					{ value: "140 cm", value_id: 1_002_140, priceDelta: 20_000, sku: "140" },
					{ value: "160 cm", value_id: 1_002_160, priceDelta: 40_000, sku: "160" },
				],
			},
		],
		personalization: "optional",
	},
	{
		key: "chair",
		description: "Adjustable lumbar support, breathable mesh back and hand-shaped solid wood armrests.",
		listing_id: 1_523_400_102,
		title: "Ergonomic Office Chair with Lumbar Support and Solid Wood Armrests",
		skuPrefix: "CH",
		price: 189_900,
		shipping: 9_900,
		listing_image_id: 5_120_000_102,
		shipping_profile_id: 201_000_002,
		min_processing_days: 7,
		max_processing_days: 10,
		variations: [{ property_id: PROPERTY.primary, name: "Wood", options: smallWood(0.5) }],
		personalization: "none",
	},
	{
		key: "monitor-arm",
		description: "Gas-spring arm with a solid wood trim, for screens up to 32 inches; clamp or grommet mount.",
		listing_id: 1_523_400_103,
		title: "Wooden Monitor Arm, Single or Dual, Desk Clamp Mount",
		skuPrefix: "MA",
		price: 44_900,
		shipping: 2_900,
		listing_image_id: 5_120_000_103,
		shipping_profile_id: 201_000_003,
		min_processing_days: 3,
		max_processing_days: 5,
		variations: [
			{ property_id: PROPERTY.primary, name: "Wood", options: smallWood(0.1) },
			{
				property_id: PROPERTY.secondary,
				name: "Arms",
				options: [
					{ value: "Single", value_id: 1_003_001, priceDelta: 0, sku: "S" },
					{ value: "Dual", value_id: 1_003_002, priceDelta: 25_000, sku: "D" },
				],
			},
		],
		personalization: "none",
	},
	{
		key: "footrest",
		description: "Tilting footrest in oiled solid wood with a non-slip base, for standing and sitting work.",
		listing_id: 1_523_400_104,
		title: "Adjustable Wooden Footrest with Tilt, Under Desk Foot Rest",
		skuPrefix: "FR",
		price: 34_900,
		shipping: 2_900,
		listing_image_id: 5_120_000_104,
		shipping_profile_id: 201_000_003,
		min_processing_days: 3,
		max_processing_days: 5,
		variations: [{ property_id: PROPERTY.primary, name: "Wood", options: smallWood(0.1) }],
		personalization: "optional",
	},
	{
		key: "organiser",
		description: "Desk organiser with slots for a phone, pens and cards, engraved with the name of your choice.",
		listing_id: 1_523_400_105,
		title: "Personalised Desk Organiser with Engraved Name, Oak Walnut or Ash",
		skuPrefix: "DO",
		price: 18_900,
		shipping: 1_900,
		listing_image_id: 5_120_000_105,
		shipping_profile_id: 201_000_004,
		min_processing_days: 2,
		max_processing_days: 4,
		variations: [{ property_id: PROPERTY.primary, name: "Wood", options: smallWood(0.05) }],
		personalization: "required",
	},
];

export const COUNTRY_NAMES: Record<string, string> = {
	PL: "Poland",
	DE: "Germany",
	US: "United States",
	GB: "United Kingdom",
	JP: "Japan",
	FR: "France",
};

/** Buyers by destination country, weighted towards the shop's home market. */
export const BUYERS: Record<string, { weight: number; names: string[]; addresses: Array<Omit<Address, "name">> }> = {
	PL: {
		weight: 35,
		names: [
			"Anna Kowalska",
			"Łukasz Wiśniewski",
			"Zofia Wójcik",
			"Paweł Zieliński",
			"Małgorzata Dąbrowska",
			"Jędrzej Król",
		],
		addresses: [
			{
				first_line: "ul. Marszałkowska 12/4",
				second_line: null,
				city: "Warszawa",
				state: null,
				zip: "00-590",
				country_iso: "PL",
			},
			{
				first_line: "ul. Długa 5",
				second_line: "m. 3",
				city: "Warszawa",
				state: null,
				zip: "01-234",
				country_iso: "PL",
			},
			{
				first_line: "ul. Floriańska 21",
				second_line: null,
				city: "Kraków",
				state: null,
				zip: "31-019",
				country_iso: "PL",
			},
			{ first_line: "ul. Piwna 7", second_line: null, city: "Gdańsk", state: null, zip: "80-831", country_iso: "PL" },
			{
				first_line: "pl. Solny 14",
				second_line: "lok. 2",
				city: "Wrocław",
				state: null,
				zip: "50-062",
				country_iso: "PL",
			},
		],
	},
	DE: {
		weight: 20,
		names: ["Jürgen Müller", "Anja Schröder", "Björn Weiß", "Käthe Groß"],
		addresses: [
			{ first_line: "Hauptstraße 5", second_line: null, city: "Berlin", state: null, zip: "10115", country_iso: "DE" },
			{
				first_line: "Königsallee 27",
				second_line: "3. OG",
				city: "Düsseldorf",
				state: null,
				zip: "40212",
				country_iso: "DE",
			},
			{
				first_line: "Prager Straße 2",
				second_line: null,
				city: "Dresden",
				state: null,
				zip: "01069",
				country_iso: "DE",
			},
			{
				first_line: "Maximilianstraße 13",
				second_line: null,
				city: "München",
				state: null,
				zip: "80539",
				country_iso: "DE",
			},
		],
	},
	US: {
		weight: 20,
		names: ["Emily Johnson", "Michael O'Brien", "Sarah Nguyen", "David Kim"],
		addresses: [
			{
				first_line: "742 Evergreen Terrace",
				second_line: null,
				city: "Springfield",
				state: "OR",
				zip: "97403",
				country_iso: "US",
			},
			{
				first_line: "77 Massachusetts Ave",
				second_line: "Apt 4B",
				city: "Cambridge",
				state: "MA",
				zip: "02139",
				country_iso: "US",
			},
			{
				first_line: "1600 Market St",
				second_line: "Suite 200",
				city: "San Francisco",
				state: "CA",
				zip: "94103",
				country_iso: "US",
			},
			{ first_line: "350 5th Ave", second_line: null, city: "New York", state: "NY", zip: "10118", country_iso: "US" },
		],
	},
	GB: {
		weight: 12,
		names: ["Oliver Smith", "Amelia Jones", "Siobhán Murphy"],
		addresses: [
			{
				first_line: "221B Baker Street",
				second_line: null,
				city: "London",
				state: null,
				zip: "NW1 6XE",
				country_iso: "GB",
			},
			{
				first_line: "10 Piccadilly",
				second_line: "Flat 3",
				city: "Manchester",
				state: null,
				zip: "M1 1AE",
				country_iso: "GB",
			},
		],
	},
	JP: {
		weight: 6,
		names: ["山田 太郎", "佐藤 花子", "Kenji Watanabe"],
		addresses: [
			{
				first_line: "1-2-3 Jingumae",
				second_line: "Room 405",
				city: "Shibuya-ku",
				state: "Tokyo",
				zip: "150-0001",
				country_iso: "JP",
			},
			{
				first_line: "4-5-6 Umeda",
				second_line: null,
				city: "Kita-ku",
				state: "Osaka",
				zip: "530-0001",
				country_iso: "JP",
			},
		],
	},
	FR: {
		weight: 7,
		names: ["Chloé Dubois", "Étienne Lefèvre", "Maëlle Girard"],
		addresses: [
			{
				first_line: "12 rue de Rivoli",
				second_line: null,
				city: "Paris",
				state: null,
				zip: "75004",
				country_iso: "FR",
			},
			{
				first_line: "3 place Bellecour",
				second_line: "Bâtiment B",
				city: "Lyon",
				state: null,
				zip: "69002",
				country_iso: "FR",
			},
		],
	},
};

/** Buyer notes (message_from_buyer) by country; most orders carry none. */
export const NOTES: Record<string, string[]> = {
	PL: [
		"Proszę o wygrawerowanie imienia „Zosia” na blacie 🌸",
		"Czy da się dostarczyć przed świętami? Z góry dziękuję!",
		"Paczkomat WAW123M, proszę o kontakt przed wysyłką.",
	],
	DE: [
		"Bitte die Kanten etwas stärker abrunden. Danke schön! 😊",
		"Lieferung bitte an Packstation 123, Postnummer 987654.",
	],
	US: [
		"Please leave it at the back door if nobody's home.",
		"Is it possible to ship by the 20th? It's a birthday gift 🎉",
	],
	GB: ["Could you pop a note in saying it's from Mum & Dad?\nThanks!", "Door code is 4521#"],
	JP: ["名入れをお願いします：「たなか」🎁", "配達は午前中を希望します。"],
	FR: ["Pourriez-vous graver « Pour Élodie » ? Merci beaucoup 🙏", "Livraison en point relais si possible."],
};

export const PERSONALISATIONS = [
	"Zosia ❤️",
	"Für Opa Heinz",
	"Pour Élodie",
	"たなか",
	"J.R.R. — 2025",
	"Team Łódź 💪",
	"Ω ≈ ç √",
];

export const GIFT_MESSAGES: Array<{ message: string; sender: string }> = [
	{ message: "Wszystkiego najlepszego z okazji urodzin! 🎂", sender: "Kasia" },
	{ message: "Alles Gute zum Geburtstag, Papa!", sender: "Lena & Tim" },
	{ message: "Happy retirement, Sue — enjoy standing up for once!", sender: "The whole office" },
	{ message: "お誕生日おめでとう！", sender: "ゆき" },
	{ message: "Joyeux Noël 🎄", sender: "Marc" },
];

export const PAYMENT_METHODS: Array<readonly [string, number]> = [
	["cc", 60],
	["paypal", 25],
	["apple_pay", 10],
	["klarna", 5],
];

/** Carriers per origin country for getShippingCarriers; ids are stable so tests can refer to them. */
export const CARRIERS: Record<string, ShippingCarrier[]> = {
	PL: [
		carrier(1101, "InPost", ["Paczkomat", "Kurier"], ["International"]),
		carrier(1102, "DPD", ["Classic", "Pickup"], ["Classic International"]),
		carrier(1103, "DHL", ["Parcel"], ["Parcel Connect", "Express Worldwide"]),
		carrier(1104, "Poczta Polska", ["Pocztex", "Paczka Pocztowa"], ["Paczka zagraniczna"]),
		carrier(1105, "UPS", ["Standard"], ["Standard", "Express Saver"]),
		carrier(1106, "FedEx", [], ["International Priority", "International Economy"]),
		carrier(1107, "GLS", ["Parcel"], ["Euro Business Parcel"]),
	],
	DE: [
		carrier(1201, "DHL", ["Paket", "Päckchen"], ["Paket International"]),
		carrier(1202, "Deutsche Post", ["Brief", "Warensendung"], ["Brief International"]),
		carrier(1203, "Hermes", ["Paket"], []),
		carrier(1204, "DPD", ["Classic"], ["Classic International"]),
		carrier(1205, "UPS", ["Standard"], ["Standard", "Express"]),
	],
	US: [
		carrier(1301, "USPS", ["Ground Advantage", "Priority Mail"], ["Priority Mail International"]),
		carrier(1302, "UPS", ["Ground", "2nd Day Air"], ["Worldwide Expedited"]),
		carrier(1303, "FedEx", ["Ground", "Home Delivery"], ["International Priority"]),
		carrier(1304, "DHL Express", [], ["Express Worldwide"]),
	],
	GB: [
		carrier(1401, "Royal Mail", ["Tracked 24", "Tracked 48"], ["International Tracked"]),
		carrier(1402, "Parcelforce", ["express48"], ["Global Priority"]),
		carrier(1403, "Evri", ["Standard"], []),
		carrier(1404, "DPD", ["Next Day"], ["Classic"]),
	],
};

/** Origins without their own list get the international couriers. */
export const INTERNATIONAL_CARRIERS: ShippingCarrier[] = [
	carrier(1901, "DHL Express", [], ["Express Worldwide"]),
	carrier(1902, "UPS", [], ["Worldwide Saver"]),
	carrier(1903, "FedEx", [], ["International Priority"]),
];

function carrier(id: number, name: string, domestic: string[], international: string[]): ShippingCarrier {
	const key = (label: string) => `${name}_${label}`.toLowerCase().replace(/[^a-z0-9]+/g, "_");
	return {
		shipping_carrier_id: id,
		name,
		domestic_classes: domestic.map((label) => ({ mail_class_key: key(label), name: label })),
		international_classes: international.map((label) => ({ mail_class_key: key(label), name: label })),
	};
}

/** Normalises a carrier name for comparison: "Royal Mail", "royal-mail" and "ROYAL_MAIL" are one carrier. */
export function carrierKey(name: string): string {
	return name
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, "-")
		.replace(/^-|-$/g, "");
}

/** The canonical carrier name for a submitted one, or undefined when Etsy does not know it. */
export function findCarrier(name: string): string | undefined {
	const key = carrierKey(name);
	for (const list of [...Object.values(CARRIERS), INTERNATIONAL_CARRIERS]) {
		const found = list.find((entry) => carrierKey(entry.name) === key);
		if (found) return found.name;
	}
	return undefined;
}

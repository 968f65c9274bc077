/**
 * The package validation the Furgonetka sandbox applies to `POST /packages/validate` and
 * `POST /packages`: required fields, Polish postcodes NN-NNN, phone numbers, e-mail, and each
 * service's countries, size and weight limits. Errors are `{path, message}` in the language the
 * client asked for with `X-Language` (pl_PL by default, as Furgonetka's own messages are Polish).
 * The rules can be changed through the control API, so a test can make "missing phone" an error or not.
 *
 * NOTES.md "Request headers": "Error body: `{"errors":[{"message":…,"path"?:…,"code"?:…}]}` e.g. 400
 * "Nieprawidłowy kod pocztowy"" and "Optional `X-Language: pl_PL | en_GB` [PY]".
 * NOTES.md "Package body": "Postcode: every client read sends Polish postcodes WITH the dash ...
 * whether dashless is also accepted is UNCONFIRMED": `strictPolishPostcode` (default true) serves
 * both readings; the connector sends NN-NNN, which passes under both.
 * NOTES.md "Package body": `"sender": Address|null`, `type` "package"|"dox"|"pallet", parcels in cm
 * and kg, `point` for locker services.
 * Not in NOTES: which fields are required (SP README: sender `name, company, email, phone, street,
 * postcode, city`; here pickup and receiver), the phone and e-mail patterns, the 100-character
 * reference, each service's size and weight limits (catalog.ts) and every message text. Chosen so a
 * connector meets the courier's refusals in the courier's words; each is a rule the control API can
 * change, and the connector passes Furgonetka's words on rather than repeating its rules.
 */
import type { ServiceDef } from "./catalog.js";

export type Language = "pl_PL" | "en_GB";

export interface FieldError {
	path: string;
	message: string;
}

export interface FurgonetkaRules {
	/** Receiver, sender and pick-up phone numbers are required. */
	requirePhone: boolean;
	/** The receiver's e-mail is required (most carriers do not need it for a courier parcel). */
	requireReceiverEmail: boolean;
	/** Polish postcodes must be NN-NNN (false: also NNNNN). */
	strictPolishPostcode: boolean;
	/** Per service code, limits replacing the catalog's. */
	limits: Record<string, Partial<Pick<ServiceDef, "maxWeightKg" | "maxLengthCm" | "maxGirthCm">>>;
}

export const DEFAULT_RULES: FurgonetkaRules = {
	requirePhone: true,
	requireReceiverEmail: false,
	strictPolishPostcode: true,
	limits: {},
};

type MessageKey =
	| "blank"
	| "postcode"
	| "phone"
	| "email"
	| "country"
	| "service"
	| "type"
	| "parcels"
	| "dimension"
	| "weight"
	| "maxWeight"
	| "maxLength"
	| "maxGirth"
	| "maxBox"
	| "point"
	| "destination"
	| "tooLong";

const MESSAGES: Record<Language, Record<MessageKey, string>> = {
	en_GB: {
		blank: "This value should not be blank.",
		postcode: "Invalid postcode. Expected format: NN-NNN.",
		phone: "Invalid phone number.",
		email: "This value is not a valid email address.",
		country: "Invalid country code.",
		service: "The service is not available for this account.",
		type: "Invalid package type.",
		parcels: "At least one parcel is required.",
		dimension: "Dimensions must be positive whole numbers of centimetres.",
		weight: "Weight must be greater than 0.",
		maxWeight: "The maximum weight for {service} is {limit} kg.",
		maxLength: "The longest side for {service} may be at most {limit} cm.",
		maxGirth: "Length plus girth for {service} may be at most {limit} cm.",
		maxBox: "The parcel does not fit {service} (at most {limit} cm).",
		point: "A pick-up point is required for this service.",
		destination: "{service} does not deliver to {limit}.",
		tooLong: "This value is too long. It should have {limit} characters or less.",
	},
	pl_PL: {
		blank: "Ta wartość nie powinna być pusta.",
		postcode: "Nieprawidłowy kod pocztowy. Oczekiwany format: NN-NNN.",
		phone: "Nieprawidłowy numer telefonu.",
		email: "Ta wartość nie jest prawidłowym adresem email.",
		country: "Nieprawidłowy kod kraju.",
		service: "Usługa nie jest dostępna dla tego konta.",
		type: "Nieprawidłowy typ przesyłki.",
		parcels: "Wymagana jest co najmniej jedna paczka.",
		dimension: "Wymiary muszą być dodatnimi liczbami całkowitymi w centymetrach.",
		weight: "Waga musi być większa od 0.",
		maxWeight: "Maksymalna waga dla {service} to {limit} kg.",
		maxLength: "Najdłuższy bok dla {service} może mieć najwyżej {limit} cm.",
		maxGirth: "Długość z obwodem dla {service} może wynosić najwyżej {limit} cm.",
		maxBox: "Paczka nie mieści się w {service} (najwyżej {limit} cm).",
		point: "Dla tej usługi wymagany jest punkt odbioru.",
		destination: "{service} nie doręcza do {limit}.",
		tooLong: "Ta wartość jest zbyt długa. Powinna mieć {limit} lub mniej znaków.",
	},
};

export function languageOf(header: string | undefined): Language {
	return header?.toLowerCase().startsWith("en") ? "en_GB" : "pl_PL";
}

function text(value: unknown): string {
	return typeof value === "string" ? value.trim() : typeof value === "number" ? String(value) : "";
}

function record(value: unknown): Record<string, unknown> | null {
	return value !== null && typeof value === "object" && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}

/** Field errors of a package body; [] when Furgonetka would accept it. */
export function validatePackage(
	body: unknown,
	services: readonly ServiceDef[],
	rules: FurgonetkaRules,
	language: Language,
): FieldError[] {
	const errors: FieldError[] = [];
	const say = (path: string, key: MessageKey, vars: { service?: string; limit?: string | number } = {}) =>
		errors.push({
			path,
			message: MESSAGES[language][key]
				.replace("{service}", vars.service ?? "")
				.replace("{limit}", String(vars.limit ?? "")),
		});

	const pkg = record(body) ?? {};
	const serviceId = pkg.service_id;
	const service = services.find((s) => s.id === serviceId);
	if (serviceId === undefined || serviceId === null || serviceId === "") say("service_id", "blank");
	else if (!service) say("service_id", "service");
	const limits = service ? { ...service, ...rules.limits[service.service] } : undefined;

	const type = pkg.type ?? "package";
	if (!["package", "dox", "pallet"].includes(String(type))) say("type", "type");

	const checkAddress = (name: "pickup" | "sender" | "receiver", required: boolean) => {
		const address = record(pkg[name]);
		if (!address) {
			if (required) say(name, "blank");
			return;
		}
		for (const field of ["name", "street", "city", "postcode", "country_code"] as const) {
			if (text(address[field]) === "") say(`${name}.${field}`, "blank");
		}
		const country = text(address.country_code).toUpperCase();
		if (country !== "" && !/^[A-Z]{2}$/.test(country)) say(`${name}.country_code`, "country");
		const postcode = text(address.postcode);
		if (country === "PL" && postcode !== "") {
			const pattern = rules.strictPolishPostcode ? /^\d{2}-\d{3}$/ : /^\d{2}-?\d{3}$/;
			if (!pattern.test(postcode)) say(`${name}.postcode`, "postcode");
		}
		const phone = text(address.phone);
		if (phone === "") {
			if (rules.requirePhone) say(`${name}.phone`, "blank");
		} else {
			const digitCount = phone.replace(/\D/g, "").length;
			if (!/^\+?[\d\s()-]+$/.test(phone) || digitCount < 9 || digitCount > 15) say(`${name}.phone`, "phone");
		}
		const email = text(address.email);
		if (email === "") {
			if (name === "receiver" && rules.requireReceiverEmail) say(`${name}.email`, "blank");
		} else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) say(`${name}.email`, "email");
		if (name === "receiver" && service) {
			if (service.point && text(address.point) === "") say("receiver.point", "point");
			if (service.countries !== "any" && country !== "" && !service.countries.includes(country)) {
				say("receiver.country_code", "destination", { service: service.name, limit: country });
			}
		}
	};
	checkAddress("pickup", true);
	checkAddress("sender", false);
	checkAddress("receiver", true);

	const reference = pkg.user_reference_number;
	if (typeof reference === "string" && reference.length > 100) say("user_reference_number", "tooLong", { limit: 100 });

	const parcels = Array.isArray(pkg.parcels) ? pkg.parcels : [];
	if (parcels.length === 0) say("parcels", "parcels");
	parcels.forEach((raw, index) => {
		const parcel = record(raw) ?? {};
		const path = `parcels[${index}]`;
		const sides = (["width", "depth", "height"] as const).map((side) => parcel[side]);
		const badSide = (["width", "depth", "height"] as const).find((side) => {
			const value = parcel[side];
			return typeof value !== "number" || !Number.isInteger(value) || value <= 0;
		});
		if (badSide) say(`${path}.${badSide}`, "dimension");
		const weight = parcel.weight;
		if (typeof weight !== "number" || !(weight > 0)) say(`${path}.weight`, "weight");
		if (!limits || badSide) return;
		const sorted = (sides as number[]).slice().sort((a, b) => b - a) as [number, number, number];
		if (typeof weight === "number" && weight > limits.maxWeightKg) {
			say(`${path}.weight`, "maxWeight", { service: limits.name, limit: limits.maxWeightKg });
		}
		if (limits.maxBoxCm) {
			const box = limits.maxBoxCm;
			if (sorted.some((side, i) => side > (box[i] ?? Number.POSITIVE_INFINITY))) {
				say(path, "maxBox", { service: limits.name, limit: limits.maxBoxCm.join(" x ") });
			}
			return;
		}
		if (sorted[0] > limits.maxLengthCm) say(path, "maxLength", { service: limits.name, limit: limits.maxLengthCm });
		else if (sorted[0] + 2 * (sorted[1] + sorted[2]) > limits.maxGirthCm) {
			say(path, "maxGirth", { service: limits.name, limit: limits.maxGirthCm });
		}
	});
	return errors;
}

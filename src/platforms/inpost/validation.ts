/**
 * ShipX validates only when a shipment is created, and a create buys a label: there is no dry run.
 * So `validate` checks the body locally against the rules ShipX applies to courier shipments
 * (mirrored by the sandbox, and compared with it in test/local/sandbox/inpost.test.ts), and a
 * create that ShipX refuses anyway is read with `problemsFromDetails`, ShipX's per-field error keys
 * turned into the same kind of problems. Field names are ShipX's (`receiver.address.post_code`).
 */
import type { ShipmentRequest, ValidationProblem } from "../../core/connector-contracts.js";
import type { ShipxParty, ShipxShipmentBody } from "./shipment-mapping.js";

/** Courier limits of the sandbox and of this check; sides sorted longest first, in mm. */
export const COURIER_LIMITS: Record<string, { maxWeightKg: number; maxSidesMm: [number, number, number] }> = {
	inpost_courier_palette: { maxWeightKg: 1000, maxSidesMm: [2000, 1800, 1200] },
	default: { maxWeightKg: 50, maxSidesMm: [3500, 2400, 2400] },
};

export function courierLimits(service: string) {
	return COURIER_LIMITS[service] ?? (COURIER_LIMITS.default as (typeof COURIER_LIMITS)[string]);
}

/** ShipX's error keys in plain words. Unknown keys are shown as they came. */
const KEY_WORDS: Record<string, string> = {
	required: "is required",
	invalid: "is invalid",
	too_long: "is too long",
	too_short: "is too short",
	too_big: "is larger than the courier takes",
	too_heavy: "is heavier than the courier takes",
	not_a_number: "must be a number",
	invalid_format: "has the wrong format",
	not_unique: "is already used",
};

/** Hints for the fields owners get wrong most, appended to the message. */
const FIELD_HINTS: Record<string, string> = {
	post_code: "a Polish postcode NN-NNN",
	phone: "nine digits, e.g. 500600700",
	building_number: "the house number, at the end of the address's first line",
	country_code: "InPost couriers deliver in Poland (PL)",
	service: "a courier service such as inpost_courier_standard; furniture does not fit parcel lockers",
};

export function describeKey(field: string, key: string): string {
	const words = KEY_WORDS[key] ?? key.replace(/_/g, " ");
	const leaf =
		field
			.split(".")
			.pop()
			?.replace(/\[\d+\]$/, "") ?? field;
	const hint = FIELD_HINTS[leaf];
	return `${words}${hint && key !== "too_big" && key !== "too_heavy" ? ` (expected ${hint})` : ""} [InPost: ${key}]`;
}

/**
 * ShipX's `details` as `{field, key}` pairs. Nested objects add a dot; an array of objects is the
 * Rails-style wrapper around one object (no index) or a list such as parcels (index from two on);
 * arrays of strings are the error keys.
 */
export function flattenDetails(details: unknown, prefix = ""): Array<{ field: string; key: string }> {
	const out: Array<{ field: string; key: string }> = [];
	if (typeof details === "string") {
		out.push({ field: prefix || "shipment", key: details });
		return out;
	}
	if (Array.isArray(details)) {
		const objects = details.filter((item) => item !== null && typeof item === "object");
		details.forEach((item, index) => {
			if (item !== null && typeof item === "object") {
				const at = objects.length > 1 ? `${prefix}[${index}]` : prefix;
				out.push(...flattenDetails(item, at));
			} else if (item !== null && item !== undefined) out.push({ field: prefix || "shipment", key: String(item) });
		});
		return out;
	}
	if (details !== null && typeof details === "object") {
		for (const [key, value] of Object.entries(details as Record<string, unknown>)) {
			out.push(...flattenDetails(value, prefix ? `${prefix}.${key}` : key));
		}
	}
	return out;
}

export function problemsFromDetails(details: unknown): ValidationProblem[] {
	return flattenDetails(details).map(({ field, key }) => ({ field, message: describeKey(field, key) }));
}

/** The same checks as ShipX, as `{field, key}`: used by `validate` and compared with the sandbox's answers. */
export function localDetails(body: ShipxShipmentBody): Array<{ field: string; key: string }> {
	const out: Array<{ field: string; key: string }> = [];
	const add = (field: string, key: string) => out.push({ field, key });
	if (!body.service) add("service", "required");
	else if (!body.service.startsWith("inpost_courier_")) add("service", "invalid");

	const checkParty = (role: "receiver" | "sender", party: ShipxParty) => {
		if (!party.name && !party.company_name) add(`${role}.name`, "required");
		if (!party.phone) add(`${role}.phone`, "required");
		else if (!/^\d{9}$/.test(party.phone)) add(`${role}.phone`, "invalid");
		if (party.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(party.email)) add(`${role}.email`, "invalid");
		const address = party.address;
		for (const field of ["street", "building_number", "city", "post_code", "country_code"] as const) {
			if (!address[field]) add(`${role}.address.${field}`, "required");
		}
		if (address.post_code && !/^\d{2}-\d{3}$/.test(address.post_code)) add(`${role}.address.post_code`, "invalid");
		if (address.country_code && address.country_code !== "PL") add(`${role}.address.country_code`, "invalid");
	};
	checkParty("receiver", body.receiver);
	checkParty("sender", body.sender);

	if (body.parcels.length === 0) add("parcels", "required");
	const limits = courierLimits(body.service);
	body.parcels.forEach((parcel, index) => {
		const at = body.parcels.length > 1 ? `parcels[${index}]` : "parcels";
		const sides = [parcel.dimensions.length, parcel.dimensions.width, parcel.dimensions.height];
		if (sides.some((side) => !(side > 0))) add(`${at}.dimensions`, "invalid");
		else {
			const sorted = sides.slice().sort((a, b) => b - a);
			if (sorted.some((side, i) => side > (limits.maxSidesMm[i] as number))) add(`${at}.dimensions`, "too_big");
		}
		if (!(parcel.weight.amount > 0)) add(`${at}.weight`, "invalid");
		else if (parcel.weight.amount > limits.maxWeightKg) add(`${at}.weight`, "too_heavy");
	});
	if (body.reference.length > 100) add("reference", "too_long");
	return out;
}

/** What `validate` returns: the local checks, with Hubsheet's words and ShipX's keys. */
export function localProblems(body: ShipxShipmentBody, request: ShipmentRequest): ValidationProblem[] {
	return localDetails(body).map(({ field, key }) => {
		if (field === "service" && key === "invalid") {
			return {
				field,
				message: `"${request.service}" is not an InPost courier service; furniture does not fit parcel lockers, use e.g. inpost_courier_standard [InPost: invalid]`,
			};
		}
		return { field, message: describeKey(field, key) };
	});
}

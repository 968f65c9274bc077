/**
 * ShipX's validation of a create-shipment body as the sandbox applies it. A failure is ShipX's
 * `400 validation_failed` with `details`: per field, a list of error keys (`required`, `invalid`,
 * `too_big`, `too_heavy`, `too_long`), nested Rails-style — a sub-object is wrapped in a one-element
 * array, a list (parcels) has one object per item:
 *   {"receiver": [{"phone": ["invalid"], "address": [{"post_code": ["invalid"]}]}], "parcels": [{}, {"weight": ["too_heavy"]}]}
 * The connector's local `validate` (src/platforms/inpost/validation.ts) mirrors these rules.
 *
 * NOTES.md "Errors": "Validation failures carry per-field `details` (key names UNCONFIRMED)": the
 * nesting and the keys below are the sandbox's choice; the connector shows ShipX's details whatever
 * their keys and takes 400 and 422 alike. NOTES.md "Create-shipment body": receiver/sender `name` |
 * `company_name` | `first_name`+`last_name`, `email`, `phone`, `address {street, building_number,
 * city, post_code "00-000", country_code "PL"}`; parcels with `dimensions {…, unit:"mm"}` and
 * `weight {amount, unit:"kg"}` or a locker `template`; `custom_attributes.target_point` for lockers.
 * Not in NOTES, chosen to meet the refusals a real account would give a small shop: a 9-digit phone,
 * Poland only, each service's size and weight limits (catalog.ts), `reference` at most 100 characters.
 */
import { SERVICES } from "./catalog.js";

type Segment = string | number;

function text(value: unknown): string {
	return typeof value === "string" ? value.trim() : "";
}

function record(value: unknown): Record<string, unknown> | null {
	return value !== null && typeof value === "object" && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}

/** Error keys by path, e.g. [["receiver", "address", "post_code"], "invalid"]. */
export function validateShipment(body: unknown): Array<{ path: Segment[]; key: string }> {
	const errors: Array<{ path: Segment[]; key: string }> = [];
	const add = (path: Segment[], key: string) => errors.push({ path, key });
	const shipment = record(body) ?? {};
	const serviceId = text(shipment.service);
	const service = SERVICES.find((s) => s.id === serviceId);
	if (serviceId === "") add(["service"], "required");
	else if (!service) add(["service"], "invalid");

	const checkParty = (role: "receiver" | "sender", required: boolean) => {
		const party = record(shipment[role]);
		if (!party) {
			if (required) add([role], "required");
			return;
		}
		const named = text(party.name) || text(party.company_name) || (text(party.first_name) && text(party.last_name));
		if (!named) add([role, "name"], "required");
		const phone = text(party.phone);
		if (phone === "") add([role, "phone"], "required");
		else if (!/^\d{9}$/.test(phone)) add([role, "phone"], "invalid");
		if (party.email !== undefined && party.email !== null) {
			if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text(party.email))) add([role, "email"], "invalid");
		}
		const address = record(party.address);
		if (!address) {
			// Lockers deliver to a point: the receiver's address is optional there.
			if (service?.kind !== "locker" || role === "sender") add([role, "address"], "required");
			return;
		}
		for (const field of ["street", "building_number", "city", "post_code", "country_code"]) {
			if (text(address[field]) === "") add([role, "address", field], "required");
		}
		const postCode = text(address.post_code);
		if (postCode !== "" && !/^\d{2}-\d{3}$/.test(postCode)) add([role, "address", "post_code"], "invalid");
		const country = text(address.country_code);
		if (country !== "" && country !== "PL") add([role, "address", "country_code"], "invalid");
	};
	checkParty("receiver", true);
	checkParty("sender", false);

	if (service?.kind === "locker") {
		const attributes = record(shipment.custom_attributes) ?? {};
		if (text(attributes.target_point) === "") add(["custom_attributes", "target_point"], "required");
	}

	const parcels = Array.isArray(shipment.parcels) ? shipment.parcels : [];
	if (parcels.length === 0) add(["parcels"], "required");
	const many = parcels.length > 1;
	parcels.forEach((raw, index) => {
		const parcel = record(raw) ?? {};
		const at: Segment[] = many ? ["parcels", index] : ["parcels"];
		if (service?.kind === "locker" && text(parcel.template) !== "") {
			if (!["small", "medium", "large"].includes(text(parcel.template))) add([...at, "template"], "invalid");
			return;
		}
		const dimensions = record(parcel.dimensions);
		const sides = dimensions ? [dimensions.length, dimensions.width, dimensions.height] : [];
		if (!dimensions) add([...at, "dimensions"], "required");
		else if (sides.some((side) => typeof side !== "number" || !(side > 0))) add([...at, "dimensions"], "invalid");
		else if (service) {
			const sorted = (sides as number[]).slice().sort((a, b) => b - a);
			if (sorted.some((side, i) => side > (service.maxSidesMm[i] as number))) add([...at, "dimensions"], "too_big");
		}
		const weight = record(parcel.weight);
		const amount = weight?.amount;
		if (!weight) add([...at, "weight"], "required");
		else if (typeof amount !== "number" || !(amount > 0)) add([...at, "weight"], "invalid");
		else if (service && amount > service.maxWeightKg) add([...at, "weight"], "too_heavy");
	});
	if (typeof shipment.reference === "string" && shipment.reference.length > 100) add(["reference"], "too_long");
	return errors;
}

/** The errors as ShipX nests them in `details`. */
export function detailsOf(
	errors: ReadonlyArray<{ path: Segment[]; key: string }>,
	parcelCount: number,
): Record<string, unknown> {
	const details: Record<string, unknown> = {};
	for (const { path, key } of errors) put(details, path, key, parcelCount);
	return details;
}

function put(target: Record<string, unknown>, path: Segment[], key: string, parcelCount: number): void {
	const [head, next, ...rest] = path;
	if (head === undefined || typeof head === "number") return;
	if (next === undefined) {
		const keys = Array.isArray(target[head]) ? (target[head] as unknown[]) : [];
		keys.push(key);
		target[head] = keys;
		return;
	}
	if (typeof next === "number") {
		// A list (parcels): one object per item, valid items as {}.
		const list = Array.isArray(target[head])
			? (target[head] as Array<Record<string, unknown>>)
			: Array.from({ length: parcelCount }, () => ({}));
		target[head] = list;
		const item = list[next] ?? {};
		list[next] = item;
		put(item, rest, key, parcelCount);
		return;
	}
	// A sub-object, wrapped Rails-style in a one-element array.
	const wrapper = Array.isArray(target[head]) ? (target[head] as Array<Record<string, unknown>>) : [{}];
	target[head] = wrapper;
	put(wrapper[0] as Record<string, unknown>, [next, ...rest], key, parcelCount);
}

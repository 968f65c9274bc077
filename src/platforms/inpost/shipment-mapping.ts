/**
 * Hubsheet's shipment request as a ShipX create-shipment body, and a ShipX shipment as the
 * engine's CourierShipment. ShipX wants the street and the building number apart, sizes in
 * millimetres and Polish phone numbers as nine digits, so the request is reshaped here, in one place
 * that the local validation (validation.ts) checks the result of.
 */

import type { CourierShipment, Parcel, ShipmentRequest } from "../../core/connector-contracts.js";
import type { PostalAddress } from "../../core/order.js";
import type { ShipxShipment } from "./schemas.js";
import { CANCELLED_STATUSES, UNCONFIRMED_STATUSES } from "./states.js";

export interface ShipxAddress {
	street: string;
	building_number: string;
	city: string;
	post_code: string;
	country_code: string;
}

export interface ShipxParty {
	name?: string;
	company_name?: string;
	email?: string;
	phone: string;
	address: ShipxAddress;
}

export interface ShipxParcel {
	dimensions: { length: number; width: number; height: number; unit: "mm" };
	weight: { amount: number; unit: "kg" };
	is_non_standard: boolean;
}

export interface ShipxShipmentBody {
	receiver: ShipxParty;
	sender: ShipxParty;
	parcels: ShipxParcel[];
	service: string;
	reference: string;
	custom_attributes: { sending_method: string };
}

/** "ul. Długa 5/3" -> street "ul. Długa", building "5/3"; also "Długa 5 m. 3", "Polna 12A". */
const TRAILING_NUMBER = /^(.*?\S)[\s,]+(\d+[A-Za-z]?(?:\s*(?:\/|m\.|lok\.)\s*\d+[A-Za-z]?)?)$/;

export function splitStreet(firstLine: string, secondLine: string): { street: string; building: string } {
	const first = firstLine.trim();
	const second = secondLine.trim();
	const match = TRAILING_NUMBER.exec(first);
	if (match?.[1] && match[2]) {
		return { street: second ? `${match[1]}, ${second}` : match[1], building: match[2].replace(/\s+/g, "") };
	}
	// "ul. Długa" on the first line and "5/3" on the second.
	if (/^\d+[A-Za-z]?(\s*\/\s*\d+[A-Za-z]?)?$/.test(second))
		return { street: first, building: second.replace(/\s+/g, "") };
	return { street: [first, second].filter(Boolean).join(", "), building: "" };
}

/** Nine digits for a Polish number written with +48, 0048, spaces or dashes; anything else as typed. */
export function normalisePhone(phone: string, countryIso: string): string {
	const compact = phone.replace(/[\s().-]/g, "");
	if (countryIso.toUpperCase() !== "PL") return compact;
	const national = compact.replace(/^(\+48|0048)/, "");
	return /^\d{9}$/.test(national) ? national : compact;
}

/** "01234" -> "01-234" for Poland; everything else as typed, for ShipX's validation to judge. */
export function normalisePostCode(zip: string, countryIso: string): string {
	const trimmed = zip.trim();
	if (countryIso.toUpperCase() === "PL" && /^\d{5}$/.test(trimmed)) return `${trimmed.slice(0, 2)}-${trimmed.slice(2)}`;
	return trimmed;
}

function party(
	person: PostalAddress & { email: string; phone: string; company?: string },
	role: "receiver" | "sender",
): ShipxParty {
	const { street, building } = splitStreet(person.firstLine, person.secondLine);
	const result: ShipxParty = {
		phone: normalisePhone(person.phone, person.countryIso),
		address: {
			street,
			building_number: building,
			city: person.city.trim(),
			post_code: normalisePostCode(person.zip, person.countryIso),
			country_code: person.countryIso.trim().toUpperCase(),
		},
	};
	if (person.name.trim()) result.name = person.name.trim();
	if (role === "sender" && person.company?.trim()) result.company_name = person.company.trim();
	if (person.email.trim()) result.email = person.email.trim();
	return result;
}

function parcel(p: Parcel): ShipxParcel {
	// Millimetres, rounded up: declaring a parcel smaller than it is costs a surcharge.
	const mm = (cm: number) => Math.ceil(cm * 10 - 1e-9);
	return {
		dimensions: { length: mm(p.lengthCm), width: mm(p.widthCm), height: mm(p.heightCm), unit: "mm" },
		weight: { amount: Math.round(p.weightKg * 100) / 100, unit: "kg" },
		is_non_standard: false,
	};
}

export function shipmentBody(request: ShipmentRequest): ShipxShipmentBody {
	return {
		receiver: party(request.receiver, "receiver"),
		sender: party(request.sender, "sender"),
		parcels: request.parcels.map(parcel),
		service: request.service.trim(),
		// The order id: how the shipment is found again when the answer to the create was lost.
		reference: request.orderId,
		// The courier collects at the sender's (a dispatch order or a regular pick-up), not a drop-off point.
		custom_attributes: { sending_method: "dispatch_order" },
	};
}

export interface InpostLinks {
	/** Public tracking page, followed by the tracking number. */
	trackingUrl: string;
	/** Parcel Manager's shipment page, followed by the shipment id. */
	managerUrl: string;
	/** The label of a shipment id (ShipX serves it once the shipment is confirmed). */
	labelUrl: (shipmentId: string) => string;
}

export function toCourierShipment(shipment: ShipxShipment, links: InpostLinks): CourierShipment {
	const trackingNumber =
		shipment.tracking_number ?? shipment.parcels?.find((p) => p.tracking_number)?.tracking_number ?? null;
	const confirmed = !UNCONFIRMED_STATUSES.has(shipment.status) && !CANCELLED_STATUSES.has(shipment.status);
	return {
		shipmentId: shipment.id,
		orderId: shipment.reference ?? "",
		state: shipment.status,
		trackingNumber,
		trackingUrl: trackingNumber === null ? null : `${links.trackingUrl}${encodeURIComponent(trackingNumber)}`,
		labelUrl: confirmed ? links.labelUrl(shipment.id) : null,
		service: shipment.service ?? "",
		url: `${links.managerUrl}${encodeURIComponent(shipment.id)}`,
	};
}

/**
 * Hubsheet's shipment request as a Furgonetka package body (the same body serves validate and
 * create, as the notes say), and Furgonetka's package as the engine's CourierShipment.
 */

import type { CourierShipment, Parcel, ShipmentRequest } from "../../core/connector-contracts.js";
import type { PostalAddress } from "../../core/order.js";
import type { FurgonetkaPackage } from "./schemas.js";

export interface FurgonetkaAddress {
	name: string;
	company: string | null;
	street: string;
	postcode: string;
	city: string;
	country_code: string;
	county: string | null;
	email: string | null;
	phone: string | null;
	point: string | null;
}

export interface FurgonetkaParcel {
	width: number;
	depth: number;
	height: number;
	weight: number;
	description: string;
}

export interface FurgonetkaPackageBody {
	pickup: FurgonetkaAddress;
	sender: FurgonetkaAddress;
	receiver: FurgonetkaAddress;
	service_id: number;
	type: "package";
	parcels: FurgonetkaParcel[];
	user_reference_number: string;
}

/**
 * A Polish postcode typed without its dash ("01234") is written "01-234", the one format every
 * carrier accepts; anything else is sent as the owner typed it, so Furgonetka's own validation
 * names the problem in its words rather than Hubsheet guessing.
 */
export function normalisePostcode(zip: string, countryIso: string): string {
	const trimmed = zip.trim();
	if (countryIso.toUpperCase() === "PL" && /^\d{5}$/.test(trimmed)) return `${trimmed.slice(0, 2)}-${trimmed.slice(2)}`;
	return trimmed;
}

function address(party: PostalAddress & { email: string; phone: string; company?: string }): FurgonetkaAddress {
	const street = [party.firstLine, party.secondLine]
		.map((line) => line.trim())
		.filter((line) => line !== "")
		.join(", ");
	const optional = (value: string | undefined) => (value?.trim() ? value.trim() : null);
	return {
		name: party.name.trim(),
		company: optional(party.company),
		street,
		postcode: normalisePostcode(party.zip, party.countryIso),
		city: party.city.trim(),
		country_code: party.countryIso.trim().toUpperCase(),
		county: optional(party.state),
		email: optional(party.email),
		phone: optional(party.phone),
		point: null,
	};
}

/**
 * Furgonetka takes whole centimetres: sizes round up (a parcel declared smaller than it is costs a
 * surcharge), weights to 0.01 kg.
 */
function parcel(p: Parcel, orderId: string): FurgonetkaParcel {
	const cm = (value: number) => Math.ceil(value - 1e-9);
	return {
		width: cm(p.widthCm),
		depth: cm(p.lengthCm),
		height: cm(p.heightCm),
		weight: Math.round(p.weightKg * 100) / 100,
		description: `Etsy order ${orderId}`,
	};
}

export function packageBody(request: ShipmentRequest, serviceId: number): FurgonetkaPackageBody {
	const sender = address(request.sender);
	return {
		// Furniture is collected where it is made: the sender's address is also the pick-up address.
		pickup: sender,
		sender,
		receiver: address(request.receiver),
		service_id: serviceId,
		type: "package",
		parcels: request.parcels.map((p) => parcel(p, request.orderId)),
		// The order id is the reference Furgonetka keeps and searches: how a lost answer is found again.
		user_reference_number: request.orderId,
	};
}

export interface ShipmentLinks {
	/** Furgonetka's public tracking page, followed by the waybill number. */
	trackingUrl: string;
	/** The package's page in Furgonetka's panel, followed by the package id. */
	panelUrl: string;
}

export function toCourierShipment(pkg: FurgonetkaPackage, links: ShipmentLinks): CourierShipment {
	const trackingNumber = pkg.parcels?.find((p) => p.package_no)?.package_no ?? null;
	return {
		shipmentId: pkg.package_id,
		orderId: pkg.user_reference_number ?? "",
		state: pkg.state,
		trackingNumber,
		trackingUrl: trackingNumber === null ? null : `${links.trackingUrl}${encodeURIComponent(trackingNumber)}`,
		labelUrl: pkg.label?.url ?? pkg.documents_url ?? null,
		service: pkg.service ?? "",
		url: `${links.panelUrl}${encodeURIComponent(pkg.package_id)}`,
	};
}

/**
 * The shipment the courier tests send: Anna Kowalska in Warsaw, from the shop in Kraków, one desk.
 * Each test states only what it changes (a postcode style, a phone format, the parcel, the service).
 */
import type { ShipmentRequest } from "../../../src/core/connector-contracts.js";

export interface ShipmentChanges extends Partial<Omit<ShipmentRequest, "receiver" | "sender">> {
	receiver?: Partial<ShipmentRequest["receiver"]>;
	sender?: Partial<ShipmentRequest["sender"]>;
}

export function shipmentRequest(changes: ShipmentChanges = {}): ShipmentRequest {
	const { receiver, sender, ...rest } = changes;
	return {
		orderId: "3100000001",
		parcels: [{ lengthCm: 160, widthCm: 80, heightCm: 12, weightKg: 28 }],
		service: "dpd",
		...rest,
		receiver: {
			name: "Anna Kowalska",
			firstLine: "ul. Długa 5/3",
			secondLine: "",
			city: "Warszawa",
			state: "",
			zip: "01234",
			countryIso: "PL",
			email: "anna@example.com",
			phone: "500 600 700",
			...receiver,
		},
		sender: {
			name: "Jan Stolarz",
			company: "ErgoDrewno",
			firstLine: "ul. Leśna 1",
			secondLine: "",
			city: "Kraków",
			state: "",
			zip: "30-001",
			countryIso: "PL",
			email: "sklep@example.com",
			phone: "600700800",
			...sender,
		},
	};
}

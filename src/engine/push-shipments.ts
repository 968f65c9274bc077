/**
 * The courier's part of a push: each new shipment starts from a fresh read of the order on Etsy and
 * the courier's own validation, before any intent is recorded; then the creates go out in groups,
 * each intent saved before its request, a shipment an earlier run may have made looked for first.
 */

import type { Bookkeeping } from "../core/bookkeeping.js";
import type { CourierConnector, CourierShipment } from "../core/connector-contracts.js";
import { parcelFor } from "../core/mapping-settings.js";
import { neutralAddress } from "../core/neutral-text.js";
import type { EtsyOrder, PostalAddress } from "../core/order.js";
import { missingBeforeShipment, shipmentProblemsInWords } from "../core/owner-words.js";
import type { PushPlan } from "../core/push-plan.js";
import { chooseShipTo } from "../core/ship-to-address.js";
import { senderRequired } from "../platforms/catalog.js";
import { clearError, OwnerMustFix, problemText } from "./push-outcome.js";
import type { PushRun } from "./push-run.js";

export function formatAddress(address: PostalAddress): string {
	const { name, firstLine, secondLine, city, state, zip, countryIso } = address;
	return [name, firstLine, secondLine, `${zip} ${city}`.trim(), state, countryIso]
		.filter((part) => part !== "")
		.join(", ");
}

// Shipments need a fresh address and a courier's validation before any intent is recorded.
function validateShipment(
	run: PushRun,
	courier: CourierConnector,
	orderId: string,
): { request: Parameters<CourierConnector["createShipment"]>[0]; address: string } | null {
	const { deps, books, orders, book, failed } = run;
	// The fresh receipt is Etsy's part: its failure is Etsy's, not the courier's.
	let order: EtsyOrder | null;
	try {
		order = deps.etsy.order(orderId);
	} catch (error) {
		failed(orderId, "Etsy", "read order for shipment", error);
		return null;
	}
	// A good read clears Etsy's last error on this order (the read is the only Etsy step before the shipment).
	if (books.get(orderId)?.errors?.Etsy) clearError(book(orderId), "Etsy");
	try {
		if (!order) throw new Error("Etsy no longer knows this order.");
		// The owner's typed address wins; Etsy may withhold its own (NOTES.md).
		const shipTo = chooseShipTo(order.address, orders.get(orderId)?.shipToOverride ?? "", order.buyer);
		if (shipTo.source === "none") throw new OwnerMustFix(shipTo.problem);
		const parcel = parcelFor(order.itemLines, deps.mapping.parcels);
		const phone = orders.get(orderId)?.phone ?? "";
		// What Hubsheet can see is missing is said before the courier is asked (and says it in its words).
		const missing = missingBeforeShipment(courier.platform, {
			phone,
			sender: deps.mapping.sender,
			parcel,
			senderRequired: senderRequired(courier.platform),
		});
		if (missing.length > 0 || !parcel) throw new OwnerMustFix(missing.join(" "));
		const request = {
			orderId,
			// Etsy does not share phone numbers; the owner types them in the Phone column.
			// Buyer text goes on inert (core/neutral-text.ts): it may reach someone's CSV export.
			receiver: { ...neutralAddress(shipTo.address), email: order.email, phone },
			sender: deps.mapping.sender,
			parcels: [parcel],
			service: deps.courierService,
		};
		const problems = courier.validate(request);
		if (problems.length > 0) {
			throw new OwnerMustFix(shipmentProblemsInWords(courier.platform, problems).join(" "), problemText(problems));
		}
		return { request, address: formatAddress(shipTo.address) };
	} catch (error) {
		failed(orderId, courier.platform, "validate shipment", error);
		return null;
	}
}

export function createShipments(run: PushRun, courier: CourierConnector, orderIds: PushPlan["createShipments"]): void {
	const { deps, outcome, book, failed, succeeded, recovering, intend, settle, pollTimes, allowed, now, inGroups } = run;
	inGroups(orderIds, (group) => {
		const shipmentRequests = new Map<string, NonNullable<ReturnType<typeof validateShipment>>>();
		// Each shipment starts with a fresh read of the order from Etsy.
		const affordable = allowed("Etsy", "create", group);
		for (const orderId of group.filter((id) => affordable.has(id))) {
			const valid = validateShipment(run, courier, orderId);
			if (valid && intend(orderId, "shipment", courier.platform)) shipmentRequests.set(orderId, valid);
		}
		if (shipmentRequests.size > 0) deps.saveBookkeeping([...shipmentRequests.keys()]);
		for (const [orderId, { request, address }] of shipmentRequests) {
			try {
				let shipment: CourierShipment | null = recovering.get(`${orderId}:shipment`)
					? courier.findShipment(orderId)
					: null;
				const found = shipment !== null;
				shipment ??= courier.createShipment(request);
				book(orderId).shipment = {
					...shipmentBook(shipment),
					addressUsed: address,
					...pollTimes(shipment.state, now()),
				};
				settle(orderId, "shipment");
				succeeded(orderId, courier.platform, found ? "found shipment" : "created shipment", shipment.shipmentId);
			} catch (error) {
				failed(orderId, courier.platform, "create shipment", error);
			}
		}
		return group.filter((orderId) => outcome.touched.has(orderId));
	});
}

export function shipmentBook(shipment: CourierShipment): Omit<NonNullable<Bookkeeping["shipment"]>, "addressUsed"> {
	return {
		id: shipment.shipmentId,
		url: shipment.url,
		state: shipment.state,
		service: shipment.service,
		trackingNumber: shipment.trackingNumber,
		trackingUrl: shipment.trackingUrl,
		labelUrl: shipment.labelUrl,
	};
}

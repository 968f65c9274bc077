/**
 * Etsy's part of a push: tracking numbers submitted, each create's intent saved first. A parcel this
 * run's read shows collected goes now, not a run later; a carrier name Etsy does not list goes as
 * "other" (Etsy would drop the number otherwise) and the owner is told to correct it.
 */

import { PlatformError } from "../core/connector-contracts.js";
import { etsyKnowsCarrier, unknownCarrierProblem } from "../core/etsy-carriers.js";
import { courierStateMeansLeft, type PushPlan } from "../core/push-plan.js";
import type { EtsyShipping } from "./platform-push.js";
import type { PushRun } from "./push-run.js";

export function submitTrackings(run: PushRun, plan: Pick<PushPlan, "pushTracking" | "trackingAtPickUp">): void {
	const { deps, books, outcome, book, failed, succeeded, recovering, intend, settle, allowed, now, inGroups } = run;
	// A parcel this run's read shows collected: its tracking goes to Etsy now, not a run later. Its
	// intent is stored first, as for every create.
	const collectedNow: PushPlan["pushTracking"] = [];
	for (const { orderId, carrier } of plan.trackingAtPickUp) {
		const shipment = books.get(orderId)?.shipment;
		if (!shipment?.trackingNumber || !courierStateMeansLeft(shipment.state, deps.mapping)) continue;
		collectedNow.push({ orderId, trackingNumber: shipment.trackingNumber, carrier });
	}

	const carrierList = deps.etsyCarriers ?? null;
	inGroups([...plan.pushTracking, ...collectedNow], (group) => {
		const affordable = allowed(
			"Etsy",
			"move",
			group.map((push) => push.orderId),
		);
		const pushes = group.filter(({ orderId }) => affordable.has(orderId) && intend(orderId, "tracking", "Etsy"));
		if (pushes.length === 0) return [];
		deps.saveBookkeeping(pushes.map((push) => push.orderId));
		for (const push of pushes) submitTracking(push);
		return pushes.map((push) => push.orderId);
	});

	function submitTracking(push: PushPlan["pushTracking"][number]): void {
		const { orderId, trackingNumber } = push;
		let carrier = push.carrier;
		if (carrierList && !etsyKnowsCarrier(carrierList.names, carrier)) {
			// Etsy would drop the number for a name it does not know; "other" keeps it (NOTES.md).
			const problem = unknownCarrierProblem(carrierList, carrier);
			outcome.settingsProblems = [...new Set([...(outcome.settingsProblems ?? []), problem])];
			carrier = "other";
		}
		try {
			// After a crash the submission may have gone through: Etsy then already shows the tracking.
			const already =
				recovering.get(`${orderId}:tracking`) &&
				deps.etsy.order(orderId)?.shipments.some((shipment) => shipment.trackingCode === trackingNumber);
			const result: ReturnType<EtsyShipping["submitTracking"]> = already
				? { ok: true }
				: deps.etsy.submitTracking(orderId, trackingNumber, carrier);
			// Etsy answered (yes, or a refusal in its own words): the outcome is known either way.
			settle(orderId, "tracking");
			if (result.ok && result.kept === false) {
				book(orderId).etsyTracking = { code: trackingNumber, carrier, at: now(), dropped: true };
				succeeded(
					orderId,
					"Etsy",
					"submitted tracking",
					`${trackingNumber}, but Etsy kept no tracking for carrier "${carrier}"`,
				);
			} else if (result.ok) {
				book(orderId).etsyTracking = { code: trackingNumber, carrier, at: now() };
				succeeded(orderId, "Etsy", "submitted tracking", trackingNumber);
			} else {
				const refusal = new PlatformError("Etsy", "createReceiptShipment", "rejected", result.message);
				failed(orderId, "Etsy", "submit tracking", refusal);
			}
		} catch (error) {
			failed(orderId, "Etsy", "submit tracking", error);
		}
	}
}

/**
 * The courier's news in a push: each parcel the plan names is read, its state noted with when it is
 * next due for a read (core/parcel-polling.ts), and a state that moves the Status (picked up ->
 * Shipped, delivered -> Delivered) noted for the platform phase. A parcel the courier could not read
 * is a finding on its own row.
 */

import { type CourierConnector, PlatformError } from "../core/connector-contracts.js";
import type { PushPlan } from "../core/push-plan.js";
import { statusForCourierState } from "../core/status-plan.js";
import { clearError } from "./push-outcome.js";
import type { PushRun } from "./push-run.js";
import { shipmentBook } from "./push-shipments.js";

export function readParcels(run: PushRun, courier: CourierConnector, track: PushPlan["track"]): void {
	const { deps, outcome, book, failed, pollTimes, now } = run;
	if (track.length > 0 && !run.outOfTime()) {
		try {
			// One result per shipment: one the courier could not read is a finding on its own row.
			const results = new Map(courier.trackEach(track.map((item) => item.shipmentId)).map((r) => [r.shipmentId, r]));
			for (const { orderId, shipmentId } of track) {
				const result = results.get(shipmentId);
				const entry = book(orderId);
				if (!entry.shipment) continue;
				if (result?.kind !== "found") {
					// Read again when it would have been due anyway: a parcel the courier lost is not asked every run.
					Object.assign(entry.shipment, pollTimes(entry.shipment.state, entry.shipment.stateSince ?? now()));
					const reason =
						result?.kind === "failed"
							? result.error
							: new PlatformError(
									courier.platform,
									"track",
									"rejected",
									result
										? `${courier.platform} does not know shipment ${shipmentId} any more (was it deleted in ${courier.platform}?).`
										: `${courier.platform} gave no answer about shipment ${shipmentId}.`,
								);
					failed(orderId, courier.platform, "track shipment", reason);
					continue;
				}
				const latest = result.shipment;
				const before = entry.shipment;
				// A state new to Hubsheet starts its clock: the next read is due sooner after a change.
				const stateSince = latest.state === before.state ? (before.stateSince ?? now()) : now();
				entry.shipment = {
					...shipmentBook(latest),
					addressUsed: before.addressUsed,
					// The label saved to Drive stays saved: a read of the parcel does not send it to be fetched again.
					...(before.labelFile ? { labelFile: before.labelFile } : {}),
					...pollTimes(latest.state, stateSince),
				};
				// A good read of the parcel clears the courier's last error on this order.
				clearError(entry, courier.platform);
				const status = statusForCourierState(latest.state, deps.mapping);
				if (status) outcome.statusChanges.set(orderId, status);
			}
		} catch (error) {
			for (const { orderId } of track) failed(orderId, courier.platform, "track shipment", error);
		}
	}
}

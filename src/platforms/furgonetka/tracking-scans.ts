/**
 * Ordered packages report the carrier's newest scan (`collected`, `delivered`, ...) as their state:
 * Furgonetka's package `state` stays `ordered` in what clients have seen. A package whose `state`
 * already names a scan (the other reading the notes leave open) is taken as it is. A tracking read
 * that fails leaves the package `ordered` this time; the next sync reads again.
 */
import { type CourierShipment, PlatformError } from "../../core/connector-contracts.js";
import type { Log } from "../../ports.js";
import type { FurgonetkaApi } from "./client.js";
import { pathId } from "./package-lookup.js";
import { trackingSchema } from "./schemas.js";
import { ORDERED_STATE } from "./states.js";

export function withScans(
	api: FurgonetkaApi,
	shipments: readonly CourierShipment[],
	log: Log | undefined,
): CourierShipment[] {
	const ordered = shipments.filter((s) => s.state === ORDERED_STATE);
	if (ordered.length === 0) return [...shipments];
	const endpoint = "GET /packages/{id}/tracking";
	const answers = api.callAll(
		ordered.map((s) => ({
			method: "get" as const,
			path: `/packages/${pathId(s.shipmentId, endpoint)}/tracking`,
			endpoint,
			idempotent: true,
		})),
	);
	const scans = new Map<string, string>();
	answers.forEach((answer, index) => {
		const id = (ordered[index] as CourierShipment).shipmentId;
		if (!answer.ok) {
			if (answer.error.kind === "auth") throw answer.error;
			log?.warn(answer.error.message);
			return;
		}
		if (answer.response.status < 200 || answer.response.status >= 300) {
			log?.warn(api.unexpected(endpoint, answer.response).message);
			return;
		}
		try {
			const newest = newestScan(api.parse(trackingSchema, endpoint, answer.response));
			if (newest) scans.set(id, newest);
		} catch (error) {
			if (!(error instanceof PlatformError)) throw error;
			log?.warn(error.message);
		}
	});
	return shipments.map((s) => {
		const scan = scans.get(s.shipmentId);
		return scan ? { ...s, state: scan } : s;
	});
}

/** The state of the newest scan: by `datetime` where it parses, else the first item (newest first). */
function newestScan(answer: { tracking?: Array<{ state?: string | null; datetime?: string | null }> | null }) {
	const items = (answer.tracking ?? []).filter((item) => typeof item.state === "string" && item.state !== "");
	let best: (typeof items)[number] | undefined;
	let bestAt = Number.NEGATIVE_INFINITY;
	for (const item of items) {
		const at = Date.parse(item.datetime ?? "");
		if (best === undefined || (Number.isFinite(at) && at > bestAt)) {
			best = item;
			if (Number.isFinite(at)) bestAt = at;
		}
	}
	return best?.state ?? null;
}

import type { Bookkeeping } from "../core/bookkeeping.js";
import type { CourierConnector } from "../core/connector-contracts.js";
import type { CanonicalStatus } from "../core/statuses.js";
import { ensureOrderFolders, type OrderFolderDeps } from "./order-folders.js";

/** Statuses after which a label is of no more use to the owner. */
const PARCEL_GONE: ReadonlySet<string> = new Set<CanonicalStatus>(["Shipped", "Delivered", "Cancelled"]);

/** Labels downloaded, then filed, together. */
const LABEL_GROUP = 10;

/** Names from ids only, stripped to safe characters: no buyer text ever reaches a file's name. */
const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 60) || "unknown";

/**
 * Saves each shipment's label PDF into Drive once (issue 12, Labels that open), in the order's own
 * folder ("Hubsheet orders" / "Order <number> - <buyer>", the one its design files have: made here
 * when the order has none yet). The file is found by name before it is made, so a run killed
 * between creating the file and saving the bookkeeping finds that file next time instead of making
 * a second. A label the courier has not made yet is asked again on a later run. Returns the orders
 * whose bookkeeping gained a label file.
 */
export function saveLabelFiles(
	books: Map<string, Bookkeeping>,
	courier: CourierConnector,
	folders: OrderFolderDeps & { buyerOf: (orderId: string) => string },
	overBudget: () => boolean,
): string[] {
	const waiting = [...books].filter(([, entry]) => {
		const shipment = entry.shipment;
		// A label serves only until the parcel leaves: a cancelled shipment, or an order already
		// Shipped, Delivered or Cancelled (say one shipped before labels went to Drive), is not asked
		// again every run, so label downloads stay bounded by the parcels awaiting pick-up.
		if (!shipment || shipment.labelFile || !courier.labelPdf || /cancel/i.test(shipment.state)) return false;
		return entry.status === undefined || !PARCEL_GONE.has(entry.status);
	});
	const saved: string[] = [];
	// In groups: the folders of a group cost one bookkeeping write, and the time budget is checked
	// before every download and every file, so a run of hundreds of labels stops in time.
	for (let start = 0; start < waiting.length; start += LABEL_GROUP) {
		const ready: Array<{ orderId: string; bytes: Uint8Array }> = [];
		for (const [orderId, entry] of waiting.slice(start, start + LABEL_GROUP)) {
			if (overBudget()) break;
			try {
				// The courier first: a label not ready yet costs no Drive call.
				const bytes = courier.labelPdf?.((entry.shipment as { id: string }).id);
				if (bytes) ready.push({ orderId, bytes });
			} catch (error) {
				warn(folders, orderId, error);
			}
		}
		if (ready.length > 0) {
			ensureOrderFolders(
				books,
				ready.map(({ orderId }) => ({ orderId, buyer: folders.buyerOf(orderId) })),
				folders,
			);
		}
		for (const { orderId, bytes } of ready) {
			const entry = books.get(orderId) ?? {};
			const folderId = entry.folder?.id;
			const shipment = entry.shipment;
			if (folderId === undefined || !shipment || overBudget()) continue;
			try {
				const fileName = `Label ${safe(shipment.id)}.pdf`;
				const file =
					folders.drive.fileNamed(folderId, fileName) ??
					folders.drive.createFile(folderId, { name: fileName, mimeType: "application/pdf", bytes });
				books.set(orderId, { ...entry, shipment: { ...shipment, labelFile: { id: file.id, url: file.url } } });
				saved.push(orderId);
			} catch (error) {
				warn(folders, orderId, error);
			}
		}
		if (overBudget()) break;
	}
	return saved;
}

function warn(deps: OrderFolderDeps, orderId: string, error: unknown): void {
	deps.log.warn(
		`Saving the label of order ${orderId} to Drive failed (tried again next sync): ${error instanceof Error ? error.message : String(error)}`,
	);
}

import type { Bookkeeping } from "../core/bookkeeping.js";
import type { CourierConnector } from "../core/connector-contracts.js";
import type { CanonicalStatus } from "../core/statuses.js";
import type { Drive, DriveItem, Log } from "../ports.js";

/** The folder in the owner's My Drive that holds one folder of labels per order. */
export const LABELS_FOLDER = "Hubsheet labels";

/** Statuses after which a label is of no more use to the owner. */
const PARCEL_GONE: ReadonlySet<string> = new Set<CanonicalStatus>(["Shipped", "Delivered", "Cancelled"]);

/** Names from ids only, stripped to safe characters: no buyer text ever reaches Drive's names. */
const safe = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 60) || "unknown";

/**
 * Saves each shipment's label PDF into Drive once (issue 12, Labels that open): found by name
 * before created, so a run killed between creating the file and saving the bookkeeping finds that
 * file next time instead of making a second. A label the courier has not made yet is asked again
 * on a later run. Returns the orders whose bookkeeping gained a label file.
 */
export function saveLabelFiles(
	books: Map<string, Bookkeeping>,
	courier: CourierConnector,
	drive: Drive,
	log: Log,
	overBudget: () => boolean,
): string[] {
	const saved: string[] = [];
	let root: DriveItem | null = null;
	for (const [orderId, entry] of books) {
		const shipment = entry.shipment;
		// A label serves only until the parcel leaves: a cancelled shipment, or an order already
		// Shipped, Delivered or Cancelled (say one shipped before labels went to Drive), is not asked
		// again every run, so label downloads stay bounded by the parcels awaiting pick-up.
		if (!shipment || shipment.labelFile || !courier.labelPdf || /cancel/i.test(shipment.state)) continue;
		if (entry.status !== undefined && PARCEL_GONE.has(entry.status)) continue;
		if (overBudget()) break;
		try {
			const folderName = `Order ${safe(orderId)}`;
			const fileName = `Label ${safe(shipment.id)}.pdf`;
			// The courier first: a label not ready yet costs no Drive call.
			const bytes = courier.labelPdf(shipment.id);
			if (!bytes) continue;
			root ??= drive.folderNamed(null, LABELS_FOLDER) ?? drive.createFolder(null, LABELS_FOLDER);
			const folder = drive.folderNamed(root.id, folderName) ?? drive.createFolder(root.id, folderName);
			const file =
				drive.fileNamed(folder.id, fileName) ??
				drive.createFile(folder.id, { name: fileName, mimeType: "application/pdf", bytes });
			books.set(orderId, { ...entry, shipment: { ...shipment, labelFile: { id: file.id, url: file.url } } });
			saved.push(orderId);
		} catch (error) {
			log.warn(
				`Saving the label of order ${orderId} to Drive failed (tried again next sync): ${error instanceof Error ? error.message : String(error)}`,
			);
		}
	}
	return saved;
}

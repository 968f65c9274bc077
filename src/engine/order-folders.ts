import type { Bookkeeping } from "../core/bookkeeping.js";
import { orderFolderName } from "../core/order-links.js";
import type { Drive, DriveItem, Log } from "../ports.js";

/** The folder in the owner's My Drive that holds one folder per order (design files and labels). */
export const ORDERS_FOLDER = "Hubsheet orders";

export interface OrderFolderDeps {
	drive: Drive;
	log: Log;
	/** Writes these orders' bookkeeping to the state sheet now (the intents, before any create). */
	saveBooks: (orderIds: readonly string[]) => void;
	/** True once the run nears its time budget: the rest waits for the next run (their names kept). */
	overBudget?: () => boolean;
}

/**
 * Gives each wanted order its folder under "Hubsheet orders", exactly once, like the other creates:
 * the folder's name is recorded in the bookkeeping and saved before the folder is made, so a run
 * killed after making it (before saving its id) leaves a name without an id; the next run looks the
 * folder up by that name before making one. A first create asks Drive nothing else, and an order
 * whose folder is known costs no Drive call at all. Returns the orders whose folder became known.
 */
export function ensureOrderFolders(
	books: Map<string, Bookkeeping>,
	wanted: ReadonlyArray<{ orderId: string; buyer: string }>,
	deps: OrderFolderDeps,
): string[] {
	const pending = wanted.filter(({ orderId }) => books.get(orderId)?.folder?.id === undefined);
	if (pending.length === 0) return [];
	const retried = new Set(pending.filter(({ orderId }) => books.get(orderId)?.folder).map(({ orderId }) => orderId));
	const fresh = pending.filter(({ orderId }) => !retried.has(orderId));
	for (const { orderId, buyer } of fresh) {
		const entry = books.get(orderId) ?? {};
		books.set(orderId, { ...entry, folder: { name: orderFolderName(orderId, buyer) } });
	}
	if (fresh.length > 0) deps.saveBooks(fresh.map(({ orderId }) => orderId));
	const made: string[] = [];
	let root: DriveItem | null = null;
	for (const { orderId } of pending) {
		if (deps.overBudget?.()) break;
		const entry = books.get(orderId) ?? {};
		const name = entry.folder?.name ?? orderId;
		try {
			// The parent is found by name (never remembered: the owner may move or delete it).
			root ??= deps.drive.folderNamed(null, ORDERS_FOLDER) ?? deps.drive.createFolder(null, ORDERS_FOLDER);
			const folder =
				(retried.has(orderId) ? deps.drive.folderNamed(root.id, name) : null) ?? deps.drive.createFolder(root.id, name);
			books.set(orderId, { ...entry, folder: { name, id: folder.id, url: folder.url } });
			made.push(orderId);
		} catch (error) {
			// The name stays recorded: the next run looks the folder up before making one.
			deps.log.warn(
				`Making the Drive folder of order ${orderId} failed (tried again next sync): ${error instanceof Error ? error.message : String(error)}`,
			);
		}
	}
	return made;
}

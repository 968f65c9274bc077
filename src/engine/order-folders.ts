import type { Bookkeeping } from "../core/bookkeeping.js";
import { DRIVE_ORIGINS, isTrustedLink } from "../core/link-policy.js";
import { DESIGN_LINK_TEXT, orderFolderName } from "../core/order-links.js";
import { columnSpec } from "../core/orders-layout.js";
import { ORDERS_SHEET } from "../core/sheet-names.js";
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

/** What the sidebar's "Make the Design folder" needs of the spreadsheet and the script lock. */
export interface DesignFolderSheet {
	/** The selected cell's sheet and 1-based row; null when nothing is selected. */
	selection(): { sheet: string; row: number } | null;
	/** The text of the Order cell on that row of the selected sheet ("" without an Order column). */
	orderIdOnRow(row: number): string;
	/** The script lock, taken without waiting: false while a sync holds it. */
	tryLock(): boolean;
	releaseLock(): void;
	/**
	 * The order's row on Orders: its Design cell's text (null without a Design column) and its buyer;
	 * null when no row holds the order.
	 */
	orderCells(orderId: string): { design: string | null; buyer: string } | null;
	/** The order's bookkeeping on the state sheet; null when no sync has recorded the order yet. */
	readBooks(orderId: string): Bookkeeping | null;
	writeBooks(orderId: string, books: Bookkeeping): void;
	/** Links the folder from the order's Design cell (the cell `orderCells` read). */
	linkDesign(url: string): void;
}

/** The sidebar's answer (ui/sidebar-api.ts `DesignFolderResult`). */
export interface DesignFolderAnswer {
	made: boolean;
	url?: string;
	message: string;
}

const SELECT_FIRST = "Click a cell in an order's row on the Orders sheet first, then press the button again.";

/**
 * The sidebar's "Make the Design folder" for the order on the selected row (issue 14, item 5): the
 * folder the sync makes when an order reaches Design, made now, once, and linked from the Design
 * cell. A link the owner typed in Design is kept and no folder is made; the folder counts as made
 * only when Drive gave a Drive link. Under the script lock: a sync running now would write its own
 * copy of the order's bookkeeping back when it ends. Throws when the order was never synced.
 */
export function makeSelectedDesignFolder(
	sheet: DesignFolderSheet,
	deps: { drive: Drive; log: Log },
): DesignFolderAnswer {
	const selected = sheet.selection();
	if (!selected || selected.sheet !== ORDERS_SHEET || selected.row < 2) return { made: false, message: SELECT_FIRST };
	const orderId = sheet.orderIdOnRow(selected.row).trim();
	if (orderId === "") return { made: false, message: SELECT_FIRST };
	if (!sheet.tryLock()) return { made: false, message: "A sync is running right now: try again in a minute." };
	try {
		const cells = sheet.orderCells(orderId);
		if (!cells) return { made: false, message: `Order ${orderId} is not on the Orders sheet.` };
		if (cells.design === null)
			return {
				made: false,
				message: `The ${ORDERS_SHEET} sheet has no "${columnSpec("design").header}" column: run Hubsheet > Set up sheets.`,
			};
		const typed = cells.design.trim();
		if (typed !== "" && typed !== DESIGN_LINK_TEXT)
			return { made: false, message: `Order ${orderId} already has your own link in Design: kept, no folder made.` };
		const known = sheet.readBooks(orderId);
		if (!known) throw new Error(`Hubsheet has no record of order ${orderId} yet: press Sync now first.`);
		const books = new Map<string, Bookkeeping>([[orderId, known]]);
		const save = () => sheet.writeBooks(orderId, books.get(orderId) ?? {});
		ensureOrderFolders(books, [{ orderId, buyer: cells.buyer }], { ...deps, saveBooks: save });
		const folder = books.get(orderId)?.folder;
		if (!folder?.url || !isTrustedLink(folder.url, DRIVE_ORIGINS))
			return { made: false, message: "Google Drive did not make the folder this time: try again in a minute." };
		save();
		sheet.linkDesign(folder.url);
		return {
			made: true,
			url: folder.url,
			message: `Order ${orderId}'s Design folder is in your Drive: ${ORDERS_FOLDER} > ${folder.name}. The Design cell links it.`,
		};
	} finally {
		sheet.releaseLock();
	}
}

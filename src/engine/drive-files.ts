/**
 * The Drive step of the platform phase: each order in Design gets its folder (order-folders.ts),
 * and each shipment's label its PDF in it (label-files.ts). Without the owner's Drive the Label
 * cell links the courier's URL and no folder is made.
 */

import type { CourierConnector } from "../core/connector-contracts.js";
import type { Drive, Log } from "../ports.js";
import type { OrdersTable } from "../sheet/orders-table.js";
import { saveLabelFiles } from "./label-files.js";
import { designFree, type SheetRows } from "./order-cells.js";
import { ensureOrderFolders } from "./order-folders.js";
import type { StateRows } from "./state-rows.js";

export interface DriveFilesInput {
	drive?: Drive;
	log: Log;
	/** Saves the bookkeeping of these orders (a folder made is saved before its cell is written). */
	saveBooks: (orderIds: readonly string[]) => void;
	/** True once the run nears its time budget: the rest waits for the next run. */
	overBudget: () => boolean;
	state: Pick<StateRows, "books">;
	rows: SheetRows;
	table: OrdersTable;
	courier: CourierConnector | null;
}

/** The orders whose folder was made and whose label was saved in this run. */
export function saveDriveFiles(input: DriveFilesInput): { foldersMade: string[]; labelsSaved: string[] } {
	const { state, rows, table, courier } = input;
	// Each order in Design gets its folder in Drive once, unless the owner linked their own design in
	// the Design cell; Drive is asked nothing for an order whose folder is known.
	const folderDeps = input.drive
		? {
				drive: input.drive,
				log: input.log,
				saveBooks: input.saveBooks,
				overBudget: input.overBudget,
				buyerOf: (orderId: string) => String(rows.get(orderId)?.cells.buyer ?? ""),
			}
		: null;
	const foldersMade =
		folderDeps && table.columns.design !== undefined
			? ensureOrderFolders(
					state.books,
					[...rows]
						.filter(
							([orderId, row]) =>
								String(row.cells.status ?? "").trim() === "Design" &&
								state.books.get(orderId)?.folder?.id === undefined &&
								designFree(rows, orderId),
						)
						.map(([orderId]) => ({ orderId, buyer: folderDeps.buyerOf(orderId) })),
					folderDeps,
				)
			: [];
	const labelsSaved = courier && folderDeps ? saveLabelFiles(state.books, courier, folderDeps, input.overBudget) : [];
	return { foldersMade, labelsSaved };
}

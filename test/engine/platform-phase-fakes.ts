/**
 * Plain fakes shared by the unit tests of the platform phase's parts (sync-plan, crm-changes,
 * courier-crm-moves, drive-files, order-cells): an Orders table built from cells, a CRM that
 * records what it is asked, the owner's default mapping and an empty push outcome.
 */
import type { Bookkeeping } from "../../src/core/bookkeeping.js";
import type { CrmConnector, CrmDeal, StageMove, StageMoveResult } from "../../src/core/connector-contracts.js";
import type { RowCells } from "../../src/core/order-upsert.js";
import { ORDER_COLUMNS } from "../../src/core/orders-layout.js";
import type { SheetRows } from "../../src/engine/order-cells.js";
import type { PushOutcome } from "../../src/engine/push-outcome.js";
import { missingTableRows, readMappingSettings } from "../../src/platforms/catalog.js";
import { locateColumns, type OrdersTable } from "../../src/sheet/orders-table.js";

/** A parcel the courier made and Hubsheet booked, not yet picked up, with no label saved. */
export const bookedShipment = (id: string): NonNullable<Bookkeeping["shipment"]> => ({
	id,
	url: "",
	state: "created",
	service: "dpd",
	trackingNumber: null,
	trackingUrl: null,
	labelUrl: null,
	addressUsed: "",
});

export const MAPPING = readMappingSettings(missingTableRows([])).settings;

/** An Orders table with every known column, one row per cells given (from row 2). */
export function ordersTable(rows: RowCells[], drop: string[] = []): OrdersTable {
	const header = ORDER_COLUMNS.filter((column) => !drop.includes(column.key)).map((column) => column.header);
	return {
		columns: locateColumns(header),
		missing: [],
		rows: rows.map((cells, index) => ({ rowNumber: index + 2, cells })),
		lastRow: rows.length + 1,
	};
}

/** The first row of each order id, as the plan hands it to the later steps. */
export function sheetRows(table: OrdersTable): SheetRows {
	const rows: SheetRows = new Map();
	for (const row of table.rows) {
		const orderId = String(row.cells.order ?? "");
		if (!rows.has(orderId)) rows.set(orderId, row);
	}
	return rows;
}

export function emptyOutcome(): PushOutcome {
	return { touched: new Set(), statusChanges: new Map(), actions: [] };
}

/** A CRM that answers from what it is given and records every move and stage check. */
export class FakeCrm implements CrmConnector {
	readonly platform = "Pipedrive" as const;
	changed: CrmDeal[] = [];
	missingStages: string[] = [];
	stageChecks: string[][] = [];
	moved: StageMove[] = [];
	sinceAsked: number[] = [];
	/** Replaces the answer of moveStages (a refusal per move, or a throw). */
	moveAnswer: ((moves: readonly StageMove[]) => StageMoveResult[]) | null = null;
	unknownStages(names: readonly string[]): string[] {
		this.stageChecks.push([...names]);
		return names.filter((name) => this.missingStages.includes(name));
	}
	findDeal = () => null;
	createDeal(): CrmDeal {
		throw new Error("no deal is created in these tests");
	}
	moveStages(moves: readonly StageMove[]): StageMoveResult[] {
		this.moved.push(...moves);
		return this.moveAnswer ? this.moveAnswer(moves) : moves.map((move) => ({ orderId: move.orderId, ok: true }));
	}
	dealsChangedSince(sinceMs: number): CrmDeal[] {
		this.sinceAsked.push(sinceMs);
		return this.changed;
	}
}

export function crmDeal(orderId: string, stageName: string, updatedAtMs: number): CrmDeal {
	return {
		dealId: `D${orderId}`,
		orderId,
		stageName,
		value: 100,
		currency: "EUR",
		url: `https://shop.pipedrive.com/deal/D${orderId}`,
		updatedAtMs,
	};
}

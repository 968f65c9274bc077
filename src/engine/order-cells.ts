/**
 * The platform columns of the Orders sheet as this run leaves them: the CRM deal and stage, the
 * courier's shipment, status, tracking and label, the Design folder, the Mail search, and the
 * Shipped on and Delivered on dates. Only cells whose value changes are written; a link from a
 * platform becomes a link only to its own hosts.
 */

import { lifeDates, noteStatus } from "../core/bookkeeping.js";
import type { PlatformName } from "../core/connector-contracts.js";
import { DRIVE_ORIGINS, isTrustedLink, type LinkOrigins, MAIL_ORIGINS } from "../core/link-policy.js";
import { DESIGN_LINK_TEXT, MAIL_LINK_TEXT, mailSearchUrl } from "../core/order-links.js";
import type { RowCells } from "../core/order-upsert.js";
import type { OrderColumnKey } from "../core/orders-layout.js";
import { courierStateInWords } from "../core/owner-words.js";
import { crmStageShown } from "../core/status-plan.js";
import { platformWords } from "../platforms/catalog.js";
import type { KeyedWrite } from "../sheet/keyed-writes.js";
import { type OrdersTable, toRaw } from "../sheet/orders-table.js";
import type { RawCell } from "../sheet/workbook.js";
import type { PushOutcome } from "./push-outcome.js";
import type { StateRows } from "./state-rows.js";

export type SheetRows = Map<string, { rowNumber: number; cells: RowCells }>;

/** True when the Design cell is empty or shows the folder Hubsheet made: the owner linked no design of their own. */
export function designFree(rows: SheetRows, orderId: string): boolean {
	const design = String(rows.get(orderId)?.cells.design ?? "").trim();
	return design === "" || design === DESIGN_LINK_TEXT;
}

export interface CellInputs {
	rows: SheetRows;
	table: OrdersTable;
	/** The bookkeeping of every order (state-rows.ts). */
	state: Pick<StateRows, "books">;
	outcome: PushOutcome;
	/** Stages read from the CRM this run (crm-changes.ts). */
	crmStages: Map<string, string>;
	/** The Status each order moves to, by the courier's news. */
	courierStatuses: Map<string, string>;
	labelsSaved: string[];
	foldersMade: string[];
	linkOrigins: LinkOrigins;
	courierPlatform: PlatformName | null;
	/** The owner's Drive is at hand: labels are saved there, not linked at the courier. */
	drive: boolean;
	timeZone: string;
	now: number;
}

/** The writes, by order id; the rows' cells are updated to what they will show (reconciliation judges those). */
export function platformCellWrites(input: CellInputs): KeyedWrite[] {
	const { rows, table, state, outcome, crmStages, courierStatuses, labelsSaved, foldersMade, linkOrigins } = input;
	const { now } = input;
	// Placed by order id right before writing: the owner may have sorted or inserted rows meanwhile.
	const writes: KeyedWrite[] = [];
	const set = (orderId: string, key: OrderColumnKey, value: RawCell) => {
		const row = rows.get(orderId);
		if (!row || table.columns[key] === undefined) return;
		const current = row.cells[key] ?? "";
		if (String(current) === String(value)) return;
		writes.push({ orderId, key, value });
		// Reconciliation judges the row as this run leaves it.
		row.cells[key] = value;
	};
	const { courierStateWords } = platformWords(null, input.courierPlatform);
	// A link from a platform becomes a link only to its own hosts over https; otherwise it is text
	// (and the untrusted-link finding says why).
	const link = (orderId: string, key: OrderColumnKey, text: string, url: string | null, again = false) => {
		const row = rows.get(orderId);
		if (!row || table.columns[key] === undefined || (!again && String(row.cells[key] ?? "") === text)) return;
		const origins =
			key === "crmDeal"
				? linkOrigins.crm
				: key === "design" || (key === "label" && again)
					? DRIVE_ORIGINS
					: key === "mail"
						? MAIL_ORIGINS
						: linkOrigins.courier;
		const trusted = url !== null && isTrustedLink(url, origins);
		writes.push({ orderId, key, value: trusted && url ? { text, url } : text });
		row.cells[key] = text;
	};
	// The stage cell shows what the CRM says: read this run, or pushed this run (core/status-plan.ts).
	const stagePushedNow = new Set(
		outcome.actions
			.filter((action) => ["created deal", "found deal", "moved deal"].includes(action.action))
			.map((action) => action.orderId),
	);
	for (const orderId of courierStatuses.keys()) if (!crmStages.has(orderId)) stagePushedNow.add(orderId);
	// A deal or shipment saved in the bookkeeping whose cell does not show it yet (a run killed after
	// saving, before writing its cells) is written now: the sheet catches up without asking anyone.
	const behind: string[] = [];
	for (const [orderId, row] of rows) {
		const books = state.books.get(orderId);
		if (books?.deal && String(row.cells.crmDeal ?? "") !== books.deal.id) behind.push(orderId);
		else if (books?.shipment && String(row.cells.shipment ?? "") !== books.shipment.id) behind.push(orderId);
	}
	for (const orderId of behind) if (!crmStages.has(orderId)) stagePushedNow.add(orderId);
	for (const orderId of new Set([...outcome.touched, ...crmStages.keys(), ...behind, ...labelsSaved])) {
		const books = state.books.get(orderId);
		if (books?.deal) {
			link(orderId, "crmDeal", books.deal.id, books.deal.url);
			const stage = crmStageShown(crmStages.get(orderId), stagePushedNow.has(orderId), books);
			if (stage !== undefined) set(orderId, "crmStage", stage);
		}
		if (books?.shipment) {
			const shipment = books.shipment;
			link(orderId, "shipment", shipment.id, shipment.url);
			// The owner's words; the courier's own state stays in the bookkeeping and the findings' details.
			set(orderId, "courierStatus", courierStateInWords(shipment.state, courierStateWords));
			if (shipment.trackingNumber) link(orderId, "tracking", shipment.trackingNumber, shipment.trackingUrl);
			// A label saved to Drive replaces the courier's link (which needs the courier's token to open).
			if (shipment.labelFile) {
				if (labelsSaved.includes(orderId)) link(orderId, "label", "Label", shipment.labelFile.url, true);
			} else if (shipment.labelUrl && !input.drive) link(orderId, "label", "Label", shipment.labelUrl);
		}
		const status = courierStatuses.get(orderId);
		if (status && books) {
			set(orderId, "status", status);
			state.books.set(orderId, noteStatus(books, status, now));
		}
	}
	// The Design cell links the folder made for it, unless the owner has put their own link there since.
	for (const orderId of foldersMade) {
		const url = state.books.get(orderId)?.folder?.url;
		if (url && designFree(rows, orderId)) link(orderId, "design", DESIGN_LINK_TEXT, url, true);
	}
	// The Mail cell searches the owner's mailbox for the order: written once, when the cell is empty.
	if (table.columns.mail !== undefined) {
		for (const [orderId, row] of rows) {
			if (String(row.cells.mail ?? "") !== "") continue;
			link(orderId, "mail", MAIL_LINK_TEXT, mailSearchUrl(orderId, String(row.cells.buyer ?? "")));
		}
	}
	// Shipped on and Delivered on are written once, when the cell is empty: an owner's correction stays.
	for (const [orderId, row] of rows) {
		const dates = lifeDates(state.books.get(orderId) ?? {});
		for (const key of ["shippedOn", "deliveredOn"] as const) {
			const at = dates[key];
			if (at === null || table.columns[key] === undefined || (row.cells[key] ?? "") !== "") continue;
			writes.push({ orderId, key, value: toRaw(key, at, input.timeZone) });
			row.cells[key] = at;
		}
	}
	return writes;
}

/**
 * What the platform phase plans to push: the orders Etsy sent and each row's Status noted in the
 * bookkeeping, rows Etsy never described looked up once, the push plan (core/push-plan.ts), the
 * stage names the CRM does not have, and what the push needs of each row.
 */

import { compactEtsyOrder, noteStatus } from "../core/bookkeeping.js";
import type { CrmConnector } from "../core/connector-contracts.js";
import type { MappingSettings } from "../core/mapping-settings.js";
import type { EtsyOrder } from "../core/order.js";
import { orderIdOf } from "../core/order-upsert.js";
import { type PlannedOrder, type PushPlan, planPushes } from "../core/push-plan.js";
import type { TrackingMoment } from "../core/settings.js";
import type { Log } from "../ports.js";
import type { OrdersTable } from "../sheet/orders-table.js";
import type { SheetRows } from "./order-cells.js";
import type { EtsyShipping } from "./platform-push.js";
import type { PushOrder } from "./push-run.js";
import type { StateRows } from "./state-rows.js";
import { lookUpUnseenOrders } from "./unknown-orders.js";

export interface PlanInputs {
	/** The orders this run pulled from Etsy: remembered for the runs that will not pull them. */
	pulled: readonly EtsyOrder[];
	table: OrdersTable;
	state: Pick<StateRows, "books">;
	etsy: EtsyShipping;
	crm: CrmConnector | null;
	courier: boolean;
	mapping: MappingSettings;
	trackingToEtsy: TrackingMoment;
	now: number;
	log: Log;
	overBudget?: () => boolean;
	/** Notes a failure of a whole connection (not of one order). */
	connectionFailed: (what: string, error: unknown) => void;
}

export interface PlatformPlan {
	/** Orders whose bookkeeping the notes changed (saved at the end of the phase). */
	statusNoted: string[];
	/** The first row of each order id, by order id. */
	rows: SheetRows;
	plan: PushPlan;
	/** Stage names on Settings that the CRM does not have, in the owner's words. */
	stageProblems: string[];
	orders: Map<string, PushOrder>;
}

export function planPlatformPush(input: PlanInputs): PlatformPlan {
	const { table, state, crm, courier, mapping, trackingToEtsy, now, log, overBudget, connectionFailed } = input;
	const statusNoted: string[] = [];
	for (const order of input.pulled) {
		const books = state.books.get(order.orderId) ?? {};
		const etsy = compactEtsyOrder(order);
		if (JSON.stringify(books.etsy) !== JSON.stringify(etsy)) {
			state.books.set(order.orderId, { ...books, etsy });
			statusNoted.push(order.orderId);
		}
	}
	const planned: PlannedOrder[] = [];
	const rows: SheetRows = new Map();
	for (const row of table.rows) {
		const orderId = orderIdOf(row);
		if (orderId === "" || rows.has(orderId)) continue;
		rows.set(orderId, row);
		const before = state.books.get(orderId) ?? {};
		const books = noteStatus(before, String(row.cells.status ?? ""), now);
		if (books !== before) {
			state.books.set(orderId, books);
			statusNoted.push(orderId);
		}
		planned.push({ orderId, rowNumber: row.rowNumber, cells: row.cells, books });
	}
	// A row Etsy never described is looked up once, so that an order Etsy does not have is named.
	const lookedUp = lookUpUnseenOrders(rows.keys(), state.books, input.etsy, now, log, overBudget);
	statusNoted.push(...lookedUp.touched);
	for (const error of lookedUp.errors) connectionFailed("Looking up an order on Etsy", error);
	// The plan sees what the look-ups learnt (an order Etsy does not have gets no deal or shipment).
	for (const order of planned) order.books = state.books.get(order.orderId) ?? order.books;
	const plan = planPushes({
		orders: planned,
		crm: crm !== null,
		courier,
		mapping: mapping,
		trackingToEtsy: trackingToEtsy,
	});
	// Stage names are the owner's words on Settings; one the CRM does not have is named, not guessed.
	const stageProblems: string[] = [];
	if (crm && (plan.createDeals.length > 0 || plan.moveStages.length > 0)) {
		try {
			for (const name of crm.unknownStages([...new Set(Object.values(mapping.statusToStage))])) {
				stageProblems.push(
					`${crm.platform} has no stage named "${name}": rename it in the "Status → CRM stage" table on Settings, or add the stage in ${crm.platform}.`,
				);
			}
		} catch (error) {
			connectionFailed("Reading the CRM's stages", error);
		}
	}
	const orders = new Map(
		[...rows].map(([orderId, row]) => [
			orderId,
			{
				buyer: String(row.cells.buyer ?? ""),
				email: String(row.cells.email ?? ""),
				buyerId: state.books.get(orderId)?.etsy?.buyerId ?? "",
				total: Number(row.cells.total ?? 0),
				currency: String(row.cells.currency ?? ""),
				phone: String(row.cells.phone ?? ""),
				shipToOverride: String(row.cells.shipToOverride ?? ""),
			},
		]),
	);
	return { statusNoted, rows, plan, stageProblems, orders };
}

/**
 * The last phase of a sync: judge every order as it now stands on every platform, write the Issues
 * column where its text changed (the row tint follows from it through conditional formatting set
 * up once), and hand the findings to the sidebar.
 */

import type { Bookkeeping } from "../core/bookkeeping.js";
import type { CourierShipment, CrmDeal, PlatformName } from "../core/connector-contracts.js";
import type { DoneDefinition } from "../core/done-definitions.js";
import type { Finding } from "../core/findings.js";
import type { LinkOrigins } from "../core/link-policy.js";
import type { MappingSettings } from "../core/mapping-settings.js";
import type { EtsyOrder } from "../core/order.js";
import { orderIdOf, type SheetRow } from "../core/order-upsert.js";
import type { OrderSnapshot, PushError, ReconcileContext } from "../core/reconcile/order-snapshot.js";
import { planIssuesCells, type RULES, type RuleFailure, reconcile } from "../core/reconcile/reconcile.js";
import { platformWords } from "../platforms/catalog.js";
import { type KeyedWrite, writeByKey } from "../sheet/keyed-writes.js";
import type { OrdersTable } from "../sheet/orders-table.js";
import type { Workbook } from "../sheet/workbook.js";

export interface ReconcileInput {
	table: OrdersTable;
	books: Map<string, Bookkeeping>;
	/** Etsy orders read in this run, by id. */
	etsy: Map<string, EtsyOrder>;
	/** CRM stages read in this run (hand edits), by order id. */
	crmStages: Map<string, string>;
	mapping: MappingSettings;
	crm: PlatformName | null;
	courier: PlatformName | null;
	now: number;
	timeZone: string;
	/** Where the CRM's and the courier's links may point; absent: links are not judged. */
	linkOrigins?: LinkOrigins;
	/** The owner's definition of done per status (Settings); absent: not judged. */
	done?: readonly DoneDefinition[];
	/** Told of each rule that threw on an order (a bug, or data it cannot read); the other rules still ran. */
	onRuleFailure?: (failure: RuleFailure) => void;
	/** The rules to run: every rule but in tests. */
	rules?: typeof RULES;
}

function dealOf(orderId: string, row: SheetRow, books: Bookkeeping, crmStages: Map<string, string>): CrmDeal | null {
	if (!books.deal) return null;
	return {
		dealId: books.deal.id,
		orderId,
		// What the CRM shows: read this run, else the stage column, else what Hubsheet pushed.
		stageName: crmStages.get(orderId) ?? (String(row.cells.crmStage ?? "") || books.deal.stagePushed),
		value: Number(row.cells.total ?? 0),
		currency: String(row.cells.currency ?? ""),
		url: books.deal.url,
		updatedAtMs: 0,
	};
}

function shipmentOf(orderId: string, books: Bookkeeping): CourierShipment | null {
	const shipment = books.shipment;
	if (!shipment) return null;
	return {
		shipmentId: shipment.id,
		orderId,
		state: shipment.state,
		trackingNumber: shipment.trackingNumber,
		trackingUrl: shipment.trackingUrl,
		labelUrl: shipment.labelUrl,
		service: shipment.service,
		url: shipment.url,
	};
}

export function buildSnapshots(input: ReconcileInput): OrderSnapshot[] {
	const rowsById = new Map<string, SheetRow[]>();
	for (const row of input.table.rows) {
		const orderId = orderIdOf(row);
		if (orderId === "") continue;
		rowsById.set(orderId, [...(rowsById.get(orderId) ?? []), row]);
	}
	return [...rowsById].map(([orderId, rows]) => {
		const books = input.books.get(orderId) ?? {};
		const first = rows[0] as SheetRow;
		const pushErrors: PushError[] = Object.entries(books.errors ?? {}).map(([platform, error]) => {
			const pushError: PushError = {
				platform: platform as PlatformName,
				message: error?.message ?? "",
				at: error?.at ?? 0,
			};
			if (error?.kind) pushError.kind = error.kind;
			if (error?.operation) pushError.operation = error.operation;
			if (error?.details) pushError.details = error.details;
			return pushError;
		});
		return {
			orderId,
			rows,
			etsy: input.etsy.get(orderId) ?? books.etsy ?? null,
			// Confirmed by a look-up Etsy answered 404 for, and not seen from Etsy since.
			etsyNotFound: books.etsyMissing !== undefined && !books.etsy && !input.etsy.has(orderId),
			deal: dealOf(orderId, first, books, input.crmStages),
			shipment: shipmentOf(orderId, books),
			books: {
				status: books.status ?? null,
				statusSince: books.statusSince ?? null,
				shipmentAddress: books.shipment?.addressUsed ?? null,
				trackingOnEtsy: books.etsyTracking && !books.etsyTracking.dropped ? books.etsyTracking.code : null,
				trackingDroppedFor: books.etsyTracking?.dropped ? books.etsyTracking.carrier : null,
				stagePushed: books.deal?.stagePushed ?? null,
				pushErrors,
				...(books.reached ? { reached: books.reached } : {}),
			},
		};
	});
}

export function runReconcilePhase(workbook: Workbook, input: ReconcileInput): Finding[] {
	const snapshots = buildSnapshots(input);
	const context: ReconcileContext = {
		now: input.now,
		timeZone: input.timeZone,
		mapping: { statusToStage: input.mapping.statusToStage, courierStateToStatus: input.mapping.courierStateToStatus },
		thresholds: { stuckAfterDays: input.mapping.stuckAfterDays },
		crm: input.crm,
		courier: input.courier,
		...platformWords(input.crm, input.courier),
		...(input.linkOrigins ? { linkOrigins: input.linkOrigins } : {}),
		...(input.done ? { done: { definitions: input.done, parcels: input.mapping.parcels } } : {}),
	};
	const { findings, failures } = reconcile(snapshots, context, input.rules);
	for (const failure of failures) input.onRuleFailure?.(failure);
	const orderColumn = input.table.columns.order;
	if (input.table.columns.issues !== undefined && orderColumn !== undefined) {
		// Each of an order's rows keeps its own Issues text; they are found again by order id.
		const rowsOf = new Map(snapshots.map((snapshot) => [snapshot.orderId, snapshot.rows.map((row) => row.rowNumber)]));
		const writes: KeyedWrite[] = planIssuesCells(snapshots, findings).map((write) => ({
			orderId: write.orderId,
			key: "issues",
			value: write.value ?? "",
			occurrence: Math.max(0, rowsOf.get(write.orderId)?.indexOf(write.rowNumber) ?? 0),
		}));
		writeByKey(workbook, writes, orderColumn);
	}
	return findings;
}

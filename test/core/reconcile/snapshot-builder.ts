import type { CourierShipment, CrmDeal } from "../../../src/core/connector-contracts.js";
import type { EtsyOrder } from "../../../src/core/order.js";
import { etsyCells, type RowCells, type SheetRow } from "../../../src/core/order-upsert.js";
import type { OrderBookkeeping, OrderSnapshot, ReconcileContext } from "../../../src/core/reconcile/order-snapshot.js";
import { platformWords } from "../../../src/platforms/catalog.js";
import { sampleOrder } from "../sample-order.js";

export const TZ = "Europe/Warsaw";
/** 10 Nov 2026, 11:00 in Warsaw: five days before the sample order's ship-by date. */
export const NOW = Date.UTC(2026, 10, 10, 10, 0, 0);
export const DAY = 86_400_000;

/** As the engine makes it: the chosen CRM's and courier's owner words come from their descriptors. */
export function context(overrides: Partial<ReconcileContext> = {}): ReconcileContext {
	const made: ReconcileContext = {
		now: NOW,
		timeZone: TZ,
		mapping: {
			statusToStage: {
				New: "New order",
				Design: "Design",
				Production: "Production",
				"Ready to ship": "Ready to ship",
				Shipped: "Shipped",
				Delivered: "Won",
				"On hold": "On hold",
				Cancelled: "Lost",
			},
			courierStateToStatus: { picked_up: "Shipped", in_transit: "Shipped", delivered: "Delivered" },
		},
		thresholds: { stuckAfterDays: { Design: 7, Production: 14 } },
		crm: "Pipedrive",
		courier: "Furgonetka",
		...overrides,
	};
	return { ...platformWords(made.crm, made.courier), ...made };
}

export function deal(overrides: Partial<CrmDeal> = {}): CrmDeal {
	return {
		dealId: "501",
		orderId: "3100000001",
		stageName: "Production",
		value: 1249.5,
		currency: "EUR",
		url: "https://example.pipedrive.com/deal/501",
		updatedAtMs: NOW - DAY,
		...overrides,
	};
}

export function shipment(overrides: Partial<CourierShipment> = {}): CourierShipment {
	return {
		shipmentId: "FG-77",
		orderId: "3100000001",
		state: "waiting_for_pickup",
		trackingNumber: "6969 1234 5678",
		trackingUrl: "https://track.example/6969",
		labelUrl: "https://label.example/77.pdf",
		service: "dpd",
		url: "https://furgonetka.example/packages/77",
		...overrides,
	};
}

export interface SnapshotOptions {
	status?: string;
	/** Extra or overriding cells of the first row. */
	cells?: RowCells;
	/** Overrides of the Etsy order; null for an order this run did not read from Etsy. */
	etsy?: Partial<EtsyOrder> | null;
	etsyNotFound?: boolean;
	deal?: CrmDeal | null;
	shipment?: CourierShipment | null;
	books?: Partial<OrderBookkeeping>;
	/** Row numbers; more than one makes duplicates. */
	rows?: number[];
}

/** An order in Production, in step everywhere: every rule stays quiet until a test says otherwise. */
export function snapshot(options: SnapshotOptions = {}): OrderSnapshot {
	const order = sampleOrder(options.etsy ?? {});
	const cells: RowCells = { ...etsyCells(order), status: options.status ?? "Production", ...options.cells };
	const rows: SheetRow[] = (options.rows ?? [2]).map((rowNumber) => ({ rowNumber, cells: { ...cells } }));
	return {
		orderId: order.orderId,
		rows,
		etsy: options.etsy === null ? null : order,
		etsyNotFound: options.etsyNotFound ?? false,
		deal: options.deal ?? null,
		shipment: options.shipment ?? null,
		books: {
			status: null,
			statusSince: null,
			shipmentAddress: null,
			trackingOnEtsy: null,
			pushErrors: [],
			...options.books,
		},
	};
}

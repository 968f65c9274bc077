/** The Open API v3 endpoints Hubsheet uses: receipts, receipt shipments, shipping carriers, users/me. */
import type { Handler, SandboxRequest } from "../kit/http.js";
import { json } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import { CARRIERS, findCarrier, INTERNATIONAL_CARRIERS, SHOP } from "./catalog.js";
import { shipReceipt } from "./generator.js";
import { boolQuery, boolValue, enumQuery, intParam, intQuery, ParamError, stringQuery } from "./params.js";
import { type EtsySandbox, etsyError } from "./sandbox.js";
import type { ShopReceipt, StoredReceipt } from "./types.js";

const MAX_LIMIT = 100;

const BASE = "/v3/application";
/** The earliest timestamp the spec accepts in receipt filters (2000-01-01). */
const MIN_TIMESTAMP = 946_684_800;
const SORT_ON = ["created", "updated", "receipt_id"] as const;
const SORT_ORDER = ["asc", "ascending", "desc", "descending", "up", "down"] as const;

export function registerApiRoutes(sb: EtsySandbox, router: Router<Handler>): void {
	router.get(
		`${BASE}/shops/:shop_id/receipts`,
		sb.endpoint({ scope: "transactions_r" }, (req, token) => {
			const shopId = pathId(req, "shop_id");
			const filters = {
				min_created: intQuery(req.query, "min_created", { min: MIN_TIMESTAMP }),
				max_created: intQuery(req.query, "max_created", { min: MIN_TIMESTAMP }),
				min_last_modified: intQuery(req.query, "min_last_modified", { min: MIN_TIMESTAMP }),
				max_last_modified: intQuery(req.query, "max_last_modified", { min: MIN_TIMESTAMP }),
				was_paid: boolQuery(req.query, "was_paid"),
				was_shipped: boolQuery(req.query, "was_shipped"),
				was_delivered: boolQuery(req.query, "was_delivered"),
				was_canceled: boolQuery(req.query, "was_canceled"),
			};
			// NOTES.md "Requests and auth": "Pagination: `limit` max 100 (higher values clamp to 100) [MIG]"; the
			// spec's schema says maximum 100, the migration guide that more is clamped: the note wins (this
			// sandbox answered 400 before).
			const limit = Math.min(intQuery(req.query, "limit", { min: 1 }) ?? 25, MAX_LIMIT);
			const offset = intQuery(req.query, "offset", { min: 0 }) ?? 0;
			const sortOn = enumQuery(req.query, "sort_on", SORT_ON) ?? "created";
			const sortOrder = enumQuery(req.query, "sort_order", SORT_ORDER) ?? "desc";
			boolQuery(req.query, "legacy");
			const denied = sb.checkShop(shopId, token);
			if (denied) return denied;

			const matching = [...sb.state.receipts.values()].filter((stored) => matches(stored, filters));
			const key = (r: ShopReceipt) =>
				sortOn === "created" ? r.created_timestamp : sortOn === "updated" ? r.updated_timestamp : r.receipt_id;
			const direction = sortOrder === "asc" || sortOrder === "ascending" || sortOrder === "up" ? 1 : -1;
			// Ties break on receipt_id in the same direction, so offset paging is stable while nothing changes.
			matching.sort(
				(a, b) => direction * (key(a.receipt) - key(b.receipt) || a.receipt.receipt_id - b.receipt.receipt_id),
			);
			return json(200, {
				count: matching.length,
				results: matching.slice(offset, offset + limit).map((stored) => asThisAppSees(sb, stored.receipt)),
			});
		}),
	);

	router.get(
		`${BASE}/shops/:shop_id/receipts/:receipt_id`,
		sb.endpoint({ scope: "transactions_r" }, (req, token) => {
			const shopId = pathId(req, "shop_id");
			const receiptId = pathId(req, "receipt_id");
			boolQuery(req.query, "legacy");
			const denied = sb.checkShop(shopId, token);
			if (denied) return denied;
			const stored = sb.state.get(receiptId);
			if (!stored) return etsyError(404, `Receipt with receipt_id ${receiptId} not found.`);
			return json(200, asThisAppSees(sb, stored.receipt));
		}),
	);

	router.post(
		`${BASE}/shops/:shop_id/receipts/:receipt_id/tracking`,
		sb.endpoint({ scope: "transactions_w" }, (req, token) => {
			const shopId = pathId(req, "shop_id");
			const receiptId = pathId(req, "receipt_id");
			boolQuery(req.query, "legacy");
			if (req.bodyInvalid) throw new ParamError("The request body could not be parsed.");
			const body = (req.body && typeof req.body === "object" ? req.body : {}) as Record<string, unknown>;
			const trackingCode = optionalString(body.tracking_code, "tracking_code");
			const carrierName = optionalString(body.carrier_name, "carrier_name");
			boolValue(body.send_bcc, "send_bcc");
			optionalString(body.note_to_buyer, "note_to_buyer");
			if ((trackingCode === undefined) !== (carrierName === undefined)) {
				throw new ParamError("tracking_code and carrier_name must be sent together.");
			}
			const denied = sb.checkShop(shopId, token);
			if (denied) return denied;
			const stored = sb.state.get(receiptId);
			if (!stored) return etsyError(404, `Receipt with receipt_id ${receiptId} not found.`);
			const receipt = stored.receipt;
			if (receipt.status === "canceled") {
				return etsyError(409, `Receipt ${receiptId} is canceled; tracking cannot be submitted.`);
			}
			if (!receipt.is_paid) return etsyError(409, `Receipt ${receiptId} has not been paid.`);
			if (trackingCode === undefined && trackingRequired(receipt)) {
				throw new ParamError(
					"tracking_code and carrier_name are required when shipping within the United States for orders over $10, or to India.",
				);
			}
			const now = sb.now();
			let shipment: ShopReceipt["shipments"][number] | undefined;
			if (trackingCode !== undefined && carrierName !== undefined) {
				// Etsy answers 200 for a carrier it does not support but keeps no tracking for it
				// (etsy/open-api#135); "other" is the documented way to send an unsupported carrier.
				const known = carrierName.toLowerCase() === "other" ? "other" : findCarrier(carrierName);
				if (known) {
					shipment = {
						receipt_shipping_id: sb.state.factory.nextShipmentId(),
						shipment_notification_timestamp: now,
						carrier_name: known,
						tracking_code: trackingCode,
					};
				}
			}
			shipReceipt(receipt, now, shipment);
			return json(200, asThisAppSees(sb, receipt));
		}),
	);

	router.get(
		`${BASE}/shipping-carriers`,
		sb.endpoint({}, (req) => {
			const origin = stringQuery(req.query, "origin_country_iso");
			if (origin === undefined) throw new ParamError("Parameter 'origin_country_iso' is required.");
			if (!/^[A-Za-z]{2}$/.test(origin)) {
				throw new ParamError(`Parameter 'origin_country_iso' must be an ISO 3166-1 alpha-2 code, got '${origin}'.`);
			}
			const carriers = CARRIERS[origin.toUpperCase()] ?? INTERNATIONAL_CARRIERS;
			return json(200, { count: carriers.length, results: carriers });
		}),
	);

	router.get(
		`${BASE}/users/me`,
		sb.endpoint({ scope: "shops_r" }, (_req, token) => json(200, { user_id: token?.userId, shop_id: SHOP.shop_id })),
	);
}

function pathId(req: SandboxRequest, name: string): number {
	return intParam(req.params[name], name, { min: 1 }) as number;
}

function optionalString(value: unknown, name: string): string | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== "string" || value.trim() === "")
		throw new ParamError(`Parameter '${name}' must be a non-empty string.`);
	return value;
}

interface ReceiptFilters {
	min_created: number | undefined;
	max_created: number | undefined;
	min_last_modified: number | undefined;
	max_last_modified: number | undefined;
	was_paid: boolean | undefined;
	was_shipped: boolean | undefined;
	was_delivered: boolean | undefined;
	was_canceled: boolean | undefined;
}

function matches({ receipt, delivered }: StoredReceipt, f: ReceiptFilters): boolean {
	return (
		(f.min_created === undefined || receipt.created_timestamp >= f.min_created) &&
		(f.max_created === undefined || receipt.created_timestamp <= f.max_created) &&
		(f.min_last_modified === undefined || receipt.updated_timestamp >= f.min_last_modified) &&
		(f.max_last_modified === undefined || receipt.updated_timestamp <= f.max_last_modified) &&
		(f.was_paid === undefined || receipt.is_paid === f.was_paid) &&
		(f.was_shipped === undefined || receipt.is_shipped === f.was_shipped) &&
		(f.was_delivered === undefined || delivered === f.was_delivered) &&
		(f.was_canceled === undefined || (receipt.status === "canceled") === f.was_canceled)
	);
}

/** Etsy's rule from the createReceiptShipment description. */
function trackingRequired(receipt: ShopReceipt): boolean {
	const total = receipt.grandtotal.amount / receipt.grandtotal.divisor;
	const origin: string = SHOP.origin_country_iso;
	const domesticUs = origin === "US" && receipt.country_iso === "US" && total > 10;
	return domesticUs || receipt.country_iso === "IN";
}

/** A stable pick of `share` of all receipts, by id: the same receipt is withheld on every read. */
function picked(receiptId: number, share: number, salt: number): boolean {
	if (share <= 0) return false;
	if (share >= 1) return true;
	const spread = Math.imul(receiptId ^ salt, 2654435761) >>> 0;
	return spread / 2 ** 32 < share;
}

const ADDRESS_FIELDS = [
	"first_line",
	"second_line",
	"city",
	"state",
	"zip",
	"country_iso",
	"formatted_address",
] as const;

/**
 * The receipt as an app without address or email access receives it (NOTES.md, Shipping address
 * withheld; buyer_email): the address fields null, `buyer_email` left out.
 */
function asThisAppSees(sb: EtsySandbox, receipt: ShopReceipt): ShopReceipt {
	const { withholdAddresses, withholdEmails } = sb.state.settings;
	const address = picked(receipt.receipt_id, withholdAddresses, 0x5eed);
	const email = picked(receipt.receipt_id, withholdEmails, 0xe3a1);
	if (!address && !email) return receipt;
	const seen: Record<string, unknown> = { ...receipt };
	if (address) for (const field of ADDRESS_FIELDS) seen[field] = null;
	if (email) delete seen.buyer_email;
	return seen as unknown as ShopReceipt;
}

/**
 * Control endpoints under `/__sandbox/etsy`: inspect state, generate and create receipts, modify
 * them as buyers, sellers and Etsy would, manage tokens and settings. Bad arguments throw; the kit
 * turns that into a 400 with the reason.
 */
import { bodyObject, type Handler, json, type SandboxRequest } from "../kit/http.js";
import { Rng } from "../kit/random.js";
import type { Router } from "../kit/router.js";
import { findCarrier, LISTINGS, SHOP } from "./catalog.js";
import { ReceiptFactory, type ReceiptSpec, shipReceipt, trackingCodeFor } from "./generator.js";
import type { EtsySandbox } from "./sandbox.js";
import type { EtsySettings } from "./state.js";
import type { Address, ShopReceipt } from "./types.js";

function id(req: SandboxRequest): number {
	const value = Number(req.params.id);
	if (!Number.isSafeInteger(value)) throw new Error(`invalid receipt id ${req.params.id}`);
	return value;
}

function optionalNumber(value: unknown, name: string): number | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`${name} must be a number`);
	return value;
}

export function registerControlRoutes(sb: EtsySandbox, router: Router<Handler>): void {
	const state = () => sb.state;
	const receiptResponse = (receipt: ShopReceipt) => json(200, receipt);

	router
		.get("/", () =>
			json(200, {
				shop: SHOP,
				app: { keystring: state().app.keystring, redirectUris: state().app.redirectUris },
				settings: state().settings,
				receipts: state().receipts.size,
				edgeCases: state().edgeCases,
				listings: LISTINGS,
				clock: sb.clock.describe(),
			}),
		)
		.get("/receipts", () => {
			const receipts = state().sortedReceipts();
			const delivered = [...state().receipts.values()].filter((s) => s.delivered).map((s) => s.receipt.receipt_id);
			return json(200, { count: receipts.length, results: receipts, delivered });
		})
		.get("/receipts/:id", (req) => {
			const stored = state().require(id(req));
			return json(200, { receipt: stored.receipt, delivered: stored.delivered });
		})
		.post("/receipts/generate", (req) => {
			const { count, seed, spanDays } = bodyObject(req);
			const n = optionalNumber(count, "count") ?? 1;
			if (!Number.isInteger(n) || n < 0 || n > 10_000) throw new Error("count must be an integer 0..10000");
			const now = sb.now();
			let receipts: ShopReceipt[];
			if (seed === undefined) receipts = state().generate(n, now, optionalNumber(spanDays, "spanDays") ?? 30);
			else {
				// A batch of its own seed, sharing the shop's id sequence so ids stay unique and increasing.
				const factory = new ReceiptFactory(new Rng(Number(seed)), state().factory.ids);
				const rng = new Rng(Number(seed) + 1);
				const span = Math.round((optionalNumber(spanDays, "spanDays") ?? 30) * 86_400);
				const times = Array.from({ length: n }, () => now - rng.int(0, span)).sort((a, b) => a - b);
				receipts = times.map((at) => {
					const stored = factory.random(at, now);
					state().receipts.set(stored.receipt.receipt_id, stored);
					return stored.receipt;
				});
			}
			return json(201, { count: receipts.length, receipt_ids: receipts.map((r) => r.receipt_id) });
		})
		.post("/receipts", (req) => json(201, state().create(bodyObject(req) as ReceiptSpec, sb.now())))
		.post("/receipts/edge-cases", () => json(201, { edgeCases: state().seedEdgeCases(sb.now()) }))
		.patch("/receipts/:id", (req) => {
			const { fields, bump } = bodyObject(req);
			if (!fields || typeof fields !== "object") throw new Error("fields must be an object of receipt fields");
			return receiptResponse(state().patch(id(req), fields as Partial<ShopReceipt>, sb.now(), bump !== false));
		})
		.post("/receipts/:id/address", (req) =>
			receiptResponse(state().changeAddress(id(req), bodyObject(req) as Partial<Address>, sb.now())),
		)
		.post("/receipts/:id/cancel", (req) => {
			const { reason, bump } = bodyObject(req);
			const bumpUpdated = typeof bump === "boolean" ? bump : undefined;
			return receiptResponse(
				state().cancel(id(req), sb.now(), typeof reason === "string" ? reason : undefined, bumpUpdated),
			);
		})
		.post("/receipts/:id/refund", (req) => {
			const { amount, reason } = bodyObject(req);
			return receiptResponse(
				state().refund(
					id(req),
					sb.now(),
					optionalNumber(amount, "amount"),
					typeof reason === "string" ? reason : undefined,
				),
			);
		})
		.post("/receipts/:id/ship-by", (req) => {
			const shipBy = optionalNumber(bodyObject(req).ship_by, "ship_by");
			if (shipBy === undefined) throw new Error("ship_by (epoch seconds) is required");
			return receiptResponse(state().setShipBy(id(req), shipBy, sb.now()));
		})
		.post("/receipts/:id/pay", (req) => receiptResponse(state().markPaid(id(req), sb.now())))
		.post("/receipts/:id/deliver", (req) => receiptResponse(state().markDelivered(id(req), sb.now())))
		.post("/receipts/:id/ship", (req) => {
			// The seller marks the order shipped on etsy.com, outside Hubsheet.
			const { carrier_name, tracking_code } = bodyObject(req);
			const { receipt } = state().require(id(req));
			const now = sb.now();
			const carrier = typeof carrier_name === "string" ? (findCarrier(carrier_name) ?? carrier_name) : "InPost";
			shipReceipt(receipt, now, {
				receipt_shipping_id: state().factory.nextShipmentId(),
				shipment_notification_timestamp: now,
				carrier_name: carrier,
				tracking_code: typeof tracking_code === "string" ? tracking_code : trackingCodeFor(carrier, state().rng),
			});
			return receiptResponse(receipt);
		})
		.post("/tokens", (req) => {
			const { scopes, expires_in } = bodyObject(req);
			const list = Array.isArray(scopes) ? scopes.map(String) : ["transactions_r", "transactions_w", "shops_r"];
			return json(201, state().issueTokens(list, sb.now(), optionalNumber(expires_in, "expires_in")));
		})
		.post("/tokens/revoke", () => json(200, { revoked: state().revokeAll() }))
		.post("/tokens/expire", () => json(200, { expired: state().expireAccessTokens(sb.now()) }))
		.get("/settings", () => json(200, state().settings))
		.post("/settings", (req) => {
			const changes = bodyObject(req);
			const settings = state().settings;
			for (const key of ["perSecond", "perDay", "ordersPerDay"] as const) {
				const value = optionalNumber(changes[key], key);
				if (value !== undefined) {
					if (value < 0) throw new Error(`${key} must not be negative`);
					settings[key] = value;
				}
			}
			for (const key of ["withholdAddresses", "withholdEmails"] as const) {
				const value = optionalNumber(changes[key], key);
				if (value !== undefined) {
					if (!(value >= 0 && value <= 1)) throw new Error(`${key} must be a share from 0 to 1`);
					settings[key] = value;
				}
			}
			for (const key of ["denyAuthorization", "bumpOnCancel", "retryAfter"] as const) {
				if (changes[key] !== undefined) settings[key] = changes[key] === true;
			}
			sb.applySettings();
			const usedToday = optionalNumber(changes.usedToday, "usedToday");
			if (usedToday !== undefined) sb.limiter.consume(usedToday);
			return json(200, settings satisfies EtsySettings);
		});
}

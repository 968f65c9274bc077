/**
 * The Etsy sandbox's state: the app registration, the shop's receipts, OAuth codes and tokens, and
 * settings. Every modification stamps `updated_timestamp` with sandbox now, as Etsy does, unless a
 * test asks otherwise (Etsy's `min_last_modified` is known to miss some cancellations).
 */
import { randomBytes } from "node:crypto";
import { Rng } from "../kit/random.js";
import { SHOP } from "./catalog.js";
import { EDGE_CASES } from "./edge-cases.js";
import {
	addressOf,
	applyAddress,
	cancelReceipt,
	type IdSequence,
	ReceiptFactory,
	type ReceiptSpec,
	recomputeTotals,
	refundReceipt,
	touch,
} from "./generator.js";
import type { Address, ShopReceipt, StoredReceipt } from "./types.js";

const DAY = 86_400;
export const ACCESS_TOKEN_TTL = 3600;
export const REFRESH_TOKEN_TTL = 90 * DAY;
export const AUTH_CODE_TTL = 600;

export interface EtsyApp {
	keystring: string;
	sharedSecret: string;
	/** Registered redirect URIs; empty accepts any, which suits local runs on ephemeral ports. */
	redirectUris: string[];
}

export const DEFAULT_APP: EtsyApp = {
	keystring: "hubsheetsandboxkeystring",
	sharedSecret: "sandboxsharedsecret",
	redirectUris: [],
};

export interface TokenRecord {
	kind: "access" | "refresh";
	userId: number;
	scopes: string[];
	/** Epoch seconds. */
	expiresAt: number;
	/** Why it no longer works: rotated out by a refresh, or revoked (password change). */
	revoked?: "rotated" | "revoked";
}

export interface AuthCode {
	userId: number;
	clientId: string;
	redirectUri: string;
	scopes: string[];
	codeChallenge: string;
	expiresAt: number;
	used: boolean;
}

export interface EtsySettings {
	// NOTES.md "Requests and auth": "default 10 requests/s and 10,000 per 24 h per app key [FAQ]".
	perSecond: number;
	perDay: number;
	/** The authorize page answers `error=access_denied`, as if the seller clicked "Deny". */
	denyAuthorization: boolean;
	/** New paid orders per simulated day, arriving as sandbox time passes. */
	ordersPerDay: number;
	/** With false, cancellations made through the control API keep their old updated_timestamp. */
	bumpOnCancel: boolean;
	/**
	 * Share of receipts (0..1, chosen by receipt id) whose address Etsy withholds from this app: the
	 * seven address fields null, as for new personal keys in CA, DE, FR and more (NOTES.md, Shipping
	 * address withheld).
	 */
	withholdAddresses: number;
	/** Share of receipts without `buyer_email`: most apps no longer get it (NOTES.md, buyer_email). */
	withholdEmails: number;
	/**
	 * Whether a 429 carries `retry-after`. NOTES.md "Requests and auth": "Rolling window, 429 and
	 * `retry-after` carried over (UNCONFIRMED this pass)": true by default, false serves the other reading.
	 */
	retryAfter: boolean;
}

export interface EtsyResetOptions {
	seed?: number;
	/** How many random receipts to seed, spread over the past `spanDays`. */
	receipts?: number;
	spanDays?: number;
	edgeCases?: boolean;
	app?: Partial<EtsyApp>;
	settings?: Partial<EtsySettings>;
}

export const DEFAULT_SETTINGS: EtsySettings = {
	perSecond: 10,
	perDay: 10_000,
	denyAuthorization: false,
	ordersPerDay: 0,
	bumpOnCancel: true,
	withholdAddresses: 0,
	withholdEmails: 0,
	retryAfter: true,
};

export class EtsyState {
	app: EtsyApp;
	settings: EtsySettings;
	readonly receipts = new Map<number, StoredReceipt>();
	readonly tokens = new Map<string, TokenRecord>();
	readonly codes = new Map<string, AuthCode>();
	/** Which receipt carries which edge case, once seeded. */
	readonly edgeCases: Record<string, number> = {};
	readonly rng: Rng;
	readonly factory: ReceiptFactory;
	private lastTick: number;
	private orderCarry = 0;

	constructor(options: EtsyResetOptions, nowSeconds: number) {
		this.app = { ...DEFAULT_APP, ...options.app };
		this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
		this.rng = new Rng(options.seed ?? 1);
		const ids: IdSequence = { receipt: 3_412_000_000, transaction: 4_125_000_000, shipment: 1_090_000_000 };
		this.factory = new ReceiptFactory(this.rng, ids);
		this.lastTick = nowSeconds;
		this.generate(options.receipts ?? 30, nowSeconds, options.spanDays ?? 60);
		if (options.edgeCases) this.seedEdgeCases(nowSeconds);
	}

	/** `count` random receipts created over the past `spanDays`, oldest first. */
	generate(count: number, nowSeconds: number, spanDays = 30): ShopReceipt[] {
		const span = Math.max(1, Math.round(spanDays * DAY));
		const created = Array.from({ length: count }, () => nowSeconds - this.rng.int(0, span)).sort((a, b) => a - b);
		return created.map((at) => this.add(this.factory.random(at, nowSeconds)));
	}

	create(spec: ReceiptSpec, nowSeconds: number): ShopReceipt {
		return this.add(this.factory.build(spec, nowSeconds));
	}

	seedEdgeCases(nowSeconds: number): Record<string, number> {
		for (const edge of EDGE_CASES) {
			this.edgeCases[edge.key] = this.create(edge.spec, nowSeconds).receipt_id;
		}
		return { ...this.edgeCases };
	}

	private add(stored: StoredReceipt): ShopReceipt {
		this.receipts.set(stored.receipt.receipt_id, stored);
		return stored.receipt;
	}

	get(receiptId: number): StoredReceipt | undefined {
		return this.receipts.get(receiptId);
	}

	require(receiptId: number): StoredReceipt {
		const stored = this.receipts.get(receiptId);
		if (!stored) throw new Error(`no receipt ${receiptId}`);
		return stored;
	}

	/** Simulated business: new paid orders in proportion to the sandbox time that passed. */
	tick(nowSeconds: number): ShopReceipt[] {
		const from = this.lastTick;
		if (nowSeconds <= from) return [];
		this.lastTick = nowSeconds;
		if (this.settings.ordersPerDay <= 0) return [];
		const expected = (this.settings.ordersPerDay * (nowSeconds - from)) / DAY + this.orderCarry;
		const count = Math.floor(expected);
		this.orderCarry = expected - count;
		const times = Array.from({ length: count }, () => this.rng.int(from + 1, nowSeconds)).sort((a, b) => a - b);
		return times.map((at) => this.create({ created: at }, nowSeconds));
	}

	// --- modifications through the control API; each stamps updated_timestamp ---

	changeAddress(receiptId: number, change: Partial<Address>, at: number): ShopReceipt {
		const { receipt } = this.require(receiptId);
		applyAddress(receipt, { ...addressOf(receipt), ...change });
		recomputeTotals(receipt);
		touch(receipt, at);
		return receipt;
	}

	cancel(receiptId: number, at: number, reason = "Buyer requested", bump = this.settings.bumpOnCancel): ShopReceipt {
		const { receipt } = this.require(receiptId);
		const before = receipt.updated_timestamp;
		cancelReceipt(receipt, at, reason);
		if (!bump) touch(receipt, before);
		return receipt;
	}

	refund(receiptId: number, at: number, amount?: number, reason = "Refund agreed with buyer"): ShopReceipt {
		const { receipt } = this.require(receiptId);
		const refunded = receipt.refunds.reduce((sum, r) => sum + r.amount.amount, 0);
		const value = amount ?? receipt.grandtotal.amount - refunded;
		if (!(value > 0)) throw new Error(`nothing left to refund on receipt ${receiptId}`);
		refundReceipt(receipt, at, value, reason);
		return receipt;
	}

	setShipBy(receiptId: number, shipBy: number, at: number): ShopReceipt {
		const { receipt } = this.require(receiptId);
		for (const t of receipt.transactions) t.expected_ship_date = shipBy;
		touch(receipt, at);
		return receipt;
	}

	markPaid(receiptId: number, at: number): ShopReceipt {
		const { receipt } = this.require(receiptId);
		receipt.is_paid = true;
		if (receipt.status === "open" || receipt.status === "payment processing") receipt.status = "paid";
		for (const t of receipt.transactions) t.paid_timestamp ??= at;
		touch(receipt, at);
		return receipt;
	}

	markDelivered(receiptId: number, at: number): ShopReceipt {
		const stored = this.require(receiptId);
		stored.delivered = true;
		touch(stored.receipt, at);
		return stored.receipt;
	}

	/** Merges raw wire fields; `bump: false` leaves updated_timestamp alone. */
	patch(receiptId: number, fields: Partial<ShopReceipt>, at: number, bump = true): ShopReceipt {
		const { receipt } = this.require(receiptId);
		Object.assign(receipt, fields);
		if (bump && fields.updated_timestamp === undefined) touch(receipt, at);
		return receipt;
	}

	// --- OAuth ---

	newToken(kind: TokenRecord["kind"], userId: number, scopes: string[], nowSeconds: number, ttl?: number): string {
		// Etsy tokens are "<user_id>.<opaque>"; clients read the user id from the prefix.
		const token = `${userId}.${randomBytes(kind === "access" ? 36 : 40).toString("base64url")}`;
		const lifetime = ttl ?? (kind === "access" ? ACCESS_TOKEN_TTL : REFRESH_TOKEN_TTL);
		this.tokens.set(token, { kind, userId, scopes, expiresAt: nowSeconds + lifetime });
		return token;
	}

	issueTokens(
		scopes: string[],
		nowSeconds: number,
		accessTtl = ACCESS_TOKEN_TTL,
	): { access_token: string; token_type: "Bearer"; expires_in: number; refresh_token: string } {
		return {
			access_token: this.newToken("access", SHOP.user_id, scopes, nowSeconds, accessTtl),
			token_type: "Bearer",
			expires_in: accessTtl,
			refresh_token: this.newToken("refresh", SHOP.user_id, scopes, nowSeconds),
		};
	}

	/** What a password change does: every token of the user stops working. */
	revokeAll(): number {
		let count = 0;
		for (const record of this.tokens.values()) {
			if (!record.revoked) {
				record.revoked = "revoked";
				count++;
			}
		}
		return count;
	}

	expireAccessTokens(nowSeconds: number): number {
		let count = 0;
		for (const record of this.tokens.values()) {
			if (record.kind === "access" && record.expiresAt > nowSeconds) {
				record.expiresAt = nowSeconds;
				count++;
			}
		}
		return count;
	}

	sortedReceipts(): ShopReceipt[] {
		return [...this.receipts.values()].map((stored) => stored.receipt).sort((a, b) => a.receipt_id - b.receipt_id);
	}
}

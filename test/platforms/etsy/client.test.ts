/**
 * The Etsy API client against the Etsy sandbox in this process (local/sandbox/etsy/): every answer
 * is the sandbox's own, signed in with tokens it issued. Where a case needs an answer the sandbox
 * does not give (a failure, an odd wording, a broken body), it is injected for that request only.
 */
import { describe, expect, it } from "vitest";
import { PlatformError } from "../../../src/core/connector-contracts.js";
import { EtsySignInError } from "../../../src/platforms/etsy/errors.js";
import { ETSY_OAUTH_SCOPES } from "../../../src/platforms/etsy/oauth-sign-in.js";
import { readTokens } from "../../../src/platforms/etsy/oauth-store.js";
import type { HttpRequest } from "../../../src/ports.js";
import { type Intercept, once } from "../harness/in-process-http.js";
import { json, text } from "../harness/stand-ins.js";
import {
	BASE,
	etsyWorld,
	KEYSTRING,
	RECEIPTS_PATH,
	SHARED_SECRET,
	SHOP_ID,
	TOKEN_PATH,
	USER_ID,
} from "./sandbox-world.js";

const ME_PATH = "/v3/application/users/me";
const RECEIPT = /^\/v3\/application\/shops\/\d+\/receipts\/\d+$/;
const TRACKING = /\/tracking$/;
const pathOf = (request: HttpRequest) => new URL(request.url).pathname;
const queryOf = (request: HttpRequest) => Object.fromEntries(new URL(request.url).searchParams);
const formOf = (request: HttpRequest) => Object.fromEntries(new URLSearchParams(request.body ?? ""));
const withShopsScope = { scopes: [...ETSY_OAUTH_SCOPES, "shops_r"] };
const badDivisor = { grandtotal: { amount: 100, divisor: "100", currency_code: "EUR" } } as never;

function caughtError(run: () => unknown): Error {
	try {
		run();
	} catch (error) {
		return error as Error;
	}
	throw new Error("expected an error");
}

/** Every read of the shop's receipts answered 401 while `refusing()` says so. */
const refusedWhile =
	(refusing: () => boolean): Intercept =>
	(exchange) =>
		refusing() && exchange.path.startsWith(RECEIPTS_PATH)
			? json(401, { error: "invalid_token", error_description: "token revoked" })
			: undefined;

describe("requests", () => {
	it("send the API key with the shared secret and the bearer token, to the configured base URL", () => {
		const w = etsyWorld(withShopsScope);
		expect(w.api.getMe()).toEqual({ userId: USER_ID, shopId: SHOP_ID });
		const [request] = w.http.requests;
		expect(request?.url).toBe(`${BASE}${ME_PATH}`);
		expect(request?.method).toBe("get");
		expect(request?.headers).toMatchObject({
			"x-api-key": `${KEYSTRING}:${SHARED_SECRET}`,
			authorization: `Bearer ${w.accessToken()}`,
		});
	});

	it("getMe says when the account has no shop", () => {
		// The sandbox's one user owns its shop: an account without one is injected.
		const w = etsyWorld(withShopsScope);
		w.http.intercept(once("GET", ME_PATH, json(200, { user_id: Number(USER_ID) })));
		expect(w.api.getMe()).toEqual({ userId: USER_ID, shopId: null });
	});

	it("getShippingCarriers needs only the API key and passes the origin country", () => {
		const w = etsyWorld({ signedIn: false });
		expect(w.api.getShippingCarriers("PL")[0]).toEqual({
			id: "1101",
			name: "InPost",
			domesticClasses: [
				{ key: "inpost_paczkomat", name: "Paczkomat" },
				{ key: "inpost_kurier", name: "Kurier" },
			],
			internationalClasses: [{ key: "inpost_international", name: "International" }],
		});
		const [request] = w.http.requests;
		expect(pathOf(request as HttpRequest)).toBe("/v3/application/shipping-carriers");
		expect(queryOf(request as HttpRequest)).toEqual({ origin_country_iso: "PL" });
		expect(request?.headers?.authorization).toBeUndefined();
	});

	it("getShopReceipt parses one receipt, and gives null for a receipt Etsy does not know", () => {
		const w = etsyWorld();
		const id = w.receipt();
		expect(String(w.api.getShopReceipt(SHOP_ID, id)?.receipt_id)).toBe(id);
		expect(pathOf(w.http.requests[0] as HttpRequest)).toBe(`${RECEIPTS_PATH}/${id}`);
		expect(w.api.getShopReceipt(SHOP_ID, 42)).toBeNull();
	});

	it("refuses ids that could change the path", () => {
		const w = etsyWorld();
		for (const bad of ["../1", "12/receipts", "1?x=1", "", "0", "abc"]) {
			expect(() => w.api.getShopReceipt(bad, 1)).toThrow(PlatformError);
		}
		expect(() => w.api.getShopReceipt(SHOP_ID, "1 OR 1")).toThrow(/receipt id must be a positive whole number/);
		expect(w.http.requests).toHaveLength(0);
	});

	it("turns another 4xx into an error naming the endpoint, the status and Etsy's explanation", () => {
		// Hubsheet's sign-in does not ask for shops_r, which getMe needs.
		const w = etsyWorld();
		expect(caughtError(() => w.api.getMe())).toMatchObject({
			platform: "Etsy",
			endpoint: "getMe",
			kind: "rejected",
			options: { status: 403 },
		});
		expect(() => w.api.getMe()).toThrow(
			"Etsy getMe failed with HTTP 403: insufficient_scope: this endpoint requires the shops_r scope",
		);
		expect(() => w.api.getShopReceipts("999", {})).toThrow(
			"Etsy getShopReceipts failed with HTTP 403: User does not own Shop 999",
		);
	});
});

describe("authentication", () => {
	it("renews the token once after a 401 and repeats the request", () => {
		const w = etsyWorld();
		const first = w.accessToken();
		const refreshBefore = readTokens(w.store)?.refreshToken;
		// Etsy ends the token before Hubsheet expects it to.
		w.sandbox.state.expireAccessTokens(w.sandbox.now());
		expect(w.api.getShopReceipts(SHOP_ID, {}).count).toBe(0);
		const renewed = w.accessToken();
		expect(renewed).not.toBe(first);
		expect(
			w.http.requests.map((request) => (pathOf(request) === TOKEN_PATH ? "token" : request.headers?.authorization)),
		).toEqual([`Bearer ${first}`, "token", `Bearer ${renewed}`]);
		expect(readTokens(w.store)?.refreshToken).not.toBe(refreshBefore);
	});

	it("takes a 401 that persists after one refresh as passing: warned, retried next sync, no reconnect", () => {
		let refusing = true;
		const w = etsyWorld();
		w.http.intercept(refusedWhile(() => refusing));
		const error = caughtError(() => w.api.getShopReceipts(SHOP_ID, {}));
		expect(error).toBeInstanceOf(EtsySignInError);
		expect(error).toMatchObject({
			kind: "auth",
			reconnect: false,
			etsyCode: "invalid_token",
			endpoint: "getShopReceipts",
			runs: 1,
		});
		expect(error.message).toMatch(/tries again at the next sync/);
		expect(w.http.requests).toHaveLength(3);
		expect(w.oauth.connectionState().kind).toBe("connected");
		// The next sync asks Etsy again, and Etsy answers.
		refusing = false;
		const next = w.nextRun();
		expect(next.api.getShopReceipts(SHOP_ID, {}).count).toBe(0);
		expect(next.oauth.connectionState().kind).toBe("connected");
	});

	it("asks the owner to reconnect only when a 401 persists after a refresh sync after sync", () => {
		const w = etsyWorld();
		w.http.intercept(refusedWhile(() => true));
		expect(caughtError(() => w.api.getShopReceipts(SHOP_ID, {}))).toMatchObject({ reconnect: false });
		// Counted once per sync, however many requests meet it.
		expect(caughtError(() => w.api.getShopReceipts(SHOP_ID, {}))).toMatchObject({ runs: 1 });
		expect(caughtError(() => w.nextRun().api.getShopReceipts(SHOP_ID, {}))).toMatchObject({ runs: 2 });
		const last = w.nextRun();
		const error = caughtError(() => last.api.getShopReceipts(SHOP_ID, {}));
		expect(error).toBeInstanceOf(EtsySignInError);
		expect(error).toMatchObject({
			reconnect: true,
			reason: "rejected",
			etsyCode: "invalid_token",
			endpoint: "getShopReceipts",
		});
		expect(error.message).toContain("Reconnect Etsy from the Hubsheet menu");
		expect(w.oauth.connectionState().kind).toBe("reconnect-required");
	});

	it("an accepted token ends a run of refusals", () => {
		let refusing = true;
		const w = etsyWorld();
		w.http.intercept(refusedWhile(() => refusing));
		caughtError(() => w.api.getShopReceipts(SHOP_ID, {}));
		caughtError(() => w.nextRun().api.getShopReceipts(SHOP_ID, {}));
		refusing = false;
		w.nextRun().api.getShopReceipts(SHOP_ID, {});
		refusing = true;
		expect(caughtError(() => w.nextRun().api.getShopReceipts(SHOP_ID, {}))).toMatchObject({ runs: 1 });
	});

	it("stops at once when a revoked grant is found during a request", () => {
		const w = etsyWorld();
		// The owner changed the Etsy password (NOTES.md: every token stops working); the token is due.
		w.sandbox.state.revokeAll();
		w.clock.advance(3_600_000);
		expect(caughtError(() => w.api.getShopReceipts(SHOP_ID, {}))).toMatchObject({
			kind: "auth",
			reconnect: true,
			reason: "revoked",
		});
		expect(w.http.requests.map(pathOf)).toEqual([TOKEN_PATH]);
	});
});

describe("rate limits", () => {
	const limited = (seconds?: string, headers: Record<string, string> = {}) =>
		json(
			429,
			{ error: "You have exceeded your quota." },
			{ ...(seconds ? { "retry-after": seconds } : {}), ...headers },
		);

	it("waits as long as retry-after says on a 429, then retries", () => {
		const w = etsyWorld();
		w.http.intercept(once("GET", RECEIPTS_PATH, limited("5")));
		expect(w.api.getShopReceipts(SHOP_ID, {}).count).toBe(0);
		expect(w.clock.sleeps).toEqual([5000]);
		expect(w.http.requests).toHaveLength(2);
	});

	it("gives up after 3 retries with a typed error", () => {
		const w = etsyWorld();
		w.http.intercept(once("GET", RECEIPTS_PATH, limited("2"), { times: 100 }));
		const error = caughtError(() => w.api.getShopReceipts(SHOP_ID, {}));
		expect(error).toMatchObject({ platform: "Etsy", endpoint: "getShopReceipts", kind: "rate-limit" });
		expect(error.message).toBe("Etsy getShopReceipts is rate-limited: still refused after 3 retries");
		expect(w.clock.sleeps).toEqual([2000, 2000, 2000]);
		expect(w.http.requests).toHaveLength(4);
	});

	it("does not wait longer than the cap: a long retry-after fails at once", () => {
		const w = etsyWorld();
		w.http.intercept(once("GET", RECEIPTS_PATH, limited("3600", { "x-remaining-today": "0" }), { times: 100 }));
		const error = caughtError(() => w.api.getShopReceipts(SHOP_ID, {}));
		expect(error).toMatchObject({ kind: "rate-limit", options: { retryAfterSeconds: 3600 } });
		expect(w.api.quota?.remainingToday).toBe(0);
		expect(error.message).toMatch(/Etsy asked to wait 3600 s/);
		expect(w.clock.sleeps).toEqual([]);
	});

	it("backs off when a 429 has no retry-after", () => {
		// NOTES.md "Requests and auth": whether Etsy's 429 carries retry-after is UNCONFIRMED.
		const w = etsyWorld();
		w.http.intercept(once("GET", RECEIPTS_PATH, limited(), { times: 2 }));
		w.api.getShopReceipts(SHOP_ID, {});
		expect(w.clock.sleeps).toEqual([1000, 2000]);
	});

	it("reads the daily quota from Etsy's headers and reports when it is nearly spent", () => {
		const w = etsyWorld();
		// The sandbox counts Etsy's 10,000 a day: this many were used, so the next answer says 51 left.
		w.sandbox.limiter.consume(10_000 - 52);
		expect(w.api.quota).toBeNull();
		expect(w.api.isQuotaLow()).toBe(false);
		w.api.getShopReceipts(SHOP_ID, {});
		expect(w.api.quota?.remainingToday).toBe(51);
		w.api.getShopReceipts(SHOP_ID, {});
		expect(w.api.isQuotaLow()).toBe(false);
		w.api.getShopReceipts(SHOP_ID, {});
		w.api.getShopReceipts(SHOP_ID, {});
		expect(w.api.isQuotaLow()).toBe(true);
		expect(w.log.lines.filter((line) => line.includes("quota"))).toEqual([
			"warn Etsy's daily request quota is nearly spent: 49 left of 10000",
		]);

		const strict = etsyWorld({ api: { minRemainingToday: 500 } });
		strict.sandbox.limiter.consume(10_000 - 401);
		strict.api.getShopReceipts(SHOP_ID, {});
		expect(strict.api.isQuotaLow()).toBe(true);
	});
});

describe("server errors", () => {
	it("retries a 5xx with backoff and succeeds", () => {
		const w = etsyWorld();
		w.http.intercept(once("GET", RECEIPTS_PATH, json(503, {})));
		w.http.intercept(once("GET", RECEIPTS_PATH, json(502, {})));
		expect(w.api.getShopReceipts(SHOP_ID, {}).count).toBe(0);
		expect(w.clock.sleeps).toEqual([1000, 2000]);
	});

	it("gives up after the bounded retries with an error naming the endpoint and status", () => {
		const w = etsyWorld();
		w.http.intercept(once("GET", RECEIPTS_PATH, json(500, { error: "Server Error" }), { times: 100 }));
		expect(() => w.api.getShopReceipts(SHOP_ID, {})).toThrow(
			"Etsy getShopReceipts failed with HTTP 500 after 3 attempts: Server Error",
		);
		expect(w.http.requests).toHaveLength(3);
	});

	it("retries when no answer comes, then fails typed", () => {
		const w = etsyWorld();
		const timeout = () => {
			throw new Error(`Timeout: ${BASE}${RECEIPTS_PATH}`);
		};
		w.http.intercept(once("GET", RECEIPTS_PATH, timeout, { times: 100 }));
		const error = caughtError(() => w.api.getShopReceipts(SHOP_ID, {}));
		expect(error).toMatchObject({ kind: "unavailable", endpoint: "getShopReceipts" });
		expect(error.message).toBe(
			`Etsy getShopReceipts could not be reached after 3 attempts: Timeout: ${BASE}${RECEIPTS_PATH}`,
		);
		expect(w.http.requests).toHaveLength(3);
	});
});

describe("parsing at the edge", () => {
	it("names the endpoint when the body is not JSON", () => {
		const w = etsyWorld();
		const id = w.receipt();
		w.http.intercept(once("GET", RECEIPTS_PATH, text(200, "<html>Bad gateway</html>")));
		const error = caughtError(() => w.api.getShopReceipts(SHOP_ID, {}));
		expect(error).toMatchObject({ kind: "malformed", endpoint: "getShopReceipts" });
		expect(error.message).toMatch(
			/^Etsy getShopReceipts returned a malformed answer Hubsheet cannot read: the body is not JSON .+/,
		);
		w.http.intercept(once("GET", RECEIPT, text(200, "")));
		expect(() => w.api.getShopReceipt(SHOP_ID, id)).toThrow(
			"Etsy getShopReceipt returned a malformed answer Hubsheet cannot read: the body is empty",
		);
	});

	it("names the endpoint and the field when a receipt has the wrong shape", () => {
		const w = etsyWorld();
		const id = w.receipt();
		w.sandbox.state.patch(Number(id), badDivisor, w.sandbox.now());
		const error = caughtError(() => w.api.getShopReceipt(SHOP_ID, id));
		expect(error).toMatchObject({ kind: "malformed", endpoint: "getShopReceipt" });
		expect(error.message).toBe(
			"Etsy getShopReceipt returned a malformed answer Hubsheet cannot read: grandtotal.divisor: expected number, received string",
		);
	});

	it("reports one odd receipt in a page with its path, and keeps the others", () => {
		const w = etsyWorld();
		const ids = [1, 2, 3, 4, 5].map(() => w.receipt());
		w.sandbox.state.patch(Number(ids[3]), badDivisor, w.sandbox.now());
		const page = w.api.getShopReceipts(SHOP_ID, { sort_on: "receipt_id", sort_order: "asc" });
		expect(page.received).toBe(5);
		expect(page.receipts.map((receipt) => String(receipt.receipt_id))).toEqual([ids[0], ids[1], ids[2], ids[4]]);
		expect(page.invalid).toEqual([
			{
				index: 3,
				receiptId: ids[3],
				message: "Etsy getShopReceipts: results[3].grandtotal.divisor: expected number, received string",
			},
		]);
	});

	it("fails the page when the envelope itself is wrong", () => {
		const w = etsyWorld();
		w.http.intercept(once("GET", RECEIPTS_PATH, json(200, { count: "5", results: [] })));
		expect(() => w.api.getShopReceipts(SHOP_ID, {})).toThrow(
			"Etsy getShopReceipts returned a malformed answer Hubsheet cannot read: count: expected number, received string",
		);
		w.http.intercept(once("GET", RECEIPTS_PATH, json(200, { count: 1 })));
		expect(() => w.api.getShopReceipts(SHOP_ID, {})).toThrow(
			"Etsy getShopReceipts returned a malformed answer Hubsheet cannot read: results: expected array, received undefined",
		);
	});

	it("says how many more problems there were", () => {
		const w = etsyWorld();
		const id = w.receipt();
		w.sandbox.state.patch(Number(id), { receipt_id: "x", is_paid: "yes" } as never, w.sandbox.now());
		expect(() => w.api.getShopReceipt(SHOP_ID, id)).toThrow(
			"Etsy getShopReceipt returned a malformed answer Hubsheet cannot read: receipt_id: expected number, received string (and 1 more problem)",
		);
	});
});

describe("createReceiptShipment", () => {
	const shipment = { trackingCode: "620123456789012345678901", carrierName: "InPost", sendBcc: true };
	const shipments = (w: ReturnType<typeof etsyWorld>, id: string) =>
		w.sandbox.state.require(Number(id)).receipt.shipments.map((s) => s.tracking_code);

	it("posts the tracking form and returns the updated receipt", () => {
		const w = etsyWorld();
		const id = w.receipt();
		const result = w.api.createReceiptShipment(SHOP_ID, id, shipment);
		expect(result.kind).toBe("created");
		expect(result.kind === "created" && result.receipt?.shipments?.map((s) => s.tracking_code)).toEqual([
			shipment.trackingCode,
		]);
		const [request] = w.http.requests;
		expect(request?.method).toBe("post");
		expect(pathOf(request as HttpRequest)).toBe(`${RECEIPTS_PATH}/${id}/tracking`);
		expect(request?.contentType).toBe("application/x-www-form-urlencoded");
		expect(formOf(request as HttpRequest)).toEqual({
			tracking_code: "620123456789012345678901",
			carrier_name: "InPost",
			send_bcc: "true",
		});
	});

	it("can mark a receipt shipped without tracking", () => {
		const w = etsyWorld();
		const id = w.receipt();
		w.api.createReceiptShipment(SHOP_ID, id, {});
		expect(formOf(w.http.requests[0] as HttpRequest)).toEqual({ send_bcc: "false" });
		expect(w.sandbox.state.require(Number(id)).receipt.is_shipped).toBe(true);
	});

	it("turns Etsy's refusals into results", () => {
		const w = etsyWorld();
		const toIndia = w.receipt({ buyer: { country_iso: "IN", city: "Mumbai", zip: "400001" } });
		expect(w.api.createReceiptShipment(SHOP_ID, toIndia, {})).toEqual({
			kind: "tracking-required",
			message:
				"tracking_code and carrier_name are required when shipping within the United States for orders over $10, or to India.",
		});
		// Etsy's other wording (NOTES.md, createReceiptShipment: "A tracking number is required").
		w.http.intercept(once("POST", TRACKING, json(400, { error: "A tracking number is required" })));
		expect(w.api.createReceiptShipment(SHOP_ID, w.receipt(), {})).toEqual({
			kind: "tracking-required",
			message: "A tracking number is required",
		});
		const cancelled = w.receipt();
		w.sandbox.state.cancel(Number(cancelled), w.sandbox.now());
		expect(w.api.createReceiptShipment(SHOP_ID, cancelled, shipment)).toEqual({
			kind: "conflict",
			message: `Receipt ${cancelled} is canceled; tracking cannot be submitted.`,
		});
		expect(w.api.createReceiptShipment(SHOP_ID, w.receipt(), { trackingCode: "620123" })).toEqual({
			kind: "rejected",
			status: 400,
			message: "tracking_code and carrier_name must be sent together.",
		});
		expect(w.api.createReceiptShipment(SHOP_ID, 42, shipment)).toMatchObject({ kind: "rejected", status: 404 });
	});

	it("never repeats the submission after a 5xx or a timeout: the buyer would get two emails", () => {
		const w = etsyWorld();
		const id = w.receipt();
		// Etsy recorded the shipment (and e-mailed the buyer), then the answer was lost.
		w.http.intercept(once("POST", TRACKING, json(502, { error: "Bad gateway" }), { applied: true }));
		expect(caughtError(() => w.api.createReceiptShipment(SHOP_ID, id, shipment))).toMatchObject({
			kind: "unavailable",
			options: { mayHaveApplied: true, status: 502 },
			endpoint: "createReceiptShipment",
		});
		expect(w.http.sent("POST", TRACKING)).toHaveLength(1);
		expect(shipments(w, id)).toEqual([shipment.trackingCode]);

		const silent = etsyWorld();
		const other = silent.receipt();
		const timeout = () => {
			throw new Error("Timeout");
		};
		silent.http.intercept(once("POST", TRACKING, timeout, { applied: true }));
		expect(caughtError(() => silent.api.createReceiptShipment(SHOP_ID, other, shipment))).toMatchObject({
			kind: "unavailable",
			options: { mayHaveApplied: true },
		});
		expect(silent.http.sent("POST", TRACKING)).toHaveLength(1);
		expect(shipments(silent, other)).toEqual([shipment.trackingCode]);
	});

	it("repeats it after a 429, which Etsy answers without acting", () => {
		const w = etsyWorld();
		const id = w.receipt();
		w.http.intercept(once("POST", TRACKING, json(429, {}, { "retry-after": "1" })));
		expect(w.api.createReceiptShipment(SHOP_ID, id, shipment).kind).toBe("created");
		expect(w.http.sent("POST", TRACKING)).toHaveLength(2);
		expect(shipments(w, id)).toEqual([shipment.trackingCode]);
	});

	it("reports success even when the answer cannot be read, so the caller does not submit twice", () => {
		const w = etsyWorld();
		const id = w.receipt();
		w.http.intercept(once("POST", TRACKING, text(200, "{not json"), { applied: true }));
		const result = w.api.createReceiptShipment(SHOP_ID, id, shipment);
		expect(result).toMatchObject({ kind: "created", receipt: null });
		expect(result.kind === "created" && result.problem).toMatch(
			/^Etsy createReceiptShipment returned a malformed answer Hubsheet cannot read/,
		);
		expect(shipments(w, id)).toEqual([shipment.trackingCode]);
	});
});

import { describe, expect, it } from "vitest";
import { PlatformError } from "../../../src/core/connector-contracts.js";
import { EtsySignInError } from "../../../src/platforms/etsy/errors.js";
import { ETSY_STORE_KEYS } from "../../../src/platforms/etsy/oauth.js";
import type { HttpRequest } from "../../../src/ports.js";
import { json, text } from "../harness/stand-ins.js";
import { formOf, pathOf, queryOf, sequence } from "./fakes.js";
import {
	ACCESS_TOKEN,
	BASE,
	harness,
	isTokenRequest,
	KEYSTRING,
	SHARED_SECRET,
	SHOP_ID,
	tokenAnswer,
} from "./harness.js";
import { money, wireReceipt, wireReceipts } from "./receipt-fixtures.js";

const RECEIPT_PATH = `/v3/application/shops/${SHOP_ID}/receipts/3000000001`;

describe("requests", () => {
	it("send the API key with the shared secret and the bearer token, to the configured base URL", () => {
		const { api, http } = harness(sequence(json(200, { user_id: 12345678, shop_id: 5550001 })));
		expect(api.getMe()).toEqual({ userId: "12345678", shopId: "5550001" });
		const [request] = http.requests;
		expect(request?.url).toBe(`${BASE}/v3/application/users/me`);
		expect(request?.method).toBe("get");
		expect(request?.headers).toMatchObject({
			"x-api-key": `${KEYSTRING}:${SHARED_SECRET}`,
			authorization: `Bearer ${ACCESS_TOKEN}`,
		});
	});

	it("getMe says when the account has no shop", () => {
		const { api } = harness(sequence(json(200, { user_id: 12345678 })));
		expect(api.getMe()).toEqual({ userId: "12345678", shopId: null });
	});

	it("getShippingCarriers needs only the API key and passes the origin country", () => {
		const carriers = {
			count: 1,
			results: [
				{
					shipping_carrier_id: 1101,
					name: "InPost",
					domestic_classes: [{ mail_class_key: "inpost_paczkomat", name: "Paczkomat" }],
					international_classes: [],
				},
			],
		};
		const { api, http } = harness(sequence(json(200, carriers)), { signedIn: false });
		expect(api.getShippingCarriers("PL")).toEqual([
			{
				id: "1101",
				name: "InPost",
				domesticClasses: [{ key: "inpost_paczkomat", name: "Paczkomat" }],
				internationalClasses: [],
			},
		]);
		const [request] = http.requests;
		expect(pathOf(request as HttpRequest)).toBe("/v3/application/shipping-carriers");
		expect(queryOf(request as HttpRequest)).toEqual({ origin_country_iso: "PL" });
		expect(request?.headers?.authorization).toBeUndefined();
	});

	it("getShopReceipt parses one receipt, and gives null for a receipt Etsy does not know", () => {
		const { api, http } = harness((request) =>
			pathOf(request).endsWith("/3000000001") ? json(200, wireReceipt()) : json(404, { error: "Receipt not found" }),
		);
		expect(api.getShopReceipt(SHOP_ID, "3000000001")?.receipt_id).toBe(3_000_000_001);
		expect(pathOf(http.requests[0] as HttpRequest)).toBe(RECEIPT_PATH);
		expect(api.getShopReceipt(SHOP_ID, 42)).toBeNull();
	});

	it("refuses ids that could change the path", () => {
		const { api, http } = harness(sequence(json(200, wireReceipt())));
		for (const bad of ["../1", "12/receipts", "1?x=1", "", "0", "abc"]) {
			expect(() => api.getShopReceipt(bad, 1)).toThrow(PlatformError);
		}
		expect(() => api.getShopReceipt(SHOP_ID, "1 OR 1")).toThrow(/receipt id must be a positive whole number/);
		expect(http.requests).toHaveLength(0);
	});

	it("turns another 4xx into an error naming the endpoint, the status and Etsy's explanation", () => {
		const { api } = harness(sequence(json(403, { error: "Insufficient scope: shops_r required" })));
		expect(caughtError(() => api.getMe())).toMatchObject({
			platform: "Etsy",
			endpoint: "getMe",
			kind: "rejected",
			options: { status: 403 },
		});
		expect(() => api.getMe()).toThrow("Etsy getMe failed with HTTP 403: Insufficient scope: shops_r required");
	});
});

function caughtError(run: () => unknown): Error {
	try {
		run();
	} catch (error) {
		return error as Error;
	}
	throw new Error("expected an error");
}

describe("authentication", () => {
	it("renews the token once after a 401 and repeats the request", () => {
		const { api, http, store } = harness((request) => {
			if (isTokenRequest(request)) return tokenAnswer(1);
			return request.headers?.authorization === `Bearer ${ACCESS_TOKEN}`
				? json(401, { error: "invalid_token", error_description: "access token is expired" })
				: json(200, { user_id: 12345678, shop_id: 5550001 });
		});
		expect(api.getMe().shopId).toBe("5550001");
		expect(
			http.requests.map((request) => (isTokenRequest(request) ? "token" : request.headers?.authorization)),
		).toEqual([`Bearer ${ACCESS_TOKEN}`, "token", "Bearer 12345678.access-new-1-aaaaaaaaaaaaaaaaaaaa"]);
		expect(store.get(ETSY_STORE_KEYS.tokens)).toContain("refresh-new-1");
	});

	it("takes a 401 that persists after one refresh as passing: warned, retried next sync, no reconnect", () => {
		let refusing = true;
		const { api, http, oauth, nextRun } = harness((request) => {
			if (isTokenRequest(request)) return tokenAnswer(http.requests.length);
			return refusing
				? json(401, { error: "invalid_token", error_description: "token revoked" })
				: json(200, { user_id: 12345678, shop_id: 5550001 });
		});
		const error = caughtError(() => api.getShopReceipts(SHOP_ID, {}));
		expect(error).toBeInstanceOf(EtsySignInError);
		expect(error).toMatchObject({
			kind: "auth",
			reconnect: false,
			etsyCode: "invalid_token",
			endpoint: "getShopReceipts",
			runs: 1,
		});
		expect(error.message).toMatch(/tries again at the next sync/);
		expect(http.requests).toHaveLength(3);
		expect(oauth.connectionState().kind).toBe("connected");
		// The next sync asks Etsy again, and Etsy answers.
		refusing = false;
		const next = nextRun();
		expect(next.api.getMe().shopId).toBe("5550001");
		expect(next.oauth.connectionState().kind).toBe("connected");
	});

	it("asks the owner to reconnect only when a 401 persists after a refresh sync after sync", () => {
		const { api, http, oauth, nextRun } = harness((request) =>
			isTokenRequest(request)
				? tokenAnswer(http.requests.length)
				: json(401, { error: "invalid_token", error_description: "token revoked" }),
		);
		expect(caughtError(() => api.getShopReceipts(SHOP_ID, {}))).toMatchObject({ reconnect: false });
		// Counted once per sync, however many requests meet it.
		expect(caughtError(() => api.getShopReceipts(SHOP_ID, {}))).toMatchObject({ runs: 1 });
		expect(caughtError(() => nextRun().api.getShopReceipts(SHOP_ID, {}))).toMatchObject({ runs: 2 });
		const last = nextRun();
		const error = caughtError(() => last.api.getShopReceipts(SHOP_ID, {}));
		expect(error).toBeInstanceOf(EtsySignInError);
		expect(error).toMatchObject({
			reconnect: true,
			reason: "rejected",
			etsyCode: "invalid_token",
			endpoint: "getShopReceipts",
		});
		expect(error.message).toContain("Reconnect Etsy from the Hubsheet menu");
		expect(oauth.connectionState().kind).toBe("reconnect-required");
	});

	it("an accepted token ends a run of refusals", () => {
		let refusing = true;
		const { api, http, nextRun } = harness((request) => {
			if (isTokenRequest(request)) return tokenAnswer(http.requests.length);
			return refusing
				? json(401, { error: "invalid_token", error_description: "token revoked" })
				: json(200, { user_id: 12345678, shop_id: 5550001 });
		});
		caughtError(() => api.getMe());
		caughtError(() => nextRun().api.getMe());
		refusing = false;
		nextRun().api.getMe();
		refusing = true;
		expect(caughtError(() => nextRun().api.getMe())).toMatchObject({ runs: 1 });
	});

	it("stops at once when a revoked grant is found during a request", () => {
		const { api, http } = harness(
			(request) =>
				isTokenRequest(request)
					? json(400, { error: "invalid_grant", error_description: "refresh_token is revoked" })
					: json(200, {}),
			{ expiresInMs: -1 },
		);
		expect(caughtError(() => api.getMe())).toMatchObject({ kind: "auth", reconnect: true, reason: "revoked" });
		expect(http.requests).toHaveLength(1);
	});
});

describe("rate limits", () => {
	it("waits as long as retry-after says on a 429, then retries", () => {
		const { api, clock, http } = harness(
			sequence(
				json(429, { error: "Too many requests" }, { "retry-after": "5" }),
				json(200, { user_id: 1, shop_id: 2 }),
			),
		);
		expect(api.getMe()).toEqual({ userId: "1", shopId: "2" });
		expect(clock.sleeps).toEqual([5000]);
		expect(http.requests).toHaveLength(2);
	});

	it("gives up after 3 retries with a typed error", () => {
		const { api, clock, http } = harness(sequence(json(429, { error: "Too many requests" }, { "retry-after": "2" })));
		let error: unknown;
		try {
			api.getMe();
		} catch (caught) {
			error = caught;
		}
		expect(error).toMatchObject({ platform: "Etsy", endpoint: "getMe", kind: "rate-limit" });
		expect((error as Error).message).toBe("Etsy getMe is rate-limited: still refused after 3 retries");
		expect(clock.sleeps).toEqual([2000, 2000, 2000]);
		expect(http.requests).toHaveLength(4);
	});

	it("does not wait longer than the cap: a long retry-after fails at once", () => {
		const { api, clock } = harness(
			sequence(json(429, { error: "Daily limit reached" }, { "retry-after": "3600", "x-remaining-today": "0" })),
		);
		let error: unknown;
		try {
			api.getMe();
		} catch (caught) {
			error = caught;
		}
		expect(error).toMatchObject({ kind: "rate-limit", options: { retryAfterSeconds: 3600 } });
		expect(api.quota?.remainingToday).toBe(0);
		expect((error as Error).message).toMatch(/Etsy asked to wait 3600 s/);
		expect(clock.sleeps).toEqual([]);
	});

	it("backs off when a 429 has no retry-after", () => {
		const { api, clock } = harness(sequence(json(429, {}), json(429, {}), json(200, { user_id: 1 })));
		api.getMe();
		expect(clock.sleeps).toEqual([1000, 2000]);
	});

	it("reads the daily quota and reports when it is nearly spent", () => {
		const quota = (remaining: number) => ({
			"x-limit-per-second": "10",
			"x-remaining-this-second": "9",
			"x-limit-per-day": "10000",
			"x-remaining-today": String(remaining),
		});
		const { api, http, log } = harness(sequence(json(200, { user_id: 1 }, quota(51))));
		expect(api.quota).toBeNull();
		expect(api.isQuotaLow()).toBe(false);
		api.getMe();
		expect(api.quota?.remainingToday).toBe(51);
		expect(api.isQuotaLow()).toBe(false);
		http.respondWith(sequence(json(200, { user_id: 1 }, quota(49))));
		api.getMe();
		api.getMe();
		expect(api.isQuotaLow()).toBe(true);
		expect(log.lines.filter((line) => line.includes("quota"))).toEqual([
			"warn Etsy's daily request quota is nearly spent: 49 left of 10000",
		]);

		const strict = harness(sequence(json(200, { user_id: 1 }, quota(400))), { api: { minRemainingToday: 500 } });
		strict.api.getMe();
		expect(strict.api.isQuotaLow()).toBe(true);
	});
});

describe("server errors", () => {
	it("retries a 5xx with backoff and succeeds", () => {
		const { api, clock } = harness(sequence(json(503, {}), json(502, {}), json(200, { user_id: 1 })));
		expect(api.getMe().userId).toBe("1");
		expect(clock.sleeps).toEqual([1000, 2000]);
	});

	it("gives up after the bounded retries with an error naming the endpoint and status", () => {
		const { api, http } = harness(sequence(json(500, { error: "Server Error" })));
		expect(() => api.getShopReceipts(SHOP_ID, {})).toThrow(
			"Etsy getShopReceipts failed with HTTP 500 after 3 attempts: Server Error",
		);
		expect(http.requests).toHaveLength(3);
	});

	it("retries when no answer comes, then fails typed", () => {
		const { api, http } = harness(() => {
			throw new Error("Timeout: https://etsy-sandbox.test/v3/application/users/me");
		});
		let error: unknown;
		try {
			api.getMe();
		} catch (caught) {
			error = caught;
		}
		expect(error).toMatchObject({ kind: "unavailable", endpoint: "getMe" });
		expect((error as Error).message).toBe(
			"Etsy getMe could not be reached after 3 attempts: Timeout: https://etsy-sandbox.test/v3/application/users/me",
		);
		expect(http.requests).toHaveLength(3);
	});
});

describe("parsing at the edge", () => {
	it("names the endpoint when the body is not JSON", () => {
		const { api } = harness(sequence(text(200, "<html>Bad gateway</html>")));
		let error: unknown;
		try {
			api.getShopReceipts(SHOP_ID, {});
		} catch (caught) {
			error = caught;
		}
		expect(error).toMatchObject({ kind: "malformed", endpoint: "getShopReceipts" });
		expect((error as Error).message).toMatch(
			/^Etsy getShopReceipts returned a malformed answer Hubsheet cannot read: the body is not JSON .+/,
		);
		expect(() => harness(sequence(text(200, ""))).api.getMe()).toThrow(
			"Etsy getMe returned a malformed answer Hubsheet cannot read: the body is empty",
		);
	});

	it("names the endpoint and the field when a receipt has the wrong shape", () => {
		const { api } = harness(
			sequence(json(200, wireReceipt({ grandtotal: { amount: 100, divisor: "100", currency_code: "EUR" } }))),
		);
		let error: unknown;
		try {
			api.getShopReceipt(SHOP_ID, 3000000001);
		} catch (caught) {
			error = caught;
		}
		expect(error).toMatchObject({ kind: "malformed", endpoint: "getShopReceipt" });
		expect((error as Error).message).toBe(
			"Etsy getShopReceipt returned a malformed answer Hubsheet cannot read: grandtotal.divisor: expected number, received string",
		);
	});

	it("reports one odd receipt in a page with its path, and keeps the others", () => {
		const receipts = wireReceipts(5);
		receipts[3] = wireReceipt({
			receipt_id: 3000000003,
			grandtotal: { amount: 100, divisor: "100", currency_code: "EUR" },
		});
		const { api } = harness(sequence(json(200, { count: 5, results: receipts })));
		const page = api.getShopReceipts(SHOP_ID, {});
		expect(page.received).toBe(5);
		expect(page.receipts.map((receipt) => receipt.receipt_id)).toEqual([
			3000000000, 3000000001, 3000000002, 3000000004,
		]);
		expect(page.invalid).toEqual([
			{
				index: 3,
				receiptId: "3000000003",
				message: "Etsy getShopReceipts: results[3].grandtotal.divisor: expected number, received string",
			},
		]);
	});

	it("fails the page when the envelope itself is wrong", () => {
		const { api } = harness(sequence(json(200, { count: "5", results: [] })));
		expect(() => api.getShopReceipts(SHOP_ID, {})).toThrow(
			"Etsy getShopReceipts returned a malformed answer Hubsheet cannot read: count: expected number, received string",
		);
		const missing = harness(sequence(json(200, { count: 1 })));
		expect(() => missing.api.getShopReceipts(SHOP_ID, {})).toThrow(
			"Etsy getShopReceipts returned a malformed answer Hubsheet cannot read: results: expected array, received undefined",
		);
	});

	it("says how many more problems there were", () => {
		const { api } = harness(
			sequence(json(200, wireReceipt({ receipt_id: "x", is_paid: "yes", grandtotal: money(1) }))),
		);
		expect(() => api.getShopReceipt(SHOP_ID, 1)).toThrow(
			"Etsy getShopReceipt returned a malformed answer Hubsheet cannot read: receipt_id: expected number, received string (and 1 more problem)",
		);
	});
});

describe("createReceiptShipment", () => {
	const shipment = { trackingCode: "620123456789012345678901", carrierName: "InPost", sendBcc: true };

	it("posts the tracking form and returns the updated receipt", () => {
		const { api, http } = harness(
			sequence(
				json(
					200,
					wireReceipt({
						is_shipped: true,
						shipments: [{ carrier_name: "InPost", tracking_code: "620123456789012345678901" }],
					}),
				),
			),
		);
		const result = api.createReceiptShipment(SHOP_ID, "3000000001", shipment);
		expect(result.kind).toBe("created");
		const [request] = http.requests;
		expect(request?.method).toBe("post");
		expect(pathOf(request as HttpRequest)).toBe(`${RECEIPT_PATH}/tracking`);
		expect(request?.contentType).toBe("application/x-www-form-urlencoded");
		expect(formOf(request as HttpRequest)).toEqual({
			tracking_code: "620123456789012345678901",
			carrier_name: "InPost",
			send_bcc: "true",
		});
	});

	it("can mark a receipt shipped without tracking", () => {
		const { api, http } = harness(sequence(json(200, wireReceipt({ is_shipped: true }))));
		api.createReceiptShipment(SHOP_ID, 3000000001, {});
		expect(formOf(http.requests[0] as HttpRequest)).toEqual({ send_bcc: "false" });
	});

	it("turns Etsy's refusals into results", () => {
		const answer = (status: number, error: string) =>
			harness(sequence(json(status, { error }))).api.createReceiptShipment(SHOP_ID, 1, {});
		expect(answer(400, "A tracking number is required")).toEqual({
			kind: "tracking-required",
			message: "A tracking number is required",
		});
		expect(
			answer(
				400,
				"tracking_code and carrier_name are required when shipping within the United States for orders over $10",
			),
		).toMatchObject({ kind: "tracking-required" });
		expect(answer(409, "Receipt has already been shipped")).toEqual({
			kind: "conflict",
			message: "Receipt has already been shipped",
		});
		expect(answer(400, "Unsupported carrier_name")).toEqual({
			kind: "rejected",
			status: 400,
			message: "Unsupported carrier_name",
		});
		expect(answer(404, "Receipt not found")).toMatchObject({ kind: "rejected", status: 404 });
	});

	it("never repeats the submission after a 5xx or a timeout: the buyer would get two emails", () => {
		const failing = harness(sequence(json(502, { error: "Bad gateway" })));
		let error: unknown;
		try {
			failing.api.createReceiptShipment(SHOP_ID, 1, shipment);
		} catch (caught) {
			error = caught;
		}
		expect(error).toMatchObject({
			kind: "unavailable",
			options: { mayHaveApplied: true, status: 502 },
			endpoint: "createReceiptShipment",
		});
		expect(failing.http.requests).toHaveLength(1);

		const silent = harness(() => {
			throw new Error("Timeout");
		});
		expect(caughtError(() => silent.api.createReceiptShipment(SHOP_ID, 1, shipment))).toMatchObject({
			kind: "unavailable",
			options: { mayHaveApplied: true },
		});
		expect(silent.http.requests).toHaveLength(1);
	});

	it("repeats it after a 429, which Etsy answers without acting", () => {
		const { api, http } = harness(sequence(json(429, {}, { "retry-after": "1" }), json(200, wireReceipt())));
		expect(api.createReceiptShipment(SHOP_ID, 1, shipment).kind).toBe("created");
		expect(http.requests).toHaveLength(2);
	});

	it("reports success even when the answer cannot be read, so the caller does not submit twice", () => {
		const { api } = harness(sequence(text(200, "{not json")));
		const result = api.createReceiptShipment(SHOP_ID, 1, shipment);
		expect(result).toMatchObject({ kind: "created", receipt: null });
		expect(result.kind === "created" && result.problem).toMatch(
			/^Etsy createReceiptShipment returned a malformed answer Hubsheet cannot read/,
		);
	});
});

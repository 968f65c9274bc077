import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EtsyControlClient } from "../../../local/sandbox/etsy/control-client.js";
import { LONG_NOTE } from "../../../local/sandbox/etsy/edge-cases.js";
import { EtsyState } from "../../../local/sandbox/etsy/state.js";
import type { ShopReceipt } from "../../../local/sandbox/etsy/types.js";
import { type StartedSandboxes, startSandboxes } from "../../../local/sandbox/main.js";
import { authorize, EtsyTestClient, pkcePair, RECEIPTS, SHOP_ID, tokenRequest } from "./etsy-client.js";

const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);
const NOW_S = NOW / 1000;
const REDIRECT = "https://script.google.com/macros/d/local/usercallback";

type Page = { count: number; results: ShopReceipt[] };

let started: StartedSandboxes;
let control: EtsyControlClient;
let api: EtsyTestClient;
let baseUrl: string;

beforeAll(async () => {
	started = await startSandboxes({ only: ["etsy"], seed: 7 });
	baseUrl = started.urls.etsy as string;
	control = new EtsyControlClient(baseUrl);
	api = new EtsyTestClient(baseUrl);
});
afterAll(() => started.close());

/** A frozen, seeded shop and a fresh token; the per-second limit is lifted so tests can burst. */
async function fresh(options: Parameters<EtsyControlClient["reset"]>[0] = {}) {
	await control.reset({
		now: NOW,
		frozen: true,
		seed: 7,
		...options,
		settings: { perSecond: 1000, ...options.settings },
	});
	// Long-lived, so tests that move the clock by days keep their token; expiry has its own test.
	api.token = (await control.issueTokens({ expires_in: 365 * 86_400 })).access_token;
}

describe("getShopReceipts", () => {
	beforeEach(() => fresh({ receipts: 0 }));

	it("pages 250 receipts in 3 pages of 100 by offset", async () => {
		await control.generateReceipts({ count: 250 });
		const seen: ShopReceipt[] = [];
		for (const offset of [0, 100, 200]) {
			const page = await api.get<Page>(RECEIPTS, { limit: 100, offset, sort_on: "updated", sort_order: "asc" });
			expect(page.status).toBe(200);
			expect(page.body.count).toBe(250);
			seen.push(...page.body.results);
		}
		expect(seen).toHaveLength(250);
		expect(new Set(seen.map((r) => r.receipt_id)).size).toBe(250);
		const updated = seen.map((r) => r.updated_timestamp);
		expect(updated).toEqual([...updated].sort((a, b) => a - b));
		const beyond = await api.get<Page>(RECEIPTS, { limit: 100, offset: 300 });
		expect(beyond.body).toEqual({ count: 250, results: [] });
	});

	it("defaults to 25 newest-created first", async () => {
		await control.generateReceipts({ count: 30 });
		const page = await api.get<Page>(RECEIPTS);
		expect(page.body.results).toHaveLength(25);
		const created = page.body.results.map((r) => r.created_timestamp);
		expect(created).toEqual([...created].sort((a, b) => b - a));
	});

	it("filters on min_last_modified: only what changed since the cursor", async () => {
		await control.generateReceipts({ count: 20 });
		const all = (await control.receipts()).results.filter((r) => r.status === "paid" || r.status === "completed");
		const [a, b, c] = all;
		if (!a || !b || !c) throw new Error("seed has too few open receipts");
		const cursor = NOW_S + 1;
		await control.advanceClock({ seconds: 3600 });
		await control.changeAddress(a.receipt_id, { first_line: "ul. Nowa 1", zip: "02-001", city: "Warszawa" });
		await control.cancel(b.receipt_id, { reason: "Buyer asked" });
		// Etsy is known to miss some cancellations in min_last_modified; the sandbox can too.
		await control.cancel(c.receipt_id, { bump: false });
		const changed = await api.get<Page>(RECEIPTS, { min_last_modified: cursor, sort_on: "updated", sort_order: "asc" });
		expect(changed.body.results.map((r) => r.receipt_id).sort()).toEqual([a.receipt_id, b.receipt_id].sort());
		expect(changed.body.results.every((r) => r.updated_timestamp === NOW_S + 3600)).toBe(true);
		const cancelled = await api.get<Page>(RECEIPTS, { was_canceled: true, limit: 100 });
		expect(cancelled.body.results.map((r) => r.receipt_id)).toEqual(
			expect.arrayContaining([b.receipt_id, c.receipt_id]),
		);
	});

	it("applies the paid, shipped, delivered and created filters", async () => {
		await control.generateReceipts({ count: 60, spanDays: 40 });
		const { results, delivered } = await control.receipts();
		const count = async (query: Record<string, string | number | boolean>) =>
			(await api.get<Page>(RECEIPTS, { ...query, limit: 1 })).body.count;
		expect(await count({ was_paid: false })).toBe(results.filter((r) => !r.is_paid).length);
		expect(await count({ was_shipped: true })).toBe(results.filter((r) => r.is_shipped).length);
		expect(await count({ was_delivered: true })).toBe(delivered.length);
		const since = NOW_S - 10 * 86_400;
		expect(await count({ min_created: since })).toBe(results.filter((r) => r.created_timestamp >= since).length);
		expect(await count({ max_created: since })).toBe(results.filter((r) => r.created_timestamp <= since).length);
	});

	it.each([
		[{ limit: 0 }, "limit"],
		[{ offset: -1 }, "offset"],
		[{ limit: "ten" }, "limit"],
		[{ sort_on: "price" }, "sort_on"],
		[{ sort_order: "sideways" }, "sort_order"],
		[{ min_last_modified: 12345 }, "min_last_modified"],
		[{ was_paid: "maybe" }, "was_paid"],
	])("rejects %o with 400 naming %s", async (query, name) => {
		const response = await api.get<{ error: string }>(RECEIPTS, query as Record<string, string | number>);
		expect(response.status).toBe(400);
		expect(response.body.error).toContain(name);
	});

	it("refuses another shop's receipts", async () => {
		const response = await api.get<{ error: string }>("/v3/application/shops/999/receipts");
		expect(response).toMatchObject({ status: 403, body: { error: "User does not own Shop 999" } });
	});
});

describe("getShopReceipt", () => {
	beforeEach(() => fresh());

	it("returns one receipt, 404 for an unknown one", async () => {
		const [first] = (await control.receipts()).results;
		const one = await api.get<ShopReceipt>(`${RECEIPTS}/${first?.receipt_id}`);
		expect(one.body).toEqual(first);
		const missing = await api.get<{ error: string }>(`${RECEIPTS}/1`);
		expect(missing.status).toBe(404);
		expect(missing.body.error).toMatch(/not found/);
	});
});

describe("createReceiptShipment", () => {
	let paid: ShopReceipt;
	beforeEach(async () => {
		await fresh({ receipts: 0 });
		paid = await control.createReceipt({ buyer: { country_iso: "PL" }, items: [{ listing: "standing-desk" }] });
	});
	const track = (id: number, form: Record<string, string>) =>
		api.request<ShopReceipt & { error?: string }>("POST", `${RECEIPTS}/${id}/tracking`, { form });

	it("records tracking, marks the receipt shipped and bumps updated_timestamp", async () => {
		await control.advanceClock({ seconds: 600 });
		const code = "612345678901234567890123";
		const response = await track(paid.receipt_id, { tracking_code: code, carrier_name: "inpost", send_bcc: "true" });
		expect(response.status).toBe(200);
		expect(response.body).toMatchObject({ is_shipped: true, status: "completed", updated_timestamp: NOW_S + 600 });
		expect(response.body.shipments).toEqual([
			expect.objectContaining({
				carrier_name: "InPost",
				tracking_code: code,
				shipment_notification_timestamp: NOW_S + 600,
			}),
		]);
		expect(response.body.transactions.every((t) => t.shipped_timestamp === NOW_S + 600)).toBe(true);
	});

	it("keeps tracking for 'other' but drops it for a carrier Etsy does not know", async () => {
		const other = await track(paid.receipt_id, { tracking_code: "X1", carrier_name: "other" });
		expect(other.body.shipments.map((s) => s.carrier_name)).toEqual(["other"]);
		const second = await control.createReceipt({});
		const unknown = await track(second.receipt_id, { tracking_code: "X2", carrier_name: "Furgonetka Express" });
		expect(unknown.status).toBe(200);
		expect(unknown.body).toMatchObject({ is_shipped: true, shipments: [] });
	});

	it("marks shipped without tracking when neither field is sent; 400 when only one is", async () => {
		expect((await track(paid.receipt_id, {})).body).toMatchObject({ is_shipped: true, shipments: [] });
		const half = await track(paid.receipt_id, { tracking_code: "123" });
		expect(half.status).toBe(400);
		expect(half.body.error).toMatch(/together/);
		expect(
			(await track(paid.receipt_id, { tracking_code: "1", carrier_name: "DPD", send_bcc: "perhaps" })).status,
		).toBe(400);
	});

	it("answers 409 for a cancelled or unpaid receipt and 404 for an unknown one", async () => {
		await control.cancel(paid.receipt_id);
		expect((await track(paid.receipt_id, { tracking_code: "1", carrier_name: "DPD" })).status).toBe(409);
		const unpaid = await control.createReceipt({ status: "open" });
		expect((await track(unpaid.receipt_id, { tracking_code: "1", carrier_name: "DPD" })).status).toBe(409);
		expect((await track(42, { tracking_code: "1", carrier_name: "DPD" })).status).toBe(404);
	});

	it("needs the transactions_w scope", async () => {
		api.token = (await control.issueTokens({ scopes: ["transactions_r"] })).access_token;
		const response = await track(paid.receipt_id, { tracking_code: "1", carrier_name: "DPD" });
		expect(response).toMatchObject({ status: 403, body: { error: "insufficient_scope" } });
	});
});

describe("getShippingCarriers and getMe", () => {
	beforeEach(() => fresh());

	it("lists carriers for an origin country; 400 without a valid one", async () => {
		const pl = await api.get<{ count: number; results: Array<{ name: string }> }>("/v3/application/shipping-carriers", {
			origin_country_iso: "PL",
		});
		expect(pl.body.results.map((c) => c.name)).toEqual(expect.arrayContaining(["InPost", "DPD", "Poczta Polska"]));
		expect(pl.body.count).toBe(pl.body.results.length);
		expect((await api.get("/v3/application/shipping-carriers")).status).toBe(400);
		expect((await api.get("/v3/application/shipping-carriers", { origin_country_iso: "POL" })).status).toBe(400);
	});

	it("tells the user and shop of the token", async () => {
		expect((await api.get("/v3/application/users/me")).body).toEqual({ user_id: 81_234_567, shop_id: SHOP_ID });
		api.token = (await control.issueTokens({ scopes: ["transactions_r", "transactions_w"] })).access_token;
		// The spec asks for shops_r on getMe; a connector that only asked for transactions_* gets 403.
		expect((await api.get("/v3/application/users/me")).status).toBe(403);
	});
});

describe("API key and access token", () => {
	beforeEach(() => fresh());

	it("checks x-api-key as keystring:shared_secret", async () => {
		const withKey = (key: string | undefined) =>
			api.request<{ error: string }>("GET", RECEIPTS, {
				headers: key === undefined ? { "x-api-key": "" } : { "x-api-key": key },
			});
		expect(await withKey(undefined)).toMatchObject({
			status: 403,
			body: { error: "Missing x-api-key header or client_id" },
		});
		expect(await withKey("hubsheetsandboxkeystring")).toMatchObject({
			status: 403,
			body: { error: "Shared secret is required in x-api-key header." },
		});
		expect((await withKey("hubsheetsandboxkeystring:wrong")).status).toBe(403);
	});

	it("answers 401 invalid_token for a missing, expired or revoked token", async () => {
		api.token = undefined;
		expect(await api.get(RECEIPTS)).toMatchObject({ status: 401, body: { error: "invalid_token" } });
		api.token = (await control.issueTokens()).access_token;
		expect((await api.get(RECEIPTS)).status).toBe(200);
		await control.advanceClock({ seconds: 3600 });
		expect(await api.get(RECEIPTS)).toMatchObject({
			status: 401,
			body: { error: "invalid_token", error_description: "access token is expired" },
		});
	});

	it("revokes every token on a password change", async () => {
		const tokens = await control.issueTokens();
		api.token = tokens.access_token;
		expect((await api.get(RECEIPTS)).status).toBe(200);
		expect((await control.revokeTokens()).revoked).toBeGreaterThanOrEqual(2);
		expect(await api.get(RECEIPTS)).toMatchObject({ status: 401, body: { error: "invalid_token" } });
		const refresh = await tokenRequest(baseUrl, {
			grant_type: "refresh_token",
			client_id: "hubsheetsandboxkeystring",
			refresh_token: tokens.refresh_token,
		});
		expect(refresh).toMatchObject({
			status: 400,
			body: { error: "invalid_grant", error_description: "refresh_token is revoked" },
		});
	});
});

describe("OAuth", () => {
	beforeEach(() => fresh());
	const start = (challenge: string, extra: Record<string, string> = {}) =>
		authorize(baseUrl, {
			response_type: "code",
			client_id: "hubsheetsandboxkeystring",
			redirect_uri: REDIRECT,
			scope: "transactions_r transactions_w",
			state: "st4te",
			code_challenge: challenge,
			code_challenge_method: "S256",
			...extra,
		});
	const exchange = (code: string, verifier: string, redirectUri = REDIRECT) =>
		tokenRequest(baseUrl, {
			grant_type: "authorization_code",
			client_id: "hubsheetsandboxkeystring",
			redirect_uri: redirectUri,
			code,
			code_verifier: verifier,
		});

	it("runs authorization code + PKCE, and a code works once", async () => {
		const { verifier, challenge } = pkcePair();
		const redirect = await start(challenge);
		expect(redirect.get("state")).toBe("st4te");
		const code = redirect.get("code") as string;
		const tokens = await exchange(code, verifier);
		expect(tokens.status).toBe(200);
		expect(tokens.body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
		expect(String(tokens.body.access_token)).toMatch(/^81234567\./);
		api.token = String(tokens.body.access_token);
		expect((await api.get(RECEIPTS)).status).toBe(200);
		expect(await exchange(code, verifier)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
	});

	it("rejects a wrong PKCE verifier or redirect_uri", async () => {
		const { challenge } = pkcePair();
		const code = (await start(challenge)).get("code") as string;
		expect(await exchange(code, pkcePair().verifier)).toMatchObject({
			status: 400,
			body: { error: "invalid_grant", error_description: "code_verifier is invalid" },
		});
		const second = pkcePair();
		const code2 = (await start(second.challenge)).get("code") as string;
		expect((await exchange(code2, second.verifier, "https://evil.example/cb")).body.error).toBe("invalid_grant");
	});

	it("redirects with access_denied when the seller denies, and with invalid_request for plain PKCE", async () => {
		expect((await start(pkcePair().challenge, { code_challenge_method: "plain" })).get("error")).toBe(
			"invalid_request",
		);
		await control.updateSettings({ denyAuthorization: true });
		const denied = await start(pkcePair().challenge);
		expect(denied.get("error")).toBe("access_denied");
		expect(denied.get("state")).toBe("st4te");
		expect(denied.get("code")).toBeNull();
	});

	it("rotates the refresh token on every refresh", async () => {
		const first = await control.issueTokens();
		const refresh = (token: string) =>
			tokenRequest(baseUrl, {
				grant_type: "refresh_token",
				client_id: "hubsheetsandboxkeystring",
				refresh_token: token,
			});
		const second = await refresh(first.refresh_token);
		expect(second.status).toBe(200);
		expect(second.body.refresh_token).not.toBe(first.refresh_token);
		expect(await refresh(first.refresh_token)).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
		const third = await refresh(String(second.body.refresh_token));
		expect(third.status).toBe(200);
		// The access token from before the refresh keeps working until it expires.
		api.token = first.access_token;
		expect((await api.get(RECEIPTS)).status).toBe(200);
		api.token = String(third.body.access_token);
		expect((await api.get(RECEIPTS)).status).toBe(200);
	});

	it("expires refresh tokens after 90 days", async () => {
		const tokens = await control.issueTokens();
		await control.advanceClock({ days: 91 });
		const response = await tokenRequest(baseUrl, {
			grant_type: "refresh_token",
			client_id: "hubsheetsandboxkeystring",
			refresh_token: tokens.refresh_token,
		});
		expect(response.body).toMatchObject({ error: "invalid_grant", error_description: "refresh_token is expired" });
	});
});

describe("rate limits", () => {
	it("counts the day in x-remaining-today and answers 429 with retry-after", async () => {
		await fresh({ settings: { perDay: 3 } });
		const first = await api.get(RECEIPTS);
		expect(first.headers.get("x-limit-per-day")).toBe("3");
		expect(first.headers.get("x-remaining-today")).toBe("2");
		await api.get(RECEIPTS);
		await api.get(RECEIPTS);
		const limited = await api.get<{ error: string }>(RECEIPTS);
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(86_000);
		expect(limited.headers.get("x-remaining-today")).toBe("0");
		await control.advanceClock({ days: 1 });
		expect((await api.get(RECEIPTS)).status).toBe(200);
	});

	it("limits bursts per second", async () => {
		await fresh({ settings: { perSecond: 2 } });
		const statuses = await Promise.all([1, 2, 3, 4].map(() => api.get(RECEIPTS).then((r) => r.status)));
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
	});

	it("can start a test near the daily limit", async () => {
		await fresh();
		await control.updateSettings({ usedToday: 9_999 });
		expect((await api.get(RECEIPTS)).headers.get("x-remaining-today")).toBe("0");
		expect((await api.get(RECEIPTS)).status).toBe(429);
	});
});

describe("faults during a sync", () => {
	beforeEach(async () => {
		await fresh({ receipts: 0 });
		await control.generateReceipts({ count: 250 });
	});
	const page = (offset: number) =>
		api.get<Page>(RECEIPTS, { limit: 100, offset, sort_on: "updated", sort_order: "asc" });

	it("fails the second page once with a 503, then serves it", async () => {
		await control.addFault({
			kind: "error",
			status: 503,
			path: "/v3/application/shops/:shop_id/receipts",
			query: { offset: "100" },
		});
		expect((await page(0)).status).toBe(200);
		const failed = await page(100);
		expect(failed).toMatchObject({ status: 503, body: { error: "Server Error" } });
		const retried = await page(100);
		expect(retried.status).toBe(200);
		expect(retried.body.results).toHaveLength(100);
	});

	it("serves a malformed JSON body once", async () => {
		await control.addFault({ kind: "malformed", path: RECEIPTS });
		const broken = await page(0);
		expect(broken.status).toBe(200);
		expect(() => JSON.parse(broken.text)).toThrow();
		expect((await page(0)).body.results).toHaveLength(100);
	});

	it("answers revoked-token faults like a revoked token", async () => {
		await control.addFault({ kind: "revoked-token" });
		expect(await page(0)).toMatchObject({ status: 401, body: { error: "invalid_token" } });
		expect((await page(0)).status).toBe(200);
	});

	it("answers a 429 fault with retry-after, or without when NOTES.md's UNCONFIRMED other reading is set", async () => {
		await control.addFault({ kind: "rate-limit", retryAfter: 30 });
		const limited = await page(0);
		expect(limited.status).toBe(429);
		expect(limited.headers.get("retry-after")).toBe("30");
		await control.updateSettings({ retryAfter: false });
		await control.addFault({ kind: "rate-limit", retryAfter: 30 });
		const bare = await page(0);
		expect(bare.status).toBe(429);
		expect(bare.headers.get("retry-after")).toBeNull();
	});

	it("keeps offset paging honest: a receipt updated mid-sync moves to the end", async () => {
		const first = await page(0);
		const moved = first.body.results[0] as ShopReceipt;
		await control.advanceClock({ seconds: 60 });
		await control.changeAddress(moved.receipt_id, { city: "Kraków", zip: "31-019" });
		const second = await page(100);
		// Everything shifted left by one: the first receipt of page 2 was the second of page 2 before.
		expect(second.body.results.at(-1)?.receipt_id).not.toBe(moved.receipt_id);
		const last = await page(200);
		expect(last.body.results.at(-1)?.receipt_id).toBe(moved.receipt_id);
	});
});

describe("seeded shop", () => {
	it("is the same for the same seed and clock, and differs for another seed", () => {
		const a = new EtsyState({ seed: 11, receipts: 40 }, NOW_S);
		const b = new EtsyState({ seed: 11, receipts: 40 }, NOW_S);
		const c = new EtsyState({ seed: 12, receipts: 40 }, NOW_S);
		expect(a.sortedReceipts()).toEqual(b.sortedReceipts());
		expect(c.sortedReceipts()).not.toEqual(a.sortedReceipts());
	});

	it("looks like a real furniture shop", () => {
		const receipts = new EtsyState({ seed: 3, receipts: 300, spanDays: 90 }, NOW_S).sortedReceipts();
		const statuses = new Set(receipts.map((r) => r.status));
		for (const status of ["paid", "completed", "canceled"]) expect(statuses).toContain(status);
		expect(receipts.some((r) => r.status.endsWith("refunded"))).toBe(true);
		expect(new Set(receipts.map((r) => r.country_iso))).toEqual(new Set(["PL", "DE", "US", "GB", "JP", "FR"]));
		expect(receipts.some((r) => r.buyer_email === null)).toBe(true);
		expect(receipts.some((r) => r.is_gift && r.gift_message !== "")).toBe(true);
		expect(receipts.some((r) => r.transactions.length > 1)).toBe(true);
		expect(receipts.some((r) => r.zip === "01-234")).toBe(true);
		const variations = receipts.flatMap((r) => r.transactions.flatMap((t) => t.variations));
		expect(variations.some((v) => v.formatted_name === "Wood" && v.formatted_value === "Walnut")).toBe(true);
		expect(variations.some((v) => v.formatted_name === "Width" && v.formatted_value === "160 cm")).toBe(true);
		expect(variations.some((v) => v.formatted_name === "Personalization")).toBe(true);
		const notes = receipts.map((r) => r.message_from_buyer ?? "").join(" ");
		for (const sample of ["ę", "ö", "«", "します", "🙏"]) expect(notes).toContain(sample);
		// Money adds up.
		for (const r of receipts) {
			expect(r.grandtotal.amount).toBe(
				r.subtotal.amount + r.total_shipping_cost.amount + r.total_tax_cost.amount + r.gift_wrap_price.amount,
			);
		}
	});

	it("serves every edge case unchanged", async () => {
		await fresh({ receipts: 0, edgeCases: true });
		const { edgeCases } = await control.summary();
		const get = async (key: string) => (await api.get<ShopReceipt>(`${RECEIPTS}/${edgeCases[key]}`)).body;
		expect((await get("formula")).message_from_buyer).toBe('=IMPORTXML("http://x","//a")');
		expect((await get("long-number")).message_from_buyer).toBe("123456789012345678901234");
		expect((await get("leading-zeros")).zip).toBe("02139");
		expect((await get("leading-zeros")).message_from_buyer).toBe("007");
		expect((await get("postcode")).zip).toBe("01-234");
		expect((await get("long-note")).message_from_buyer).toBe(LONG_NOTE);
		expect(LONG_NOTE).toHaveLength(5000);
		expect((await get("html")).name).toBe("<img src=x onerror=alert(1)>");
		expect((await get("no-email")).buyer_email).toBeNull();
	});
});

describe("simulated business", () => {
	it("brings new paid orders as sandbox time passes", async () => {
		await fresh({ receipts: 0, settings: { ordersPerDay: 10 } });
		await control.advanceClock({ days: 3 });
		const { results } = await control.receipts();
		expect(results).toHaveLength(30);
		expect(results.every((r) => r.status === "paid" && r.created_timestamp > NOW_S)).toBe(true);
		const fresh30 = await api.get<Page>(RECEIPTS, { min_created: NOW_S + 1, limit: 100 });
		expect(fresh30.body.count).toBe(30);
	});

	it("lets a test drive a receipt's life: pay, ship-by, refund, deliver", async () => {
		await fresh({ receipts: 0 });
		const open = await control.createReceipt({
			status: "open",
			items: [{ listing: "chair", options: { Wood: "Ash" } }],
		});
		expect(open).toMatchObject({ is_paid: false, status: "open" });
		await control.advanceClock({ seconds: 60 });
		expect(await control.markPaid(open.receipt_id)).toMatchObject({
			is_paid: true,
			status: "paid",
			updated_timestamp: NOW_S + 60,
		});
		const shipBy = NOW_S + 5 * 86_400;
		const moved = await control.setShipBy(open.receipt_id, shipBy);
		expect(moved.transactions.every((t) => t.expected_ship_date === shipBy)).toBe(true);
		const partial = await control.refund(open.receipt_id, { amount: 10_000 });
		expect(partial.status).toBe("partially refunded");
		// Etsy leaves updated_timestamp alone for refunds (NOTES.md, Incremental import).
		expect(partial.updated_timestamp).toBe(moved.updated_timestamp);
		expect((await control.refund(open.receipt_id)).status).toBe("fully refunded");
		await control.markDelivered(open.receipt_id);
		expect((await api.get<Page>(RECEIPTS, { was_delivered: true })).body.count).toBe(1);
	});
});

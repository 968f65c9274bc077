import { describe, expect, it } from "vitest";
import { describeTestFailure } from "../../../src/core/connection-words.js";
import { etsy } from "../../../src/platforms/etsy/descriptor.js";
import { propertyKey } from "../../../src/platforms/http/descriptor.js";
import { checkMarketplaceForm } from "../../../src/platforms/http/marketplace-form.js";
import { MARKETPLACE } from "../../../src/platforms/registry.js";
import { platformErrorOf } from "../harness/platform-error.js";
import { etsyWorld, SHARED_SECRET, SHOP_ID } from "./sandbox-world.js";

const form = { keystring: "  abcd1234efgh  ", sharedSecret: " s3cret-value ", shopId: " 5550001 " };
const saved = (keys: string[]) => (key: string) => keys.includes(key);
const none = saved([]);
const check = (given: unknown, isSaved = none) => checkMarketplaceForm(etsy, given, isSaved);

describe("Etsy's descriptor", () => {
	it("is the registry's marketplace, its secrets under etsy.<field>", () => {
		expect(MARKETPLACE).toBe(etsy);
		expect(etsy.kind).toBe("marketplace");
		expect(Object.keys(etsy.secrets).map((field) => propertyKey(etsy, field))).toEqual([
			"etsy.keystring",
			"etsy.sharedSecret",
		]);
		expect(etsy.settings.map((setting) => [setting.key, setting.label])).toEqual([["etsyShopId", "Etsy shop id"]]);
	});
});

describe("the Etsy settings form, checked by the descriptor", () => {
	it("trims each field and says what is to be saved, where", () => {
		expect(check(form)).toEqual({
			properties: [
				["etsy.keystring", "abcd1234efgh"],
				["etsy.sharedSecret", "s3cret-value"],
			],
			settings: [["etsyShopId", "5550001"]],
		});
	});

	it("an empty shared secret keeps the saved one, and is needed when none is saved", () => {
		expect(check({ ...form, sharedSecret: "" }, saved(["etsy.sharedSecret"])).properties).toEqual([
			["etsy.keystring", "abcd1234efgh"],
		]);
		expect(() => check({ ...form, sharedSecret: "   " })).toThrow(
			"Enter the Etsy shared secret, as Etsy shows it under Your apps.",
		);
	});

	it("the keystring is needed on every save, saved or not", () => {
		expect(() => check({ ...form, keystring: "" }, saved(["etsy.keystring", "etsy.sharedSecret"]))).toThrow(
			/Etsy keystring should be letters and digits/,
		);
	});

	it("refuses a keystring or shop id of the wrong shape, in the owner's words, keystring first", () => {
		expect(() => check({ ...form, keystring: "abc" })).toThrow(/keystring should be letters and digits/);
		expect(() => check({ ...form, keystring: "abcd-1234-efgh" })).toThrow(/keystring/);
		expect(() => check({ ...form, shopId: "shop/../1" })).toThrow(
			'The Etsy shop id should be a number, not "shop/../1".',
		);
		expect(() => check({ keystring: 12345678, shopId: null }, saved(["etsy.sharedSecret"]))).toThrow(/shop id/);
		// All empty: the keystring is named first (the bundle test's refusal).
		expect(() => check({ keystring: "", sharedSecret: "", shopId: "" })).toThrow(/Etsy keystring/);
		// A wrong shop id is named before a missing shared secret.
		expect(() => check({ ...form, sharedSecret: "", shopId: "x" })).toThrow(/shop id/);
	});

	it("takes nothing but text: other form fields are ignored", () => {
		const result = check({ ...form, "etsy.oauth.tokens": "forged", crm: "Pipedrive" });
		expect(result.properties.map(([key]) => key)).toEqual(["etsy.keystring", "etsy.sharedSecret"]);
		expect(() => check(null)).toThrow(/keystring/);
	});

	it("never quotes the shared secret in an error", () => {
		const secret = "very-secret-value";
		for (const bad of [
			{ ...form, sharedSecret: secret, keystring: "x" },
			{ ...form, sharedSecret: secret, shopId: "y" },
		]) {
			expect(() => check(bad)).toThrow();
			try {
				check(bad);
			} catch (error) {
				expect((error as Error).message).not.toContain(secret);
			}
		}
	});
});

describe("Etsy's connection probe, against the Etsy sandbox", () => {
	function signedIn(options: Parameters<typeof etsyWorld>[0] = {}) {
		const w = etsyWorld(options);
		w.receipt();
		return w;
	}

	it("reads one receipt of the saved shop, with the sign-in's token", () => {
		const { http, api } = signedIn();
		expect(etsy.probe(api, { etsyShopId: SHOP_ID })).toEqual({});
		const reads = http.sent("GET", `/v3/application/shops/${SHOP_ID}/receipts`);
		expect(reads).toHaveLength(1);
		expect(new URL(reads[0]?.url ?? "").searchParams.get("limit")).toBe("1");
	});

	it("says which shop Etsy would not show, and what to check, in words naming Etsy", () => {
		const { api } = signedIn();
		const error = platformErrorOf(() => etsy.probe(api, { etsyShopId: "999" }));
		expect(error.platform).toBe("Etsy");
		expect(error.message).toBe(
			"it would not show the orders of shop 999 (Etsy getShopReceipts failed with HTTP 403: User does not own Shop 999). Check the Etsy shop id on the Settings sheet and your app's keystring and shared secret, then save.",
		);
		expect(describeTestFailure("Etsy", error, etsy.whereToFind)).toMatch(
			/^Etsy answered, but not as expected: it would/,
		);
	});

	it("a wrong shared secret is named the same way, never quoted", () => {
		const { api } = signedIn({ sandbox: { app: { sharedSecret: "another-secret" } } });
		const error = platformErrorOf(() => etsy.probe(api, { etsyShopId: SHOP_ID }));
		expect(error.message).toContain("Invalid API key");
		expect(error.message).not.toContain(SHARED_SECRET);
	});

	it("a revoked sign-in is an auth failure: the dialog asks for the details again", () => {
		const { api, sandbox } = signedIn();
		// The owner changed the Etsy password: the token is refused, and so is its renewal.
		sandbox.state.revokeAll();
		const error = platformErrorOf(() => etsy.probe(api, { etsyShopId: SHOP_ID }));
		expect(error.kind).toBe("auth");
		expect(describeTestFailure("Etsy", error, etsy.whereToFind)).toBe(
			"Etsy did not accept these details: copy them again as Etsy shows it under Your apps, and save.",
		);
	});
});

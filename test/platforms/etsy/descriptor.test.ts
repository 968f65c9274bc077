import { describe, expect, it } from "vitest";
import { etsy } from "../../../src/platforms/etsy/descriptor.js";
import { propertyKey } from "../../../src/platforms/http/descriptor.js";
import { checkMarketplaceForm } from "../../../src/platforms/http/marketplace-form.js";
import { MARKETPLACE } from "../../../src/platforms/registry.js";

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

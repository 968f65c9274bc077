import { describe, expect, it } from "vitest";
import { checkEtsySettings } from "../../../src/platforms/etsy/settings-form.js";

const form = { keystring: "  abcd1234efgh  ", sharedSecret: " s3cret-value ", shopId: " 5550001 " };

describe("the Etsy settings form", () => {
	it("trims each field and keeps what is to be saved", () => {
		expect(checkEtsySettings(form, false)).toEqual({
			keystring: "abcd1234efgh",
			sharedSecret: "s3cret-value",
			shopId: "5550001",
		});
	});

	it("an empty shared secret keeps the saved one, and is needed when none is saved", () => {
		expect(checkEtsySettings({ ...form, sharedSecret: "" }, true).sharedSecret).toBeNull();
		expect(() => checkEtsySettings({ ...form, sharedSecret: "   " }, false)).toThrow(
			"Enter the Etsy shared secret, as Etsy shows it under Your apps.",
		);
	});

	it("refuses a keystring or shop id of the wrong shape, in the owner's words", () => {
		expect(() => checkEtsySettings({ ...form, keystring: "abc" }, true)).toThrow(
			/keystring should be letters and digits/,
		);
		expect(() => checkEtsySettings({ ...form, keystring: "abcd-1234-efgh" }, true)).toThrow(/keystring/);
		expect(() => checkEtsySettings({ ...form, shopId: "shop/../1" }, true)).toThrow(
			'The Etsy shop id should be a number, not "shop/../1".',
		);
		expect(() => checkEtsySettings({ keystring: 12345678, shopId: null }, true)).toThrow(/shop id/);
	});

	it("never quotes the shared secret in an error", () => {
		const secret = "very-secret-value";
		for (const bad of [
			{ ...form, sharedSecret: secret, keystring: "x" },
			{ ...form, sharedSecret: secret, shopId: "y" },
		]) {
			expect(() => checkEtsySettings(bad, false)).toThrow();
			try {
				checkEtsySettings(bad, false);
			} catch (error) {
				expect((error as Error).message).not.toContain(secret);
			}
		}
	});
});

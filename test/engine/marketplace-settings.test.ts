import { describe, expect, it } from "vitest";
import { connectionSentence, marketplaceDialog, marketplaceView } from "../../src/engine/marketplace-settings.js";

const saved = (properties: Record<string, string>, shopId = "") => ({
	read: (key: string) => properties[key] ?? null,
	settings: { etsyShopId: shopId },
	redirectUri: "https://script.google.com/macros/d/abc/usercallback",
	connection: { kind: "not-connected" as const },
});

describe("the marketplace's part of the settings dialog, from Etsy's descriptor", () => {
	it("has its fields with the ids, form names and labels the dialog always had", () => {
		const dialog = marketplaceDialog();
		expect(dialog).toMatchObject({ id: "etsy", name: "Etsy", kind: "marketplace" });
		expect(dialog.fields.map((field) => [field.id, field.name, field.label, field.kind, field.shown ?? false])).toEqual(
			[
				["keystring", "keystring", "Keystring", "secret", true],
				["shared-secret", "sharedSecret", "Shared secret", "secret", false],
				["shop-id", "shopId", "Shop id", "setting", false],
			],
		);
		expect(dialog.fields[2]).toMatchObject({ numeric: true, help: expect.stringContaining("Shop Manager") });
		expect(dialog.guide?.link?.href).toBe("https://www.etsy.com/developers/your-apps");
	});

	it("shows back the keystring and shop id, never the shared secret, only whether one is saved", () => {
		const view = marketplaceView(
			saved({ "etsy.keystring": "abcd1234efgh", "etsy.sharedSecret": "very-secret-value" }, "5550001"),
		);
		expect(view.values).toEqual({ keystring: "abcd1234efgh", shopId: "5550001" });
		expect(view.secretHints).toEqual({ "etsy.sharedSecret": "A shared secret is saved; leave this empty to keep it." });
		expect(JSON.stringify(view)).not.toContain("very-secret-value");
		expect(marketplaceView(saved({})).secretHints).toEqual({
			"etsy.sharedSecret": "Saved secrets are never shown again.",
		});
	});

	it("says the connection in the descriptor's words, a refused sign-in in its own", () => {
		expect(connectionSentence({ kind: "connected", accessExpiresAt: "2026-12-03T10:00:00Z" })).toBe(
			"Etsy is connected.",
		);
		expect(connectionSentence({ kind: "not-connected" })).toBe("Etsy is not connected yet.");
		expect(connectionSentence({ kind: "no-credentials" })).toBe("Enter your Etsy app's details to connect.");
		expect(connectionSentence({ kind: "reconnect-required", message: "Reconnect Etsy." })).toBe("Reconnect Etsy.");
	});
});

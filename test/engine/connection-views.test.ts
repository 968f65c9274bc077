import { describe, expect, it } from "vitest";
import {
	connectionHealthList,
	marketplaceConnectionView,
	missingCredentials,
	SIGN_IN_LINK_SECONDS,
	signInPageWords,
} from "../../src/engine/connection-views.js";

describe("the marketplace's connection in the sidebar", () => {
	it("says whether credentials are saved, the sign-in done, or a reconnect needed", () => {
		expect(marketplaceConnectionView(null)).toEqual({ kind: "no-credentials" });
		expect(marketplaceConnectionView({ kind: "not-connected" })).toEqual({ kind: "not-connected" });
		expect(marketplaceConnectionView({ kind: "connected", accessExpiresAtMs: Date.UTC(2026, 11, 3, 12) })).toEqual({
			kind: "connected",
			accessExpiresAt: "2026-12-03T12:00:00.000Z",
		});
		expect(marketplaceConnectionView({ kind: "reconnect-required", message: "Sign in to Etsy again." })).toEqual({
			kind: "reconnect-required",
			message: "Sign in to Etsy again.",
		});
	});
});

describe("the connections' health", () => {
	const now = Date.UTC(2026, 11, 3);

	it("lists the marketplace first, even before any sync, then each platform a sync recorded", () => {
		const list = connectionHealthList(
			{ name: "Etsy", connection: { kind: "not-connected" }, storedTokens: null },
			{ Pipedrive: { lastSuccessAtMs: now - 60_000 }, Etsy: {} },
			now,
		);
		expect(list.map((health) => health.platform)).toEqual(["Etsy", "Pipedrive"]);
		expect(list[0]?.status).toBe("warning");
		expect(list[1]).toMatchObject({ status: "ok", message: "Pipedrive is working." });
	});

	it("shows only the marketplace when no other platform has been used", () => {
		const list = connectionHealthList(
			{ name: "Etsy", connection: { kind: "no-credentials" }, storedTokens: null },
			{},
			now,
		);
		expect(list).toHaveLength(1);
		expect(list[0]?.status).toBe("not-configured");
	});
});

describe("the sign-in page", () => {
	it("says the marketplace is connected, and what to do next", () => {
		expect(signInPageWords("Etsy", { kind: "connected" })).toEqual({
			heading: "Etsy is connected",
			text: "Hubsheet can now read your Etsy orders. You can close this tab and press Sync now in the sidebar.",
		});
	});

	it("says it is not, in the sign-in's own words", () => {
		expect(signInPageWords("Etsy", { kind: "denied", message: "You pressed Deny on Etsy." })).toEqual({
			heading: "Etsy is not connected",
			text: "You pressed Deny on Etsy.",
		});
		expect(signInPageWords("Etsy", missingCredentials("Etsy keystring and shared secret")).text).toBe(
			"Save the Etsy keystring and shared secret first (Hubsheet > Settings).",
		);
	});

	it("gives the owner an hour to approve Hubsheet before the sign-in link lapses", () => {
		expect(SIGN_IN_LINK_SECONDS).toBe(60 * 60);
	});
});

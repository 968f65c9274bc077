import { describe, expect, it } from "vitest";
import { PlatformError } from "../../../src/core/connector-contracts.js";
import {
	accessRefused,
	EtsySignInError,
	foreignText,
	needsReconnect,
	reconnectRequired,
	redactSecrets,
} from "../../../src/platforms/etsy/errors.js";

describe("redactSecrets", () => {
	it("removes known secrets, also percent-encoded, and anything shaped like an Etsy token", () => {
		expect(redactSecrets("key=abc:s3cr3t/+=", ["abc:s3cr3t/+="])).toBe("key=[redacted]");
		expect(redactSecrets("secret=s3cr3t%2F%2B%3D", ["s3cr3t/+="])).toBe("secret=[redacted]");
		expect(redactSecrets("token 98765432.abcdefghijklmnopqrstuvwxyz seen", [])).toBe("token [redacted] seen");
		expect(redactSecrets("Authorization: Bearer whatever-it-is", [])).toBe("Authorization: Bearer [redacted]");
	});

	it("leaves ordinary text alone and ignores secrets too short to be real", () => {
		expect(redactSecrets("Receipt 3000000001 not found", ["", "a"])).toBe("Receipt 3000000001 not found");
	});
});

describe("foreignText", () => {
	it("puts Etsy's text on one short line, redacting before shortening", () => {
		const secret = "x".repeat(10);
		const long = `${"y".repeat(295)}${secret}\n${"z".repeat(100)}`;
		const text = foreignText(long, [secret]);
		expect(text).not.toContain("xxxxx");
		expect(text).toHaveLength(301);
		expect(text.endsWith("…")).toBe(true);
	});
});

describe("Etsy sign-in errors", () => {
	it("a reconnect is a PlatformError of kind auth that tells the owner what to do in plain words", () => {
		const error = reconnectRequired("getShopReceipts", "revoked", "invalid_grant");
		expect(error).toBeInstanceOf(PlatformError);
		expect(error).toBeInstanceOf(EtsySignInError);
		expect(error.name).toBe("EtsySignInError");
		expect(error).toMatchObject({ platform: "Etsy", endpoint: "getShopReceipts", kind: "auth", reconnect: true });
		expect(needsReconnect(error)).toBe(true);
		expect(error.message).toBe(
			"Etsy no longer accepts Hubsheet's saved sign-in (it was revoked, expired after 90 days unused, or your Etsy password changed) (Etsy said: invalid_grant). Reconnect Etsy from the Hubsheet menu. Orders already in the sheet are kept; Etsy syncing resumes once you reconnect.",
		);
	});

	it("a passing refusal is the same kind, without reconnect, and says the next sync tries again", () => {
		const error = accessRefused("getMe", "invalid_token", 2, 3);
		expect(error).toMatchObject({ kind: "auth", reconnect: false, runs: 2, etsyCode: "invalid_token" });
		expect(needsReconnect(error)).toBe(false);
		expect(needsReconnect(new PlatformError("Etsy", "getMe", "auth", "x"))).toBe(false);
		expect(error.message).toMatch(/tries again at the next sync; if Etsy still refuses after 3 syncs in a row/);
	});
});

/**
 * How a receiver verifies Hubsheet's `X-Hubsheet-Signature` (the sandbox's own check, and the
 * reference for a custom Node endpoint): HMAC-SHA256 of the raw body bytes as received, keyed with
 * the shared secret, hex, compared in constant time. Verify before parsing: re-serialised JSON
 * rarely has the same bytes.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type SignatureVerdict = "valid" | "missing" | "malformed" | "mismatch";

export function verifySignature(rawBody: string, header: string | undefined, secret: string): SignatureVerdict {
	if (header === undefined || header.trim() === "") return "missing";
	const match = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
	if (!match?.[1]) return "malformed";
	const expected = createHmac("sha256", secret).update(rawBody, "utf8").digest();
	const given = Buffer.from(match[1], "hex");
	return given.length === expected.length && timingSafeEqual(given, expected) ? "valid" : "mismatch";
}

/** The header value Hubsheet sends for a body, for tests and for replaying a recorded event. */
export function signBody(rawBody: string, secret: string): string {
	return `sha256=${createHmac("sha256", secret).update(rawBody, "utf8").digest("hex")}`;
}

/**
 * How a receiver verifies Hubsheet's `X-Hubsheet-Signature: t=<unix seconds>,v1=<hex>` (the
 * sandbox's own check, and the same as the README's snippet): HMAC-SHA256 of `<t>.<raw body>` as
 * received, keyed with the shared secret, compared in constant time; then the timestamp must be
 * within the tolerance of the receiver's clock, so a recorded event cannot be replayed later.
 * Verify before parsing: re-serialised JSON rarely has the same bytes.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type SignatureVerdict = "valid" | "missing" | "malformed" | "mismatch" | "stale";

/** Five minutes, as the README tells receivers. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function verifySignature(
	rawBody: string,
	header: string | undefined,
	secret: string,
	nowSeconds: number,
	toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): SignatureVerdict {
	if (header === undefined || header.trim() === "") return "missing";
	const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/i.exec(header.trim());
	if (!match?.[1] || !match[2]) return "malformed";
	const expected = createHmac("sha256", secret).update(`${match[1]}.${rawBody}`, "utf8").digest();
	const given = Buffer.from(match[2], "hex");
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "mismatch";
	return Math.abs(nowSeconds - Number(match[1])) > toleranceSeconds ? "stale" : "valid";
}

/** The header value Hubsheet sends for a body signed at `unixSeconds`, for tests and replays. */
export function signBody(rawBody: string, secret: string, unixSeconds: number): string {
	const t = String(Math.floor(unixSeconds));
	return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${rawBody}`, "utf8").digest("hex")}`;
}

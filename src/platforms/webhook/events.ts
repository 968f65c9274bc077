/**
 * The events Hubsheet POSTs to a webhook, and their signature. Pure: the connector sends them.
 *
 * Body: `{event, id, occurredAt, order}`, serialised once; the signature is computed over exactly
 * those bytes, which is what the receiver must verify (before parsing or re-serialising anything).
 * `id` is the idempotency key: the same for the same order, event and stage, so a receiver that
 * drops repeated ids turns Hubsheet's re-sends (after a timeout or a crash) into no-ops.
 */
import type { Crypto } from "../../ports.js";

export type WebhookEventName = "order.created" | "order.status_changed" | "hubsheet.test";

export const SIGNATURE_HEADER = "X-Hubsheet-Signature";
export const EVENT_HEADER = "X-Hubsheet-Event";
export const DELIVERY_HEADER = "X-Hubsheet-Delivery";

export interface OrderCreatedPayload {
	orderId: string;
	title: string;
	value: number;
	currency: string;
	stageName: string;
	person: { name: string; email: string };
}

export interface StatusChangedPayload {
	orderId: string;
	/** The receiver's deal id when it returned one for order.created, else null. */
	dealId: string | null;
	stageName: string;
}

export interface WebhookEvent<P = OrderCreatedPayload | StatusChangedPayload | Record<string, never>> {
	event: WebhookEventName;
	id: string;
	occurredAt: string;
	order: P;
}

export type EventCrypto = Pick<Crypto, "hmacSha256Hex" | "sha256Base64Url">;

/**
 * Stable per order, event, stage and change number (the same for every retry of one change, new
 * for the next change: Design -> Production -> Design sends three different ids). A hash rather than the raw parts, so a stage name with any
 * characters still makes a short, header-safe id; not keyed with the signing secret, so the id
 * survives a secret rotation between a send and its re-send.
 */
export function eventId(
	crypto: EventCrypto,
	event: WebhookEventName,
	orderId: string,
	stageName: string,
	change?: number,
): string {
	const parts = [event, orderId, stageName, ...(change === undefined ? [] : [String(change)])];
	return `evt_${crypto.sha256Base64Url(parts.join("\n")).slice(0, 32)}`;
}

/**
 * `t=<unix seconds>,v1=<lower-case hex HMAC-SHA256 of "<t>.<raw body>", keyed with the shared
 * secret>`. The timestamp is signed with the body, so a receiver that rejects old timestamps
 * (README: five minutes) cannot be fed a recorded event again; the event id de-duplicates retries.
 */
export function signatureHeader(crypto: EventCrypto, rawBody: string, secret: string, unixSeconds: number): string {
	const t = String(Math.floor(unixSeconds));
	return `t=${t},v1=${crypto.hmacSha256Hex(`${t}.${rawBody}`, secret)}`;
}

/** The body text and headers of one event, ready to POST. */
export function buildEvent(
	crypto: EventCrypto,
	secret: string,
	event: WebhookEvent,
	signedAtMs: number,
): { body: string; headers: Record<string, string> } {
	// Fixed key order keeps the body (and so the signature) identical for identical events.
	const body = JSON.stringify({ event: event.event, id: event.id, occurredAt: event.occurredAt, order: event.order });
	return {
		body,
		headers: {
			[SIGNATURE_HEADER]: signatureHeader(crypto, body, secret, signedAtMs / 1000),
			[EVENT_HEADER]: event.event,
			[DELIVERY_HEADER]: event.id,
		},
	};
}

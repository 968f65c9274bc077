/**
 * A generic webhook as Hubsheet's CRM, for any CRM behind Zapier, Make or a custom endpoint: each
 * new order POSTs `order.created`, each stage change POSTs one `order.status_changed` (one request
 * per move, so a Zap or a Make scenario handles one order per run and each move has its own outcome),
 * signed with HMAC-SHA256 of the raw body (see events.ts).
 *
 * A webhook keeps no state Hubsheet can read back: `findDeal` returns null, `dealsChangedSince` and
 * `unknownStages` return nothing (any stage name is accepted). Exactly-once rests on the event `id`:
 * after a crash or a lost answer Hubsheet sends the same event again, with the same id, and the
 * receiver drops it. A receiver may answer `order.created` with `{dealId, url}`; the engine then keeps
 * that id and link, and later events carry the dealId back.
 */

import {
	type CrmConnector,
	type CrmDeal,
	type NewDeal,
	PlatformError,
	type StageMove,
	type StageMoveResult,
} from "../../core/connector-contracts.js";
import { trustedOrigins } from "../../core/link-policy.js";
import type { Clock, Http, HttpRequest, HttpResponse, Log } from "../../ports.js";
import { foreignText, unknownBodyText } from "../http/redaction.js";
import type { RetryPolicy, SendSpec } from "../http/retrying-send.js";
import { type Transport, transport } from "../http/transport.js";
import * as z from "../http/zod.js";
import {
	buildEvent,
	type EventCrypto,
	eventId,
	type OrderCreatedPayload,
	type StatusChangedPayload,
	type WebhookEventName,
} from "./events.js";
import { weakSecretReason } from "./secret-strength.js";

/** The deal id Hubsheet records when the receiver named none; never sent back as a receiver's id. */
export const PLACEHOLDER_PREFIX = "webhook:";
/** Events sent together with fetchAll; a Zapier or Make hook takes this many at once without fuss. */
const PARALLEL_EVENTS = 10;

export interface WebhookConnectorOptions {
	http: Http;
	clock: Clock;
	log?: Log;
	crypto: EventCrypto;
	/** The receiver's URL. Treated as a secret: Zapier and Make put their hook's key in the path. */
	url: string;
	/** The shared secret that signs each event. Secret. */
	signingSecret: string;
	retry?: Partial<RetryPolicy>;
}

/** What a receiver may answer to order.created; anything else in a 2xx is simply accepted. */
const receiverDealSchema = z.object({
	dealId: z.pipe(
		z.union([z.string().check(z.trim(), z.minLength(1), z.maxLength(200)), z.number()]),
		z.transform(String),
	),
	url: z.catch(z.optional(z.string().check(z.regex(/^https?:\/\//i))), undefined),
});

export class WebhookConnector implements CrmConnector {
	readonly platform = "Webhook" as const;
	private readonly transport: Transport;
	private readonly host: string;

	/** Only the receiver the owner configured may link a deal (core/link-policy.ts). */
	get linkOrigins(): readonly string[] {
		return trustedOrigins([], [this.options.url]);
	}

	constructor(private readonly options: WebhookConnectorOptions) {
		if (!/^https?:\/\/[^/?#\s]+/i.test(options.url.trim())) {
			throw new PlatformError(
				"Webhook",
				"connect",
				"auth",
				"The webhook URL in Hubsheet's settings is missing or is not an http(s) address.",
			);
		}
		const weak = weakSecretReason(options.signingSecret);
		if (weak !== null) throw new PlatformError("Webhook", "connect", "auth", weak);
		this.transport = transport(options);
		this.host = /^https?:\/\/([^/?#\s]+)/i.exec(options.url.trim())?.[1] ?? "the receiver";
	}

	unknownStages(_stageNames: readonly string[]): string[] {
		return [];
	}

	findDeal(_orderId: string): CrmDeal | null {
		return null;
	}

	dealsChangedSince(_sinceMs: number): CrmDeal[] {
		return [];
	}

	/**
	 * Sends `order.created`. Not repeated within the run after a 5xx or a timeout (the receiver may
	 * have acted): the error says `mayHaveApplied`, and the next run sends it again with the same id.
	 */
	createDeal(deal: NewDeal): CrmDeal {
		const order: OrderCreatedPayload = {
			orderId: deal.orderId,
			title: deal.title,
			value: deal.value,
			currency: deal.currency,
			stageName: deal.stageName,
			person: { name: deal.person.name, email: deal.person.email },
		};
		const { request, spec } = this.prepare("order.created", deal.orderId, deal.stageName, order, false);
		const response = this.transport.send(request, spec);
		this.check(response, spec.endpoint);
		const answered = this.receiverDeal(response);
		return {
			dealId: answered?.dealId ?? `${PLACEHOLDER_PREFIX}${deal.orderId}`,
			orderId: deal.orderId,
			stageName: deal.stageName,
			value: deal.value,
			currency: deal.currency,
			url: answered?.url ?? "",
			updatedAtMs: this.options.clock.now().getTime(),
		};
	}

	/** One `order.status_changed` per move, sent in parallel groups; each move gets its own outcome. */
	moveStages(moves: readonly StageMove[]): StageMoveResult[] {
		const results: StageMoveResult[] = [];
		for (let start = 0; start < moves.length; start += PARALLEL_EVENTS) {
			const group = moves.slice(start, start + PARALLEL_EVENTS);
			const prepared = group.map((move) => {
				const order: StatusChangedPayload = {
					orderId: move.orderId,
					dealId: move.dealId.startsWith(PLACEHOLDER_PREFIX) || move.dealId.trim() === "" ? null : move.dealId,
					stageName: move.stageName,
				};
				// A status change changes nothing twice: the receiver drops a repeated id, so retries are safe.
				return this.prepare("order.status_changed", move.orderId, move.stageName, order, true, move.change);
			});
			const answers = this.transport.sendAll(prepared);
			group.forEach((move, index) => {
				const answer = answers[index];
				const endpoint = prepared[index]?.spec.endpoint ?? "order.status_changed";
				if (!answer) {
					results.push({
						orderId: move.orderId,
						ok: false,
						error: new PlatformError("Webhook", endpoint, "unavailable", "No answer was recorded for this event"),
					});
				} else if (!answer.ok) results.push({ orderId: move.orderId, ok: false, error: answer.error });
				else {
					try {
						this.check(answer.response, endpoint);
						results.push({ orderId: move.orderId, ok: true });
					} catch (error) {
						if (!(error instanceof PlatformError)) throw error;
						results.push({ orderId: move.orderId, ok: false, error });
					}
				}
			});
		}
		return results;
	}

	/**
	 * Sends a `hubsheet.test` event with an empty order, so an owner can check the URL and the secret
	 * (and give Zapier or Make a sample) without touching a real order.
	 */
	sendTestEvent(): void {
		// A fresh id each time: a receiver that drops repeated ids must still see every test.
		const { request, spec } = this.prepare("hubsheet.test", `test-${this.options.clock.now().getTime()}`, "", {}, true);
		this.check(this.transport.send(request, spec), spec.endpoint);
	}

	// ------------------------------------------------------------------ internals

	private prepare(
		event: WebhookEventName,
		orderId: string,
		stageName: string,
		order: OrderCreatedPayload | StatusChangedPayload | Record<string, never>,
		idempotent: boolean,
		change?: number,
	): { request: HttpRequest; spec: SendSpec } {
		const now = this.options.clock.now();
		const { body, headers } = buildEvent(
			this.options.crypto,
			this.options.signingSecret,
			{
				event,
				id: eventId(this.options.crypto, event, orderId, stageName, change),
				occurredAt: now.toISOString(),
				order,
			},
			now.getTime(),
		);
		return {
			request: { url: this.options.url.trim(), method: "post", headers, body, contentType: "application/json" },
			spec: {
				platform: "Webhook",
				// The event and the host only: the URL's path may hold the hook's key.
				endpoint: `${event} to ${this.host}`,
				idempotent,
				secrets: this.secrets(),
			},
		};
	}

	/** Throws the PlatformError for a non-2xx answer (429 and 5xx were already dealt with by the retries). */
	private check(response: HttpResponse, endpoint: string): void {
		if (response.status >= 200 && response.status < 300) return;
		const said = foreignText(unknownBodyText(response.body), this.secrets());
		const words = `Webhook ${endpoint} answered HTTP ${response.status}${said ? `: ${said}` : ""}`;
		const status = response.status;
		if (status === 401 || status === 403) {
			throw new PlatformError(
				"Webhook",
				endpoint,
				"auth",
				`The webhook receiver refused the event (${words}). Check that the signing secret in Hubsheet's settings is the one your receiver verifies with.`,
				{ status },
			);
		}
		if (status === 404 || status === 410) {
			throw new PlatformError(
				"Webhook",
				endpoint,
				"auth",
				`There is no webhook at the URL in Hubsheet's settings (${words}). Check the URL, and that the Zap or scenario is turned on.`,
				{ status },
			);
		}
		throw new PlatformError("Webhook", endpoint, "rejected", words, { status });
	}

	/** `{dealId, url}` from a receiver that keeps deals; null for any other 2xx body. */
	private receiverDeal(response: HttpResponse): { dealId: string; url: string | undefined } | null {
		let parsed: unknown;
		try {
			parsed = JSON.parse(response.body);
		} catch {
			// Make answers "Accepted", Zapier its own JSON: a plain acknowledgement either way.
			return null;
		}
		const result = receiverDealSchema.safeParse(parsed);
		if (!result.success) {
			if (parsed !== null && typeof parsed === "object" && "dealId" in parsed) {
				this.options.log?.warn("Webhook order.created: the receiver's dealId is not a short text or number; ignored");
			}
			return null;
		}
		return { dealId: result.data.dealId, url: result.data.url };
	}

	private secrets(): string[] {
		const url = this.options.url.trim();
		const path = /^https?:\/\/[^/?#\s]+(.*)$/i.exec(url)?.[1] ?? "";
		return [this.options.signingSecret, url, ...(path.length >= 6 ? [path] : [])];
	}
}

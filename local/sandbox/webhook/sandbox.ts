/**
 * A webhook receiver standing in for Zapier, Make or a custom endpoint in front of some CRM:
 * `POST /hooks/{hookId}` verifies `X-Hubsheet-Signature` (401 when missing or wrong), checks the
 * event's shape (400), drops a repeated event id (answering as the first time), keeps the deal a
 * receiving CRM would keep, and answers in the hook's style. `GET /deals/{dealId}` is that deal's
 * page, the link a CRM-backed receiver returns. Faults come from the kit like any sandbox's.
 *
 * No vendor and so no ../shared/specs/<platform>/NOTES.md: the wire format is Hubsheet's own, written
 * down in ./README.md ("The events Hubsheet sends"), which is what a receiver builds to. Not in NOTES,
 * chosen so the connector meets what receivers commonly do: answers in several styles (JSON with a
 * deal id and link, an empty 2xx, text), a repeated event id taken once, 401 for a bad signature,
 * 400 for a bad shape, and the kit's 429/5xx faults.
 */
import { randomUUID } from "node:crypto";
import { json, type SandboxRequest, type SandboxResponse, text, withRetryAfter } from "../kit/http.js";
import { SandboxBase, type SandboxClockOptions } from "../kit/sandbox-base.js";
import { registerControlRoutes } from "./control.js";
import {
	type HookConfig,
	type ReceivedDeal,
	type RecordedEvent,
	type WebhookResetOptions,
	WebhookState,
} from "./state.js";
import { verifySignature } from "./verify.js";

export type WebhookSandboxOptions = WebhookResetOptions &
	SandboxClockOptions & {
		/** Accepted for the registry's common options; the receiver has nothing random. */
		seed?: number;
	};

const EVENTS = ["order.created", "order.status_changed", "hubsheet.test"];
/** Headers worth keeping with a recorded event. */
const KEPT_HEADERS = ["content-type", "x-hubsheet-signature", "x-hubsheet-event", "x-hubsheet-delivery", "user-agent"];

export class WebhookSandbox extends SandboxBase<WebhookState, WebhookResetOptions & { seed?: number }> {
	readonly name = "webhook";

	constructor(options: WebhookSandboxOptions = {}) {
		super(options);
		this.routes.post("/hooks/:hookId", (req) => this.receive(req));
		this.routes.get("/deals/:dealId", (req) => {
			const deal = [...this.state.deals.values()].find((candidate) => candidate.dealId === req.params.dealId);
			return deal ? json(200, deal) : json(404, { error: `No deal ${req.params.dealId}` });
		});
		registerControlRoutes(this, this.controlRoutes);
	}

	protected createState({ seed: _seed, ...options }: WebhookResetOptions & { seed?: number }): WebhookState {
		return new WebhookState(options);
	}

	errorBody(_status: number, message: string): unknown {
		return { error: message };
	}

	/** What a receiver says to a request whose signature it cannot verify. */
	revokedTokenResponse(): SandboxResponse {
		return json(401, { error: "invalid signature" });
	}

	rateLimitedResponse(retryAfter: number): SandboxResponse {
		return withRetryAfter(json(429, { error: "Too many requests" }), retryAfter);
	}

	private receive(req: SandboxRequest): SandboxResponse {
		const hookId = req.params.hookId ?? "";
		const hook = this.state.hooks.get(hookId);
		const at = this.clock.now();
		const headers = Object.fromEntries(
			KEPT_HEADERS.flatMap((name) => (req.headers[name] ? [[name, req.headers[name]]] : [])),
		);
		const record = (entry: Pick<RecordedEvent, "verdict" | "status"> & Partial<RecordedEvent>) =>
			this.state.record({ at, hookId, headers, body: req.body ?? null, rawBody: req.rawBody, ...entry });
		const reject = (status: number, reason: string) => {
			record({ verdict: "rejected", status, reason });
			return json(status, { error: reason });
		};

		if (!hook) return reject(404, `No hook ${hookId}`);
		// Stale signatures are refused on the sandbox's clock, as a receiver following the README does.
		const signature = verifySignature(
			req.rawBody,
			req.headers["x-hubsheet-signature"],
			hook.secret,
			at / 1000,
			this.state.toleranceSeconds,
		);
		if (signature !== "valid") {
			record({ verdict: "rejected", status: 401, reason: `signature ${signature}` });
			return this.revokedTokenResponse();
		}
		if (req.bodyInvalid || !req.body || typeof req.body !== "object" || Array.isArray(req.body)) {
			return reject(400, "the body is not a JSON object");
		}
		const body = req.body as Record<string, unknown>;
		const problem = shapeProblem(body, req.headers["x-hubsheet-event"]);
		if (problem) return reject(400, problem);
		const event = body.event as string;
		const eventId = body.id as string;
		const order = body.order as Record<string, unknown>;
		const orderId = typeof order.orderId === "string" ? order.orderId : undefined;
		const facts = { event, eventId, ...(orderId ? { orderId } : {}) };

		const earlier = this.state.answers.get(eventId);
		if (earlier) {
			record({ verdict: "duplicate", status: earlier.status, ...facts });
			return earlier.json !== undefined ? json(earlier.status, earlier.json) : text(earlier.status, earlier.text ?? "");
		}

		const deal = orderId ? this.apply(event, eventId, order, orderId, at) : null;
		const answer = this.answer(hook, event, deal, req.headers.host ?? "localhost");
		this.state.answers.set(eventId, answer);
		record({ verdict: "accepted", status: answer.status, ...facts });
		return answer.json !== undefined ? json(answer.status, answer.json) : text(answer.status, answer.text ?? "");
	}

	/** What a sensible receiver does: upsert the deal by order id, follow stage changes. */
	private apply(
		event: string,
		eventId: string,
		order: Record<string, unknown>,
		orderId: string,
		at: number,
	): ReceivedDeal | null {
		if (event === "hubsheet.test") return null;
		const stageName = typeof order.stageName === "string" ? order.stageName : "";
		let deal = this.state.deals.get(orderId);
		if (!deal) {
			deal = {
				dealId: this.state.newDealId(),
				orderId,
				stageName,
				title: typeof order.title === "string" ? order.title : "",
				value: typeof order.value === "number" ? order.value : null,
				currency: typeof order.currency === "string" ? order.currency : "",
				person: isPerson(order.person) ? order.person : null,
				createdAt: at,
				updatedAt: at,
				history: [],
			};
			this.state.deals.set(orderId, deal);
		}
		deal.stageName = stageName;
		deal.updatedAt = at;
		deal.history.push({ eventId, event, stageName, at });
		return deal;
	}

	private answer(
		hook: HookConfig,
		event: string,
		deal: ReceivedDeal | null,
		host: string,
	): { status: number; json?: unknown; text?: string } {
		switch (hook.respond) {
			case "zapier":
				return {
					status: 200,
					json: { attempt: randomUUID(), id: randomUUID(), request_id: randomUUID(), status: "success" },
				};
			case "make":
				return { status: 200, text: "Accepted" };
			case "empty":
				return { status: 204, text: "" };
			default:
				if (event === "order.created" && deal) {
					const url = hook.dealUrl?.replace("{dealId}", deal.dealId) ?? `http://${host}/deals/${deal.dealId}`;
					return { status: 200, json: { dealId: deal.dealId, url } };
				}
				return { status: 200, json: { ok: true } };
		}
	}
}

function isPerson(value: unknown): value is { name: string; email: string } {
	if (!value || typeof value !== "object") return false;
	const { name, email } = value as Record<string, unknown>;
	return typeof name === "string" && typeof email === "string";
}

/** Hubsheet's event contract, checked field by field so a broken sender learns what is wrong. */
function shapeProblem(body: Record<string, unknown>, eventHeader: string | undefined): string | null {
	if (typeof body.event !== "string" || !EVENTS.includes(body.event))
		return `event must be one of ${EVENTS.join(", ")}`;
	if (eventHeader !== body.event)
		return `the X-Hubsheet-Event header (${eventHeader ?? "missing"}) does not match event`;
	if (typeof body.id !== "string" || body.id.trim() === "") return "id must be a non-empty string";
	if (typeof body.occurredAt !== "string" || Number.isNaN(Date.parse(body.occurredAt))) {
		return "occurredAt must be an ISO 8601 time";
	}
	if (!body.order || typeof body.order !== "object" || Array.isArray(body.order)) return "order must be an object";
	const order = body.order as Record<string, unknown>;
	if (body.event === "hubsheet.test") return null;
	if (typeof order.orderId !== "string" || order.orderId === "") return "order.orderId must be a non-empty string";
	if (typeof order.stageName !== "string") return "order.stageName must be a string";
	if (body.event === "order.created") {
		if (typeof order.title !== "string") return "order.title must be a string";
		if (typeof order.value !== "number") return "order.value must be a number";
		if (typeof order.currency !== "string") return "order.currency must be a string";
		if (!isPerson(order.person)) return "order.person must be {name, email}";
	}
	if (body.event === "order.status_changed" && order.dealId !== null && typeof order.dealId !== "string") {
		return "order.dealId must be a string or null";
	}
	return null;
}

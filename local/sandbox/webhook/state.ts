/**
 * The webhook sandbox's memory: receiving hooks (each with its shared secret and the answer style of
 * Zapier, Make or a CRM-backed endpoint), every event received (accepted, duplicate or rejected, with
 * why), and the deals a receiving CRM would keep, so tests can ask "what stage is order X in".
 */

export type ResponseStyle =
	/** A custom endpoint backed by a CRM: `{dealId, url}` for order.created, `{ok: true}` otherwise. */
	| "deal"
	/** Zapier's catch hook: `{attempt, id, request_id, status: "success"}`. */
	| "zapier"
	/** Make's custom webhook: the text `Accepted`. */
	| "make"
	/** 204 without a body. */
	| "empty";

export const RESPONSE_STYLES: readonly ResponseStyle[] = ["deal", "zapier", "make", "empty"];

export interface HookConfig {
	id: string;
	secret: string;
	respond: ResponseStyle;
	/**
	 * For the `deal` style: the deal link to answer instead of the receiver's own, `{dealId}` replaced
	 * (a receiver that links somewhere else, e.g. `https://phish.example/deals/{dealId}`).
	 */
	dealUrl?: string;
}

export type Verdict = "accepted" | "duplicate" | "rejected";

export interface RecordedEvent {
	seq: number;
	/** Sandbox time, epoch ms. */
	at: number;
	hookId: string;
	verdict: Verdict;
	/** Why an event was rejected: "signature missing", "signature mismatch", "not JSON", ... */
	reason?: string;
	status: number;
	/** From the body when it could be read. */
	event?: string;
	eventId?: string;
	orderId?: string;
	headers: Record<string, string>;
	body: unknown;
	rawBody: string;
}

export interface ReceivedDeal {
	dealId: string;
	orderId: string;
	stageName: string;
	title: string;
	value: number | null;
	currency: string;
	person: { name: string; email: string } | null;
	createdAt: number;
	updatedAt: number;
	/** Each accepted event for this order, oldest first. */
	history: Array<{ eventId: string; event: string; stageName: string; at: number }>;
}

/** Also a placeholder you can see in docs; at least 16 characters, as Hubsheet requires. */
export const DEFAULT_WEBHOOK_SECRET = "whsec_sandbox_5f2b7c1e9a4d4e0b8c3a";

export const DEFAULT_HOOKS: HookConfig[] = [
	{ id: "orders", secret: DEFAULT_WEBHOOK_SECRET, respond: "deal" },
	{ id: "zapier", secret: DEFAULT_WEBHOOK_SECRET, respond: "zapier" },
	{ id: "make", secret: DEFAULT_WEBHOOK_SECRET, respond: "make" },
];

export interface WebhookResetOptions {
	hooks?: HookConfig[];
	/** How old a signature's timestamp may be, seconds (default 300, as the README tells receivers). */
	toleranceSeconds?: number;
}

export class WebhookState {
	readonly hooks = new Map<string, HookConfig>();
	readonly events: RecordedEvent[] = [];
	readonly deals = new Map<string, ReceivedDeal>();
	/** The answer given to each accepted event id, repeated for its duplicates. */
	readonly answers = new Map<string, { status: number; json?: unknown; text?: string }>();
	private seq = 0;
	private nextDeal = 1001;

	readonly toleranceSeconds: number;

	constructor(options: WebhookResetOptions) {
		this.toleranceSeconds = options.toleranceSeconds ?? 300;
		for (const hook of options.hooks ?? DEFAULT_HOOKS) this.setHook(hook);
	}

	setHook(hook: HookConfig): HookConfig {
		if (!/^[A-Za-z0-9_-]{1,64}$/.test(hook.id)) throw new Error("hook id must be 1-64 letters, digits, _ or -");
		if (typeof hook.secret !== "string" || hook.secret.length < 16)
			throw new Error("hook secret must be at least 16 characters");
		if (!RESPONSE_STYLES.includes(hook.respond))
			throw new Error(`respond must be one of ${RESPONSE_STYLES.join(", ")}`);
		const copy: HookConfig = { id: hook.id, secret: hook.secret, respond: hook.respond };
		if (typeof hook.dealUrl === "string" && hook.dealUrl !== "") copy.dealUrl = hook.dealUrl;
		this.hooks.set(hook.id, copy);
		return copy;
	}

	record(entry: Omit<RecordedEvent, "seq">): RecordedEvent {
		const recorded = { ...entry, seq: ++this.seq };
		this.events.push(recorded);
		// A long local session must not grow without bound.
		if (this.events.length > 5000) this.events.splice(0, this.events.length - 5000);
		return recorded;
	}

	newDealId(): string {
		return `D-${this.nextDeal++}`;
	}
}

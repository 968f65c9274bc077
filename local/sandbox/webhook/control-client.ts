/** Typed client of the webhook sandbox's control API (`/__sandbox/webhook/...`), over async fetch. */
import { SandboxControlClient } from "../kit/control-client.js";
import type { HookConfig, ReceivedDeal, RecordedEvent, Verdict, WebhookResetOptions } from "./state.js";

export type WebhookResetRequest = WebhookResetOptions & { now?: number | string; frozen?: boolean };

export class WebhookControlClient extends SandboxControlClient {
	override reset(options: WebhookResetRequest = {}) {
		return super.reset(options as Record<string, unknown>);
	}

	/** The URL Hubsheet posts to for a hook. */
	hookUrl(hookId = "orders"): string {
		return `${this.baseUrl}/hooks/${hookId}`;
	}

	summary(): Promise<{ hooks: HookConfig[]; events: number; deals: number }> {
		return this.call("GET", "/__sandbox/webhook");
	}

	async hooks(): Promise<HookConfig[]> {
		return (await this.call<{ hooks: HookConfig[] }>("GET", "/__sandbox/webhook/hooks")).hooks;
	}

	/** Creates or replaces a hook (its secret and answer style). */
	setHook(hook: HookConfig): Promise<HookConfig> {
		return this.call("POST", "/__sandbox/webhook/hooks", hook);
	}

	deleteHook(id: string): Promise<unknown> {
		return this.call("DELETE", `/__sandbox/webhook/hooks/${id}`);
	}

	async events(
		filter: { hook?: string; event?: string; orderId?: string; verdict?: Verdict } = {},
	): Promise<RecordedEvent[]> {
		const search = new URLSearchParams();
		for (const [key, value] of Object.entries(filter)) if (value !== undefined) search.set(key, value);
		const query = search.size > 0 ? `?${search}` : "";
		return (await this.call<{ events: RecordedEvent[] }>("GET", `/__sandbox/webhook/events${query}`)).events;
	}

	clearEvents(): Promise<unknown> {
		return this.call("DELETE", "/__sandbox/webhook/events");
	}

	async deals(): Promise<ReceivedDeal[]> {
		return (await this.call<{ deals: ReceivedDeal[] }>("GET", "/__sandbox/webhook/deals")).deals;
	}

	/** The receiver's deal for an order (throws when it has none). */
	dealForOrder(orderId: string): Promise<ReceivedDeal> {
		return this.call("GET", `/__sandbox/webhook/deals/${orderId}`);
	}
}

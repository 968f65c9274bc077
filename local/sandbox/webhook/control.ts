/**
 * Control endpoints under `/__sandbox/webhook`: the hooks (secret and answer style), the events
 * received (with verdicts), and the deals the receiver keeps. Bad arguments throw; the kit answers 400.
 */
import { bodyObject, type Handler, json } from "../kit/http.js";
import type { Router } from "../kit/router.js";
import type { WebhookSandbox } from "./sandbox.js";
import type { HookConfig, ResponseStyle } from "./state.js";

function single(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[value.length - 1] : value;
}

export function registerControlRoutes(sb: WebhookSandbox, router: Router<Handler>): void {
	const state = () => sb.state;
	router
		.get("/", () =>
			json(200, {
				hooks: [...state().hooks.values()],
				events: state().events.length,
				deals: state().deals.size,
				clock: sb.clock.describe(),
			}),
		)
		.get("/hooks", () => json(200, { hooks: [...state().hooks.values()] }))
		.post("/hooks", (req) => {
			const { id, secret, respond, dealUrl } = bodyObject(req);
			const hook: HookConfig = {
				id: String(id ?? ""),
				secret: String(secret ?? ""),
				respond: (respond ?? "deal") as ResponseStyle,
				...(typeof dealUrl === "string" ? { dealUrl } : {}),
			};
			return json(201, state().setHook(hook));
		})
		.delete("/hooks/:id", (req) => {
			if (!state().hooks.delete(req.params.id ?? "")) throw new Error(`no hook ${req.params.id}`);
			return json(200, { deleted: req.params.id });
		})
		.get("/events", (req) => {
			const filter = {
				hook: single(req.query.hook),
				event: single(req.query.event),
				orderId: single(req.query.orderId),
				verdict: single(req.query.verdict),
			};
			const events = state().events.filter(
				(entry) =>
					(filter.hook === undefined || entry.hookId === filter.hook) &&
					(filter.event === undefined || entry.event === filter.event) &&
					(filter.orderId === undefined || entry.orderId === filter.orderId) &&
					(filter.verdict === undefined || entry.verdict === filter.verdict),
			);
			return json(200, { events });
		})
		.delete("/events", () => {
			state().events.splice(0);
			return json(200, { events: [] });
		})
		.get("/deals", () => json(200, { deals: [...state().deals.values()] }))
		.get("/deals/:orderId", (req) => {
			const deal = state().deals.get(req.params.orderId ?? "");
			if (!deal) throw new Error(`the receiver has no deal for order ${req.params.orderId}`);
			return json(200, deal);
		});
}

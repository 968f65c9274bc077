/** A HubSpotConnector wired to a fake Http, and HubSpot-shaped answers to build responders from. */
import { HubSpotConnector, type HubSpotConnectorOptions } from "../../../src/platforms/hubspot/connector.js";
import type { HttpRequest, HttpResponse } from "../../../src/ports.js";
import { FakeClock, FakeHttp, FakeLog, json } from "../etsy/fakes.js";

export const BASE = "https://hubspot.test";
export const TOKEN = "pat-na1-11111111-2222-4333-8444-555555555555";
export const PORTAL = "146512389";

export const PIPELINES = {
	results: [
		{
			id: "default",
			label: "Sales Pipeline",
			displayOrder: 0,
			archived: false,
			stages: [
				{
					id: "appointmentscheduled",
					label: "New",
					displayOrder: 0,
					metadata: { isClosed: "false", probability: "0.1" },
				},
				{ id: "qualifiedtobuy", label: "Design", displayOrder: 1, metadata: { isClosed: "false", probability: "0.2" } },
				{ id: "decisionmakerboughtin", label: "Ready to ship", displayOrder: 3, metadata: { isClosed: "false" } },
				{ id: "closedwon", label: "Delivered", displayOrder: 5, metadata: { isClosed: "true", probability: "1.0" } },
				{ id: "1043528711", label: "On hold", displayOrder: 6, metadata: {} },
				{ id: "old", label: "Retired", displayOrder: 7, archived: true },
			],
		},
		{
			id: "1043528700",
			label: "Wholesale",
			displayOrder: 1,
			stages: [{ id: "1043528701", label: "New", displayOrder: 0, metadata: {} }],
		},
	],
};

export function deal(
	id: string,
	orderId: string | null,
	stage: string,
	extra: Record<string, string | null> = {},
	updatedAt = "2025-06-01T10:00:00.000Z",
) {
	return {
		id,
		properties: {
			dealname: `Etsy ${orderId} · Anna`,
			amount: "1499.5",
			dealstage: stage,
			pipeline: "default",
			deal_currency_code: "PLN",
			hs_lastmodifieddate: updatedAt,
			hs_object_id: id,
			hubsheet_order_id: orderId,
			...extra,
		},
		createdAt: "2025-05-01T10:00:00.000Z",
		updatedAt,
		archived: false,
	};
}

export function hubspotError(status: number, category: string, message: string, extra: Record<string, unknown> = {}) {
	return json(status, {
		status: "error",
		message,
		correlationId: "c0ffee00-0000-4000-8000-000000000000",
		category,
		...extra,
	});
}

export function pathOf(request: HttpRequest): string {
	return new URL(request.url).pathname;
}

export function bodyOf(request: HttpRequest): Record<string, unknown> {
	return JSON.parse(request.body ?? "null") as Record<string, unknown>;
}

/** `"POST /crm/v3/objects/deals"` -> handler; the pipelines endpoint answers PIPELINES unless overridden. */
export type Routes = Record<string, (request: HttpRequest, count: number) => HttpResponse>;

export function routes(table: Routes): (request: HttpRequest) => HttpResponse {
	const counts = new Map<string, number>();
	return (request) => {
		const path = pathOf(request);
		const key = `${request.method.toUpperCase()} ${path}`;
		const handler =
			table[key] ??
			Object.entries(table).find(([pattern]) => {
				const [method, template] = pattern.split(" ");
				if (method !== request.method.toUpperCase() || !template?.includes("*")) return false;
				return new RegExp(`^${template.replace(/\*/g, "[^/]+")}$`).test(path);
			})?.[1] ??
			(key === "GET /crm/v3/pipelines/deals" ? () => json(200, PIPELINES) : undefined);
		if (!handler) throw new Error(`unexpected request ${key}`);
		const count = (counts.get(key) ?? 0) + 1;
		counts.set(key, count);
		return handler(request, count);
	};
}

export function harness(table: Routes, options: Partial<HubSpotConnectorOptions> = {}) {
	const http = new FakeHttp(routes(table));
	const clock = new FakeClock();
	const log = new FakeLog();
	const connector = new HubSpotConnector({
		http,
		clock,
		log,
		accessToken: TOKEN,
		portalId: PORTAL,
		apiBaseUrl: BASE,
		...options,
	});
	/** Requests sent to `"METHOD /path"`, where `*` stands for one path segment. */
	const sent = (key: string) => {
		const [method, template = ""] = key.split(" ");
		const pattern = new RegExp(`^${template.replace(/[.?+]/g, "\\$&").replace(/\*/g, "[^/]+")}$`);
		return http.requests.filter((request) => request.method.toUpperCase() === method && pattern.test(pathOf(request)));
	};
	return { http, clock, log, connector, sent };
}

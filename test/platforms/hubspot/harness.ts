/**
 * The HubSpot connector's tests answer from the HubSpot sandbox's routes in this process
 * (harness/in-process-http.ts, as the shared connector suite does): its pipelines, properties,
 * deals, contacts, batch updates, search, scopes and error bodies. The portal has the pipelines
 * below, the order id property set up, and EUR as its company currency (so a PLN deal carries its
 * currency). `http.intercept` injects a fault at one request.
 */

import { HubSpotSandbox, type HubSpotSandboxOptions } from "../../../local/sandbox/hubspot/sandbox.js";
import { ALL_SCOPES, DEFAULT_ACCESS_TOKEN, DEFAULT_PORTAL_ID } from "../../../local/sandbox/hubspot/seed.js";
import type { CrmRecord, PipelineSpec } from "../../../local/sandbox/hubspot/types.js";
import { HubSpotConnector, type HubSpotConnectorOptions } from "../../../src/platforms/hubspot/connector.js";
import type { HttpRequest } from "../../../src/ports.js";
import { InProcessHttp } from "../harness/in-process-http.js";
import { FakeClock, FakeLog, json } from "../harness/stand-ins.js";

export { once } from "../harness/in-process-http.js";

export const BASE = "https://hubspot.test";
export const TOKEN = DEFAULT_ACCESS_TOKEN;
export const PORTAL = DEFAULT_PORTAL_ID;
export const NOW = Date.UTC(2026, 10, 2, 9, 0, 0);

/** The Sales Pipeline relabelled to the shop's steps (ids unlike labels), a retired stage, and Wholesale. */
export const PIPELINES: PipelineSpec[] = [
	{
		id: "default",
		label: "Sales Pipeline",
		stages: [
			{ id: "appointmentscheduled", label: "New", probability: 0.1 },
			{ id: "qualifiedtobuy", label: "Design", probability: 0.2 },
			{ id: "decisionmakerboughtin", label: "Ready to ship" },
			{ id: "closedwon", label: "Delivered", isClosed: true, probability: 1 },
			{ id: "1043528711", label: "On hold" },
			{ id: "old", label: "Retired" },
		],
	},
	{ id: "1043528700", label: "Wholesale", stages: [{ id: "1043528701", label: "New" }] },
];

export interface Harness {
	sandbox: HubSpotSandbox;
	http: InProcessHttp<HubSpotSandbox>;
	clock: FakeClock;
	log: FakeLog;
	connector: HubSpotConnector;
	/** Another connector on the same HubSpot (a new execution, or other settings). */
	build(changes?: Partial<HubSpotConnectorOptions>): HubSpotConnector;
	/** Requests sent to `"METHOD /path"`, where `*` stands for one path segment. */
	sent(key: string): HttpRequest[];
	/** A Hubsheet deal already in HubSpot (a run before made it), in stage `stageId`. */
	addDeal(orderId: string | null, stageId: string, properties?: Record<string, string>): CrmRecord;
	/** A contact already in HubSpot. */
	addContact(email: string): CrmRecord;
	/** A private app token with every scope but these. */
	tokenWithout(...scopes: string[]): string;
}

export function harness(
	options: { sandbox?: HubSpotSandboxOptions; connector?: Partial<HubSpotConnectorOptions> } = {},
): Harness {
	// The rolling 10 s window stands still with the clock: lifted here; a test injects its own 429.
	const sandbox = new HubSpotSandbox({
		now: NOW,
		frozen: true,
		seed: 7,
		orderIdProperty: "unique",
		pipelines: PIPELINES,
		...options.sandbox,
		settings: {
			perInterval: 1_000_000,
			perDay: 1_000_000,
			searchPerSecond: 1_000_000,
			currencies: ["EUR", "PLN", "USD", "GBP"],
			...options.sandbox?.settings,
		},
	});
	const retired = sandbox.state.pipeline("default")?.stages.find((stage) => stage.id === "old");
	if (retired) retired.archived = true;
	const http = new InProcessHttp(sandbox);
	const clock = new FakeClock(NOW);
	const log = new FakeLog();
	const build = (changes: Partial<HubSpotConnectorOptions> = {}) =>
		new HubSpotConnector({
			http,
			clock,
			log,
			accessToken: TOKEN,
			portalId: PORTAL,
			apiBaseUrl: BASE,
			...options.connector,
			...changes,
		});
	const connector = build();
	const sent = (key: string) => {
		const [method = "", template = ""] = key.split(" ");
		const pattern = new RegExp(`^${template.replace(/[.?+]/g, "\\$&").replace(/\*/g, "[^/]+")}$`);
		return http.sent(method, pattern);
	};
	const state = sandbox.state;
	return {
		sandbox,
		http,
		clock,
		log,
		connector,
		build,
		sent,
		addDeal: (orderId, stageId, properties = {}) =>
			state.create(
				"deals",
				{
					dealname: `Etsy ${orderId} · Anna`,
					amount: "1499.5",
					pipeline: "default",
					dealstage: stageId,
					deal_currency_code: "PLN",
					...(orderId !== null ? { [state.orderIdPropertyName]: orderId } : {}),
					...properties,
				},
				sandbox.clock.now(),
			),
		addContact: (email) => state.create("contacts", { email }, sandbox.clock.now()),
		tokenWithout: (...scopes) => state.issueToken(ALL_SCOPES.filter((scope) => !scopes.includes(scope))).token,
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

export function bodyOf(request: HttpRequest): Record<string, unknown> {
	return JSON.parse(request.body ?? "null") as Record<string, unknown>;
}

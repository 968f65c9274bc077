/**
 * The playground's "make things happen" buttons: what happens to a shop while the owner looks at
 * the sheet. Each acts on the sandboxes through their control APIs; one shows only when its
 * sandbox is running (the CRM and courier sandboxes are optional).
 */
import type { EtsyControlClient } from "../sandbox/etsy/control-client.js";
import { SandboxControlClient } from "../sandbox/kit/control-client.js";

export interface ControlInput {
	/** The order the owner picked in the grid, if any. */
	orderId?: string;
	/** The sandbox an outage concerns. */
	platform?: string;
}

export interface ControlContext {
	urls: Record<string, string>;
	etsy: EtsyControlClient;
	/** Moves every clock on, firing the triggers that fall due; returns how many executions ran. */
	passTime(ms: number): Promise<number>;
	/** Sandboxes with an outage switched on. */
	outages: Set<string>;
}

export interface Control {
	id: string;
	label: string;
	/** The sandboxes of which at least one must be running. */
	needs: string[];
	/** Returns one sentence saying what happened. */
	run(context: ControlContext, input: ControlInput): Promise<string>;
}

const MINUTE = 60_000;

async function controlCall<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${baseUrl}${path}`, {
		method,
		...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
	return (text === "" ? undefined : JSON.parse(text)) as T;
}

function passTime(id: string, label: string, ms: number): Control {
	return {
		id,
		label,
		needs: [],
		async run(context) {
			const runs = await context.passTime(ms);
			return `${label.replace(/^\+\s*/, "")} passed; ${runs} trigger run${runs === 1 ? "" : "s"}.`;
		},
	};
}

async function pickEtsyOrder(context: ControlContext, input: ControlInput): Promise<number> {
	if (input.orderId && /^\d+$/.test(input.orderId)) return Number(input.orderId);
	// The newest order still in work: the one a buyer is likeliest to cancel.
	const { results } = await context.etsy.receipts();
	const open = results
		.filter((receipt) => receipt.status === "paid" && !receipt.is_shipped)
		.sort((a, b) => b.created_timestamp - a.created_timestamp)[0];
	if (!open) throw new Error("No paid, unshipped order on Etsy to cancel.");
	return open.receipt_id;
}

export const CONTROLS: Control[] = [
	{
		id: "new-order",
		label: "New order",
		needs: ["etsy"],
		async run(context) {
			const receipt = await context.etsy.createReceipt({});
			return `New order ${receipt.receipt_id} from ${receipt.name} on Etsy.`;
		},
	},
	{
		id: "buyer-cancels",
		label: "Buyer cancels",
		needs: ["etsy"],
		async run(context, input) {
			const id = await pickEtsyOrder(context, input);
			await context.etsy.cancel(id, { reason: "Buyer changed their mind" });
			return `The buyer cancelled order ${id} on Etsy.`;
		},
	},
	{
		id: "parcel-moves",
		label: "Parcel moves on",
		needs: ["furgonetka", "inpost"],
		async run(context) {
			const moved: string[] = [];
			const furgonetka = context.urls.furgonetka;
			const inpost = context.urls.inpost;
			if (furgonetka) {
				const answer = await controlCall<{ moved: unknown[] }>(
					furgonetka,
					"POST",
					"/__sandbox/furgonetka/packages/advance",
					{},
				);
				moved.push(`${answer.moved.length} on Furgonetka`);
			}
			if (inpost) {
				const answer = await controlCall<{ moved: unknown[] }>(
					inpost,
					"POST",
					"/__sandbox/inpost/shipments/advance",
					{},
				);
				moved.push(`${answer.moved.length} on InPost`);
			}
			return `Parcels moved one step: ${moved.join(", ")}.`;
		},
	},
	{
		id: "crm-stage",
		label: "CRM stage edited by hand",
		needs: ["pipedrive", "hubspot"],
		async run(context) {
			const pipedrive = context.urls.pipedrive;
			if (pipedrive) {
				const summary = await controlCall<{
					pipelines: Array<{ id: number; stages: Array<{ id: number; name: string }> }>;
				}>(pipedrive, "GET", "/__sandbox/pipedrive");
				const { deals } = await controlCall<{ deals: Array<{ id: number; stage_id: number; title: string }> }>(
					pipedrive,
					"GET",
					"/__sandbox/pipedrive/deals",
				);
				const deal = deals[deals.length - 1];
				if (deal) {
					const stages = summary.pipelines.flatMap((pipeline) => pipeline.stages);
					const current = stages.findIndex((stage) => stage.id === deal.stage_id);
					const next = stages[(current + 1) % stages.length];
					if (next) {
						await controlCall(pipedrive, "POST", `/__sandbox/pipedrive/deals/${deal.id}/stage`, { stage: next.id });
						return `Someone moved Pipedrive deal "${deal.title}" to ${next.name} by hand.`;
					}
				}
			}
			const hubspot = context.urls.hubspot;
			if (hubspot) {
				const summary = await controlCall<{
					pipelines: Array<{ id: string; stages: Array<{ id: string; label: string }> }>;
				}>(hubspot, "GET", "/__sandbox/hubspot");
				const { results } = await controlCall<{ results: Array<{ id: string; properties: Record<string, string> }> }>(
					hubspot,
					"GET",
					"/__sandbox/hubspot/deals",
				);
				const deal = results[results.length - 1];
				const stages = summary.pipelines[0]?.stages ?? [];
				if (deal && stages.length > 0) {
					const current = stages.findIndex((stage) => stage.id === deal.properties.dealstage);
					const next = stages[(current + 1) % stages.length] as { id: string; label: string };
					await controlCall(hubspot, "POST", `/__sandbox/hubspot/deals/${deal.id}/stage`, { stage: next.id });
					return `Someone moved HubSpot deal ${deal.id} to ${next.label} by hand.`;
				}
			}
			throw new Error("There is no CRM deal to edit yet.");
		},
	},
	{
		id: "outage",
		label: "Platform outage",
		needs: [],
		async run(context, input) {
			const platform = input.platform && context.urls[input.platform] ? input.platform : "etsy";
			const client = new SandboxControlClient(context.urls[platform] as string);
			if (context.outages.has(platform)) {
				await client.clearFaults();
				context.outages.delete(platform);
				return `${platform} is back.`;
			}
			// Every request answers 503 until switched off, as during a real outage.
			await client.addFault({ kind: "error", status: 503, times: 1_000_000 });
			context.outages.add(platform);
			return `${platform} is down: every request answers 503.`;
		},
	},
	passTime("time-10m", "+10 min", 10 * MINUTE),
	passTime("time-1h", "+1 hour", 60 * MINUTE),
	passTime("time-1d", "+1 day", 24 * 60 * MINUTE),
];

export function availableControls(urls: Record<string, string>): Control[] {
	return CONTROLS.filter((control) => control.needs.length === 0 || control.needs.some((name) => urls[name]));
}

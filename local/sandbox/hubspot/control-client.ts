/** Typed client of the HubSpot sandbox's control API (`/__sandbox/hubspot/...`), over async fetch. */
import { SandboxControlClient } from "../kit/control-client.js";
import type {
	BatchFailure,
	HubSpotResetOptions,
	HubSpotSettings,
	OrderIdPropertyState,
	StageDef,
	TokenRecord,
} from "./types.js";

export type HubSpotResetRequest = HubSpotResetOptions & { now?: number | string; frozen?: boolean };

export interface DealView {
	id: string;
	properties: Record<string, string>;
	createdAt: string;
	updatedAt: string;
	archived: boolean;
	/** Associated contact ids (for a contact: deal ids). */
	associations: string[];
	lastChangedBy: "integration" | "owner";
}

export interface HubSpotSummary {
	portalId: string;
	orderIdProperty: { name: string; state: OrderIdPropertyState };
	pipelines: Array<{ id: string; label: string; stages: Array<{ id: string; label: string }> }>;
	deals: number;
	contacts: number;
	/** Live tokens; the first is the default one with every scope. */
	tokens: string[];
	settings: HubSpotSettings;
	batchFailures: BatchFailure[];
}

export class HubSpotControlClient extends SandboxControlClient {
	override reset(options: HubSpotResetRequest = {}) {
		return super.reset(options as Record<string, unknown>);
	}

	summary(): Promise<HubSpotSummary> {
		return this.call("GET", "/__sandbox/hubspot");
	}

	/** Live deals; `archived: "all"` for every deal, `true` for archived ones only. */
	async deals(filter: { orderId?: string; archived?: boolean | "all" } = {}): Promise<DealView[]> {
		const search = new URLSearchParams();
		if (filter.orderId !== undefined) search.set("orderId", filter.orderId);
		if (filter.archived !== undefined) search.set("archived", String(filter.archived));
		const query = search.size > 0 ? `?${search}` : "";
		return (await this.call<{ results: DealView[] }>("GET", `/__sandbox/hubspot/deals${query}`)).results;
	}

	deal(id: string): Promise<DealView> {
		return this.call("GET", `/__sandbox/hubspot/deals/${id}`);
	}

	/** The deal carrying this order id, or undefined. */
	async dealForOrder(orderId: string): Promise<DealView | undefined> {
		return (await this.deals({ orderId }))[0];
	}

	/** A deal the owner creates by hand in HubSpot. */
	createDeal(properties: Record<string, string>, contactIds: string[] = []): Promise<DealView> {
		return this.call("POST", "/__sandbox/hubspot/deals", { properties, contactIds });
	}

	async generateDeals(count: number): Promise<DealView[]> {
		return (await this.call<{ results: DealView[] }>("POST", "/__sandbox/hubspot/deals/generate", { count })).results;
	}

	/** Someone edits the deal in HubSpot (bumps hs_lastmodifieddate). */
	editDeal(id: string, properties: Record<string, string | null>): Promise<DealView> {
		return this.call("PATCH", `/__sandbox/hubspot/deals/${id}`, { properties });
	}

	/** Someone drags the deal to another stage in HubSpot; `stage` is a label or an id. */
	moveDealByHand(id: string, stage: string, pipeline?: string): Promise<DealView> {
		return this.call("POST", `/__sandbox/hubspot/deals/${id}/stage`, { stage, ...(pipeline ? { pipeline } : {}) });
	}

	archiveDeal(id: string): Promise<DealView> {
		return this.call("POST", `/__sandbox/hubspot/deals/${id}/archive`, {});
	}

	restoreDeal(id: string): Promise<DealView> {
		return this.call("POST", `/__sandbox/hubspot/deals/${id}/restore`, {});
	}

	async contacts(): Promise<DealView[]> {
		return (await this.call<{ results: DealView[] }>("GET", "/__sandbox/hubspot/contacts")).results;
	}

	addStage(
		pipelineId: string,
		stage: { label: string; id?: string; isClosed?: boolean; probability?: number },
	): Promise<StageDef> {
		return this.call("POST", `/__sandbox/hubspot/pipelines/${pipelineId}/stages`, stage);
	}

	/** The owner renames (or deletes, `archived: true`) a stage in HubSpot's settings. */
	editStage(pipelineId: string, stageId: string, changes: { label?: string; archived?: boolean }): Promise<StageDef> {
		return this.call("PATCH", `/__sandbox/hubspot/pipelines/${pipelineId}/stages/${stageId}`, changes);
	}

	addPipeline(pipeline: { label: string; id?: string; stages: string[] }): Promise<{ id: string }> {
		return this.call("POST", "/__sandbox/hubspot/pipelines", pipeline);
	}

	/** A deal property made by hand, e.g. the order id property without unique values. */
	createProperty(name: string, options: { hasUniqueValue?: boolean; label?: string } = {}): Promise<unknown> {
		return this.call("POST", "/__sandbox/hubspot/properties", { name, ...options });
	}

	deleteProperty(name: string): Promise<{ deleted: string }> {
		return this.call("DELETE", `/__sandbox/hubspot/properties/${name}`);
	}

	/** The next batch updates touching these deals fail for them only (a 207), `times` times each. */
	failInBatches(
		dealIds: string[],
		options: { category?: string; message?: string; times?: number } = {},
	): Promise<{ batchFailures: BatchFailure[] }> {
		return this.call("POST", "/__sandbox/hubspot/batch-failures", { dealIds, ...options });
	}

	clearBatchFailures(): Promise<unknown> {
		return this.call("DELETE", "/__sandbox/hubspot/batch-failures");
	}

	issueToken(scopes?: string[]): Promise<TokenRecord> {
		return this.call("POST", "/__sandbox/hubspot/tokens", scopes ? { scopes } : {});
	}

	/** Revokes one token, or every token (the owner rotated the private app's token). */
	revokeTokens(token?: string): Promise<{ revoked: number }> {
		return this.call("POST", "/__sandbox/hubspot/tokens/revoke", token ? { token } : {});
	}

	settings(): Promise<HubSpotSettings> {
		return this.call("GET", "/__sandbox/hubspot/settings");
	}

	/** `usedToday` spends that much of the daily quota at once. */
	updateSettings(changes: Partial<HubSpotSettings> & { usedToday?: number }): Promise<HubSpotSettings> {
		return this.call("POST", "/__sandbox/hubspot/settings", changes);
	}
}

/** Typed client of the Pipedrive sandbox's control API (`/__sandbox/pipedrive/...`), over async fetch. */
import { SandboxControlClient } from "../kit/control-client.js";
import type { PipedriveResetOptions, PipedriveSettings } from "./state.js";

export type PipedriveResetRequest = PipedriveResetOptions & { now?: number | string; frozen?: boolean };

/** Wire shapes as the API serves them (see wire.ts). */
export interface WireDeal {
	id: number;
	title: string;
	person_id: number | null;
	pipeline_id: number;
	stage_id: number;
	value: number;
	currency: string;
	add_time: string;
	update_time: string;
	stage_change_time: string | null;
	is_deleted: boolean;
	is_archived: boolean;
	status: string;
	custom_fields: Record<string, unknown>;
	[key: string]: unknown;
}

export interface WireStage {
	id: number;
	name: string;
	pipeline_id: number;
	order_nr: number;
	[key: string]: unknown;
}

export interface WirePerson {
	id: number;
	name: string;
	emails: Array<{ value: string; primary: boolean; label: string }>;
	is_deleted: boolean;
	[key: string]: unknown;
}

export interface PipedriveSummary {
	company: { domain: string; name: string; userId: number };
	apiToken: string;
	settings: PipedriveSettings;
	tokensSpentToday: number;
	pipelines: Array<{ id: number; name: string; order_nr: number; stages: WireStage[] }>;
	/** The key of the "Etsy order" deal field, once it exists. */
	orderField: string | null;
	deals: number;
	persons: number;
}

export class PipedriveControlClient extends SandboxControlClient {
	override reset(options: PipedriveResetRequest = {}) {
		return super.reset(options as Record<string, unknown>);
	}

	summary(): Promise<PipedriveSummary> {
		return this.call("GET", "/__sandbox/pipedrive");
	}

	async deals(): Promise<WireDeal[]> {
		return (await this.call<{ deals: WireDeal[] }>("GET", "/__sandbox/pipedrive/deals")).deals;
	}

	deal(id: number): Promise<WireDeal> {
		return this.call("GET", `/__sandbox/pipedrive/deals/${id}`);
	}

	/** Live deals carrying this order id in the "Etsy order" field: more than one is a duplicate. */
	async dealsForOrder(orderId: string): Promise<WireDeal[]> {
		return (
			await this.call<{ deals: WireDeal[] }>("GET", `/__sandbox/pipedrive/orders/${encodeURIComponent(orderId)}/deals`)
		).deals;
	}

	/** A deal added by hand; with `orderId` it carries the "Etsy order" field as Hubsheet's do. */
	createDeal(spec: {
		title: string;
		stage?: string | number;
		value?: number;
		currency?: string;
		orderId?: string;
		person?: { name: string; email?: string };
	}): Promise<WireDeal> {
		return this.call("POST", "/__sandbox/pipedrive/deals", spec);
	}

	/** Someone drags the deal to another stage (by name within its pipeline, or by id). */
	moveDealByHand(id: number, stage: string | number): Promise<WireDeal> {
		return this.call("POST", `/__sandbox/pipedrive/deals/${id}/stage`, { stage });
	}

	/** Raw field changes; `bump: false` keeps update_time. */
	patchDeal(id: number, fields: Partial<WireDeal>, options: { bump?: boolean } = {}): Promise<WireDeal> {
		return this.call("PATCH", `/__sandbox/pipedrive/deals/${id}`, { fields, ...options });
	}

	deleteDeal(id: number): Promise<WireDeal> {
		return this.call("POST", `/__sandbox/pipedrive/deals/${id}/delete`, {});
	}

	archiveDeal(id: number): Promise<WireDeal> {
		return this.call("POST", `/__sandbox/pipedrive/deals/${id}/archive`, {});
	}

	async persons(): Promise<WirePerson[]> {
		return (await this.call<{ persons: WirePerson[] }>("GET", "/__sandbox/pipedrive/persons")).persons;
	}

	createPerson(spec: { name: string; email?: string }): Promise<WirePerson> {
		return this.call("POST", "/__sandbox/pipedrive/persons", spec);
	}

	deletePerson(id: number): Promise<WirePerson> {
		return this.call("POST", `/__sandbox/pipedrive/persons/${id}/delete`, {});
	}

	createPipeline(name: string, stages: string[]): Promise<{ id: number; name: string; stages: WireStage[] }> {
		return this.call("POST", "/__sandbox/pipedrive/pipelines", { name, stages });
	}

	addStage(pipeline: string | number, name: string): Promise<WireStage> {
		return this.call("POST", "/__sandbox/pipedrive/stages", { pipeline, name });
	}

	renameStage(id: number, name: string): Promise<WireStage> {
		return this.call("PATCH", `/__sandbox/pipedrive/stages/${id}`, { name });
	}

	deleteStage(id: number): Promise<WireStage> {
		return this.call("DELETE", `/__sandbox/pipedrive/stages/${id}`);
	}

	async dealFields(): Promise<Array<{ field_code: string; field_name: string; field_type: string }>> {
		return (
			await this.call<{ fields: Array<{ field_code: string; field_name: string; field_type: string }> }>(
				"GET",
				"/__sandbox/pipedrive/deal-fields",
			)
		).fields;
	}

	addDealField(
		name: string,
		type = "varchar",
	): Promise<{ field_code: string; field_name: string; field_type: string }> {
		return this.call("POST", "/__sandbox/pipedrive/deal-fields", { name, type });
	}

	deleteDealField(code: string): Promise<{ field_code: string }> {
		return this.call("DELETE", `/__sandbox/pipedrive/deal-fields/${code}`);
	}

	/** What regenerating the token in Pipedrive's settings does: the old one answers 401. */
	async regenerateToken(): Promise<string> {
		return (await this.call<{ api_token: string }>("POST", "/__sandbox/pipedrive/token/regenerate", {})).api_token;
	}

	settings(): Promise<PipedriveSettings & { tokensSpentToday: number }> {
		return this.call("GET", "/__sandbox/pipedrive/settings");
	}

	/** `tokensUsedToday` spends that much of the daily budget at once. */
	updateSettings(
		changes: Partial<PipedriveSettings> & { tokensUsedToday?: number },
	): Promise<PipedriveSettings & { tokensSpentToday: number }> {
		return this.call("POST", "/__sandbox/pipedrive/settings", changes);
	}
}

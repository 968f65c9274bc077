/** Typed client of the InPost sandbox's control API (`/__sandbox/inpost/...`), over async fetch. */
import { SandboxControlClient } from "../kit/control-client.js";
import type { InpostResetOptions, InpostSettings, StatusEntry } from "./state.js";

export type InpostResetRequest = InpostResetOptions & { now?: number | string; frozen?: boolean };

/** A shipment as the API shows it (the fields tests read; the rest is there too). */
export interface InpostShipmentView {
	id: number;
	status: string;
	tracking_number: string | null;
	service: string;
	reference: string | null;
	parcels: Array<{ tracking_number: string | null; dimensions: unknown; weight: unknown }>;
	[field: string]: unknown;
}

export class InpostControlClient extends SandboxControlClient {
	override reset(options: InpostResetRequest = {}) {
		return super.reset(options as Record<string, unknown>);
	}

	summary(): Promise<{ organizationId: number; token: string; settings: InpostSettings; shipments: number }> {
		return this.call("GET", "/__sandbox/inpost");
	}

	async shipments(): Promise<InpostShipmentView[]> {
		return (await this.call<{ shipments: InpostShipmentView[] }>("GET", "/__sandbox/inpost/shipments")).shipments;
	}

	/** With the tracking number it will have once confirmed, and its past and scheduled statuses. */
	shipment(id: number | string): Promise<{
		shipment: InpostShipmentView;
		trackingNumber: string;
		history: StatusEntry[];
		schedule: StatusEntry[];
	}> {
		return this.call("GET", `/__sandbox/inpost/shipments/${id}`);
	}

	/** Moves one shipment to its next status now, or to `to` (on its path, or avizo / returned_to_sender / cancelled). */
	advanceShipment(
		id: number | string,
		to?: string,
	): Promise<{ shipment: InpostShipmentView; schedule: StatusEntry[] }> {
		return this.call("POST", `/__sandbox/inpost/shipments/${id}/advance`, to === undefined ? {} : { to });
	}

	/** Moves every shipment still in flight one step (or to `to`). */
	advanceAll(to?: string): Promise<{ moved: number[] }> {
		return this.call("POST", "/__sandbox/inpost/shipments/advance", to === undefined ? {} : { to });
	}

	settings(): Promise<InpostSettings> {
		return this.call("GET", "/__sandbox/inpost/settings");
	}

	updateSettings(changes: Partial<InpostSettings>): Promise<InpostSettings> {
		return this.call("POST", "/__sandbox/inpost/settings", changes);
	}
}

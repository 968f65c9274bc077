/** Typed client of the Etsy sandbox's control API (`/__sandbox/etsy/...`), over async fetch. */
import { SandboxControlClient } from "../kit/control-client.js";
import type { ReceiptSpec } from "./generator.js";
import type { EtsyResetOptions, EtsySettings } from "./state.js";
import type { Address, ShopReceipt } from "./types.js";

export interface TokenResponse {
	access_token: string;
	token_type: "Bearer";
	expires_in: number;
	refresh_token: string;
}

export type EtsyResetRequest = EtsyResetOptions & { now?: number | string; frozen?: boolean };

export class EtsyControlClient extends SandboxControlClient {
	override reset(options: EtsyResetRequest = {}) {
		return super.reset(options as Record<string, unknown>);
	}

	summary(): Promise<{
		shop: { shop_id: number; user_id: number };
		settings: EtsySettings;
		receipts: number;
		edgeCases: Record<string, number>;
	}> {
		return this.call("GET", "/__sandbox/etsy");
	}

	receipts(): Promise<{ count: number; results: ShopReceipt[]; delivered: number[] }> {
		return this.call("GET", "/__sandbox/etsy/receipts");
	}

	receipt(id: number): Promise<{ receipt: ShopReceipt; delivered: boolean }> {
		return this.call("GET", `/__sandbox/etsy/receipts/${id}`);
	}

	generateReceipts(options: {
		count: number;
		seed?: number;
		spanDays?: number;
	}): Promise<{ count: number; receipt_ids: number[] }> {
		return this.call("POST", "/__sandbox/etsy/receipts/generate", options);
	}

	createReceipt(spec: ReceiptSpec = {}): Promise<ShopReceipt> {
		return this.call("POST", "/__sandbox/etsy/receipts", spec);
	}

	/** Seeds one receipt per edge case; returns which receipt carries which case. */
	async seedEdgeCases(): Promise<Record<string, number>> {
		return (await this.call<{ edgeCases: Record<string, number> }>("POST", "/__sandbox/etsy/receipts/edge-cases"))
			.edgeCases;
	}

	patchReceipt(id: number, fields: Partial<ShopReceipt>, options: { bump?: boolean } = {}): Promise<ShopReceipt> {
		return this.call("PATCH", `/__sandbox/etsy/receipts/${id}`, { fields, ...options });
	}

	changeAddress(id: number, address: Partial<Address>): Promise<ShopReceipt> {
		return this.call("POST", `/__sandbox/etsy/receipts/${id}/address`, address);
	}

	/** `bump: false` keeps updated_timestamp, like the cancellations min_last_modified misses. */
	cancel(id: number, options: { reason?: string; bump?: boolean } = {}): Promise<ShopReceipt> {
		return this.call("POST", `/__sandbox/etsy/receipts/${id}/cancel`, options);
	}

	/** Full refund of what is left unless `amount` (minor units) is given. */
	refund(id: number, options: { amount?: number; reason?: string } = {}): Promise<ShopReceipt> {
		return this.call("POST", `/__sandbox/etsy/receipts/${id}/refund`, options);
	}

	setShipBy(id: number, shipBy: number): Promise<ShopReceipt> {
		return this.call("POST", `/__sandbox/etsy/receipts/${id}/ship-by`, { ship_by: shipBy });
	}

	markPaid(id: number): Promise<ShopReceipt> {
		return this.call("POST", `/__sandbox/etsy/receipts/${id}/pay`, {});
	}

	markDelivered(id: number): Promise<ShopReceipt> {
		return this.call("POST", `/__sandbox/etsy/receipts/${id}/deliver`, {});
	}

	/** The seller marks the order shipped on etsy.com, outside Hubsheet. */
	markShipped(id: number, shipment: { carrier_name?: string; tracking_code?: string } = {}): Promise<ShopReceipt> {
		return this.call("POST", `/__sandbox/etsy/receipts/${id}/ship`, shipment);
	}

	issueTokens(options: { scopes?: string[]; expires_in?: number } = {}): Promise<TokenResponse> {
		return this.call("POST", "/__sandbox/etsy/tokens", options);
	}

	/** What a password change on Etsy does: every access and refresh token stops working. */
	revokeTokens(): Promise<{ revoked: number }> {
		return this.call("POST", "/__sandbox/etsy/tokens/revoke", {});
	}

	expireAccessTokens(): Promise<{ expired: number }> {
		return this.call("POST", "/__sandbox/etsy/tokens/expire", {});
	}

	settings(): Promise<EtsySettings> {
		return this.call("GET", "/__sandbox/etsy/settings");
	}

	/** `usedToday` consumes that much of the daily budget at once. */
	updateSettings(changes: Partial<EtsySettings> & { usedToday?: number }): Promise<EtsySettings> {
		return this.call("POST", "/__sandbox/etsy/settings", changes);
	}
}

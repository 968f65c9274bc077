/** Typed client of the Furgonetka sandbox's control API (`/__sandbox/furgonetka/...`), over async fetch. */
import { SandboxControlClient } from "../kit/control-client.js";
import type { FurgonetkaResetOptions, FurgonetkaSettings, OrderCommand, PackageState, TimelineEntry } from "./state.js";
import type { FurgonetkaRules } from "./validation.js";

export type FurgonetkaResetRequest = FurgonetkaResetOptions & { now?: number | string; frozen?: boolean };

export interface FurgonetkaTokenResponse {
	token_type: "Bearer";
	expires_in: number;
	access_token: string;
	refresh_token: string;
}

export interface FurgonetkaSessions {
	active: number;
	logins: number;
	refreshes: number;
	revokedBySessionLimit: number;
	failedLogins: number;
	sessions: Array<{
		id: number;
		via: "password" | "control";
		createdAt: number;
		renewedAt: number;
		accessExpiresAt: number;
		refreshExpiresAt: number;
		revoked: null | "session-limit" | "control";
	}>;
}

/** A package as the API shows it (the fields tests read; the rest is there too). */
export interface FurgonetkaPackageView {
	package_id: string;
	/** `waiting`, `ordered`, `collect-problem`, `canceled` (or the scan, with `packageStateFollowsTracking`). */
	state: string;
	service: string;
	service_id: number;
	user_reference_number: string | null;
	parcels: Array<{ width: number; depth: number; height: number; weight: number; package_no: string | null }>;
	label: { url: string | null; file_format: string; page_format: string };
	documents_url: string | null;
	datetime_order: string | null;
	datetime_delivery: string | null;
	[field: string]: unknown;
}

export class FurgonetkaControlClient extends SandboxControlClient {
	override reset(options: FurgonetkaResetRequest = {}) {
		return super.reset(options as Record<string, unknown>);
	}

	summary(): Promise<{
		app: { clientId: string };
		user: { username: string };
		settings: FurgonetkaSettings;
		rules: FurgonetkaRules;
		services: Array<{ id: number; service: string; name: string }>;
		packages: number;
		sessions: number;
	}> {
		return this.call("GET", "/__sandbox/furgonetka");
	}

	async packages(): Promise<FurgonetkaPackageView[]> {
		return (await this.call<{ packages: FurgonetkaPackageView[] }>("GET", "/__sandbox/furgonetka/packages")).packages;
	}

	package(
		id: string,
	): Promise<{ package: FurgonetkaPackageView; schedule: TimelineEntry[]; history: TimelineEntry[] }> {
		return this.call("GET", `/__sandbox/furgonetka/packages/${id}`);
	}

	/** Moves one package to its next state now, or to `to` (including `collect-problem` and `canceled`). */
	advancePackage(
		id: string,
		to?: PackageState,
	): Promise<{ package: FurgonetkaPackageView; schedule: TimelineEntry[]; history: TimelineEntry[] }> {
		return this.call("POST", `/__sandbox/furgonetka/packages/${id}/advance`, to === undefined ? {} : { to });
	}

	/** Moves every package still in flight one step (or to `to`). */
	advanceAll(to?: PackageState): Promise<{ moved: string[] }> {
		return this.call("POST", "/__sandbox/furgonetka/packages/advance", to === undefined ? {} : { to });
	}

	async commands(): Promise<OrderCommand[]> {
		return (await this.call<{ commands: OrderCommand[] }>("GET", "/__sandbox/furgonetka/commands")).commands;
	}

	rules(): Promise<FurgonetkaRules> {
		return this.call("GET", "/__sandbox/furgonetka/rules");
	}

	setRules(changes: Partial<FurgonetkaRules>): Promise<FurgonetkaRules> {
		return this.call("POST", "/__sandbox/furgonetka/rules", changes);
	}

	settings(): Promise<FurgonetkaSettings> {
		return this.call("GET", "/__sandbox/furgonetka/settings");
	}

	updateSettings(changes: Partial<FurgonetkaSettings>): Promise<FurgonetkaSettings> {
		return this.call("POST", "/__sandbox/furgonetka/settings", changes);
	}

	/** Sessions: how many are live, how many logins and refreshes happened, how many the 20-limit revoked. */
	sessions(): Promise<FurgonetkaSessions> {
		return this.call("GET", "/__sandbox/furgonetka/tokens");
	}

	/** A session without the password grant (it counts towards the 20 all the same). */
	issueTokens(options: { expires_in?: number } = {}): Promise<FurgonetkaTokenResponse> {
		return this.call("POST", "/__sandbox/furgonetka/tokens", options);
	}

	/** `all` is what a password change does; `oldest` or a session id revoke one. */
	revokeTokens(which: "all" | "oldest" | number = "all"): Promise<{ revoked: number }> {
		return this.call("POST", "/__sandbox/furgonetka/tokens/revoke", { which });
	}

	expireAccessTokens(): Promise<{ expired: number }> {
		return this.call("POST", "/__sandbox/furgonetka/tokens/expire", {});
	}
}

/**
 * What the sidebar and the marketplace's sign-in page show about the connections, from what the
 * Apps Script shell reads (the sign-in's state, the health records): pure, so the rules are tested here.
 */
import type { PlatformName } from "../core/connector-contracts.js";
import type { ConnectionHealth, EtsyConnectionView } from "../ui/sidebar-api.js";
import { describeHealth, etsyHealthInput } from "./connection-health.js";
import type { HealthRecord } from "./health-records.js";

/** The marketplace sign-in's state, as its connector keeps it. */
export type SignInState =
	| { kind: "not-connected" }
	| { kind: "connected"; accessExpiresAtMs: number }
	| { kind: "reconnect-required"; message: string };

/** The marketplace's connection as the sidebar shows it; null state: no credentials saved yet. */
export function marketplaceConnectionView(state: SignInState | null): EtsyConnectionView {
	if (!state) return { kind: "no-credentials" };
	if (state.kind === "connected")
		return { kind: "connected", accessExpiresAt: new Date(state.accessExpiresAtMs).toISOString() };
	if (state.kind === "reconnect-required") return { kind: "reconnect-required", message: state.message };
	return { kind: "not-connected" };
}

/** Every connection's health: the marketplace first, always; a CRM or courier once a sync recorded how it answered. */
export function connectionHealthList(
	marketplace: { name: PlatformName; connection: EtsyConnectionView; storedTokens: string | null },
	records: Partial<Record<PlatformName, HealthRecord>>,
	nowMs: number,
): ConnectionHealth[] {
	const { name, connection, storedTokens } = marketplace;
	const health = [describeHealth(etsyHealthInput(connection, records[name] ?? {}, storedTokens, nowMs))];
	for (const [platform, record] of Object.entries(records)) {
		if (platform === name || !record) continue;
		health.push(describeHealth({ platform: platform as PlatformName, configured: true, record, nowMs }));
	}
	return health;
}

/** A sign-in that cannot complete: no credentials saved to complete it with. */
/** How long the owner has to approve Hubsheet on the marketplace's page before the sign-in link lapses. */
export const SIGN_IN_LINK_SECONDS = 3600;

export function missingCredentials(signInNeeds: string): { kind: "failed"; message: string } {
	return { kind: "failed", message: `Save the ${signInNeeds} first (Hubsheet > Settings).` };
}

/** The page the marketplace's redirect lands on, in words: its heading and one paragraph (shown as text). */
export function signInPageWords(
	name: string,
	result: { kind: "connected" } | { kind: "denied" | "failed"; message: string },
): { heading: string; text: string } {
	return result.kind === "connected"
		? {
				heading: `${name} is connected`,
				text: `Hubsheet can now read your ${name} orders. You can close this tab and press Sync now in the sidebar.`,
			}
		: { heading: `${name} is not connected`, text: result.message };
}

/**
 * How long after a create each platform's look-up (search) can be trusted to show it. None of the
 * vendor notes (../shared/specs/<platform>/NOTES.md) states a figure, so these are settings with
 * cautious defaults: the sandboxes lag 5 s (Pipedrive) and about as much (HubSpot), real search
 * indexes are reported to lag seconds to a minute. A create whose outcome is unknown is looked up
 * again only once this much time has passed since it was sent, so a late create is found rather
 * than made twice.
 */
import type { PlatformName } from "./connector-contracts.js";

export const DEFAULT_SEARCH_LAG_MS: Record<PlatformName, number> = {
	Etsy: 60_000,
	Pipedrive: 60_000,
	HubSpot: 60_000,
	// The receiver de-duplicates by event id; a resend is harmless.
	Webhook: 0,
	Furgonetka: 60_000,
	InPost: 60_000,
};

/** The lag to wait for `platform`: the owner's setting (seconds, all platforms) when given, else the default. */
export function searchLagMs(platform: PlatformName, settingSeconds?: number | null): number {
	if (
		settingSeconds !== undefined &&
		settingSeconds !== null &&
		Number.isFinite(settingSeconds) &&
		settingSeconds >= 0
	) {
		return platform === "Webhook" ? 0 : settingSeconds * 1000;
	}
	return DEFAULT_SEARCH_LAG_MS[platform];
}

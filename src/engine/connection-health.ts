/**
 * Health of each connection, for the sidebar: when it last worked, its last error, the age of its
 * refresh token and the quota it has left today. The sync records each platform's outcome in the
 * store (health-records.ts, from what the run says: run-health.ts); reading turns the record and the
 * connection's state into a status and one plain sentence.
 */
import type { PlatformName } from "../core/connector-contracts.js";
import { descriptorOf, MARKETPLACE } from "../platforms/registry.js";
import type { ListingStore } from "../ports.js";
import type { ConnectionHealth, EtsyConnectionView } from "../ui/sidebar-api.js";
import { HEALTH_KEY_PREFIX, type HealthRecord, isFailing, parseHealthRecord } from "./health-records.js";

const DAY_MS = 86_400_000;
/** The marketplace's sign-in lapses this long after it last issued the refresh token; warn ten days before. */
export const REFRESH_TOKEN_DAYS = MARKETPLACE.signInLapseDays;
export const TOKEN_WARNING_DAYS = REFRESH_TOKEN_DAYS - 10;
const MARKETPLACE_NAME = MARKETPLACE.name;
/** Below this share of the daily quota (or this many requests), say it is running low. */
const QUOTA_WARNING_SHARE = 0.1;
const QUOTA_WARNING_MINIMUM = 100;

export function readHealthRecords(store: ListingStore): Partial<Record<PlatformName, HealthRecord>> {
	const records: Partial<Record<PlatformName, HealthRecord>> = {};
	for (const [key, value] of Object.entries(store.all())) {
		if (key.startsWith(HEALTH_KEY_PREFIX)) {
			records[key.slice(HEALTH_KEY_PREFIX.length) as PlatformName] = parseHealthRecord(value);
		}
	}
	return records;
}

export interface HealthInput {
	platform: PlatformName;
	/** False when the owner has not set this platform up at all. */
	configured: boolean;
	/** Set when the platform refuses the saved sign-in or key: the owner must reconnect. */
	reconnectMessage?: string;
	/** Set when credentials are saved but the sign-in was never completed. */
	notConnected?: boolean;
	record: HealthRecord;
	/** Epoch ms the platform last issued the refresh token, for platforms whose tokens lapse. */
	tokenIssuedAtMs?: number;
	nowMs: number;
}

function iso(ms: number | undefined): string | undefined {
	return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** One connection's health: pure, so the rules are unit-tested without Apps Script. */
export function describeHealth(input: HealthInput): ConnectionHealth {
	const { platform, record, nowMs } = input;
	const health: ConnectionHealth = { platform, status: "ok", message: "" };
	const lastSuccess = iso(record.lastSuccessAtMs);
	if (lastSuccess) health.lastSuccess = lastSuccess;
	const failingNow = isFailing(record) && record.lastError;
	if (record.lastError && record.lastErrorAtMs !== undefined) {
		health.lastError = record.lastError;
		health.lastErrorAt = iso(record.lastErrorAtMs) as string;
	}
	if (!failingNow && record.recoveredAtMs !== undefined && record.lastError) {
		health.recoveredAt = iso(record.recoveredAtMs) as string;
	}
	if (input.tokenIssuedAtMs !== undefined)
		health.tokenAgeDays = Math.max(0, Math.floor((nowMs - input.tokenIssuedAtMs) / DAY_MS));
	if (record.quotaLeftToday !== undefined) health.quotaLeftToday = record.quotaLeftToday;
	if (record.quotaPerDay !== undefined) health.quotaPerDay = record.quotaPerDay;

	if (!input.configured) return { ...health, status: "not-configured", message: `${platform} is not set up.` };
	if (input.reconnectMessage) return { ...health, status: "error", message: input.reconnectMessage };
	if (input.notConnected)
		return { ...health, status: "warning", message: `${platform} is not connected yet: open Hubsheet > Settings.` };
	if (failingNow && record.lastErrorPassing) {
		return {
			...health,
			status: "warning",
			message: `The last request to ${platform} failed; Hubsheet tries again at the next sync.`,
		};
	}
	if (failingNow) return { ...health, status: "error", message: `The last request to ${platform} failed.` };

	const warnings: string[] = [];
	if (health.tokenAgeDays !== undefined && health.tokenAgeDays >= TOKEN_WARNING_DAYS) {
		const left = Math.max(0, REFRESH_TOKEN_DAYS - health.tokenAgeDays);
		warnings.push(
			`${platform}'s sign-in lapses in ${left} day${left === 1 ? "" : "s"} unless a sync runs: press Sync now, or reconnect in Settings.`,
		);
	}
	if (record.budgetWait) warnings.push(record.budgetWait);
	else if (record.quotaLeftToday !== undefined) {
		const low = Math.max(QUOTA_WARNING_MINIMUM, (record.quotaPerDay ?? 0) * QUOTA_WARNING_SHARE);
		if (record.quotaLeftToday < low)
			warnings.push(
				descriptorOf(platform)?.lowQuotaWarning?.(record.quotaLeftToday) ??
					`Only ${record.quotaLeftToday} requests to ${platform} are left in today's quota.`,
			);
	}
	if (warnings.length > 0) return { ...health, status: "warning", message: warnings.join(" ") };
	const message = health.recoveredAt
		? `${platform} is working again.`
		: lastSuccess
			? `${platform} is working.`
			: `${platform} is connected; no sync has used it yet.`;
	return { ...health, message };
}

/** The marketplace's health from its connection and the stored tokens' issue time (never the tokens themselves). */
export function etsyHealthInput(
	connection: EtsyConnectionView,
	record: HealthRecord,
	storedTokens: string | null,
	nowMs: number,
): HealthInput {
	const input: HealthInput = {
		platform: MARKETPLACE_NAME,
		configured: connection.kind !== "no-credentials",
		record,
		nowMs,
	};
	if (connection.kind === "reconnect-required") input.reconnectMessage = connection.message;
	if (connection.kind === "not-connected") input.notConnected = true;
	if (storedTokens) {
		try {
			const savedAtMs = (JSON.parse(storedTokens) as { savedAtMs?: unknown }).savedAtMs;
			if (typeof savedAtMs === "number") input.tokenIssuedAtMs = savedAtMs;
		} catch {
			// Unreadable tokens show up as "reconnect" through the connection state.
		}
	}
	return input;
}

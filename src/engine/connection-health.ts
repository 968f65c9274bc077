/**
 * Health of each connection, for the sidebar: when it last worked, its last error, the age of its
 * refresh token and the quota it has left today. The sync records each platform's outcome in the
 * store (script properties: one small JSON value per platform, far below the 9 KB limit); reading
 * turns the record and the connection's state into a status and one plain sentence.
 */
import type { PlatformName } from "../core/connector-contracts.js";
import { descriptorOf, MARKETPLACE } from "../platforms/registry.js";
import type { ListingStore, Log, Store } from "../ports.js";
import type { ConnectionHealth, EtsyConnectionView } from "../ui/sidebar-api.js";
import type { PlatformSyncSummary } from "./platform-sync.js";

const HEALTH_KEY_PREFIX = "hubsheet.health.";
const DAY_MS = 86_400_000;
/** The marketplace's sign-in lapses this long after it last issued the refresh token; warn ten days before. */
export const REFRESH_TOKEN_DAYS = MARKETPLACE.signInLapseDays;
export const TOKEN_WARNING_DAYS = REFRESH_TOKEN_DAYS - 10;
const MARKETPLACE_NAME = MARKETPLACE.name;
/** Below this share of the daily quota (or this many requests), say it is running low. */
const QUOTA_WARNING_SHARE = 0.1;
const QUOTA_WARNING_MINIMUM = 100;
/** An error text longer than this is cut: it is shown in a 300 px sidebar. */
const MAX_ERROR_LENGTH = 500;

export interface HealthRecord {
	lastSuccessAtMs?: number;
	/** The first success after a failure: when the platform recovered (absent while failing, or never failed). */
	recoveredAtMs?: number;
	lastErrorAtMs?: number;
	lastError?: string;
	/** The last error is one the next sync tries again by itself (a warning, not an error). */
	lastErrorPassing?: boolean;
	quotaLeftToday?: number;
	quotaPerDay?: number;
	/** The owner's sentence while work waits for the daily allowance to renew (engine/daily-budgets.ts). */
	budgetWait?: string;
}

export type PlatformOutcome =
	| { ok: true; quotaLeftToday?: number | null; quotaPerDay?: number | null }
	| { ok: false; error: string; passing?: boolean; quotaLeftToday?: number | null; quotaPerDay?: number | null };

function healthKey(platform: PlatformName): string {
	return `${HEALTH_KEY_PREFIX}${platform}`;
}

export function parseHealthRecord(raw: string | null): HealthRecord {
	if (!raw) return {};
	try {
		const parsed = JSON.parse(raw) as Record<string, unknown>;
		const record: HealthRecord = {};
		const number = (key: keyof HealthRecord) => {
			const value = parsed[key];
			if (typeof value === "number" && Number.isFinite(value)) (record as Record<string, unknown>)[key] = value;
		};
		number("lastSuccessAtMs");
		number("recoveredAtMs");
		number("lastErrorAtMs");
		number("quotaLeftToday");
		number("quotaPerDay");
		if (typeof parsed.lastError === "string") record.lastError = parsed.lastError;
		if (typeof parsed.budgetWait === "string") record.budgetWait = parsed.budgetWait;
		if (parsed.lastErrorPassing === true) record.lastErrorPassing = true;
		return record;
	} catch {
		return {};
	}
}

function isFailing(record: HealthRecord): boolean {
	return record.lastErrorAtMs !== undefined && (record.lastSuccessAtMs ?? 0) <= record.lastErrorAtMs;
}

/**
 * The record after one outcome: a success keeps the last error (it is history) and, the first
 * time after a failure, notes when the platform recovered.
 */
export function nextHealthRecord(previous: HealthRecord, outcome: PlatformOutcome, nowMs: number): HealthRecord {
	const record: HealthRecord = { ...previous };
	if (outcome.ok) {
		if (isFailing(previous)) record.recoveredAtMs = nowMs;
		record.lastSuccessAtMs = nowMs;
	} else {
		record.lastErrorAtMs = nowMs;
		record.lastError = outcome.error.slice(0, MAX_ERROR_LENGTH);
		if (outcome.passing) record.lastErrorPassing = true;
		else delete record.lastErrorPassing;
		delete record.recoveredAtMs;
	}
	if (typeof outcome.quotaLeftToday === "number") record.quotaLeftToday = outcome.quotaLeftToday;
	if (typeof outcome.quotaPerDay === "number") record.quotaPerDay = outcome.quotaPerDay;
	return record;
}

/**
 * Records how a platform answered during a sync. The engine calls it once per platform per run,
 * after the platform's phase. Never throws: bookkeeping is not worth failing a sync for.
 */
export function recordPlatformOutcome(
	store: Store,
	log: Log,
	platform: PlatformName,
	outcome: PlatformOutcome,
	nowMs: number,
): void {
	try {
		const previous = parseHealthRecord(store.get(healthKey(platform)));
		store.set(healthKey(platform), JSON.stringify(nextHealthRecord(previous, outcome, nowMs)));
	} catch (error) {
		log.warn(`Could not record the health of ${platform}: ${(error as Error).message}`);
	}
}

/**
 * Lists a chosen platform the sync sent nothing yet, so the sidebar shows it as connected but not
 * used (rather than not at all); an existing record is left exactly as it is.
 */
export function notePlatformChosen(store: Store, log: Log, platform: PlatformName): void {
	try {
		if (store.get(healthKey(platform)) === null) store.set(healthKey(platform), "{}");
	} catch (error) {
		log.warn(`Could not record the health of ${platform}: ${(error as Error).message}`);
	}
}

export function readHealthRecords(store: ListingStore): Partial<Record<PlatformName, HealthRecord>> {
	const records: Partial<Record<PlatformName, HealthRecord>> = {};
	for (const [key, value] of Object.entries(store.all())) {
		if (key.startsWith(HEALTH_KEY_PREFIX)) {
			records[key.slice(HEALTH_KEY_PREFIX.length) as PlatformName] = parseHealthRecord(value);
		}
	}
	return records;
}

/** What one run says about one platform's health: an outcome to record, or only that it is chosen. */
export type HealthNote =
	| { platform: PlatformName; outcome: PlatformOutcome }
	| { platform: PlatformName; outcome: "chosen" };

/**
 * What makes a run count as failed, for the alerts: the first platform whose connection failed, as
 * "<platform>: <error>" (not an order's refused data, which is that order's finding); null when none did.
 */
export function runFailure(health: readonly HealthNote[]): string | null {
	for (const note of health) {
		if (note.outcome !== "chosen" && !note.outcome.ok) return `${note.platform}: ${note.outcome.error}`;
	}
	return null;
}

/**
 * Each platform's health after this run: failing when its connection failed (not when an order's
 * data was refused), working when a request to it succeeded (`answered`), and unchanged when the
 * run sent it nothing that answered (a chosen CRM or courier is then only listed).
 */
export function healthNotes(
	platforms: PlatformSyncSummary | undefined,
	answered: (platform: PlatformName) => boolean,
	marketplaceTrouble: string | undefined,
	marketplace: { quotaLeftToday: number | null | undefined; quotaPerDay: number | null | undefined; passing: boolean },
): HealthNote[] {
	const { passing, ...quota } = marketplace;
	const failures = new Map<PlatformName, string>();
	if (marketplaceTrouble) failures.set(MARKETPLACE_NAME, marketplaceTrouble);
	for (const action of platforms?.actions ?? []) {
		if (action.connectionFailed && !failures.has(action.connectionFailed)) {
			failures.set(action.connectionFailed, action.result);
		}
	}
	for (const error of platforms?.connectionErrors ?? []) {
		if (!failures.has(error.platform)) failures.set(error.platform, error.message);
	}
	const used = new Set<PlatformName>([MARKETPLACE_NAME, ...failures.keys()]);
	if (platforms?.crmPlatform) used.add(platforms.crmPlatform);
	if (platforms?.courierPlatform) used.add(platforms.courierPlatform);
	const notes: HealthNote[] = [];
	for (const platform of used) {
		const crmAllowance = platform === platforms?.crmPlatform ? platforms.crmAllowance : null;
		const extra =
			platform === MARKETPLACE_NAME
				? quota
				: crmAllowance
					? { quotaLeftToday: crmAllowance.left, quotaPerDay: crmAllowance.perDay }
					: {};
		const error = failures.get(platform);
		const marketplacePassing = platform === MARKETPLACE_NAME && passing ? { passing: true } : {};
		if (error !== undefined) notes.push({ platform, outcome: { ok: false, error, ...extra, ...marketplacePassing } });
		else if (answered(platform)) notes.push({ platform, outcome: { ok: true, ...extra } });
		else if (platform !== MARKETPLACE_NAME) notes.push({ platform, outcome: "chosen" });
	}
	return notes;
}

/**
 * Notes on each platform whose allowance the run watched whether work waits for its renewal (the
 * sentence), or no longer does. Only a change is written. Never throws, as the other records.
 */
export function recordBudgetWaits(
	store: Store,
	log: Log,
	watched: readonly PlatformName[],
	waits: ReadonlyArray<{ platform: PlatformName; sentence: string }>,
): void {
	for (const platform of watched) {
		try {
			const raw = store.get(healthKey(platform));
			const record = parseHealthRecord(raw);
			const sentence = waits.find((wait) => wait.platform === platform)?.sentence;
			if (record.budgetWait === sentence) continue;
			if (sentence === undefined) delete record.budgetWait;
			else record.budgetWait = sentence;
			store.set(healthKey(platform), JSON.stringify(record));
		} catch (error) {
			log.warn(`Could not record the health of ${platform}: ${(error as Error).message}`);
		}
	}
}

/** Records the run's notes, in order. */
export function recordHealthNotes(store: Store, log: Log, notes: readonly HealthNote[], nowMs: number): void {
	for (const { platform, outcome } of notes) {
		if (outcome === "chosen") notePlatformChosen(store, log, platform);
		else recordPlatformOutcome(store, log, platform, outcome, nowMs);
	}
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

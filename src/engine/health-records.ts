/**
 * The health record each platform keeps in the store (script properties: one small JSON value per
 * platform, far below the 9 KB limit): when it last worked, its last error, the quota it reported,
 * and whether work waits for its daily allowance. Writing a record never fails a sync.
 */
import type { PlatformName } from "../core/connector-contracts.js";
import type { Log, Store } from "../ports.js";

export const HEALTH_KEY_PREFIX = "hubsheet.health.";
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

export function healthKey(platform: PlatformName): string {
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

export function isFailing(record: HealthRecord): boolean {
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

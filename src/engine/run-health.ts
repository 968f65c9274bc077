/**
 * What one run says about each platform's health: an outcome to record (failing when its connection
 * failed, working when a request to it succeeded) or only that it is chosen; and what makes the run
 * count as failed, for the alerts.
 */
import type { PlatformName } from "../core/connector-contracts.js";
import { MARKETPLACE } from "../platforms/registry.js";
import type { Log, Store } from "../ports.js";
import { notePlatformChosen, type PlatformOutcome, recordPlatformOutcome } from "./health-records.js";
import type { PlatformSyncSummary } from "./platform-sync.js";

const MARKETPLACE_NAME = MARKETPLACE.name;

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

/** Records the run's notes, in order. */
export function recordHealthNotes(store: Store, log: Log, notes: readonly HealthNote[], nowMs: number): void {
	for (const { platform, outcome } of notes) {
		if (outcome === "chosen") notePlatformChosen(store, log, platform);
		else recordPlatformOutcome(store, log, platform, outcome, nowMs);
	}
}

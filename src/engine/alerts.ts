/**
 * Alerts by e-mail after a sync: gathers the run's alert items, plans the digest against the record
 * of what was sent (engine store, shared with the runner) and the day's limits, and sends it through
 * the Mail port. Never throws: an alert is not worth failing a sync for.
 */

import {
	type AlertItem,
	type AlertKind,
	type FailStreak,
	failingSyncsAlert,
	findingAlerts,
	morningSummaryLines,
	nextFailStreak,
	type ReconnectNeed,
	reconnectAlerts,
} from "../core/alert-items.js";
import { planAlerts } from "../core/alert-plan.js";
import { parseAlertRecord } from "../core/alert-record.js";
import { type AlertSettings, DEFAULT_ALERT_SETTINGS } from "../core/alert-settings.js";
import type { Bookkeeping } from "../core/bookkeeping.js";
import type { Finding } from "../core/findings.js";
import { readSettings } from "../platforms/catalog.js";
import { MARKETPLACE } from "../platforms/registry.js";
import type { Log, Mail, Store } from "../ports.js";
import { REFRESH_TOKEN_DAYS, TOKEN_WARNING_DAYS } from "./connection-health.js";
import { readDashboardState } from "./dashboard-refresh.js";
import type { PlatformSyncSummary } from "./platform-sync.js";

export const ALERTS_KEY = "hubsheet.alerts";
const DAY_MS = 86_400_000;
export const FAIL_STREAK_KEY = "hubsheet.alerts.failing";

export interface AlertRun {
	settings: AlertSettings;
	/** Why this run failed (stopped with an error, or a platform's connection failed); null when it worked. */
	failure: string | null;
	/** Present for a run that judged every order; absent for a run that stopped before. */
	findings?: readonly Finding[];
	/** For when each finding opened (findingsSince). */
	books?: ReadonlyMap<string, Bookkeeping>;
	/** Connections to sign in to again; absent when the run could not tell. */
	reconnect?: readonly ReconnectNeed[];
	/** The owner of a finding's step, when it has one (definition of done per status). */
	recipientOf?: (finding: Finding) => string | undefined;
	/** Items another part of Hubsheet wants mailed (each with its kind and key). */
	extraItems?: readonly AlertItem[];
	now: number;
	timeZone: string;
	/** The spreadsheet's address, asked only when a mail is written. */
	spreadsheetUrl: () => string;
}

/**
 * The CRM or courier refusing Hubsheet's key or sign-in this run (an order's data refused is not
 * it): the owner must enter it again. The marketplace's own refusals come from its sign-in, not from here.
 */
export function refusedConnections(
	platforms: Pick<PlatformSyncSummary, "actions" | "connectionErrors"> | undefined,
): ReconnectNeed[] {
	const refused = new Set<string>();
	for (const action of platforms?.actions ?? [])
		if (action.kind === "auth" && action.connectionFailed) refused.add(action.connectionFailed);
	for (const error of platforms?.connectionErrors ?? []) if (error.kind === "auth") refused.add(error.platform);
	refused.delete(MARKETPLACE.name);
	return [...refused].map((platform) => ({
		platform,
		reason: "refused",
		message: `${platform} refused Hubsheet's key or sign-in. Open Hubsheet > Settings, enter it again in the ${platform} section and press Save and test.`,
	}));
}

/**
 * The marketplace's sign-in ten days or less from lapsing (the sidebar's warning from day 80 of 90), from the
 * stored tokens' issue time (never the tokens themselves); null otherwise or when unreadable.
 */
export function etsySignInLapsing(storedTokens: string | null, nowMs: number): ReconnectNeed | null {
	let savedAtMs: unknown;
	try {
		savedAtMs = storedTokens ? (JSON.parse(storedTokens) as { savedAtMs?: unknown }).savedAtMs : undefined;
	} catch {
		// Unreadable tokens show up as "reconnect" through the sync itself.
		return null;
	}
	if (typeof savedAtMs !== "number") return null;
	const age = Math.floor((nowMs - savedAtMs) / DAY_MS);
	if (age < TOKEN_WARNING_DAYS) return null;
	const left = Math.max(0, REFRESH_TOKEN_DAYS - age);
	const { name } = MARKETPLACE;
	return {
		platform: name,
		reason: "lapsing",
		since: savedAtMs,
		message: `${name}'s sign-in lapses in ${left} day${left === 1 ? "" : "s"}. Open Hubsheet > Settings and press Save and connect to sign in to ${name} again; nothing on the sheet is lost.`,
	};
}

/**
 * The connections the owner must sign in to again, as far as this run can tell: the marketplace
 * when it refused Hubsheet this run (its words), else when its sign-in is about to lapse (read from
 * the stored tokens only then); then every CRM or courier that refused Hubsheet's key.
 */
export function reconnectNeeds(
	marketplaceRefused: string | undefined,
	platforms: Pick<PlatformSyncSummary, "actions" | "connectionErrors">,
	secrets: Pick<Store, "get">,
	nowMs: number,
): ReconnectNeed[] {
	const marketplace = marketplaceRefused
		? { platform: MARKETPLACE.name, reason: "refused" as const, message: marketplaceRefused }
		: etsySignInLapsing(secrets.get(MARKETPLACE.tokensKey), nowMs);
	return [...(marketplace ? [marketplace] : []), ...refusedConnections(platforms)];
}

/**
 * The alert settings when the sync stopped before reading them: those on the Settings sheet
 * (`values` gives its cells, null when there is no such sheet), else the defaults. Never throws.
 */
export function alertSettingsOnSheet(values: () => unknown[][] | null): AlertSettings {
	try {
		const cells = values();
		return cells ? readSettings(cells).settings.alerts : DEFAULT_ALERT_SETTINGS;
	} catch {
		return DEFAULT_ALERT_SETTINGS;
	}
}

/** What one sync run (or one that stopped with an error) knows for its alerts. */
export interface SyncAlertFacts {
	failure: string | null;
	/** Present once the run read the platforms: its alert settings, books, actions and refusals. */
	platforms?: PlatformSyncSummary;
	findings?: readonly Finding[];
	/** The marketplace's words when it refused Hubsheet's sign-in this run. */
	etsyReconnect?: string;
}

/**
 * The alert run of one sync: the run's own settings, else the Settings sheet's (asked only then);
 * findings only from a run that read the platforms (it judged every order); who to sign in to
 * again only when the run could tell.
 */
export function syncAlertRun(
	facts: SyncAlertFacts,
	env: {
		settingsOnSheet: () => AlertSettings;
		secrets: Pick<Store, "get">;
		now: number;
		timeZone: string;
		spreadsheetUrl: () => string;
	},
): AlertRun {
	const { platforms, findings } = facts;
	return {
		settings: platforms?.alerts ?? env.settingsOnSheet(),
		failure: facts.failure,
		...(platforms && findings ? { findings, books: platforms.books } : {}),
		...(platforms ? { reconnect: reconnectNeeds(facts.etsyReconnect, platforms, env.secrets, env.now) } : {}),
		now: env.now,
		timeZone: env.timeZone,
		spreadsheetUrl: env.spreadsheetUrl,
	};
}

function readStreak(store: Store): FailStreak | null {
	try {
		const parsed = JSON.parse(store.get(FAIL_STREAK_KEY) ?? "null") as FailStreak | null;
		return parsed && typeof parsed.count === "number" && typeof parsed.since === "number" ? parsed : null;
	} catch {
		return null;
	}
}

/** Returns how many e-mails went out. */
export function sendRunAlerts(deps: { store: Store; mail: Mail; log: Log }, run: AlertRun): number {
	const { store, log } = deps;
	try {
		const previous = readStreak(store);
		const streak = nextFailStreak(previous, run.failure, run.now);
		if (JSON.stringify(streak) !== JSON.stringify(previous)) {
			if (streak) store.set(FAIL_STREAK_KEY, JSON.stringify(streak));
			else store.delete(FAIL_STREAK_KEY);
		}
		const items: AlertItem[] = [];
		const judged: AlertKind[] = ["syncs-failing"];
		const failing = failingSyncsAlert(streak, run.settings.failedSyncs, run.timeZone);
		// A connection that refuses Hubsheet fails every sync: its reconnect alert already says what to do.
		if (failing && !run.reconnect?.some((need) => need.reason === "refused")) items.push(failing);
		if (run.reconnect) {
			judged.push("reconnect");
			items.push(...reconnectAlerts(run.reconnect));
		}
		if (run.findings) {
			judged.push("red-finding", "past-ship-by", "step-finding");
			const opened = (orderId: string, kind: string) => run.books?.get(orderId)?.findingsSince?.[kind];
			items.push(...findingAlerts(run.findings, opened, run.recipientOf));
		}
		items.push(...(run.extraItems ?? []));
		const before = store.get(ALERTS_KEY);
		const record = parseAlertRecord(before);
		const recordText = JSON.stringify(record);
		const findings = run.findings;
		const plan = planAlerts({
			items,
			judged,
			record,
			settings: run.settings,
			owner: () => deps.mail.ownerAddress(),
			quotaLeft: () => deps.mail.remainingDailyQuota(),
			now: run.now,
			timeZone: run.timeZone,
			spreadsheetUrl: run.spreadsheetUrl,
			// The summary needs the run's findings; a run that stopped early leaves it to the next one.
			...(findings ? { summary: () => morningSummaryLines(readDashboardState(store).strip, findings) } : {}),
		});
		for (const note of plan.notes) log.warn(note);
		const after = JSON.stringify(plan.record);
		if (after !== recordText) store.set(ALERTS_KEY, after);
		let sent = 0;
		for (const mail of plan.mails) {
			try {
				deps.mail.send(mail);
				sent++;
			} catch (error) {
				// Not sent: forget this run's marks so the next sync tries again (the record is written
				// before sending, so a run killed mid-way never repeats a mail).
				log.warn(`An alert e-mail could not be sent: ${error instanceof Error ? error.message : String(error)}`);
				if (sent > 0) break;
				if (before === null) store.delete(ALERTS_KEY);
				else store.set(ALERTS_KEY, before);
				break;
			}
		}
		if (sent > 0) log.info(`Sent ${sent} alert e-mail${sent === 1 ? "" : "s"}.`);
		return sent;
	} catch (error) {
		log.warn(`Alerts were not checked: ${error instanceof Error ? error.message : String(error)}`);
		return 0;
	}
}

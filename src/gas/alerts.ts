/**
 * Alerts by e-mail on Apps Script: MailApp as the engine's Mail port (plain text only, scope
 * script.send_mail), the owner's address, and what a sync run tells the alert planner.
 */
import type { ReconnectNeed } from "../core/alert-items.js";
import { type AlertSettings, DEFAULT_ALERT_SETTINGS } from "../core/alert-plan.js";
import type { Finding } from "../core/findings.js";
import { SETTINGS_SHEET } from "../core/settings.js";
import { etsySignInLapsing, refusedConnections, sendRunAlerts } from "../engine/alerts.js";
import type { PlatformSyncSummary } from "../engine/platform-sync.js";
import { readSettings } from "../platforms/catalog.js";
import { MARKETPLACE } from "../platforms/registry.js";
import type { Mail } from "../ports.js";
import { appsScriptLog, engineStore, scriptStore } from "./apps-script-ports.js";

export const appsScriptMail: Mail = {
	// Text only (no htmlBody): a buyer's name or a platform's words in it can never become markup.
	send: (mail) =>
		MailApp.sendEmail({ to: mail.to.join(","), subject: mail.subject, body: mail.body, name: "Hubsheet" }),
	remainingDailyQuota: () => MailApp.getRemainingDailyQuota(),
	ownerAddress() {
		// The user the triggers run as (whoever installed them: the owner); else the file's owner.
		try {
			const email = Session.getEffectiveUser().getEmail();
			if (email) return email;
		} catch {
			// Not available in this context: try the spreadsheet's owner.
		}
		try {
			return SpreadsheetApp.getActiveSpreadsheet().getOwner()?.getEmail() || null;
		} catch {
			return null;
		}
	},
};

/** The connections the owner must sign in to again, as far as this run can tell. */
function reconnectNeeds(etsyReconnect: string | undefined, platforms: PlatformSyncSummary): ReconnectNeed[] {
	const marketplace = etsyReconnect
		? { platform: MARKETPLACE.name, reason: "refused" as const, message: etsyReconnect }
		: etsySignInLapsing(scriptStore().get(MARKETPLACE.tokensKey), Date.now());
	return [...(marketplace ? [marketplace] : []), ...refusedConnections(platforms)];
}

/** The alert settings when the sync stopped before reading them. */
function settingsFromSheet(): AlertSettings {
	try {
		const sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SETTINGS_SHEET);
		return sheet ? readSettings(sheet.getDataRange().getValues()).settings.alerts : DEFAULT_ALERT_SETTINGS;
	} catch {
		return DEFAULT_ALERT_SETTINGS;
	}
}

/** After a sync (or one that stopped with an error): mails what is new. Never throws. */
export function alertAfterSync(run: {
	failure: string | null;
	platforms?: PlatformSyncSummary;
	findings?: readonly Finding[];
	etsyReconnect?: string;
	timeZone?: string;
}): void {
	try {
		sendRunAlerts(
			{ store: engineStore(), mail: appsScriptMail, log: appsScriptLog },
			{
				settings: run.platforms?.alerts ?? settingsFromSheet(),
				failure: run.failure,
				...(run.platforms && run.findings ? { findings: run.findings, books: run.platforms.books } : {}),
				...(run.platforms ? { reconnect: reconnectNeeds(run.etsyReconnect, run.platforms) } : {}),
				now: Date.now(),
				timeZone: run.timeZone ?? SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(),
				// Asked only when a mail is written: an idle sync makes no extra spreadsheet call.
				spreadsheetUrl: () => SpreadsheetApp.getActiveSpreadsheet().getUrl(),
			},
		);
	} catch (error) {
		appsScriptLog.warn(`Alerts were not checked: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/**
 * Alerts by e-mail on Apps Script: MailApp as the engine's Mail port (plain text only, scope
 * script.send_mail) and the owner's address (Session). What a run tells the alert planner is
 * decided in engine/alerts.ts (`syncAlertRun`); this file hands it the spreadsheet's answers.
 */
import { ALERT_SENDER_NAME } from "../core/alert-digest.js";
import { SETTINGS_SHEET } from "../core/settings.js";
import { alertSettingsOnSheet, type SyncAlertFacts, sendRunAlerts, syncAlertRun } from "../engine/alerts.js";
import type { Mail } from "../ports.js";
import { appsScriptLog, engineStore, scriptStore } from "./apps-script-ports.js";

export const appsScriptMail: Mail = {
	// Text only (no htmlBody): a buyer's name or a platform's words in it can never become markup.
	send: (mail) =>
		MailApp.sendEmail({ to: mail.to.join(","), subject: mail.subject, body: mail.body, name: ALERT_SENDER_NAME }),
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

/** After a sync (or one that stopped with an error): mails what is new. Never throws. */
export function alertAfterSync(run: SyncAlertFacts & { timeZone?: string }): void {
	try {
		sendRunAlerts(
			{ store: engineStore(), mail: appsScriptMail, log: appsScriptLog },
			syncAlertRun(run, {
				settingsOnSheet: () =>
					alertSettingsOnSheet(
						() =>
							SpreadsheetApp.getActiveSpreadsheet().getSheetByName(SETTINGS_SHEET)?.getDataRange().getValues() ?? null,
					),
				// Script properties are opened only when the marketplace's sign-in is looked at.
				secrets: { get: (key) => scriptStore().get(key) },
				now: Date.now(),
				timeZone: run.timeZone ?? SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone(),
				// Asked only when a mail is written: an idle sync makes no extra spreadsheet call.
				spreadsheetUrl: () => SpreadsheetApp.getActiveSpreadsheet().getUrl(),
			}),
		);
	} catch (error) {
		appsScriptLog.warn(`Alerts were not checked: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/**
 * The owner's alert settings (the "Alert e-mails" rows on Settings, read by core/settings.ts) and
 * the check of an e-mail address they and the planner share.
 */

export interface AlertSettings {
	/** "quiet": no e-mail at all; what happens meanwhile is not sent later either. */
	quiet: boolean;
	/** Syncs failed in a row before the owner is told. */
	failedSyncs: number;
	/** Mails a day at most, whatever MailApp's quota would allow. */
	perDay: number;
	/** More addresses that get the owner's digest (already checked: only valid addresses). */
	alsoTo: string[];
	/** The hour (0-23, spreadsheet time zone) after which the first run of the day sends a summary; null for none. */
	morningHour: number | null;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
	quiet: false,
	failedSyncs: 3,
	perDay: 20,
	alsoTo: [],
	morningHour: null,
};

/** MailApp allows 100 recipients a day on a consumer account; Settings may not ask for more than this. */
export const MAX_ALERT_MAILS_PER_DAY = 50;

const EMAIL = /^[^\s@<>,;"()]+@[^\s@<>,;"()]+\.[^\s@<>,;"()]+$/;

export function isEmailAddress(text: string): boolean {
	return EMAIL.test(text.trim());
}

/**
 * The non-secret settings the owner edits on the Settings sheet: a table of Setting | Value | About.
 * Secrets (API keys, tokens) are never here; they live in PropertiesService.
 */
import {
	type AlertSettings,
	DEFAULT_ALERT_SETTINGS,
	isEmailAddress,
	MAX_ALERT_MAILS_PER_DAY,
} from "./alert-settings.js";
import { type CatalogPlatform, type CatalogSetting, NO_PLATFORMS, type PlatformCatalog } from "./platform-catalog.js";
import { SETTINGS_SHEET } from "./sheet-names.js";

/** A row of the key/value table: the core's own (keyed as HubsheetSettings and the alert rows) or a platform's. */
export type SettingSpec = CatalogSetting;

export interface HubsheetSettings {
	/** The marketplace's shop (its descriptor's Settings row); "" when unset or without a marketplace. */
	etsyShopId: string;
	/** A CRM of the catalog by its name, or "" for none. */
	crm: string;
	/** A courier of the catalog by its name, or "" for none. */
	courier: string;
	customStatuses: string[];
	syncIntervalMinutes: number;
	etsyOverlapMinutes: number;
	syncLogLength: number;
	/** When Etsy gets the tracking number, which makes it email the buyer: at pick-up or with the label. */
	trackingToEtsy: TrackingMoment;
	/** Alerts by e-mail (core/alert-settings.ts). */
	alerts: AlertSettings;
	/** Each platform's own setting (the catalog's rows), by key, e.g. courierService; its default when unset. */
	[platformSetting: string]: string | string[] | number | AlertSettings;
}

/**
 * "pick-up": once the courier has the parcel (its state maps to Shipped or Delivered, or the owner
 * set Status to Shipped); "label": as soon as the shipment has a tracking number, as Etsy's own
 * labels do. Etsy emails the buyer and marks the order shipped on each submission (NOTES.md,
 * createReceiptShipment), so the default waits for the parcel to leave.
 */
export type TrackingMoment = "pick-up" | "label";
export const TRACKING_MOMENTS: Record<TrackingMoment, string> = {
	"pick-up": "At pick-up",
	label: "With the label",
};

export const SYNC_INTERVALS = [5, 10, 15, 30, 60] as const;

/** "Acme, Globex or None", as a choice list offers them. */
const offer = (platforms: readonly CatalogPlatform[]) =>
	[...platforms.map((p) => p.offered ?? p.name), "None"].join(", ").replace(/, None$/, " or None");

/** The Settings rows, in the sheet's order: the marketplace's, the CRM and courier with their own rows, then the rest. */
export function settingSpecs(catalog: PlatformCatalog = NO_PLATFORMS): SettingSpec[] {
	return [
		...catalog.marketplace,
		{ key: "crm", label: "CRM", defaultValue: "None", about: `Where deals are kept: ${offer(catalog.crms)}.` },
		{
			key: "courier",
			label: "Courier",
			defaultValue: "None",
			about: `Who ships your parcels: ${offer(catalog.couriers)}.`,
		},
		...catalog.settings,
		...OWN_SETTINGS,
	];
}

const OWN_SETTINGS: SettingSpec[] = [
	{
		key: "customStatuses",
		label: "Custom statuses",
		defaultValue: "",
		about: "Extra choices for the Status column, separated by commas, e.g. Waiting for wood, Sanding.",
	},
	{
		key: "syncIntervalMinutes",
		label: "Sync every (minutes)",
		defaultValue: "10",
		about: "How often the sync trigger runs: 5, 10, 15, 30 or 60.",
	},
	{
		key: "etsyOverlapMinutes",
		label: "Etsy overlap (minutes)",
		defaultValue: "15",
		about: "Each sync re-reads Etsy orders changed this long before the last one, to catch late updates.",
	},
	{
		key: "syncLogLength",
		label: "Sync log rows",
		defaultValue: "2000",
		about: "The Sync log keeps this many most recent rows.",
	},
	{
		key: "trackingToEtsy",
		label: "Send tracking to Etsy",
		defaultValue: TRACKING_MOMENTS["pick-up"],
		about:
			"When Etsy gets the tracking number, marks the order shipped and emails the buyer: At pick-up (once the courier has collected the parcel) or With the label (as soon as the label is made, as Etsy's own labels do).",
	},
	{
		key: "alertMails",
		label: "Alert e-mails",
		defaultValue: "On",
		about:
			"On: Hubsheet e-mails you (the spreadsheet's owner) when an order needs action, an order passes its Ship by date, syncs keep failing or a connection needs signing in again; once per problem, at most one e-mail per sync. Quiet: no e-mails at all (the sidebar still shows everything).",
	},
	{
		key: "alertAlsoTo",
		label: "Alert e-mails also to",
		defaultValue: "",
		about: "More e-mail addresses that get the same alerts, separated by commas. Leave empty for just you.",
	},
	{
		key: "alertAfterFailedSyncs",
		label: "Alert after failed syncs",
		defaultValue: String(DEFAULT_ALERT_SETTINGS.failedSyncs),
		about:
			"E-mail you once this many syncs in a row have failed (1 to 50). One failure alone is often a platform's bad minute.",
	},
	{
		key: "alertMailsPerDay",
		label: "Alert e-mails per day",
		defaultValue: String(DEFAULT_ALERT_SETTINGS.perDay),
		about: `At most this many alert e-mails a day (1 to ${MAX_ALERT_MAILS_PER_DAY}; Google lets a script e-mail 100 addresses a day). Once reached, new alerts wait for the next day.`,
	},
	{
		key: "morningSummary",
		label: "Morning summary at",
		defaultValue: "Off",
		about:
			"Off, or an hour from 0 to 23 (e.g. 8): the first sync after that hour each day e-mails you a summary (orders by status, late orders, open findings).",
	},
];

export const SETTINGS_HEADER = ["Setting", "Value", "About"] as const;

export interface SettingsReading {
	settings: HubsheetSettings;
	/** Plain-language problems, each naming the setting and its row; the default is used instead. */
	problems: string[];
}

function wholeNumber(text: string, label: string, row: number, min: number, max: number, problems: string[]) {
	const value = Number(text);
	if (!Number.isInteger(value) || value < min || value > max) {
		problems.push(`Settings row ${row}: "${label}" must be a whole number from ${min} to ${max}, not "${text}".`);
		return undefined;
	}
	return value;
}

/** One of `options` (any case) or "" for None; anything else is a problem that names the row. */
function choice(
	entry: { spec: SettingSpec; text: string; row: number },
	options: readonly string[],
	problems: string[],
): string {
	if (entry.text.toLowerCase() === "none" || entry.text === "") return "";
	const match = options.find((option) => option.toLowerCase() === entry.text.toLowerCase());
	if (!match) {
		problems.push(
			`Settings row ${entry.row}: "${entry.spec.label}" must be ${options.join(", ")} or None, not "${entry.text}".`,
		);
		return "";
	}
	return match;
}

/** Reads the Settings sheet's values (header row first); unknown rows are the owner's own and ignored. */
export function readSettings(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
	catalog: PlatformCatalog = NO_PLATFORMS,
): SettingsReading {
	const specs = settingSpecs(catalog);
	const found = new Map<string, { text: string; row: number }>();
	values.forEach((row, index) => {
		const label = String(row[0] ?? "")
			.trim()
			.toLowerCase();
		// The first row wins: the mapping tables below may reuse a label as a column header.
		if (index > 0 && label !== "" && !found.has(label))
			found.set(label, { text: String(row[1] ?? "").trim(), row: index + 1 });
	});
	const problems: string[] = [];
	const text = (key: string) => {
		const spec = specs.find((candidate) => candidate.key === key) as SettingSpec;
		const entry = found.get(spec.label.toLowerCase());
		return { spec, text: entry && entry.text !== "" ? entry.text : spec.defaultValue, row: entry?.row ?? 0 };
	};
	const interval = text("syncIntervalMinutes");
	let syncIntervalMinutes = Number(interval.spec.defaultValue);
	if ((SYNC_INTERVALS as readonly number[]).includes(Number(interval.text)))
		syncIntervalMinutes = Number(interval.text);
	else
		problems.push(
			`Settings row ${interval.row}: "${interval.spec.label}" must be one of ${SYNC_INTERVALS.join(", ")}, not "${interval.text}".`,
		);
	const moment = text("trackingToEtsy");
	const trackingToEtsy = (Object.keys(TRACKING_MOMENTS) as TrackingMoment[]).find(
		(key) => TRACKING_MOMENTS[key].toLowerCase() === moment.text.toLowerCase(),
	);
	if (trackingToEtsy === undefined) {
		problems.push(
			`Settings row ${moment.row}: "${moment.spec.label}" must be ${Object.values(TRACKING_MOMENTS).join(" or ")}, not "${moment.text}".`,
		);
	}
	const overlap = text("etsyOverlapMinutes");
	const logLength = text("syncLogLength");
	const alerts = readAlertSettings(text, problems);
	return {
		settings: {
			etsyShopId: "",
			crm: choice(
				text("crm"),
				catalog.crms.map((p) => p.name),
				problems,
			),
			courier: choice(
				text("courier"),
				catalog.couriers.map((p) => p.name),
				problems,
			),
			...Object.fromEntries(
				[...catalog.marketplace, ...catalog.settings].map((setting) => [setting.key, text(setting.key).text]),
			),
			customStatuses: text("customStatuses")
				.text.split(",")
				.map((status) => status.trim())
				.filter((status) => status !== ""),
			syncIntervalMinutes,
			etsyOverlapMinutes:
				wholeNumber(overlap.text, overlap.spec.label, overlap.row, 0, 24 * 60, problems) ??
				Number(overlap.spec.defaultValue),
			syncLogLength:
				wholeNumber(logLength.text, logLength.spec.label, logLength.row, 100, 50_000, problems) ??
				Number(logLength.spec.defaultValue),
			trackingToEtsy: trackingToEtsy ?? "pick-up",
			alerts,
		},
		problems,
	};
}

/** The alert rows; a wrong value is named with its row and the default is used instead. */
function readAlertSettings(
	text: (key: string) => { spec: SettingSpec; text: string; row: number },
	problems: string[],
): AlertSettings {
	const mode = text("alertMails");
	const quiet = /^(quiet|off|no)$/i.test(mode.text);
	if (!quiet && !/^(on|yes)$/i.test(mode.text))
		problems.push(`Settings row ${mode.row}: "${mode.spec.label}" must be On or Quiet, not "${mode.text}".`);
	const also = text("alertAlsoTo");
	const alsoTo: string[] = [];
	for (const address of also.text.split(/[,;\s]+/).filter((part) => part !== "")) {
		if (isEmailAddress(address)) alsoTo.push(address);
		else
			problems.push(
				`Settings row ${also.row}: "${also.spec.label}" has "${address}", which is not an e-mail address; alerts go to the other addresses.`,
			);
	}
	const failed = text("alertAfterFailedSyncs");
	const perDay = text("alertMailsPerDay");
	const failedSyncs =
		wholeNumber(failed.text, failed.spec.label, failed.row, 1, 50, problems) ?? DEFAULT_ALERT_SETTINGS.failedSyncs;
	const perDayValue =
		wholeNumber(perDay.text, perDay.spec.label, perDay.row, 1, MAX_ALERT_MAILS_PER_DAY, problems) ??
		DEFAULT_ALERT_SETTINGS.perDay;
	const morning = text("morningSummary");
	let morningHour: number | null = null;
	if (!/^(off|none|no)$/i.test(morning.text)) {
		morningHour =
			wholeNumber(morning.text.replace(/:00$/, ""), morning.spec.label, morning.row, 0, 23, problems) ?? null;
	}
	return { quiet, alsoTo, failedSyncs, perDay: perDayValue, morningHour };
}

/** Rows set-up adds for settings the sheet lacks; existing values are never overwritten. */
export function missingSettingRows(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
	catalog: PlatformCatalog = NO_PLATFORMS,
): string[][] {
	const present = new Set(
		values.slice(1).map((row) =>
			String(row[0] ?? "")
				.trim()
				.toLowerCase(),
		),
	);
	return settingSpecs(catalog)
		.filter((spec) => !present.has(spec.label.toLowerCase()))
		.map((spec) => [spec.label, spec.defaultValue, spec.about]);
}

/** Defined once in core/sheet-names.ts; re-exported for this module's importers. */
export { SETTINGS_SHEET };

/**
 * What the spreadsheet's locale changes: how typed text is parsed (day or month first, decimal
 * comma) and how values are displayed. en_US is the reference; other locales are approximations
 * (UNCONFIRMED) kept in this one table.
 */

export interface LocaleInfo {
	/** BCP 47 tag for Intl (month and weekday names). */
	tag: string;
	decimal: string;
	group: string;
	/** Order of numeric dates typed with "/" "-" or ".": month first (US) or day first. */
	dateOrder: "MDY" | "DMY";
	/** Number format Sheets gives a cell when it recognises a typed date. */
	dateFormat: string;
	/** ... a typed time of day. */
	timeFormat: string;
	/** ... a typed date with a time, and a Date written by a script into an automatic cell. */
	dateTimeFormat: string;
	/** Currency symbol recognised on input and the format it sets. */
	currencySymbol: string;
	currencyFormat: string;
}

const US: LocaleInfo = {
	tag: "en-US",
	decimal: ".",
	group: ",",
	dateOrder: "MDY",
	dateFormat: "M/d/yyyy",
	timeFormat: "h:mm:ss AM/PM",
	dateTimeFormat: "M/d/yyyy H:mm:ss",
	currencySymbol: "$",
	currencyFormat: '"$"#,##0.00',
};

const TABLE: Record<string, Partial<LocaleInfo>> = {
	en_US: {},
	en_GB: {
		tag: "en-GB",
		dateOrder: "DMY",
		dateFormat: "dd/MM/yyyy",
		timeFormat: "HH:mm:ss",
		dateTimeFormat: "dd/MM/yyyy HH:mm:ss",
		currencySymbol: "£",
		currencyFormat: '"£"#,##0.00',
	},
	pl_PL: {
		tag: "pl-PL",
		decimal: ",",
		group: "\u00a0",
		dateOrder: "DMY",
		dateFormat: "dd.MM.yyyy",
		timeFormat: "HH:mm:ss",
		dateTimeFormat: "dd.MM.yyyy HH:mm:ss",
		currencySymbol: "zł",
		currencyFormat: '#,##0.00\\ "zł"',
	},
	de_DE: {
		tag: "de-DE",
		decimal: ",",
		group: ".",
		dateOrder: "DMY",
		dateFormat: "dd.MM.yyyy",
		timeFormat: "HH:mm:ss",
		dateTimeFormat: "dd.MM.yyyy HH:mm:ss",
		currencySymbol: "€",
		currencyFormat: "#,##0.00\\ [$€]",
	},
};

export function localeInfo(locale: string): LocaleInfo {
	const exact = TABLE[locale];
	if (exact) return { ...US, ...exact };
	const language = locale.split(/[_-]/)[0] ?? "en";
	const sameLanguage = Object.entries(TABLE).find(([key]) => key.startsWith(`${language}_`));
	return { ...US, ...(sameLanguage?.[1] ?? {}), tag: locale.replace("_", "-") };
}

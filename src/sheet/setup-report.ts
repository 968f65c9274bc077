/**
 * What "Set up sheets" did, and its words for the owner; and whether the empty sheet a new
 * spreadsheet starts with may go. Pure: gas/setup-sheets.ts reads the sheets and acts.
 */

export interface SetupReport {
	created: string[];
	/** What set-up added to sheets that existed, e.g. 'Orders: column "Notes"'. */
	repaired: string[];
	/** The untouched default sheet a new spreadsheet starts with, when set-up removed it. */
	removed: string[];
	problems: string[];
}

export function emptySetupReport(): SetupReport {
	return { created: [], repaired: [], removed: [], problems: [] };
}

/** The report in words, for the alert after the menu item. */
export function describeSetup(report: SetupReport): string {
	const lines: string[] = [];
	if (report.created.length > 0) lines.push(`Created: ${report.created.join(", ")}.`);
	if (report.repaired.length > 0) lines.push(`Added back: ${report.repaired.join("; ")}.`);
	if (report.removed.length > 0) lines.push(`Removed the empty sheet ${report.removed.join(", ")}.`);
	if (report.created.length === 0 && report.repaired.length === 0) lines.push("All sheets were already in place.");
	if (report.problems.length > 0)
		lines.push("", "Needs your attention:", ...report.problems.map((problem) => `• ${problem}`));
	return lines.join("\n");
}

/** The names a new spreadsheet's first sheet has, by locale (Google names it in the owner's language). */
const DEFAULT_SHEET_NAME = /^(Sheet|Arkusz|Tabellenblatt|Feuille|Hoja|Foglio|Blad)\s*1$/i;

/** What set-up reads of the spreadsheet's first sheet to tell whether anyone touched it. */
export interface FirstSheetFacts {
	name: string;
	lastRow: number;
	lastColumn: number;
	frozenRows: number;
	frozenColumns: number;
	conditionalRules: number;
	/** Range and sheet protections together. */
	protections: number;
	/** A1's note. */
	note: string;
}

/**
 * A new spreadsheet starts with an empty "Sheet1" that would stay first, before Orders. It goes
 * only when it is exactly that: the default name, no content, no notes or formats anyone could
 * have set (nothing past A1's emptiness, no frozen rows, no protections, no rules).
 */
export function isUntouchedDefaultSheet(facts: FirstSheetFacts): boolean {
	return (
		DEFAULT_SHEET_NAME.test(facts.name) &&
		facts.lastRow === 0 &&
		facts.lastColumn === 0 &&
		facts.frozenRows === 0 &&
		facts.frozenColumns === 0 &&
		facts.conditionalRules === 0 &&
		facts.protections === 0 &&
		facts.note === ""
	);
}

/**
 * Plans how "Set up sheets" brings the Settings sheet to every setting and mapping table without
 * touching what is there: missing setting rows go after the last row, then each missing mapping
 * table after a blank row, its title in bold. On a sheet set-up just made nothing is "added back".
 */
import { missingTableRows } from "../core/mapping-settings.js";
import { NO_PLATFORMS, type PlatformCatalog } from "../core/platform-catalog.js";
import { missingSettingRows, SETTINGS_SHEET } from "../core/settings.js";

/** A new Settings sheet's column widths in pixels (Setting, Value, About): room for the About text. */
export const SETTINGS_COLUMN_WIDTHS = [180, 200, 420] as const;

export interface SettingsSetupPlan {
	/** The 1-based row the setting rows, then the table rows, start at: the row after the last. */
	firstRow: number;
	/** Setting rows to append after the sheet's last row (Setting, Value, About), as text. */
	settingRows: string[][];
	/** Mapping-table rows to append after those, padded to one width, as text. */
	tableRows: string[][];
	/** 1-based rows of the tables' titles (bold), counted after both appends. */
	titleRows: number[];
	/** What set-up added back to a sheet that existed, for its report. */
	repaired: string[];
	/** Column widths to set, from the first column: only on a sheet set-up made (the owner's own stay). */
	columnWidths: number[];
}

/** `values`: the Settings sheet's data range (its header at least); `created`: set-up made it just now. */
export function planSettingsSetup(
	values: ReadonlyArray<ReadonlyArray<unknown>>,
	created: boolean,
	catalog: PlatformCatalog = NO_PLATFORMS,
): SettingsSetupPlan {
	const settingRows = missingSettingRows(values, catalog);
	// The tables are looked for on the sheet as it is once the setting rows are there.
	const tables = missingTableRows([...values, ...settingRows], catalog);
	const width = Math.max(0, ...tables.map((row) => row.length));
	const tableRows = tables.map((row) => [...row, ...new Array<string>(width - row.length).fill("")]);
	const firstRow = values.length + 1;
	const firstTableRow = firstRow + settingRows.length;
	const titleRows = tables.flatMap((row, index) => (row.length === 1 && row[0] !== "" ? [firstTableRow + index] : []));
	const repaired = created
		? []
		: [
				...settingRows.map((row) => `${SETTINGS_SHEET}: setting "${row[0]}"`),
				...(tables.length > 0 ? [`${SETTINGS_SHEET}: mapping tables`] : []),
			];
	const columnWidths = created ? [...SETTINGS_COLUMN_WIDTHS] : [];
	return { firstRow, settingRows, tableRows, titleRows, repaired, columnWidths };
}

/**
 * The 1-based row on the Settings sheet that holds the setting with this label: the row whose first
 * cell is the label (any case, spaces around ignored) below the header, else a new row after the
 * last (`lastRow`, the sheet's last row with content), for a setting set-up has not written yet.
 */
export function settingRow(labels: ReadonlyArray<unknown>, label: string, lastRow: number): number {
	const wanted = label.toLowerCase();
	const index = labels.findIndex((cell) => String(cell).trim().toLowerCase() === wanted);
	return index >= 1 ? index + 1 : lastRow + 1;
}

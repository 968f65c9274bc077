import { describe, expect, it } from "vitest";
import { MAPPING_TABLES } from "../../src/core/mapping-settings.js";
import { SETTINGS_HEADER } from "../../src/core/settings.js";
import { CATALOG } from "../../src/platforms/catalog.js";
import { planSettingsSetup, settingRow } from "../../src/sheet/settings-setup.js";

const TITLES: string[] = Object.values(MAPPING_TABLES).map((table) => table.title);

/** The sheet as the plan leaves it: its rows appended after the last one. */
function applied(values: string[][], created: boolean): string[][] {
	const plan = planSettingsSetup(values, created, CATALOG);
	expect(plan.firstRow).toBe(values.length + 1);
	return [...values, ...plan.settingRows, ...plan.tableRows];
}

describe("planSettingsSetup", () => {
	it("lays out every setting and every mapping table on a new sheet, titles bold, nothing 'added back'", () => {
		const plan = planSettingsSetup([[...SETTINGS_HEADER]], true, CATALOG);
		expect(plan.settingRows.length).toBeGreaterThan(5);
		expect(plan.settingRows.every((row) => row.length === SETTINGS_HEADER.length)).toBe(true);
		const width = plan.tableRows[0]?.length;
		expect(plan.tableRows.every((row) => row.length === width)).toBe(true);
		const firstTable = 2 + plan.settingRows.length;
		expect(plan.titleRows.map((row) => plan.tableRows[row - firstTable]?.[0])).toEqual(TITLES);
		expect(plan.repaired).toEqual([]);
		expect(plan.columnWidths).toEqual([180, 200, 420]);
	});

	it("adds nothing to a complete sheet", () => {
		const complete = applied([[...SETTINGS_HEADER]], true);
		expect(planSettingsSetup(complete, false, CATALOG)).toEqual({
			firstRow: complete.length + 1,
			settingRows: [],
			tableRows: [],
			titleRows: [],
			repaired: [],
			columnWidths: [],
		});
	});

	it("adds back a deleted setting and a deleted table, after the last row, and says so", () => {
		const complete = applied([[...SETTINGS_HEADER]], true);
		const setting = complete[1]?.[0] ?? "";
		const senderAt = complete.findIndex((row) => row[0] === "Sender");
		// The owner deleted the first setting's row, and the Sender table (from its title to the sheet's end).
		const end = complete.findIndex((row, index) => index > senderAt && row[0] === "");
		const edited = [...complete.slice(0, 1), ...complete.slice(2, senderAt - 1), ...complete.slice(end)];
		const plan = planSettingsSetup(edited, false, CATALOG);
		expect(plan.settingRows.map((row) => row[0])).toEqual([setting]);
		expect(plan.tableRows.filter((row) => TITLES.includes(row[0] ?? ""))).toEqual([expect.arrayContaining(["Sender"])]);
		expect(plan.titleRows).toEqual([edited.length + 2 + 1]);
		expect(plan.repaired).toEqual([`Settings: setting "${setting}"`, "Settings: mapping tables"]);
	});
});

describe("settingRow", () => {
	const labels = ["Setting", "Shop ID", " sync interval (minutes) ", "CRM", "", "Courier service", "CRM"];

	it("finds the setting's row by its label, in any case and with spaces around", () => {
		expect(settingRow(labels, "Shop ID", 20)).toBe(2);
		expect(settingRow(labels, "Sync interval (minutes)", 20)).toBe(3);
		expect(settingRow(labels, "crm", 20)).toBe(4);
	});

	it("takes the first row with the label: a mapping table below may reuse it as a heading", () => {
		expect(settingRow(labels, "CRM", 20)).toBe(4);
	});

	it("adds a row after the last for a setting the sheet does not have yet, never over the header", () => {
		expect(settingRow(labels, "Courier", 7)).toBe(8);
		expect(settingRow(labels, "Setting", 7)).toBe(8);
		expect(settingRow([], "CRM", 0)).toBe(1);
	});
});

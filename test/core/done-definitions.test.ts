import { describe, expect, it } from "vitest";
import { readDoneDefinitions, readStepOwner } from "../../src/core/done-definitions.js";
import { MAPPING_TABLES, missingTableRows } from "../../src/core/mapping-settings.js";
import { statusChoices } from "../../src/core/statuses.js";

const KEY_VALUES = [
	["Setting", "Value", "About"],
	["Etsy shop id", "123", ""],
];
const STATUSES = statusChoices(["Sanding"]);

/** The Settings sheet with the definition-of-done table holding these rows (sheet row 5 is the first). */
function sheetWith(rows: string[][]): string[][] {
	return [...KEY_VALUES, [""], [MAPPING_TABLES.done.title], [...MAPPING_TABLES.done.header], ...rows];
}

describe("definition of done on the Settings sheet", () => {
	it("is added by set-up with defaults an order moving along without trouble meets, and read back", () => {
		const values = [...KEY_VALUES, ...missingTableRows(KEY_VALUES)];
		const { definitions, problems } = readDoneDefinitions(values, STATUSES);
		expect(problems).toEqual([]);
		expect(definitions.map((definition) => [definition.status, definition.columns, definition.states])).toEqual([
			["New", [], []],
			["Design", [], []],
			["Production", [], []],
			["Ready to ship", ["phone"], ["Parcel size"]],
			["Shipped", [], []],
		]);
		expect(definitions.every((definition) => definition.row > 0 && definition.stepOwner === null)).toBe(true);
		// A second set-up adds nothing: the owner's edits stay as they are.
		expect(missingTableRows(values)).toEqual([]);
	});

	it("uses the defaults while the sheet has no table yet (set-up not run again since the update)", () => {
		const { definitions, problems } = readDoneDefinitions(KEY_VALUES, STATUSES);
		expect(problems).toEqual([]);
		expect(definitions.find((definition) => definition.status === "Ready to ship")?.columns).toEqual(["phone"]);
	});

	it("reads the owner's columns, states and step owner, in any case and spacing", () => {
		const { definitions, problems } = readDoneDefinitions(
			sheetWith([
				["design", " Design ,notes", "crm deal", "Anna Nowak <anna@shop.example.pl>"],
				["Ready to ship", "Phone, Ship to (yours)", "Shipment; Parcel size", "jan@shop.example.pl"],
				["Sanding", "", "", "Piotr"],
			]),
			STATUSES,
		);
		expect(problems).toEqual([]);
		expect(definitions).toEqual([
			{
				status: "Design",
				row: 6,
				columns: ["design", "notes"],
				states: ["CRM deal"],
				stepOwner: { name: "Anna Nowak", email: "anna@shop.example.pl" },
			},
			{
				status: "Ready to ship",
				row: 7,
				columns: ["phone", "shipToOverride"],
				states: ["Shipment", "Parcel size"],
				stepOwner: { name: "jan@shop.example.pl", email: "jan@shop.example.pl" },
			},
			{ status: "Sanding", row: 8, columns: [], states: [], stepOwner: { name: "Piotr", email: null } },
		]);
	});

	it("names the Settings row and what is wrong: unknown status, column, state, a bad e-mail, a repeated status", () => {
		const { definitions, problems } = readDoneDefinitions(
			sheetWith([
				["Designing", "Design", "", ""],
				["Design", "Design link, Design", "Invoice sent", "anna@shop"],
				["Design", "Notes", "", ""],
				["Production", "", "", "a@b.pl, evil@x.com"],
			]),
			STATUSES,
		);
		expect(problems).toEqual([
			'Settings row 6 (Definition of done): there is no status "Designing". Use one of New, Design, Production, Ready to ship, Shipped, Delivered, On hold, Cancelled, Sanding, or add it to Custom statuses.',
			'Settings row 7 (Definition of done, Design): there is no Orders column "Design link" to be filled. Use a column\'s header as the Orders sheet shows it, e.g. Design, Notes, Phone or Ship to (yours).',
			'Settings row 7 (Definition of done, Design): "Invoice sent" is not something Hubsheet can check. Use CRM deal, Shipment, Tracking, Parcel size.',
			'Settings row 7 (Definition of done, Design): the step owner "anna@shop" is not an e-mail address; type a name, an e-mail, or both as Name <e-mail>.',
			"Settings row 8 (Definition of done, Design): Design is defined already on row 7; only that row counts.",
			'Settings row 9 (Definition of done, Production): the step owner "a@b.pl, evil@x.com" is not an e-mail address; type a name, an e-mail, or both as Name <e-mail>.',
		]);
		// What could be read still counts: the known column of row 7, without its bad step owner.
		expect(definitions.map((definition) => [definition.status, definition.columns, definition.stepOwner])).toEqual([
			["Design", ["design"], null],
			["Production", [], null],
		]);
	});

	it("takes a step owner as a name, an address, or both", () => {
		expect(readStepOwner("")).toBeNull();
		expect(readStepOwner("Ola from the workshop")).toEqual({ name: "Ola from the workshop", email: null });
		expect(readStepOwner("ola@warsztat.example.pl")).toEqual({
			name: "ola@warsztat.example.pl",
			email: "ola@warsztat.example.pl",
		});
		expect(readStepOwner("<ola@warsztat.example.pl>")).toEqual({
			name: "ola@warsztat.example.pl",
			email: "ola@warsztat.example.pl",
		});
		for (const bad of ["ola@", "@example.com", "ola@example", "ola @example.com", "Ola <ola@example.com", 'o"la@x.pl'])
			expect(typeof readStepOwner(bad), bad).toBe("string");
	});
});

import { describe, expect, it } from "vitest";
import {
	describeSetup,
	emptySetupReport,
	type FirstSheetFacts,
	isUntouchedDefaultSheet,
} from "../../src/sheet/setup-report.js";

const blankSheet1: FirstSheetFacts = {
	name: "Sheet1",
	lastRow: 0,
	lastColumn: 0,
	frozenRows: 0,
	frozenColumns: 0,
	conditionalRules: 0,
	protections: 0,
	note: "",
};

describe("the default first sheet", () => {
	it("goes when it is a new spreadsheet's untouched Sheet1, in the owner's language", () => {
		expect(isUntouchedDefaultSheet(blankSheet1)).toBe(true);
		expect(isUntouchedDefaultSheet({ ...blankSheet1, name: "Arkusz1" })).toBe(true);
		expect(isUntouchedDefaultSheet({ ...blankSheet1, name: "Sheet 1" })).toBe(true);
	});

	it("stays when its name or anything on it says someone used it", () => {
		expect(isUntouchedDefaultSheet({ ...blankSheet1, name: "Sheet2" })).toBe(false);
		expect(isUntouchedDefaultSheet({ ...blankSheet1, name: "Costs" })).toBe(false);
		for (const touched of [
			{ lastRow: 1 },
			{ lastColumn: 1 },
			{ frozenRows: 1 },
			{ frozenColumns: 1 },
			{ conditionalRules: 1 },
			{ protections: 1 },
			{ note: "mine" },
		])
			expect(isUntouchedDefaultSheet({ ...blankSheet1, ...touched }), JSON.stringify(touched)).toBe(false);
	});
});

describe("the set-up report in words", () => {
	it("says what was created, added back and removed, then what needs the owner", () => {
		const report = {
			created: ["Orders", "Settings"],
			repaired: ['Orders: column "Notes"'],
			removed: ["Sheet1"],
			problems: ["The Orders sheet has no Order column."],
		};
		expect(describeSetup(report)).toBe(
			[
				"Created: Orders, Settings.",
				'Added back: Orders: column "Notes".',
				"Removed the empty sheet Sheet1.",
				"",
				"Needs your attention:",
				"• The Orders sheet has no Order column.",
			].join("\n"),
		);
	});

	it("says all was in place when set-up made and added nothing", () => {
		expect(describeSetup(emptySetupReport())).toBe("All sheets were already in place.");
	});
});

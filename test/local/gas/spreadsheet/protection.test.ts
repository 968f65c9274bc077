import { describe, expect, it } from "vitest";
import { setup } from "./fixture.js";

describe("Protection", () => {
	it("protects a range with a description, warning-only, and finds it by type", () => {
		const { app, ss, sheet } = setup();
		const protection = sheet.getRange("A1:K1").protect().setDescription("Hubsheet columns").setWarningOnly(true);
		expect(protection.getDescription()).toBe("Hubsheet columns");
		expect(protection.isWarningOnly()).toBe(true);
		expect(protection.getRange().getA1Notation()).toBe("A1:K1");
		expect(protection.getProtectionType()).toBe(app.ProtectionType.RANGE);
		expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(1);
		expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(0);
		expect(ss.getProtections(app.ProtectionType.RANGE)[0]?.getDescription()).toBe("Hubsheet columns");
	});

	it("protects a whole sheet once; protect() again returns the same protection", () => {
		const { app, sheet } = setup();
		const first = sheet.protect().setDescription("state").setWarningOnly(true);
		const again = sheet.protect();
		expect(again.getDescription()).toBe("state");
		expect(sheet.getProtections(app.ProtectionType.SHEET)).toHaveLength(1);
		expect(first.getRange().getA1Notation()).toBe("A1:Z1000");
	});

	it("removes a protection", () => {
		const { app, sheet } = setup();
		const protection = sheet.getRange("A1").protect();
		protection.remove();
		expect(sheet.getProtections(app.ProtectionType.RANGE)).toHaveLength(0);
	});

	it("persists protections in the workbook state as JSON", () => {
		const { host, sheet } = setup();
		sheet.getRange("B2:C3").protect().setDescription("d").setWarningOnly(true);
		const saved = JSON.parse(JSON.stringify(host.state.workbook));
		expect(saved.sheets[0].protections[0]).toMatchObject({
			type: "RANGE",
			range: { row: 2, column: 2, numRows: 2, numColumns: 2 },
			description: "d",
			warningOnly: true,
		});
	});
});

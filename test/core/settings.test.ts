import { describe, expect, it } from "vitest";
import { missingSettingRows, readSettings, SETTINGS_HEADER } from "../../src/platforms/catalog.js";

const header = [...SETTINGS_HEADER];

describe("readSettings", () => {
	it("uses defaults for an empty sheet", () => {
		expect(readSettings([header])).toEqual({
			settings: {
				etsyShopId: "",
				crm: "",
				courier: "",
				courierService: "dpd",
				pipedriveCompany: "",
				hubspotPortalId: "",
				hubspotPipeline: "default",
				inpostOrganizationId: "",
				customStatuses: [],
				syncIntervalMinutes: 10,
				etsyOverlapMinutes: 15,
				syncLogLength: 2000,
				trackingToEtsy: "pick-up",
				alerts: { quiet: false, failedSyncs: 3, perDay: 20, alsoTo: [], morningHour: null },
			},
			problems: [],
		});
	});

	it("reads the alert rows and names a wrong one by its row", () => {
		const read = (rows: string[][]) => readSettings([header, ...rows]);
		expect(
			read([
				["Alert e-mails", "quiet"],
				["Alert e-mails also to", "a@shop.example, b@shop.example"],
				["Alert after failed syncs", "5"],
				["Alert e-mails per day", "10"],
				["Morning summary at", "8"],
			]),
		).toMatchObject({
			settings: {
				alerts: {
					quiet: true,
					alsoTo: ["a@shop.example", "b@shop.example"],
					failedSyncs: 5,
					perDay: 10,
					morningHour: 8,
				},
			},
			problems: [],
		});
		const wrong = read([
			["Alert e-mails", "sometimes"],
			["Alert e-mails also to", "a@shop.example, Maciek"],
			["Alert e-mails per day", "500"],
			["Morning summary at", "25"],
		]);
		expect(wrong.settings.alerts).toEqual({
			quiet: false,
			alsoTo: ["a@shop.example"],
			failedSyncs: 3,
			perDay: 20,
			morningHour: null,
		});
		expect(wrong.problems).toEqual([
			'Settings row 2: "Alert e-mails" must be On or Quiet, not "sometimes".',
			'Settings row 3: "Alert e-mails also to" has "Maciek", which is not an e-mail address; alerts go to the other addresses.',
			'Settings row 4: "Alert e-mails per day" must be a whole number from 1 to 50, not "500".',
			'Settings row 5: "Morning summary at" must be a whole number from 0 to 23, not "25".',
		]);
	});

	it("reads when tracking goes to Etsy, in any case, and names a value it does not know", () => {
		const read = (value: string) => readSettings([header, ["Send tracking to Etsy", value, ""]]);
		expect(read("with the LABEL").settings.trackingToEtsy).toBe("label");
		expect(read("At pick-up").settings.trackingToEtsy).toBe("pick-up");
		const wrong = read("tomorrow");
		expect(wrong.settings.trackingToEtsy).toBe("pick-up");
		expect(wrong.problems).toEqual([
			'Settings row 2: "Send tracking to Etsy" must be At pick-up or With the label, not "tomorrow".',
		]);
	});

	it("reads values by label wherever the rows are, ignoring the owner's own rows", () => {
		const { settings } = readSettings([
			header,
			["My note", "anything"],
			["custom statuses", "Waiting for wood, Sanding ,", ""],
			["Etsy shop id", 12345678, ""],
			["Sync every (minutes)", 30, ""],
		]);
		expect(settings).toMatchObject({
			etsyShopId: "12345678",
			customStatuses: ["Waiting for wood", "Sanding"],
			syncIntervalMinutes: 30,
		});
	});

	it("names the setting and row of a bad value and falls back to the default", () => {
		const reading = readSettings([header, ["Sync every (minutes)", "7"], ["Etsy overlap (minutes)", "soon"]]);
		expect(reading.settings.syncIntervalMinutes).toBe(10);
		expect(reading.settings.etsyOverlapMinutes).toBe(15);
		expect(reading.problems).toEqual([
			'Settings row 2: "Sync every (minutes)" must be one of 5, 10, 15, 30, 60, not "7".',
			'Settings row 3: "Etsy overlap (minutes)" must be a whole number from 0 to 1440, not "soon".',
		]);
	});
});

describe("platform choices", () => {
	it("accept any case and None, and name a row with an unknown platform", () => {
		const reading = readSettings([header, ["CRM", "pipedrive"], ["Courier", "DHL"]]);
		expect(reading.settings.crm).toBe("Pipedrive");
		expect(reading.settings.courier).toBe("");
		expect(reading.problems).toEqual(['Settings row 3: "Courier" must be Furgonetka, InPost or None, not "DHL".']);
	});
});

describe("missingSettingRows", () => {
	it("adds only the settings the sheet lacks", () => {
		const rows = missingSettingRows([header, ["Etsy shop id", "1"], ["Sync every (minutes)", "5"]]);
		expect(rows.map((row) => row[0])).not.toContain("Etsy shop id");
		expect(rows.map((row) => row[0])).not.toContain("Sync every (minutes)");
		expect(rows.map((row) => row[0])).toContain("Custom statuses");
	});
});

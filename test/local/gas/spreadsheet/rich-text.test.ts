import { describe, expect, it } from "vitest";
import { setup, thrown } from "./fixture.js";

describe("RichTextValue", () => {
	it("builds a whole-text link and stores the text as a string, never parsed", () => {
		const { app, sheet } = setup();
		const link = app.newRichTextValue().setText("007").setLinkUrl("https://www.etsy.com/your/orders/sold/007").build();
		const cell = sheet.getRange("A1");
		cell.setRichTextValue(link);
		expect(cell.getValue()).toBe("007");
		const read = cell.getRichTextValue();
		expect(read?.getText()).toBe("007");
		expect(read?.getLinkUrl()).toBe("https://www.etsy.com/your/orders/sold/007");
	});

	it("links part of the text; getLinkUrl() is null when the text has several links or none", () => {
		const { app } = setup();
		const value = app
			.newRichTextValue()
			.setText("Etsy 123 / CRM 456")
			.setLinkUrl(5, 8, "https://etsy.example/123")
			.setLinkUrl(15, 18, "https://crm.example/456")
			.build();
		expect(value.getLinkUrl()).toBeNull();
		expect(value.getLinkUrl(5, 8)).toBe("https://etsy.example/123");
		expect(value.getLinkUrl(0, 4)).toBeNull();
		expect(app.newRichTextValue().setText("plain").build().getLinkUrl()).toBeNull();
		const runs = value.getRuns();
		expect(runs.map((run) => [run.getText(), run.getStartIndex(), run.getEndIndex(), run.getLinkUrl()])).toEqual([
			["Etsy ", 0, 5, null],
			["123", 5, 8, "https://etsy.example/123"],
			[" / CRM ", 8, 15, null],
			["456", 15, 18, "https://crm.example/456"],
		]);
	});

	it("setText clears styles and null removes a link", () => {
		const { app } = setup();
		const builder = app.newRichTextValue().setText("abc").setLinkUrl("https://x.example");
		expect(builder.setText("abc").build().getLinkUrl()).toBeNull();
		const cleared = app
			.newRichTextValue()
			.setText("abc")
			.setLinkUrl("https://x.example")
			.setLinkUrl(0, 3, null)
			.build();
		expect(cleared.getLinkUrl()).toBeNull();
		expect(thrown(() => app.newRichTextValue().setText("abc").setLinkUrl(0, 9, "https://x.example"))).toMatch(
			/^Exception: /,
		);
	});

	it("returns null for cells whose value is not text, and an empty value for empty cells", () => {
		const { sheet } = setup();
		sheet.getRange("A1:D1").setValues([[42, true, "2026-11-22", "text"]]);
		const values = sheet.getRange("A1:E1").getRichTextValues()[0] ?? [];
		expect(values.slice(0, 3)).toEqual([null, null, null]);
		expect(values[3]?.getText()).toBe("text");
		expect(values[4]?.getText()).toBe("");
	});

	it("writes rich text in batches and keeps strings that look like numbers or formulas", () => {
		const { app, sheet } = setup();
		const make = (text: string, url: string) => app.newRichTextValue().setText(text).setLinkUrl(url).build();
		const range = sheet.getRange("A1:B1");
		range.setRichTextValues([
			[make("123456789012345678901234", "https://t.example/1"), make("=IMPORTXML(1)", "https://t.example/2")],
		]);
		expect(range.getValues()).toEqual([["123456789012345678901234", "=IMPORTXML(1)"]]);
		expect(range.getFormulas()).toEqual([["", ""]]);
		expect(range.getRichTextValues()[0]?.map((value) => value?.getLinkUrl())).toEqual([
			"https://t.example/1",
			"https://t.example/2",
		]);
		expect(
			thrown(() =>
				range.setRichTextValues([["plain" as unknown as GoogleAppsScript.Spreadsheet.RichTextValue, make("x", "y")]]),
			),
		).toMatch(/don't match the method signature for SpreadsheetApp.Range.setRichTextValues/);
	});

	it("loses the link when a plain value is written over it", () => {
		const { app, sheet } = setup();
		const cell = sheet.getRange("A1");
		cell.setRichTextValue(app.newRichTextValue().setText("a").setLinkUrl("https://x.example").build());
		cell.setValue("a");
		expect(cell.getRichTextValue()?.getLinkUrl()).toBeNull();
	});

	it("copies a value into a builder", () => {
		const { app } = setup();
		const value = app.newRichTextValue().setText("abc").setLinkUrl(0, 1, "https://a.example").build();
		const copy = value.copy().setLinkUrl(2, 3, "https://c.example").build();
		expect(copy.getLinkUrl(0, 1)).toBe("https://a.example");
		expect(copy.getLinkUrl(2, 3)).toBe("https://c.example");
		expect(value.getLinkUrl(2, 3)).toBeNull();
	});
});

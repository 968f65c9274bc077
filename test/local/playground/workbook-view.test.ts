import { describe, expect, it } from "vitest";
import { toClientValue } from "../../../local/playground/client-value.js";
import { workbookView } from "../../../local/playground/workbook-view.js";
import { runtimeWithScript } from "../gas/runtime-fixture.js";

const SCRIPT = `
function build() {
	var ss = SpreadsheetApp.getActiveSpreadsheet();
	var orders = ss.insertSheet("Orders");
	orders.getRange(1, 1, 1, 4).setValues([["Order", "Buyer note", "Status", "Total"]]);
	orders.getRange(1, 1, 1, 4).setBackground("#fce8b2").setFontWeight("bold");
	orders.getRange(1, 1).setNote("Etsy order number");
	orders.getRange(2, 1, 1, 2).setNumberFormat("@").setValues([["3100000001", "<img src=x onerror=alert(1)>"]]);
	orders.getRange(2, 1).setRichTextValue(SpreadsheetApp.newRichTextValue().setText("3100000001").setLinkUrl("https://www.etsy.com/your/orders/3100000001").build());
	orders.getRange(2, 3).setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(["New", "Production", "Cancelled"], true).build());
	orders.getRange(2, 3).setValue("Production");
	orders.getRange(2, 4).setNumberFormat("#,##0.00").setValue(1234.5);
	orders.setFrozenRows(1);
	orders.setColumnWidth(2, 220);
	orders.setActiveSelection("A2:D2");
	ss.insertSheet("Hidden").hideSheet();
	var settings = ss.insertSheet("Settings");
	settings.getRange(1, 1, 3, 4).setValues([["Setting", "Value", "About", ""], ["Definition of done", "", "", ""], ["Design", "Design", "", "Ola"]]);
	ss.setActiveSheet(orders);
}`;

describe("the playground's workbook view", () => {
	it("shows display values, links, notes, colours, dropdowns, owner cells and the selection", () => {
		const runtime = runtimeWithScript(SCRIPT);
		expect(runtime.run("build").status).toBe("completed");
		const view = workbookView(runtime.state());
		const orders = view.sheets.find((sheet) => sheet.name === "Orders");
		if (!orders) throw new Error("no Orders");
		expect(view.activeSheetId).toBe(orders.sheetId);
		expect(view.sheets.find((sheet) => sheet.name === "Hidden")?.hidden).toBe(true);
		expect(orders.frozenRows).toBe(1);
		expect(orders.columnWidths.slice(0, 2)).toEqual([100, 220]);
		expect(orders.activeRange).toEqual({ row: 2, column: 1, numRows: 1, numColumns: 4 });
		const [header, row] = orders.cells;
		expect(header?.[0]).toMatchObject({ text: "Order", background: "#fce8b2", bold: true, note: "Etsy order number" });
		expect(row?.[0]?.spans).toEqual([{ text: "3100000001", url: "https://www.etsy.com/your/orders/3100000001" }]);
		expect(row?.[1]?.text).toBe("<img src=x onerror=alert(1)>");
		expect(row?.[2]).toMatchObject({ text: "Production", options: ["New", "Production", "Cancelled"], editable: true });
		expect(row?.[3]).toMatchObject({ text: "1,234.50" });
		expect(row?.[3]?.editable).toBeUndefined();
		expect(header?.[2]?.editable).toBeUndefined();
		// On Settings every value and table cell is the owner's (a step owner in column D), the names are not.
		const settings = view.sheets.find((sheet) => sheet.name === "Settings");
		const design = settings?.cells[2];
		expect(design?.slice(0, 4).map((cell) => cell.editable === true)).toEqual([false, true, true, true]);
		expect(settings?.cells[0]?.[1]?.editable).toBeUndefined();
	});
});

describe("values handed to google.script.run's success handler", () => {
	it("turn Dates into null, drop functions, and make undefined in arrays null", () => {
		expect(
			toClientValue({
				at: new Date(0),
				run: () => 1,
				list: [1, undefined, new Date(0)],
				nested: { text: "x", gone: undefined },
			}),
		).toEqual({ at: null, list: [1, null, null], nested: { text: "x" } });
	});
});

import { describe, expect, it } from "vitest";
import { spreadsheetCallKind } from "../../../local/gas/pending-writes.js";
import { runtimeWithScript } from "./runtime-fixture.js";

const SCRIPT = `
	function apiRead(ss) {
		var answer = Sheets.Spreadsheets.Values.get(ss.getId(), ss.getSheets()[0].getName() + "!A1");
		return answer.values ? answer.values[0][0] : "";
	}
	function writeThenApiRead() {
		var ss = SpreadsheetApp.getActiveSpreadsheet();
		ss.getSheets()[0].getRange("A1").setValue("pending");
		return apiRead(ss);
	}
	function writeFlushApiRead() {
		var ss = SpreadsheetApp.getActiveSpreadsheet();
		ss.getSheets()[0].getRange("A1").setValue("flushed");
		SpreadsheetApp.flush();
		return apiRead(ss);
	}
	function writeReadApiRead() {
		var ss = SpreadsheetApp.getActiveSpreadsheet();
		var range = ss.getSheets()[0].getRange("A1");
		range.setValue("read back");
		range.getValue();
		return apiRead(ss);
	}
	function nextExecution() { return apiRead(SpreadsheetApp.getActiveSpreadsheet()); }`;

describe("SpreadsheetApp's pending writes, as the Sheets API sees them", () => {
	it("hides a SpreadsheetApp write from the Sheets API until flush, a SpreadsheetApp read, or the next execution", () => {
		const runtime = runtimeWithScript(SCRIPT);
		expect(runtime.run("writeThenApiRead").value).toBe("");
		expect(runtime.run("nextExecution").value).toBe("pending");
		expect(runtime.run("writeFlushApiRead").value).toBe("flushed");
		expect(runtime.run("writeReadApiRead").value).toBe("read back");
	});

	it("classes calls as the modeled clock does", () => {
		expect(spreadsheetCallKind("Range.setValues")).toBe("write");
		expect(spreadsheetCallKind("Range.getValues")).toBe("commit");
		expect(spreadsheetCallKind("SpreadsheetApp.flush")).toBe("commit");
		expect(spreadsheetCallKind("Sheet.insertRowsAfter")).toBe("commit");
		expect(spreadsheetCallKind("Sheet.getRange")).toBe("neutral");
		expect(spreadsheetCallKind("Spreadsheet.getSheetByName")).toBe("neutral");
		expect(spreadsheetCallKind("Spreadsheet.getId")).toBe("neutral");
		expect(spreadsheetCallKind("Sheet.getName")).toBe("neutral");
		expect(spreadsheetCallKind("Sheet.getLastRow")).toBe("commit");
	});
});

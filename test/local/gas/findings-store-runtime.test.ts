import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { countCalls, type LocalRuntime } from "../../../local/gas/runtime.js";
import type { Finding } from "../../../src/core/findings.js";
import { FINDINGS_SHEET } from "../../../src/sheet/findings-rows.js";
import { runtimeWithScript } from "./runtime-fixture.js";

// saveFindings and loadFindings are the engine's, not entry points: bundle just them for the emulator.
let code: string;
beforeAll(async () => {
	const bundled = await build({
		stdin: {
			contents: 'export { saveFindings, loadFindings } from "./src/gas/findings-store.ts";',
			resolveDir: process.cwd(),
		},
		bundle: true,
		write: false,
		format: "iife",
		globalName: "Store",
		platform: "neutral",
		target: "es2020",
		logLevel: "silent",
	});
	code = `${bundled.outputFiles[0]?.text}
function save(findings) { return Store.saveFindings(findings); }
function load() { return Store.loadFindings(); }`;
});

const finding = (orderId: string, severity: Finding["severity"]): Finding => ({
	orderId,
	kind: "past-ship-by",
	severity,
	message: `Order ${orderId} is late; the buyer wrote =IMPORTXML("x") and <b>hi</b>`,
	values: { Sheet: "007", Etsy: "TRUE" },
});

function findingsSheet(runtime: LocalRuntime) {
	return runtime.state().workbook.sheets.find((sheet) => sheet.name === FINDINGS_SHEET);
}

describe("the findings store on the emulated spreadsheet", () => {
	it("keeps findings in a hidden sheet, text exactly as given, without moving the owner", () => {
		const runtime = runtimeWithScript(code);
		expect(runtime.run("save", { args: [[finding("2", "warning"), finding("1", "error")]] }).status).toBe("completed");
		expect(findingsSheet(runtime)?.hidden).toBe(true);
		expect(runtime.state().workbook.activeSheetId).toBe(0);
		expect(runtime.run("load").value).toEqual([finding("1", "error"), finding("2", "warning")]);
	});

	it("replaces the stored findings as a whole, in a few calls however many there are", () => {
		const runtime = runtimeWithScript(code);
		const many = Array.from({ length: 1_200 }, (_, index) => finding(String(index + 1), "info"));
		const saved = runtime.run("save", { args: [many] });
		expect(saved.status).toBe("completed");
		expect((runtime.run("load").value as Finding[]).length).toBe(1_200);
		const again = runtime.run("save", { args: [[finding("7", "error")]] });
		expect(countCalls(again.calls, "SpreadsheetApp")).toBeLessThan(15);
		expect(runtime.run("load").value).toEqual([finding("7", "error")]);
		runtime.run("save", { args: [[]] });
		expect(runtime.run("load").value).toEqual([]);
	});

	it("reads nothing, and makes no sheet, when there are no findings yet", () => {
		const runtime = runtimeWithScript(code);
		expect(runtime.run("load").value).toEqual([]);
		runtime.run("save", { args: [[]] });
		expect(findingsSheet(runtime)).toBeUndefined();
	});
});

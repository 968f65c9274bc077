import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHub } from "../../../local/hub/local-hub.js";
import { type HubFixture, startHubFixture } from "./hub-fixture.js";

let fixture: HubFixture;
beforeAll(async () => {
	fixture = await startHubFixture();
}, 120_000);
afterAll(() => fixture.stop());

/** The Sync log's Time column as the owner sees it, and how many rows the log has. */
function timesShown(hub: LocalHub): { shown: string[]; rows: number } {
	return hub.runtime.asOwner(`
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Sync log");
		var last = sheet.getLastRow();
		return { shown: sheet.getRange(2, 1, last - 1, 1).getDisplayValues().map(function (r) { return r[0]; }), rows: last };
	`) as { shown: string[]; rows: number };
}

const FORMATTED = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

describe("the Sync log's Time column", () => {
	it("shows times, not serial numbers, on rows the log grew past set-up's and after trimming", async () => {
		const hub = await fixture.freshHub({ receipts: 3 });
		hub.setSettings({ "Sync log rows": "5000" });
		// An old log fills every row set-up made and formatted: this sync's rows land past them.
		const filled = hub.runtime.asOwner(`
			var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Sync log");
			var rows = [];
			for (var i = 0; i < sheet.getMaxRows() - 1; i++) rows.push([46000 + i / 1000, "old", "", "Etsy", "import", "", "ok"]);
			sheet.getRange(2, 1, rows.length, 7).setValues(rows);
			return rows.length;`) as number;
		hub.sync();
		const grown = timesShown(hub);
		expect(grown.rows).toBeGreaterThan(filled + 1);
		expect(grown.shown.slice(filled)).not.toHaveLength(0);
		expect(grown.shown.slice(filled).every((shown) => FORMATTED.test(shown))).toBe(true);

		// Keeping 100 rows trims the old ones; the rows appended after it are formatted too.
		hub.setSettings({ "Sync log rows": "100" });
		hub.sync();
		hub.sync();
		const trimmed = timesShown(hub);
		expect(trimmed.rows).toBeLessThan(200);
		expect(trimmed.shown.filter((shown) => !FORMATTED.test(shown))).toEqual([]);
	});
});

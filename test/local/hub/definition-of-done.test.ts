/**
 * The definition of done per status, end to end with the built bundle: Set up sheets writes the
 * table on Settings and keeps the owner's edits on a second run; an order moved on from Design
 * without the Design link the owner asked for shows a finding on its row, which clears once the
 * link is typed, and the step's owner is e-mailed about it once; a table the owner mistyped is named by its row in the sync's report.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalHub } from "../../../local/hub/local-hub.js";
import { cellOf, type HubFixture, readOrders, reportOf, rowOf, setCells, startHubFixture } from "./hub-fixture.js";

let fixture: HubFixture;

beforeAll(async () => {
	fixture = await startHubFixture();
}, 120_000);
afterAll(() => fixture.stop());

const TITLE = "Definition of done";

/** The table's rows as the Settings sheet shows them, from its header to the blank row after it. */
function doneTable(hub: LocalHub): string[][] {
	const values = hub.runtime.asOwner(
		`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings").getDataRange().getDisplayValues();`,
	) as string[][];
	const start = values.findIndex((row) => row[0] === TITLE);
	expect(
		values.filter((row) => row[0] === TITLE),
		"one table",
	).toHaveLength(1);
	const end = values.findIndex((row, index) => index > start && row[0] === "");
	return values.slice(start + 1, end === -1 ? undefined : end).map((row) => row.slice(0, 4));
}

/** The owner types into the table's row for a status: its cells after the status, in order. */
function defineDone(hub: LocalHub, status: string, cells: string[]): void {
	hub.runtime.asOwner(
		`
		var status = arguments[0], cells = arguments[1];
		var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings");
		var values = sheet.getDataRange().getValues();
		var inTable = false;
		for (var r = 0; r < values.length; r++) {
			if (values[r][0] === ${JSON.stringify(TITLE)}) inTable = true;
			else if (inTable && values[r][0] === status) {
				sheet.getRange(r + 1, 2, 1, cells.length).setValues([cells]);
				return;
			}
		}
		throw new Error("no row for " + status);`,
		[status, cells],
	);
}

function issues(hub: LocalHub, orderId: string): string {
	const table = readOrders(hub);
	return String(rowOf(table, orderId)[table.header.indexOf("Issues")]);
}

function findings(hub: LocalHub, orderId: string) {
	const all = hub.run("getFindings").value as Array<{
		orderId: string;
		kind: string;
		severity: string;
		summary?: string;
		message: string;
		stepOwner?: { name: string; email: string | null };
	}>;
	return all.filter((finding) => finding.orderId === orderId);
}

describe("definition of done per status", () => {
	it("flags an order that left Design without its Design link, e-mails the step owner once, and clears once it is typed", async () => {
		const hub = await fixture.freshHub({ receipts: 0 });
		expect(doneTable(hub)).toEqual([
			["Status", "Must be filled (Orders columns)", "Must be reached", "Step owner (name or e-mail)"],
			["New", "", "", ""],
			["Design", "", "", ""],
			["Production", "", "", ""],
			["Ready to ship", "Phone", "Parcel size", ""],
			["Shipped", "", "", ""],
		]);
		defineDone(hub, "Design", ["Design", "", "Ola <ola@warsztat.example.pl>"]);
		// A second Set up sheets keeps the owner's row and adds no second table.
		hub.setUp();
		expect(doneTable(hub)[2]).toEqual(["Design", "Design", "", "Ola <ola@warsztat.example.pl>"]);

		const receipt = await fixture.etsy.createReceipt({});
		const orderId = String(receipt.receipt_id);
		expect(reportOf(hub.sync()).status).toBe("completed");
		setCells(hub, orderId, { Status: "Design" });
		hub.sync();
		expect(findings(hub, orderId), "still in Design: nothing to say").toEqual([]);
		expect(hub.runtime.state().mail, "nothing to mail").toEqual([]);
		// Hubsheet made the order's Design folder and linked it; the owner removes that link.
		expect(cellOf(hub, orderId, "Design")).toBe("Design folder");

		setCells(hub, orderId, { Status: "Production", Design: "" });
		expect(reportOf(hub.sync()).status).toBe("completed");
		expect(issues(hub, orderId)).toBe("⚠ Left Design without a Design link");
		const [finding, ...more] = findings(hub, orderId);
		expect(more).toEqual([]);
		expect(finding).toMatchObject({
			kind: "not-done",
			severity: "warning",
			summary: "Left Design without a Design link",
			stepOwner: { name: "Ola", email: "ola@warsztat.example.pl" },
		});
		expect(finding?.message).toContain("To fix: fill in Design on this row.");
		expect(finding?.message).toContain("Step owner: Ola.");
		// The step's owner is e-mailed about it, and the shop owner (the user the script runs as) too.
		const mails = hub.runtime.state().mail.filter((mail) => mail.body.includes(`Order ${orderId}`));
		expect(mails.map((mail) => mail.to).sort()).toEqual(["ola@warsztat.example.pl", "owner@example.com"]);
		for (const mail of mails) {
			expect(mail.subject).toBe("Hubsheet: Steps not done");
			expect(mail.body).toContain(`Steps not done:\n- Order ${orderId} (`);
			expect(mail.body).toContain("Left Design without a Design link");
			expect(mail).not.toHaveProperty("htmlBody");
		}
		// Once: the next sync, with the step still not done, mails nothing more.
		hub.sync();
		expect(hub.runtime.state().mail).toHaveLength(mails.length);

		setCells(hub, orderId, { Design: "https://drive.google.com/drive/folders/1a2b3c" });
		hub.sync();
		expect(findings(hub, orderId)).toEqual([]);
		expect(issues(hub, orderId)).toBe("");
	});

	it("names the Settings row of a mistyped column and e-mail in the sync's report", async () => {
		const hub = await fixture.freshHub({ receipts: 0 });
		defineDone(hub, "Production", ["Varnish colour", "", "ola@"]);
		const report = reportOf(hub.sync());
		const values = hub.runtime.asOwner(
			`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Settings").getDataRange().getValues();`,
		) as unknown[][];
		const title = values.findIndex((line) => line[0] === TITLE);
		const row = values.findIndex((line, index) => index > title && line[0] === "Production") + 1;
		const said = JSON.stringify(report);
		expect(said).toContain(
			`Settings row ${row} (Definition of done, Production): there is no Orders column \\"Varnish colour\\" to be filled.`,
		);
		expect(said).toContain(`the step owner \\"ola@\\" is not an e-mail address`);
	});
});

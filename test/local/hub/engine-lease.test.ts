/**
 * One engine at a time: the lease in the spreadsheet, taken by Apps Script's sync and by the runner.
 * Whichever holds it runs; the other says so and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalRunner } from "../../../local/hub/local-runner.js";
import { BlockingIo } from "../../../src/runner/blocking-io.js";
import { nodeClock, nodeLog } from "../../../src/runner/node-ports.js";
import { leaseAccess, SheetsApi } from "../../../src/runner/sheets-workbook.js";
import { acquireLease, LEASE_SHEET } from "../../../src/sheet/engine-lease.js";
import { type HubFixture, reportOf, startHubFixture } from "./hub-fixture.js";

let fixture: HubFixture;
const runners: LocalRunner[] = [];
beforeAll(async () => {
	fixture = await startHubFixture();
}, 120_000);
afterAll(async () => {
	await Promise.all(runners.map((runner) => runner.stop()));
	await fixture.stop();
});

async function hubWithRunner() {
	const hub = await fixture.freshHub({ receipts: 3 });
	const runner = await LocalRunner.start(hub);
	runners.push(runner);
	runner.handOverSecrets();
	await runner.connectEtsy();
	// The runner's first sync: from then on Apps Script takes the lease too.
	const first = runner.sync();
	expect(first.result?.report.status, first.stderr).toBe("completed");
	expect(first.result?.report.created).toBe(3);
	return { hub, runner };
}

describe("the engine lease", () => {
	it("while the runner syncs, Apps Script's sync says so and changes nothing; then it runs", async () => {
		const { hub, runner } = await hubWithRunner();
		// The runner's own first step, as `hubsheet sync` takes it.
		const io = new BlockingIo({ rootUrl: runner.sheetsApi.url, noAuth: true });
		const access = leaseAccess(new SheetsApi(io, runner.spreadsheetId, nodeClock, nodeLog()));
		const now = Date.now();
		const taken = acquireLease(
			access,
			{ holder: "the runner", where: "local runner", since: now, until: now + 3_600_000 },
			now,
		);
		expect(taken.ok).toBe(true);

		const busy = reportOf(hub.sync());
		expect(busy.status).toBe("busy");
		expect(busy.message).toMatch(
			/^Hubsheet is syncing from Google Cloud \(local runner\) since \d\d:\d\d; this sync stopped without changing anything/,
		);
		expect(hub.hasSheet("Orders") && hub.runtime.state().workbook.sheets.length).toBeGreaterThan(0);
		// A second runner is refused the same way (exit status 75: try later).
		const second = runner.sync();
		expect(second.status).toBe(75);
		expect(second.result?.report.message).toMatch(/Google Cloud \(local runner\)/);

		if (taken.ok) access.release(taken.sheetId);
		io.close();
		const ran = reportOf(hub.sync());
		expect(ran.status).toBe("completed");
		expect(ran.created).toBe(0);
		expect(hub.hasSheet(LEASE_SHEET)).toBe(false);
	}, 180_000);

	it("while Apps Script syncs (here killed mid-run, holding its lease), the runner says so and changes nothing", async () => {
		const { hub, runner } = await hubWithRunner();
		const killed = hub.runtime.run("syncNow", {
			options: {
				onServiceCall: (call, control) => {
					if (call.service === "UrlFetchApp") control.kill();
				},
			},
		});
		expect(killed.status).toBe("killed");
		expect(hub.hasSheet(LEASE_SHEET)).toBe(true);
		await fixture.etsy.createReceipt({});
		const before = hub.runtime.state().workbook.sheets.find((sheet) => sheet.name === "Orders")?.rows.length;
		const refused = runner.sync();
		expect(refused.status, refused.stderr).toBe(75);
		expect(refused.result?.report.message).toMatch(/^Hubsheet is syncing from this spreadsheet's Apps Script since/);
		expect(hub.runtime.state().workbook.sheets.find((sheet) => sheet.name === "Orders")?.rows.length).toBe(before);
	}, 180_000);
});

import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalRuntime } from "../../../local/gas/runtime.js";
import { stopSandboxDaemon } from "../../../local/sandbox/daemon.js";

// The README's local commands, run as a person would, each on a spreadsheet of its own.
const base = mkdtempSync(join(tmpdir(), "hubsheet-commands-"));
const env = { ...process.env, HUBSHEET_STATE_DIR: join(base, "state"), HUBSHEET_SANDBOX_DIR: join(base, "sandboxes") };

function run(script: string, args: string[] = [], extraEnv: NodeJS.ProcessEnv = {}) {
	const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
		env: { ...env, ...extraEnv },
		encoding: "utf8",
		timeout: 90_000,
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

afterAll(() => {
	stopSandboxDaemon(env.HUBSHEET_SANDBOX_DIR);
});

// Each command is a child process capped at 90 s by spawnSync; a test spawns up to two, so its own
// limit must cover both on a loaded 2-core machine (the project's 30 s default did not).
describe("local commands", { timeout: 200_000 }, () => {
	it("npm start sets the hub up, connects Etsy, syncs, serves the playground and lets the triggers run", () => {
		const { status, output } = run("scripts/start.ts", ["--ticks", "2", "--tick-seconds", "0", "--port", "0"]);
		expect(output).toContain("connecting Etsy");
		expect(output).toMatch(/syncNow: Etsy: \d+ new/);
		expect(output).toMatch(/The playground: http:\/\/127\.0\.0\.1:\d+\//);
		expect(output.match(/syncFromTrigger: /g)).toHaveLength(2);
		expect(status).toBe(0);
	});

	it("npm start -- --exit-after-start prints the playground's address and the first sync, then stops", () => {
		const { status, output } = run("scripts/start.ts", ["--exit-after-start", "--port", "0"]);
		expect(output).not.toContain("connecting Etsy");
		expect(output).toMatch(/syncNow: Etsy: \d+ new/);
		expect(output).toMatch(/The playground: http:\/\/127\.0\.0\.1:\d+\//);
		expect(output).not.toContain("syncFromTrigger");
		expect(status).toBe(0);
	});

	it("npm start -- --runner makes the first sync with the runner, which writes the orders into the spreadsheet", () => {
		// A spreadsheet of its own, so that every order on it was written by the runner.
		const stateDir = join(base, "runner-state");
		const { status, output } = run("scripts/start.ts", ["--runner", "--exit-after-start", "--port", "0"], {
			HUBSHEET_STATE_DIR: stateDir,
		});
		expect(output).toContain("syncs run on the runner");
		const first = output.match(/hubsheet sync: Etsy: (\d+) new.*\(on the runner, (\d+) Sheets API requests\)/);
		expect(first, output).not.toBeNull();
		expect(Number(first?.[2])).toBeGreaterThan(0);
		expect(output).not.toMatch(/syncNow|syncFromTrigger/);
		expect(status).toBe(0);
		const runtime = new LocalRuntime({ stateDir, pushDir: "dist" });
		const orders = runtime.asOwner(`
			var values = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Orders").getDataRange().getValues();
			return values.slice(1).filter(function (row) { return row.join("") !== ""; }).length;`) as number;
		expect(orders).toBe(Number(first?.[1]));
		expect(orders).toBeGreaterThan(0);
		// Apps Script's triggers are off: one engine syncs.
		expect(runtime.state().triggers).toEqual([]);

		// Time passing in the playground starts the runner too, as its schedule would.
		const ticked = run("scripts/start.ts", ["--runner", "--ticks", "1", "--tick-seconds", "0", "--port", "0"], {
			HUBSHEET_STATE_DIR: stateDir,
		});
		expect(ticked.output.match(/hubsheet sync: Etsy: \d+ new.*\(on the runner, /g)).toHaveLength(2);
		expect(ticked.output).not.toMatch(/syncNow|syncFromTrigger/);
		expect(ticked.status).toBe(0);
	});

	it("npm run sync reuses the running sandboxes and the same spreadsheet, like a second trigger run", () => {
		const { status, output } = run("scripts/sync.ts");
		expect(output).toContain("Using the sandboxes");
		expect(output).not.toContain("Setting up the sheets");
		expect(output).not.toContain("Connecting Etsy");
		expect(output).toMatch(/Sync completed: Etsy: \d+ new/);
		expect(status).toBe(0);
	});
});

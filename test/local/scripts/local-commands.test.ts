import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stopSandboxDaemon } from "../../../local/sandbox/daemon.js";

// The README's local commands, run as a person would, each on a spreadsheet of its own.
const base = mkdtempSync(join(tmpdir(), "hubsheet-commands-"));
const env = { ...process.env, HUBSHEET_STATE_DIR: join(base, "state"), HUBSHEET_SANDBOX_DIR: join(base, "sandboxes") };

function run(script: string, args: string[] = []) {
	const result = spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
		env,
		encoding: "utf8",
		timeout: 90_000,
	});
	return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

afterAll(() => {
	stopSandboxDaemon(env.HUBSHEET_SANDBOX_DIR);
});

describe("local commands", () => {
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

	it("npm run sync reuses the running sandboxes and the same spreadsheet, like a second trigger run", () => {
		const { status, output } = run("scripts/sync.ts");
		expect(output).toContain("Using the sandboxes");
		expect(output).not.toContain("Setting up the sheets");
		expect(output).not.toContain("Connecting Etsy");
		expect(output).toMatch(/Sync completed: Etsy: \d+ new/);
		expect(status).toBe(0);
	});
});

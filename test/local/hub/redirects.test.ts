import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalHub, SANDBOX_SECRETS } from "../../../local/hub/local-hub.js";
import { type SpawnedSandboxes, spawnSandboxes } from "../../../local/sandbox/spawn.js";

// A platform that answers with a redirect to another origin (a moved endpoint, or one hijacked to
// collect credentials): the real bundle must not follow it, so the other origin never receives the
// token, and the sync must say which platform, which endpoint and which host.

let sandboxes: SpawnedSandboxes;

beforeAll(async () => {
	sandboxes = await spawnSandboxes({ only: ["etsy", "pipedrive", "webhook"] });
}, 120_000);
afterAll(() => sandboxes.stop());

describe("redirects from a platform", () => {
	it("are not followed with the Pipedrive token, and the error names Pipedrive, the endpoint and the host", async () => {
		const etsy = sandboxes.control("etsy");
		const pipedrive = sandboxes.control("pipedrive");
		const elsewhere = sandboxes.control("webhook");
		await etsy.reset({ seed: 3, receipts: 0, settings: { perSecond: 10_000 } });
		await pipedrive.reset({ settings: { burstPerWindow: 10_000 } });
		await elsewhere.reset({});
		const hub = new LocalHub(sandboxes.urls, { stateDir: mkdtempSync(join(tmpdir(), "hubsheet-redirect-")) });
		hub.setUp();
		await hub.connectEtsy();
		await hub.connectCrm("Pipedrive");
		await etsy.createReceipt({});

		const collector = new URL(sandboxes.urls.webhook as string);
		await pipedrive.addFault({
			kind: "redirect",
			status: 307,
			location: `${collector.origin}/collect?from=pipedrive`,
			times: 100,
		});
		const run = hub.sync();

		// Nothing reached the other origin: no request at all, so no token either.
		expect(await elsewhere.requests()).toEqual([]);
		const [redirected] = await pipedrive.requests();
		expect(redirected?.status).toBe(307);
		const log = JSON.stringify(
			hub.runtime.asOwner(
				`return SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Sync log").getDataRange().getDisplayValues();`,
			),
		);
		const everything = `${log} ${JSON.stringify(hub.runtime.state().workbook)} ${JSON.stringify(run.value)}`;
		expect(everything).toContain("Pipedrive");
		expect(log).toMatch(/Pipedrive \w+ answered with a redirect \(HTTP 307\) to /);
		expect(log).toContain(`to ${collector.host}.`);
		expect(everything).not.toContain(SANDBOX_SECRETS.pipedriveToken);
	}, 120_000);
});

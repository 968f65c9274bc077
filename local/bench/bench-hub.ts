/**
 * The bench's installations: Hubsheet (the real bundle) and the naive script, each in its own local
 * runtime on the modeled clock (default profile), against the same sandboxes.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ExecutionResult, LocalRuntime } from "../gas/runtime.js";
import { LocalHub, SANDBOX_ETSY_APP, SANDBOX_SECRETS } from "../hub/local-hub.js";
import type { SpawnedSandboxes } from "../sandbox/spawn.js";
import { NAIVE_SCRIPT, type NaiveConfig } from "./naive-script.js";

export const CONTINUATION_HANDLER = "continueSync";
const MINUTE = 60_000;

export async function benchHub(
	sandboxes: SpawnedSandboxes,
	platforms: { crm?: "Pipedrive"; courier?: "Furgonetka" } = {},
): Promise<LocalHub> {
	const hub = new LocalHub(sandboxes.urls, {
		stateDir: mkdtempSync(join(tmpdir(), "hubsheet-bench-")),
		costProfile: "default",
		// `npm run bench -- --currentonly`: SpreadsheetApp alone, as `spreadsheets.currentonly` allows.
		withoutSheetsApi: process.env.HUBSHEET_BENCH_CURRENTONLY === "1",
	});
	hub.setUp();
	await hub.connectEtsy();
	if (platforms.crm) await hub.connectCrm(platforms.crm);
	if (platforms.courier) await hub.connectCourier(platforms.courier);
	return hub;
}

export function hasContinuation(hub: LocalHub): boolean {
	return hub.runtime.state().triggers.some((trigger) => trigger.handlerFunction === CONTINUATION_HANDLER);
}

/**
 * One run started by `start`, then every continuation it schedules, fired by the clock as Apps Script
 * would, until none is left (or `maxRuns`).
 */
export function runWithContinuations(hub: LocalHub, start: () => ExecutionResult, maxRuns = 20): ExecutionResult[] {
	const results = [start()];
	while (results.length < maxRuns && hasContinuation(hub)) {
		const fired = hub.runtime.advanceTime(2 * MINUTE);
		if (fired.length === 0) break;
		results.push(...fired);
	}
	return results;
}

/** The naive script's own spreadsheet, connected to the same Etsy shop as `hub`. */
export class NaiveInstall {
	readonly runtime = new LocalRuntime({
		stateDir: mkdtempSync(join(tmpdir(), "hubsheet-naive-")),
		costProfile: "default",
		// The yardstick is its full modeled time, not where Apps Script would have killed it.
		executionLimitMs: 2 ** 31,
	});

	constructor(private readonly config: NaiveConfig) {}

	static async like(hub: LocalHub, sandboxes: SpawnedSandboxes, withCrm = false): Promise<NaiveInstall> {
		const tokens = JSON.parse(hub.runtime.state().properties.script["etsy.oauth.tokens"] ?? "{}") as {
			accessToken?: string;
		};
		const { shop } = await hub.etsy.summary();
		const config: NaiveConfig = {
			etsyBaseUrl: sandboxes.urls.etsy as string,
			apiKey: `${SANDBOX_ETSY_APP.keystring}:${SANDBOX_ETSY_APP.sharedSecret}`,
			accessToken: tokens.accessToken ?? "",
			shopId: String(shop.shop_id),
		};
		if (withCrm)
			config.pipedrive = { baseUrl: sandboxes.urls.pipedrive as string, token: SANDBOX_SECRETS.pipedriveToken };
		return new NaiveInstall(config);
	}

	sync(): ExecutionResult {
		const result = this.runtime.run("naiveSync", { args: [this.config], extraCode: NAIVE_SCRIPT });
		if (result.status !== "completed") throw new Error(`naive script ${result.status}: ${result.error}`);
		return result;
	}
}

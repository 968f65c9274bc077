/**
 * The runner (`hubsheet`, src/runner/) on this machine, syncing a LocalHub's spreadsheet through the
 * local Sheets server (local/sheets-api/) and the sandboxes. The owner's secrets are handed to it
 * as a deployment would (Secret Manager -> environment variables), and it signs in to Etsy on its
 * own (`hubsheet connect`), so Apps Script keeps its own sign-in: Etsy rotates refresh tokens,
 * and two engines sharing one would lock each other out.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunnerResult } from "../../src/runner/runner-sync.js";
import { environmentName } from "../../src/runner/secrets.js";
import { isSharedKey } from "../../src/sheet/engine-store.js";
import { type SpawnedSheetsApi, spawnSheetsApi } from "../sheets-api/spawn.js";
import type { LocalHub } from "./local-hub.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const CLI = resolve(repoRoot, "src/runner/cli.ts");

/** Script properties that are Apps Script's own, never handed to the runner. */
function appsScriptOnly(key: string): boolean {
	return isSharedKey(key) || key.startsWith("etsy.oauth.") || key.startsWith("hubsheet.") || key.includes(".oauth");
}

export interface RunnerRun {
	status: number;
	stdout: string;
	stderr: string;
	result?: RunnerResult;
}

export class LocalRunner {
	readonly secretsFile: string;
	private env: NodeJS.ProcessEnv = {};

	private constructor(
		readonly hub: LocalHub,
		readonly sheetsApi: SpawnedSheetsApi,
	) {
		this.secretsFile = join(mkdtempSync(join(tmpdir(), "hubsheet-runner-")), "secrets.json");
	}

	static async start(hub: LocalHub): Promise<LocalRunner> {
		return new LocalRunner(hub, await spawnSheetsApi(hub.runtime.options.stateDir));
	}

	get spreadsheetId(): string {
		return this.hub.runtime.state().workbook.id;
	}

	/** The secrets the owner saved in Settings, as environment variables (Secret Manager on Cloud Run). */
	handOverSecrets(): void {
		const script = this.hub.runtime.state().properties.script;
		this.env = Object.fromEntries(
			Object.entries(script)
				.filter(([key]) => !appsScriptOnly(key))
				.map(([key, value]) => [environmentName(key), value]),
		);
	}

	/** Runs `hubsheet <args>` as a separate process, as Cloud Run would. */
	cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): RunnerRun {
		const run = spawnSync(
			process.execPath,
			["--import", "tsx", CLI, ...args, "--spreadsheet", this.spreadsheetId, "--sheets-root-url", this.sheetsApi.url],
			{
				cwd: repoRoot,
				encoding: "utf8",
				env: {
					PATH: process.env.PATH,
					HOME: process.env.HOME,
					HUBSHEET_SECRETS_FILE: this.secretsFile,
					HUBSHEET_WHERE: "local runner",
					...this.env,
					...extraEnv,
				},
				timeout: 600_000,
			},
		);
		const out: RunnerRun = { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
		if (args.includes("--json")) {
			const line = run.stdout.trim().split("\n").pop() ?? "";
			try {
				out.result = JSON.parse(line) as RunnerResult;
			} catch {
				// Not JSON: the caller reads stdout and stderr.
			}
		}
		return out;
	}

	/** The runner's own Etsy sign-in, through the sandbox's consent page. */
	async connectEtsy(): Promise<void> {
		const started = this.cli(["connect", "start"]);
		const authorizeUrl = started.stdout.trim().split("\n").pop() ?? "";
		if (started.status !== 0 || !authorizeUrl.startsWith("http")) {
			throw new Error(`connect start failed: ${started.stderr || started.stdout}`);
		}
		const consent = await fetch(authorizeUrl, { redirect: "manual" });
		const location = consent.headers.get("location");
		if (!location) throw new Error(`Etsy's consent page did not redirect (HTTP ${consent.status}).`);
		const finished = this.cli(["connect", "finish", location]);
		if (finished.status !== 0) throw new Error(`connect finish failed: ${finished.stdout}${finished.stderr}`);
	}

	sync(mode: "sync" | "full-pass" = "sync", extraEnv: NodeJS.ProcessEnv = {}): RunnerRun {
		return this.cli([mode, "--json"], extraEnv);
	}

	stop(): Promise<void> {
		return this.sheetsApi.stop();
	}
}

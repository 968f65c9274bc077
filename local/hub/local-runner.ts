/**
 * The runner (`hubsheet`, src/runner/) on this machine, syncing a LocalHub's spreadsheet through the
 * local Sheets server (local/sheets-api/) and the sandboxes. The owner's secrets are handed to it
 * as a deployment would (Secret Manager -> environment variables), and it signs in to Etsy on its
 * own (`hubsheet connect`), so Apps Script keeps its own sign-in: Etsy rotates refresh tokens,
 * and two engines sharing one would lock each other out.
 */
import { spawn, spawnSync } from "node:child_process";
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

/** With `--json`, the runner's last line is its result. */
function withResult(args: string[], run: RunnerRun): RunnerRun {
	if (!args.includes("--json")) return run;
	const line = run.stdout.trim().split("\n").pop() ?? "";
	try {
		run.result = JSON.parse(line) as RunnerResult;
	} catch {
		// Not JSON: the caller reads stdout and stderr.
	}
	return run;
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

	private command(args: string[], extraEnv: NodeJS.ProcessEnv) {
		return {
			argv: [
				"--import",
				"tsx",
				CLI,
				...args,
				"--spreadsheet",
				this.spreadsheetId,
				"--sheets-root-url",
				this.sheetsApi.url,
			],
			options: {
				cwd: repoRoot,
				env: {
					PATH: process.env.PATH,
					HOME: process.env.HOME,
					HUBSHEET_SECRETS_FILE: this.secretsFile,
					HUBSHEET_WHERE: "local runner",
					...this.env,
					...extraEnv,
				},
			},
		};
	}

	/** Runs `hubsheet <args>` as a separate process, as Cloud Run would. */
	cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): RunnerRun {
		const { argv, options } = this.command(args, extraEnv);
		const run = spawnSync(process.execPath, argv, { ...options, encoding: "utf8", timeout: 600_000 });
		return withResult(args, { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr });
	}

	/** The same, without blocking this process (the playground's server keeps answering the page meanwhile). */
	cliInBackground(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<RunnerRun> {
		const { argv, options } = this.command(args, extraEnv);
		return new Promise((done, fail) => {
			const child = spawn(process.execPath, argv, { ...options, stdio: ["ignore", "pipe", "pipe"] });
			let stdout = "";
			let stderr = "";
			child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
				stdout += chunk;
			});
			child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
				stderr += chunk;
			});
			child.once("error", fail);
			child.once("close", (code) => done(withResult(args, { status: code ?? -1, stdout, stderr })));
		});
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

	syncInBackground(): Promise<RunnerRun> {
		return this.cliInBackground(["sync", "--json"]);
	}

	stop(): Promise<void> {
		return this.sheetsApi.stop();
	}
}

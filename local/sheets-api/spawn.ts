/**
 * Runs the local Sheets server in a child process: the emulated runtime blocks its thread during an
 * execution, and the runner blocks its own while a request is out, so neither could answer it.
 */
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

export interface SpawnedSheetsApi {
	url: string;
	/** Requests answered by method since the last reset ("values.batchGet": 3, ...). */
	counts(): Promise<Record<string, number>>;
	resetCounts(): Promise<void>;
	stop(): Promise<void>;
}

export async function spawnSheetsApi(stateDir: string, timeoutMs = 20_000): Promise<SpawnedSheetsApi> {
	const child = spawn(
		process.execPath,
		["--import", "tsx", resolve(here, "main.ts"), "--state-dir", stateDir, "--exit-with-stdin"],
		{ cwd: resolve(here, "../.."), stdio: ["pipe", "pipe", "inherit"] },
	);
	const exited = new Promise<void>((done) => child.once("exit", () => done()));
	const lines = createInterface({ input: child.stdout });
	const url = await new Promise<string>((resolveUrl, reject) => {
		const timer = setTimeout(() => {
			child.kill();
			reject(new Error(`the local Sheets server did not start within ${timeoutMs} ms`));
		}, timeoutMs);
		child.once("exit", (code) => {
			clearTimeout(timer);
			reject(new Error(`the local Sheets server exited with ${code} before printing its URL`));
		});
		lines.on("line", (line) => {
			try {
				const parsed = JSON.parse(line) as { sheetsApi?: string };
				if (parsed.sheetsApi) {
					clearTimeout(timer);
					resolveUrl(parsed.sheetsApi);
				}
			} catch {
				// Not the URL line.
			}
		});
	});
	return {
		url,
		counts: async () => (await fetch(`${url}__local/requests`)).json() as Promise<Record<string, number>>,
		resetCounts: async () => {
			await fetch(`${url}__local/requests`, { method: "DELETE" });
		},
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.stdin?.end();
			child.kill("SIGTERM");
			await exited;
		},
	};
}

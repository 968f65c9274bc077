/**
 * Keeps one set of sandboxes running in the background for local runs, so that `npm run sync`
 * twice talks to the same shop (and the same OAuth grant) like two trigger runs would.
 * Its pid and URLs are kept beside the local state; a dead or unanswering daemon is replaced.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");

export interface SandboxDaemon {
	pid: number;
	urls: Record<string, string>;
	startedAt: string;
	/** True when this call started it, false when it was already running. */
	started: boolean;
}

export function defaultDaemonDir(): string {
	return process.env.HUBSHEET_SANDBOX_DIR ?? join(repoRoot, ".hubsheet", "sandboxes");
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function answers(urls: Record<string, string>): Promise<boolean> {
	try {
		for (const url of Object.values(urls)) {
			const response = await fetch(`${url}/__sandbox`, { signal: AbortSignal.timeout(2000) });
			if (!response.ok) return false;
		}
		return Object.keys(urls).length > 0;
	} catch {
		return false;
	}
}

function readRecord(dir: string): Omit<SandboxDaemon, "started"> | undefined {
	const file = join(dir, "daemon.json");
	if (!existsSync(file)) return undefined;
	try {
		return JSON.parse(readFileSync(file, "utf8")) as Omit<SandboxDaemon, "started">;
	} catch {
		return undefined;
	}
}

/** Returns the running sandboxes, starting them in the background if they are not running. */
export async function ensureSandboxDaemon(options: { dir?: string; seed?: number; timeoutMs?: number } = {}) {
	const dir = options.dir ?? defaultDaemonDir();
	const known = readRecord(dir);
	if (known && alive(known.pid) && (await answers(known.urls))) return { ...known, started: false } as SandboxDaemon;
	if (known && alive(known.pid)) process.kill(known.pid, "SIGTERM");

	mkdirSync(dir, { recursive: true });
	const logFile = join(dir, "sandboxes.log");
	const out = openSync(logFile, "w");
	const args = ["--import", "tsx", join(here, "main.ts"), "--seed", String(options.seed ?? 1)];
	const child = spawn(process.execPath, args, { cwd: repoRoot, detached: true, stdio: ["ignore", out, out] });
	child.unref();
	closeSync(out);
	const deadline = Date.now() + (options.timeoutMs ?? 30_000);
	while (Date.now() < deadline) {
		const line = readFileSync(logFile, "utf8")
			.split("\n")
			.find((candidate) => candidate.startsWith('{"sandboxes"'));
		if (line) {
			const record = {
				pid: child.pid ?? -1,
				urls: (JSON.parse(line) as { sandboxes: Record<string, string> }).sandboxes,
				startedAt: new Date().toISOString(),
			};
			writeFileSync(join(dir, "daemon.json"), JSON.stringify(record, null, 2));
			return { ...record, started: true } as SandboxDaemon;
		}
		if (child.exitCode !== null) break;
		await new Promise((done) => setTimeout(done, 100));
	}
	throw new Error(`The sandboxes did not start; see ${logFile}.`);
}

export function stopSandboxDaemon(dir = defaultDaemonDir()): boolean {
	const known = readRecord(dir);
	rmSync(join(dir, "daemon.json"), { force: true });
	if (!known || !alive(known.pid)) return false;
	process.kill(known.pid, "SIGTERM");
	return true;
}

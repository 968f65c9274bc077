/**
 * Runs the sandboxes in a child process. The emulated UrlFetchApp blocks its thread while it waits
 * for a response, so a sandbox in the same process as the code under test would never answer.
 */
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { EtsyControlClient } from "./etsy/control-client.js";
import { FurgonetkaControlClient } from "./furgonetka/control-client.js";
import { HubSpotControlClient } from "./hubspot/control-client.js";
import { InpostControlClient } from "./inpost/control-client.js";
import { SandboxControlClient } from "./kit/control-client.js";
import { PipedriveControlClient } from "./pipedrive/control-client.js";
import { WebhookControlClient } from "./webhook/control-client.js";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");

/** Typed control clients by sandbox name: a new one adds a line here and an overload of `control`. */
const TYPED_CLIENTS: Record<string, new (url: string) => SandboxControlClient> = {
	etsy: EtsyControlClient,
	furgonetka: FurgonetkaControlClient,
	inpost: InpostControlClient,
	hubspot: HubSpotControlClient,
	webhook: WebhookControlClient,
	pipedrive: PipedriveControlClient,
};

export interface SpawnOptions {
	ports?: Record<string, number>;
	seed?: number;
	/** Sandbox start time, epoch ms. */
	now?: number;
	only?: string[];
	/** How long to wait for the URLs line; default 20 s (tsx compiles on first start). */
	timeoutMs?: number;
}

export interface SpawnedSandboxes {
	urls: Record<string, string>;
	control(platform: "etsy"): EtsyControlClient;
	control(platform: "furgonetka"): FurgonetkaControlClient;
	control(platform: "inpost"): InpostControlClient;
	control(platform: "hubspot"): HubSpotControlClient;
	control(platform: "webhook"): WebhookControlClient;
	control(platform: "pipedrive"): PipedriveControlClient;
	control(platform: string): SandboxControlClient;
	stop(): Promise<void>;
	readonly pid: number;
}

export async function spawnSandboxes(options: SpawnOptions = {}): Promise<SpawnedSandboxes> {
	const args = ["--import", "tsx", resolve(here, "main.ts"), "--exit-with-stdin"];
	for (const [name, port] of Object.entries(options.ports ?? {})) args.push(`--${name}-port`, String(port));
	if (options.seed !== undefined) args.push("--seed", String(options.seed));
	if (options.now !== undefined) args.push("--now", new Date(options.now).toISOString());
	if (options.only) args.push("--only", options.only.join(","));

	const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ["pipe", "pipe", "inherit"] });
	const exited = new Promise<void>((done) => child.once("exit", () => done()));
	const lines = createInterface({ input: child.stdout });

	const urls = await new Promise<Record<string, string>>((resolveUrls, reject) => {
		const timer = setTimeout(() => {
			child.kill();
			reject(new Error(`sandboxes did not start within ${options.timeoutMs ?? 20_000} ms`));
		}, options.timeoutMs ?? 20_000);
		child.once("exit", (code) => {
			clearTimeout(timer);
			reject(new Error(`sandbox process exited with ${code} before printing its URLs`));
		});
		lines.on("line", (line) => {
			try {
				const parsed = JSON.parse(line) as { sandboxes?: Record<string, string> };
				if (parsed.sandboxes) {
					clearTimeout(timer);
					resolveUrls(parsed.sandboxes);
				}
			} catch {
				// Not the URLs line: anything else the child prints on stdout is ignored.
			}
		});
	});

	const clients = new Map<string, SandboxControlClient>();
	function control(platform: "etsy"): EtsyControlClient;
	function control(platform: "furgonetka"): FurgonetkaControlClient;
	function control(platform: "inpost"): InpostControlClient;
	function control(platform: "hubspot"): HubSpotControlClient;
	function control(platform: "webhook"): WebhookControlClient;
	function control(platform: "pipedrive"): PipedriveControlClient;
	function control(platform: string): SandboxControlClient;
	function control(platform: string): SandboxControlClient {
		const url = urls[platform];
		if (!url) throw new Error(`no sandbox ${platform}; running: ${Object.keys(urls).join(", ")}`);
		let client = clients.get(platform);
		if (!client) {
			client = new (TYPED_CLIENTS[platform] ?? SandboxControlClient)(url);
			clients.set(platform, client);
		}
		return client;
	}

	return {
		urls,
		control,
		pid: child.pid ?? -1,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.stdin?.end();
			child.kill("SIGTERM");
			await exited;
		},
	};
}

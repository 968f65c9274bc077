/**
 * Starts the sandboxes in this process and prints one JSON line with their base URLs:
 *   {"sandboxes":{"etsy":"http://127.0.0.1:40123"}}
 * Usage: npx tsx local/sandbox/main.ts [--etsy-port 4001] [--seed 7] [--now 2026-01-15T09:00:00Z] [--only etsy]
 * Env: SANDBOX_<NAME>_PORT, SANDBOX_SEED, SANDBOX_HOST. Default ports are ephemeral.
 * It exits when its stdin closes if started with --exit-with-stdin, so a parent that dies
 * (even by SIGKILL) does not leave it holding ports.
 */
import { pathToFileURL } from "node:url";
import { listenSandbox, type RunningSandbox } from "./kit/server.js";
import { SANDBOXES } from "./registry.js";

export interface StartOptions {
	/** Port per sandbox name; 0 or missing means ephemeral. */
	ports?: Record<string, number>;
	seed?: number;
	/** Sandbox start time, epoch ms. */
	now?: number;
	host?: string;
	/** Start only these sandboxes; default all. */
	only?: string[];
}

export interface StartedSandboxes {
	urls: Record<string, string>;
	sandboxes: Record<string, RunningSandbox>;
	close(): Promise<void>;
}

export async function startSandboxes(options: StartOptions = {}): Promise<StartedSandboxes> {
	const names = options.only ?? Object.keys(SANDBOXES);
	const sandboxes: Record<string, RunningSandbox> = {};
	const close = async () => {
		await Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.close()));
	};
	try {
		for (const name of names) {
			const factory = SANDBOXES[name];
			if (!factory) throw new Error(`unknown sandbox ${name}; known: ${Object.keys(SANDBOXES).join(", ")}`);
			const platform = factory({
				...(options.seed === undefined ? {} : { seed: options.seed }),
				...(options.now === undefined ? {} : { now: options.now }),
			});
			sandboxes[name] = await listenSandbox(platform, {
				port: options.ports?.[name] ?? 0,
				...(options.host ? { host: options.host } : {}),
			});
		}
	} catch (error) {
		await close();
		throw error;
	}
	const urls = Object.fromEntries(Object.entries(sandboxes).map(([name, sandbox]) => [name, sandbox.url]));
	return { urls, sandboxes, close };
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): StartOptions & { exitWithStdin: boolean } {
	const options: StartOptions & { exitWithStdin: boolean } = { ports: {}, exitWithStdin: false };
	for (const name of Object.keys(SANDBOXES)) {
		const port = env[`SANDBOX_${name.toUpperCase()}_PORT`];
		if (port && options.ports) options.ports[name] = Number(port);
	}
	if (env.SANDBOX_SEED) options.seed = Number(env.SANDBOX_SEED);
	if (env.SANDBOX_HOST) options.host = env.SANDBOX_HOST;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] as string;
		const value = () => {
			const next = argv[++i];
			if (next === undefined) throw new Error(`${arg} needs a value`);
			return next;
		};
		const port = /^--(.+)-port$/.exec(arg);
		if (port?.[1] && options.ports) options.ports[port[1]] = Number(value());
		else if (arg === "--seed") options.seed = Number(value());
		else if (arg === "--now") options.now = Date.parse(value());
		else if (arg === "--host") options.host = value();
		else if (arg === "--only") options.only = value().split(",");
		else if (arg === "--exit-with-stdin") options.exitWithStdin = true;
		else throw new Error(`unknown argument ${arg}`);
	}
	return options;
}

async function main(): Promise<void> {
	const { exitWithStdin, ...options } = parseArgs(process.argv.slice(2), process.env);
	const started = await startSandboxes(options);
	process.stdout.write(`${JSON.stringify({ sandboxes: started.urls })}\n`);
	let stopping = false;
	const stop = () => {
		if (stopping) return;
		stopping = true;
		started.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on("SIGINT", stop);
	process.on("SIGTERM", stop);
	if (exitWithStdin) {
		process.stdin.on("end", stop);
		process.stdin.on("close", stop);
		process.stdin.resume();
	}
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
}

/**
 * google.script.run and google.script.host for the real Sidebar.html in the playground. Each call
 * is POSTed to the playground's server, which runs the entry point as one execution of the bundle
 * and answers with its value. It keeps Apps Script's rules: arguments must be primitives, arrays
 * and plain objects (a Date or a function fails the call at once), `undefined` in an array becomes
 * null, at most 10 calls run at a time (the 11th waits), and the handlers get `(value, userObject)`.
 */

type Handler = (value: unknown, userObject?: unknown) => void;

interface RunnerConfig {
	success?: Handler;
	failure?: Handler;
	userObject?: unknown;
}

const MAX_CONCURRENT_CALLS = 10;
let running = 0;
const waiting: Array<() => void> = [];

/** UNCONFIRMED text: what the browser console shows for an illegal argument in Apps Script. */
function illegal(path: string): Error {
	return new Error(`Failed due to illegal value in property: ${path}`);
}

function copyArgument(value: unknown, path: string, seen: Set<object>): unknown {
	if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
		return value;
	if (value === undefined) return undefined;
	if (typeof value !== "object") throw illegal(path);
	if (value instanceof Date || (typeof Node !== "undefined" && value instanceof Node)) throw illegal(path);
	if (seen.has(value)) throw illegal(path);
	seen.add(value);
	if (Array.isArray(value)) {
		const copy = value.map((item, index) => {
			const converted = copyArgument(item, `${path}.${index}`, seen);
			return converted === undefined ? null : converted;
		});
		seen.delete(value);
		return copy;
	}
	const copy: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) {
		const converted = copyArgument(item, path === "" ? key : `${path}.${key}`, seen);
		if (converted !== undefined) copy[key] = converted;
	}
	seen.delete(value);
	return copy;
}

function release(): void {
	running--;
	waiting.shift()?.();
}

function call(name: string, args: unknown[], config: RunnerConfig): void {
	// Checked before anything is sent, as Apps Script does: the call throws where it is made.
	const copied = args.map((arg, index) => copyArgument(arg, String(index), new Set()));
	const send = () => {
		running++;
		fetch("/api/run", {
			method: "POST",
			headers: { "content-type": "application/json" },
			body: JSON.stringify({ fn: name, args: copied }),
		})
			.then((response) => response.json() as Promise<{ ok: boolean; value?: unknown; error?: string }>)
			.then(
				(answer) => {
					if (answer.ok) config.success?.(answer.value, config.userObject);
					else fail(new Error(answer.error ?? "The script failed."));
				},
				(error: unknown) => fail(new Error(`NetworkError: ${(error as Error).message}`)),
			)
			.finally(release);
	};
	const fail = (error: Error) => {
		if (config.failure) config.failure(error, config.userObject);
		else console.error(`google.script.run.${name} failed: ${error.message}`);
	};
	if (running < MAX_CONCURRENT_CALLS) send();
	else waiting.push(send);
}

function runner(config: RunnerConfig): unknown {
	return new Proxy(
		{},
		{
			get(_target, property) {
				if (typeof property !== "string") return undefined;
				if (property === "withSuccessHandler") return (handler: Handler) => runner({ ...config, success: handler });
				if (property === "withFailureHandler") return (handler: Handler) => runner({ ...config, failure: handler });
				if (property === "withUserObject") return (userObject: unknown) => runner({ ...config, userObject });
				return (...args: unknown[]) => call(property, args, config);
			},
		},
	);
}

function tellParent(message: string): void {
	window.parent.postMessage({ hubsheet: message }, window.location.origin);
}

(window as unknown as { google: unknown }).google = {
	script: {
		run: runner({}),
		host: {
			close: () => tellParent(window.frameElement?.id === "dialog" ? "close-dialog" : "close-sidebar"),
			editor: { focus: () => tellParent("focus-editor") },
			// Sidebars have a fixed size in Apps Script: these apply to dialogs only.
			setHeight: () => undefined,
			setWidth: () => undefined,
			origin: window.location.origin,
		},
	},
};

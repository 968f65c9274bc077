/**
 * A typed promise wrapper around google.script.run: `server.getSidebarState()` returns a Promise of
 * what the server function returns, checked against the shared `SidebarApi` type.
 */
import type { SidebarApi, SidebarFunction } from "./sidebar-api.js";

type Promisified<Api> = {
	[Name in keyof Api]: Api[Name] extends (...args: infer Args) => infer Result
		? (...args: Args) => Promise<Awaited<Result>>
		: never;
};

interface ScriptRunner {
	withSuccessHandler(handler: (value: unknown) => void): ScriptRunner;
	withFailureHandler(handler: (error: Error) => void): ScriptRunner;
	[name: string]: unknown;
}

declare const google: { script: { run: ScriptRunner } } | undefined;

export function callServer<Name extends SidebarFunction>(
	name: Name,
	...args: Parameters<SidebarApi[Name]>
): Promise<Awaited<ReturnType<SidebarApi[Name]>>> {
	return new Promise((resolve, reject) => {
		if (typeof google === "undefined") {
			reject(new Error("google.script.run is not available: open the sidebar from the spreadsheet."));
			return;
		}
		const runner = google.script.run
			.withSuccessHandler((value) => resolve(value as Awaited<ReturnType<SidebarApi[Name]>>))
			.withFailureHandler(reject);
		(runner[name] as (...values: unknown[]) => void)(...args);
	});
}

export const server = new Proxy({} as Promisified<SidebarApi>, {
	get:
		(_target, name) =>
		(...args: unknown[]) =>
			(callServer as (name: string, ...values: unknown[]) => Promise<unknown>)(String(name), ...args),
});

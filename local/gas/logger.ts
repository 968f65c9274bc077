/**
 * Logger and console. Both write to the execution log (`host.log`); only Logger keeps the text that
 * `Logger.getLog()` returns, as in Apps Script where console goes to Cloud Logging instead.
 */
import { format } from "node:util";
import type { ExecutionHost } from "./host.js";

/**
 * How Logger renders a non-string value. UNCONFIRMED: Apps Script prints objects in a Java-like
 * `{a=1.0}` form; JSON is what scripts most often expect to read back.
 */
function show(value: unknown): string {
	if (typeof value === "string") return value;
	if (value === null || value === undefined || typeof value !== "object") return String(value);
	if (Object.prototype.toString.call(value) === "[object Date]") return String(value);
	try {
		return JSON.stringify(value);
	} catch {
		return String(value);
	}
}

export function createLogger(host: ExecutionHost): GoogleAppsScript.Base.Logger {
	const lines: string[] = [];
	const logger = {
		log(data: unknown, ...values: unknown[]) {
			host.touch("Logger", "log");
			let message = show(data);
			if (typeof data === "string" && values.length > 0) {
				let next = 0;
				message = data.replace(/%s/g, (token) => (next < values.length ? show(values[next++]) : token));
			}
			lines.push(message);
			host.log("log", message);
			return logger;
		},
		getLog() {
			host.touch("Logger", "getLog");
			return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
		},
		clear() {
			host.touch("Logger", "clear");
			lines.length = 0;
		},
	};
	return logger as GoogleAppsScript.Base.Logger;
}

/**
 * `console` of the script realm. It is not a service in Apps Script, so its calls are not counted.
 * Arguments are formatted like Node's console (`%s`, `%d`, `%o`, objects inspected).
 */
export function createConsole(host: ExecutionHost): Console {
	const timers = new Map<string, number>();
	const write =
		(level: "log" | "info" | "warn" | "error") =>
		(...args: unknown[]) =>
			host.log(level, format(...args));
	const scriptConsole = {
		log: write("log"),
		info: write("info"),
		debug: write("log"),
		warn: write("warn"),
		error: write("error"),
		time(label = "default") {
			timers.set(String(label), host.now());
		},
		timeEnd(label = "default") {
			const started = timers.get(String(label));
			if (started === undefined) return;
			timers.delete(String(label));
			host.log("log", `${label}: ${host.now() - started}ms`);
		},
	};
	return scriptConsole as unknown as Console;
}

import { describe, expect, it } from "vitest";
import { createConsole, createLogger } from "../../../local/gas/logger.js";
import { createTestHost } from "./test-host.js";

describe("Logger", () => {
	it("substitutes %s and keeps the text for getLog until clear", () => {
		const host = createTestHost();
		const logger = createLogger(host);
		logger.log("Synced %s orders in %s", 3, "2 s").log({ a: 1 });
		expect(logger.getLog()).toBe('Synced 3 orders in 2 s\n{"a":1}\n');
		expect(host.logs).toEqual([
			{ level: "log", message: "Synced 3 orders in 2 s" },
			{ level: "log", message: '{"a":1}' },
		]);
		logger.clear();
		expect(logger.getLog()).toBe("");
		expect(host.calls.filter((c) => c.method === "log")).toHaveLength(2);
	});
});

describe("console", () => {
	it("writes each level to the execution log without counting service calls", () => {
		const host = createTestHost();
		const scriptConsole = createConsole(host);
		scriptConsole.log("n=%d", 5);
		scriptConsole.info("info");
		scriptConsole.warn("warn", { a: 1 });
		scriptConsole.error("error");
		expect(host.logs).toEqual([
			{ level: "log", message: "n=5" },
			{ level: "info", message: "info" },
			{ level: "warn", message: "warn { a: 1 }" },
			{ level: "error", message: "error" },
		]);
		expect(host.calls).toEqual([]);
	});

	it("times on the virtual clock", () => {
		const host = createTestHost();
		const scriptConsole = createConsole(host);
		scriptConsole.time("sync");
		host.advance(1500);
		scriptConsole.timeEnd("sync");
		expect(host.logs).toEqual([{ level: "log", message: "sync: 1500ms" }]);
	});
});

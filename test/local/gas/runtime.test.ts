import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countCalls, LocalRuntime } from "../../../local/gas/runtime.js";
import { runtimeWithScript } from "./runtime-fixture.js";

const MINUTE = 60_000;

describe("an execution's realm", () => {
	it("holds Apps Script globals and none of Node's", () => {
		const runtime = runtimeWithScript(`
			function probe() {
				return ["require", "process", "setTimeout", "fetch", "module", "Buffer", "ScriptApp"]
					.map(function (name) { return name + ":" + typeof globalThis[name]; });
			}`);
		const result = runtime.run("probe");
		expect(result.status).toBe("completed");
		expect(result.value).toEqual([
			"require:undefined",
			"process:undefined",
			"setTimeout:undefined",
			"fetch:undefined",
			"module:undefined",
			"Buffer:undefined",
			"ScriptApp:object",
		]);
	});

	it("starts every execution from a clean global scope", () => {
		const runtime = runtimeWithScript("var counter = 0; function bump() { counter += 1; return counter; }");
		expect(runtime.run("bump").value).toBe(1);
		expect(runtime.run("bump").value).toBe(1);
	});

	it("reads the local clock through Date, and hands the script Dates of its own realm", () => {
		const runtime = runtimeWithScript(`
			function now(given) { return [Date.now(), new Date().getTime(), given instanceof Date, given.getTime()]; }`);
		const [fromNow, fromConstructor, isDate, givenTime] = runtime.run("now", { args: [new Date(12345)] }).value as [
			number,
			number,
			boolean,
			number,
		];
		const clock = Date.UTC(2026, 10, 22, 8, 0, 0);
		expect(fromNow).toBeGreaterThanOrEqual(clock);
		expect(fromNow).toBeLessThan(clock + MINUTE);
		expect(fromConstructor).toBeGreaterThanOrEqual(fromNow);
		expect(isDate).toBe(true);
		expect(givenTime).toBe(12345);
	});

	it("reports a missing function and a script error as Apps Script shows them", () => {
		const runtime = runtimeWithScript("function boom() { throw new Error('bad row 7'); }");
		expect(runtime.run("nothingHere")).toMatchObject({
			status: "failed",
			error: "Exception: Script function not found: nothingHere",
		});
		expect(runtime.run("boom")).toMatchObject({ status: "failed", error: "Error: bad row 7" });
	});

	it("refuses to run without a bundle, naming the build command", () => {
		const runtime = new LocalRuntime({ pushDir: "/nonexistent-push-dir" });
		expect(() => runtime.run("onOpen")).toThrow(/npm run build/);
	});
});

describe("owner actions", () => {
	it("run beside the bundle with the same services, for one execution only", () => {
		const runtime = runtimeWithScript("function bundled() { return typeof helper; }");
		expect(runtime.asOwner("return ScriptApp.getScriptId() === ScriptApp.getScriptId() && typeof bundled;")).toBe(
			"function",
		);
		expect(runtime.run("bundled").value).toBe("undefined");
		expect(() => runtime.asOwner("throw new Error('nope')")).toThrow(/Owner action failed: Error: nope/);
	});
});

describe("the execution time limit", () => {
	it("kills an execution past 6 minutes even when the script catches the error", () => {
		// Each ScriptApp call costs a virtual minute, so the limit is reached without waiting.
		const runtime = runtimeWithScript(
			`function forever() {
				var done = 0;
				for (var i = 0; i < 100; i++) {
					try { ScriptApp.getScriptId(); done++; } catch (e) { /* a script cannot survive the kill */ }
				}
				return done;
			}`,
			{ serviceLatencyMs: { ScriptApp: MINUTE } },
		);
		const result = runtime.run("forever");
		expect(result.status).toBe("killed");
		expect(result.error).toBe("Exceeded maximum execution time");
		expect(result.value).toBeUndefined();
		expect(countCalls(result.calls, "ScriptApp")).toBe(6);
		expect(result.endedAt - result.startedAt).toBeGreaterThan(6 * MINUTE);
	});

	it("can be killed at a chosen service call, keeping what was done before it", () => {
		const runtime = runtimeWithScript(`
			function makeTriggers() {
				for (var i = 0; i < 5; i++) ScriptApp.newTrigger("tick").timeBased().everyMinutes(5).create();
			}`);
		const result = runtime.run("makeTriggers", {
			options: {
				onServiceCall: (call, control) => {
					if (call.index === 6) control.kill();
				},
			},
		});
		expect(result.status).toBe("killed");
		// newTrigger + create per trigger: the 6th call is the 3rd newTrigger, so two were created.
		expect(runtime.state().triggers).toHaveLength(2);
	});

	it("counts service calls per service and method", () => {
		const runtime = runtimeWithScript("function twice() { ScriptApp.getScriptId(); ScriptApp.getProjectTriggers(); }");
		const { calls } = runtime.run("twice");
		expect(calls.map((call) => `${call.service}.${call.method}`)).toEqual([
			"ScriptApp.getScriptId",
			"ScriptApp.getProjectTriggers",
		]);
	});
});

describe("overlapping executions", () => {
	it("see real LockService semantics: the second fails tryLock while the first holds the lock", () => {
		const runtime = runtimeWithScript(`
			function guarded() {
				var lock = LockService.getScriptLock();
				if (!lock.tryLock(100)) return "busy";
				ScriptApp.getScriptId();
				lock.releaseLock();
				return "ran";
			}`);
		let second: unknown;
		const first = runtime.run("guarded", {
			options: {
				onServiceCall: (call) => {
					// While the first execution holds the lock, a trigger starts a second one.
					if (call.method === "getScriptId" && second === undefined) second = runtime.run("guarded").value;
				},
			},
		});
		expect(first.value).toBe("ran");
		expect(second).toBe("busy");
		expect(runtime.run("guarded").value).toBe("ran");
	});

	it("release a lock the script forgot, when the execution ends", () => {
		const runtime = runtimeWithScript(`
			function forgetful() { return LockService.getScriptLock().tryLock(0); }`);
		expect(runtime.run("forgetful").value).toBe(true);
		expect(runtime.run("forgetful").value).toBe(true);
	});

	it("hand the script arrays of its own realm", () => {
		const runtime = runtimeWithScript(`function arrays() { return Utilities.parseCsv("a,b") instanceof Array; }`);
		expect(runtime.run("arrays").value).toBe(true);
	});
});

describe("local state", () => {
	it("persists between runtimes on the same folder, like two executions on one spreadsheet", () => {
		const first = runtimeWithScript(`
			function install() { ScriptApp.newTrigger("sync").timeBased().everyMinutes(10).create(); }
			function count() { return ScriptApp.getProjectTriggers().length; }`);
		first.run("install");
		const second = new LocalRuntime(first.options);
		expect(second.run("count").value).toBe(1);
	});

	it("moves the local clock by each execution's duration", () => {
		const runtime = runtimeWithScript("function slow() { ScriptApp.getScriptId(); }", {
			serviceLatencyMs: { ScriptApp: 2 * MINUTE },
		});
		const before = runtime.state().clock;
		runtime.run("slow");
		expect(runtime.state().clock - before).toBeGreaterThanOrEqual(2 * MINUTE);
	});
});

describe("time-driven triggers", () => {
	const script = `
		function install() { ScriptApp.newTrigger("tick").timeBased().everyMinutes(10).create(); }
		function once() { ScriptApp.newTrigger("tick").timeBased().after(60000).create(); }
		function tick(event) { return event.triggerUid; }
		function list() { return ScriptApp.getProjectTriggers().map(function (t) { return t.getHandlerFunction(); }); }`;

	it("fire as the clock is advanced, each as its own execution with a trigger event", () => {
		const runtime = runtimeWithScript(script);
		runtime.run("install");
		const runs = runtime.advanceTime(35 * MINUTE);
		expect(runs.map((run) => run.functionName)).toEqual(["tick", "tick", "tick"]);
		const uid = runtime.state().triggers[0]?.uniqueId;
		expect(runs.every((run) => run.value === uid)).toBe(true);
		expect(runtime.advanceTime(4 * MINUTE)).toHaveLength(0);
		expect(runtime.advanceTime(1 * MINUTE)).toHaveLength(1);
	});

	it("fire a one-time trigger once; it stays listed until deleted", () => {
		const runtime = runtimeWithScript(script);
		runtime.run("once");
		expect(runtime.advanceTime(5 * MINUTE)).toHaveLength(1);
		expect(runtime.advanceTime(60 * MINUTE)).toHaveLength(0);
		expect(runtime.run("list").value).toEqual(["tick"]);
	});

	it("reject an interval Apps Script does not offer", () => {
		const runtime = runtimeWithScript(
			`function bad() { ScriptApp.newTrigger("tick").timeBased().everyMinutes(7).create(); }`,
		);
		expect(runtime.run("bad").error).toBe(
			"Exception: The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.",
		);
	});

	it("stop at 20 per script", () => {
		const runtime = runtimeWithScript(`
			function many() { for (var i = 0; i < 21; i++) ScriptApp.newTrigger("tick").timeBased().everyHours(1).create(); }`);
		expect(runtime.run("many").error).toMatch(/too many triggers/);
		expect(runtime.state().triggers).toHaveLength(20);
	});

	it("schedule a daily trigger at the hour asked in the script's time zone, not the spreadsheet's, unless inTimezone says", () => {
		const runtime = runtimeWithScript(`
			function setZone() { SpreadsheetApp.getActiveSpreadsheet().setSpreadsheetTimeZone("America/New_York"); }
			function nightly() { ScriptApp.newTrigger("tick").timeBased().everyDays(1).atHour(2).create(); }
			function nightlyThere() {
				ScriptApp.newTrigger("tock").timeBased().everyDays(1).atHour(2).inTimezone("America/New_York").create();
			}
			function badZone() { ScriptApp.newTrigger("tock").timeBased().everyDays(1).atHour(2).inTimezone("Mars/Olympus").create(); }`);
		runtime.run("setZone");
		runtime.run("nightly");
		runtime.run("nightlyThere");
		const hourIn = (timeZone: string, at: number) =>
			Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "numeric", hourCycle: "h23" }).format(at));
		const [tick, tock] = runtime.state().triggers.map((trigger) => trigger.nextRunAt ?? 0);
		// The manifest says Europe/Warsaw: that is the script's zone.
		expect(hourIn("Europe/Warsaw", tick ?? 0)).toBe(2);
		expect(hourIn("America/New_York", tock ?? 0)).toBe(2);
		expect(tick).toBeGreaterThan(runtime.state().clock);
		expect(runtime.run("badZone").error).toMatch(/Invalid argument: timezone Mars\/Olympus/);
	});

	it("refuse getUi() in a time-driven trigger, as Apps Script does, and allow it in a run by the user", () => {
		const runtime = runtimeWithScript(`
			function install() { ScriptApp.newTrigger("withUi").timeBased().everyHours(1).create(); }
			function withUi() { SpreadsheetApp.getUi(); return "shown"; }`);
		expect(runtime.run("withUi").value).toBe("shown");
		runtime.run("install");
		const [fired] = runtime.advanceTime(61 * MINUTE);
		expect(fired?.error).toBe("Exception: Cannot call SpreadsheetApp.getUi() from this context.");
	});
});

/**
 * Each expression is evaluated in the realm (this machine's zone is whatever it is) and in a Node
 * process started in the script's zone: local-time Date methods must agree with the latter, as on
 * Google, where the realm runs in the zone of appsscript.json.
 */
const LOCAL_TIME_PROBES = [
	"at().getHours()",
	"at().getTimezoneOffset()",
	"at().getDay() + ':' + at().getDate() + ':' + at().getMonth() + ':' + at().getFullYear()",
	"new Date(2026, 6, 1, 12, 0).toISOString()",
	"new Date(2026, 0, 1).getTime()",
	"new Date(99, 0, 1).toISOString()",
	"new Date('2026-07-01T12:00:00').toISOString()",
	"new Date('2026-07-01').toISOString()",
	"Date.parse('Jul 1, 2026 12:00')",
	"(function () { var d = at(); d.setHours(0, 0, 0, 0); return d.toISOString(); })()",
	"(function () { var d = at(); d.setDate(d.getDate() - 240); return d.toISOString() + ' ' + d.getHours(); })()",
	"(function () { var d = new Date(2026, 0, 31); d.setMonth(1); return d.toISOString(); })()",
	"new Date(2026, 2, 29, 2, 30).toISOString()",
	"new Date(2026, 9, 25, 2, 30).toISOString()",
	"new Date(2026, 2, 8, 2, 30).toISOString()",
	"new Date(2026, 10, 1, 1, 30).toISOString()",
	"at().toString()",
	"new Date(2026, 6, 1).toTimeString()",
	"new Date(2026, 0, 1).toDateString()",
	"String(new Date(NaN))",
	"at().toLocaleString('en-GB')",
	"at().toLocaleDateString('en-US', { weekday: 'long' })",
	"new Intl.DateTimeFormat('en-GB', { hour: 'numeric' }).format(at())",
	"Intl.DateTimeFormat().resolvedOptions().timeZone",
];

/** The instant the probes call "now": a November day, when none of the three zones is on summer time. */
const AT = Date.UTC(2026, 10, 22, 8, 0, 0);
const AT_SOURCE = `function at() { return new Date(${AT}); }`;

function inNode(timeZone: string): unknown[] {
	const script = `${AT_SOURCE}\nconsole.log(JSON.stringify([${LOCAL_TIME_PROBES.join(", ")}]));`;
	return JSON.parse(
		execFileSync(process.execPath, ["-e", script], { env: { ...process.env, TZ: timeZone } }).toString(),
	);
}

describe("the realm's Date", () => {
	it.each(["Europe/Warsaw", "America/New_York", "Asia/Kolkata"])(
		"reads and writes wall time in the script's zone (%s), not this machine's",
		(timeZone) => {
			const runtime = runtimeWithScript(`${AT_SOURCE}\nfunction probe() { return [${LOCAL_TIME_PROBES.join(", ")}]; }`);
			writeFileSync(
				join(runtime.options.pushDir, "appsscript.json"),
				JSON.stringify({ timeZone, runtimeVersion: "V8" }),
			);
			const result = runtime.run("probe");
			expect(result.status).toBe("completed");
			const realm = result.value as unknown[];
			const node = inNode(timeZone);
			expect(realm.length).toBe(LOCAL_TIME_PROBES.length);
			LOCAL_TIME_PROBES.forEach((probe, index) => {
				expect({ probe, value: realm[index] }).toEqual({ probe, value: node[index] });
			});
		},
	);

	it("is not the machine's zone even when the machine's is the script's", () => {
		const runtime = runtimeWithScript(
			"function probe() { return [new Date(Date.UTC(2026, 10, 22, 8)).getHours(), new Date(2026, 10, 22, 9).getTime()]; }",
		);
		// Europe/Warsaw is UTC+1 in November, whatever TZ this test process has.
		expect(runtime.run("probe").value).toEqual([9, Date.UTC(2026, 10, 22, 8)]);
	});
});

describe("OAuth callbacks through state tokens", () => {
	const script = `
		function begin() { return ScriptApp.newStateToken().withMethod("finish").withArgument("who", "etsy").withTimeout(600).createToken(); }
		function finish(request) { return request.parameter.who + ":" + request.parameter.code; }`;

	it("run the function the token names with the request's parameters", () => {
		const runtime = runtimeWithScript(script);
		const token = runtime.run("begin").value as string;
		const result = runtime.handleUserCallback({ state: token, code: "abc" });
		expect(result).toMatchObject({ status: "completed", value: "etsy:abc" });
	});

	it("refuse a forged or expired token", () => {
		const runtime = runtimeWithScript(script);
		const token = runtime.run("begin").value as string;
		expect(runtime.handleUserCallback({ state: `${token}x`, code: "abc" })).toEqual({
			error: "The state token is invalid or has expired. Please try again.",
		});
		runtime.advanceTime(11 * MINUTE);
		expect(runtime.handleUserCallback({ state: token, code: "abc" })).toHaveProperty("error");
	});
});
